"""The demo school: plausible, valid by every census rule, repeatable, and extensible."""

import inspect
from collections import Counter
from datetime import date

import pytest

import sencodesk.demo as demo
from sencodesk.demo import build_demo
from sencodesk.domain.codes import YEAR_AGE_ON_31_AUGUST
from sencodesk.domain.dates import age_on
from sencodesk.domain.errors import UserError
from sencodesk.domain.upn import check_upn
from sencodesk.services import pupils, settings
from sencodesk.services.actor import open_school
from sencodesk.services.census_check import check_register

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def big_school(tmp_path_factory):
    """One 2,000-pupil secondary shared by the statistical tests (built once: it is the slow bit)."""
    folder = tmp_path_factory.mktemp("big") / "school"
    made = build_demo(folder, phase="secondary", pupils=2000, seed=11, today=TODAY)
    actor = open_school(folder)
    yield made, actor
    actor.close()


def open_demo(tmp_path, **kwargs):
    made = build_demo(tmp_path / "school", today=TODAY, **kwargs)
    return made, open_school(tmp_path / "school")


def test_signature_the_gui_calls():
    params = inspect.signature(build_demo).parameters
    assert list(params) == ["data_dir", "phase", "pupils", "seed", "today", "encrypt"]
    assert all(
        params[p].kind is inspect.Parameter.KEYWORD_ONLY
        for p in ("phase", "pupils", "seed", "today", "encrypt")
    )


def test_default_primary_school(tmp_path):
    made, actor = open_demo(tmp_path, seed=5)
    try:
        assert made["pupils"] == 210 and made["phase"] == "primary" and made["seed"] == 5
        rows = pupils.list_register(actor)
        assert len(rows) == 210
        assert {r.year_group for r in rows} == {"N", "R", "1", "2", "3", "4", "5", "6"}
        assert made["on_roll"] + made["leavers"] == 210 and made["leavers"] >= 1
        school = settings.get_settings(actor)
        assert school["school_name"] == made["school_name"] and "(demo)" in school["school_name"]
        assert settings.is_set_up(actor) and len(school["urn"]) == 6
        report = check_register(actor)
        assert report.clean and report.breaches == [], [(b.rule, b.pupils[:2]) for b in report.breaches]
    finally:
        actor.close()


def test_empty_register_with_zero_pupils(tmp_path):
    made, actor = open_demo(tmp_path, pupils=0, seed=1)
    try:
        assert made["pupils"] == 0 and made["on_roll"] == 0
        assert settings.is_set_up(actor)
        assert pupils.list_register(actor) == []
    finally:
        actor.close()


def test_same_seed_same_school(tmp_path):
    a = build_demo(tmp_path / "a", pupils=120, seed=42, today=TODAY)
    b = build_demo(tmp_path / "b", pupils=120, seed=42, today=TODAY)
    build_demo(tmp_path / "c", pupils=120, seed=43, today=TODAY)
    rows = {}
    for name in "abc":
        s = open_school(tmp_path / name)
        rows[name] = [
            (r.upn, r.surname, r.forename, r.year_group, r.sen_status, r.primary_need)
            for r in pupils.list_register(s)
        ]
        s.close()
    assert a["school_name"] == b["school_name"]
    assert rows["a"] == rows["b"]
    assert rows["a"] != rows["c"]


def test_refuses_a_folder_that_already_holds_a_school(tmp_path):
    build_demo(tmp_path / "school", pupils=10, seed=1, today=TODAY)
    with pytest.raises(UserError, match="already holds a school"):
        build_demo(tmp_path / "school", pupils=50, seed=2, today=TODAY)
    actor = open_school(tmp_path / "school")
    assert actor.db.execute("SELECT COUNT(*) FROM pupils").fetchone()[0] == 10
    actor.close()


def test_refuses_a_real_school_set_up_by_hand(actor):
    with pytest.raises(UserError, match="already holds a school"):
        build_demo(actor.data_dir, pupils=5)


@pytest.mark.parametrize(
    "kwargs, words", [({"phase": "infant"}, "primary or secondary"), ({"pupils": -1}, "from 0 to 5,000")]
)
def test_bad_options(tmp_path, kwargs, words):
    with pytest.raises(UserError, match=words):
        build_demo(tmp_path / "school", **kwargs)


def test_steps_can_be_added_and_a_failing_step_leaves_no_school(tmp_path, monkeypatch):
    seen = {}

    def later_issue_step(actor, rng, today, ctx):
        seen["ids"] = list(ctx["pupil_ids"])
        seen["today"] = today
        ctx["summary"]["cycles"] = 0

    monkeypatch.setattr(demo, "STEPS", [*demo.STEPS, later_issue_step])
    made = build_demo(tmp_path / "one", pupils=20, seed=1, today=TODAY)
    assert len(seen["ids"]) == 20 and seen["today"] == TODAY and made["cycles"] == 0

    def broken_step(actor, rng, today, ctx):
        raise RuntimeError("a later step failed")

    monkeypatch.setattr(demo, "STEPS", [*demo.STEPS, broken_step])
    with pytest.raises(RuntimeError):
        build_demo(tmp_path / "two", pupils=20, seed=1, today=TODAY)
    actor = open_school(tmp_path / "two")
    assert not settings.is_set_up(actor)
    assert actor.db.execute("SELECT COUNT(*) FROM pupils").fetchone()[0] == 0
    actor.close()


def test_big_school_passes_every_census_rule(big_school):
    _, actor = big_school
    report = check_register(actor)
    assert report.integrity_ok and report.breaches == []


def test_secondary_year_groups_and_classes(big_school):
    _, actor = big_school
    rows = pupils.list_register(actor, include_leavers=False)
    years = {r.year_group for r in rows}
    assert {"7", "8", "9", "10", "11"} <= years <= {"7", "8", "9", "10", "11", "12", "13"}
    assert all(r.class_name.startswith(r.year_group) for r in rows)


def test_dobs_match_year_groups_with_the_31_august_cut_off(big_school):
    _, actor = big_school
    aug31 = date(2026, 8, 31)
    for row in actor.db.query("SELECT dob, year_group, admission_date FROM pupils"):
        dob = date.fromisoformat(row["dob"])
        assert age_on(dob, aug31) == YEAR_AGE_ON_31_AUGUST[row["year_group"]]
        assert dob < date.fromisoformat(row["admission_date"]) <= TODAY


def test_upns_valid_unique_and_mostly_from_known_las(big_school):
    _, actor = big_school
    upns = [r[0] for r in actor.db.execute("SELECT upn FROM pupils")]
    assert len(upns) == len(set(upns)) == 2000
    checks = [check_upn(u) for u in upns]
    assert all(c.ok and not c.warnings for c in checks)


def test_sen_shares_and_needs_as_in_england(big_school):
    made, actor = big_school
    on_roll = made["on_roll"]
    assert 0.11 <= made["sen_support"] / on_roll <= 0.19
    assert 0.02 <= made["ehc_plans"] / on_roll <= 0.045
    rows = [r for r in pupils.list_register(actor, include_leavers=False)]
    k = Counter(r.primary_need for r in rows if r.sen_status == "K")
    e = Counter(r.primary_need for r in rows if r.sen_status == "E")
    assert {n for n, _ in k.most_common(3)} <= {"SLCN", "SEMH", "MLD", "SPLD"}
    assert e.most_common(1)[0][0] == "ASD"
    assert "NSA" not in e
    with_secondary = [r for r in rows if r.sen_status != "N" and r.secondary_need]
    assert 0.15 <= len(with_secondary) / sum(r.sen_status != "N" for r in rows) <= 0.45
    assert all(r.secondary_need != r.primary_need for r in with_secondary)


def test_flags_in_plausible_shares(big_school):
    _, actor = big_school
    row = actor.db.execute(
        "SELECT AVG(pupil_premium), AVG(eal), AVG(fsm), SUM(looked_after), "
        "SUM(fsm AND NOT pupil_premium) FROM pupils"
    ).fetchone()
    pp, eal, fsm, lac, fsm_without_pp = row
    assert 0.20 <= pp <= 0.31 and 0.14 <= eal <= 0.26 and 0.19 <= fsm <= 0.30
    assert 5 <= lac <= 45
    assert fsm_without_pp == 0  # FSM makes a pupil eligible for pupil premium


def test_histories_k_then_e_and_off_the_register(big_school):
    _, actor = big_school
    paths = Counter()
    for row in actor.db.query(
        "SELECT group_concat(status, '>') AS path FROM "
        "(SELECT pupil_id, status FROM sen_history ORDER BY pupil_id, start_date, id) GROUP BY pupil_id"
    ):
        paths[row["path"]] += 1
    assert paths["K>E"] >= 5 and paths["K>N"] >= 5
    assert paths["E"] > 0 and paths["K"] > 0 and paths["N"] > 1000
    starts = actor.db.execute("SELECT MAX(start_date) FROM sen_history").fetchone()[0]
    assert starts <= TODAY.isoformat()


def test_contacts_and_leavers(big_school):
    made, actor = big_school
    no_contact = actor.db.execute(
        "SELECT COUNT(*) FROM pupils WHERE id NOT IN (SELECT pupil_id FROM contacts)"
    ).fetchone()[0]
    assert no_contact == 0
    phones = [r[0] for r in actor.db.execute("SELECT phone FROM contacts")]
    assert all(p.startswith("07700 900") for p in phones)  # Ofcom's drama range: never a real number
    leavers = list(
        actor.db.query("SELECT left_on, admission_date, destination FROM pupils WHERE left_on IS NOT NULL")
    )
    assert len(leavers) == made["leavers"] >= 10
    assert all(r["admission_date"] < r["left_on"] < TODAY.isoformat() and r["destination"] for r in leavers)


def test_every_pupil_write_is_audited(big_school):
    _, actor = big_school
    created = actor.db.execute(
        "SELECT COUNT(*) FROM audit WHERE action = 'create' AND entity = 'pupil'"
    ).fetchone()[0]
    archived = actor.db.execute("SELECT COUNT(*) FROM audit WHERE action = 'archive'").fetchone()[0]
    made, _ = big_school
    assert created == 2000 and archived == made["leavers"]


@pytest.mark.parametrize(
    "phase, year, size, expected",
    [
        ("primary", "N", 26, ["Nursery"]),
        ("primary", "3", 30, ["3A"]),
        ("primary", "3", 31, ["3A", "3B"]),
        ("secondary", "9", 200, ["9A", "9B", "9C", "9D", "9E", "9F", "9G", "9H"]),
    ],
)
def test_class_names(phase, year, size, expected):
    from sencodesk.demo.roll import class_names

    assert class_names(phase, year, size) == expected


def test_huge_year_groups_do_not_run_out_of_form_names():
    from sencodesk.demo.roll import FORM_LETTERS, class_names

    names = class_names("secondary", "9", 1000)
    assert len(names) == len(set(names)) == len(FORM_LETTERS)


def test_year_sizes_add_up(tmp_path):
    import random

    from sencodesk.demo.roll import year_sizes

    for total in (0, 1, 7, 210, 2000, 4999):
        for phase in ("primary", "secondary"):
            assert sum(year_sizes(random.Random(total), phase, total).values()) == total


def test_home_language_and_attendance_are_on_every_demo_record(big_school):
    _made, actor = big_school
    rows = list(
        actor.db.query(
            "SELECT eal, sen_status, home_language, attendance_pct, attendance_as_at"
            " FROM pupils WHERE left_on IS NULL"
        )
    )
    assert all(r["home_language"] == "English" for r in rows if not r["eal"])
    eal = [r for r in rows if r["eal"]]
    assert eal and all(r["home_language"] and r["home_language"] != "English" for r in eal)
    assert all(
        72.0 <= r["attendance_pct"] <= 100.0 and round(r["attendance_pct"], 1) == r["attendance_pct"]
        for r in rows
    )
    assert {r["attendance_as_at"] for r in rows} == {"2026-11-27"}  # the Friday before TODAY
    register = [r["attendance_pct"] for r in rows if r["sen_status"] != "N"]
    others = [r["attendance_pct"] for r in rows if r["sen_status"] == "N"]
    assert sum(register) / len(register) < sum(others) / len(others)  # SEN pupils attend a little less
