"""The demo's pack evidence: assessments, views, outside services, referrals with consent,
one-page profiles and EHCNA requests. The records exist in realistic numbers, obey the rules the
services enforce (consent before a referral is sent, dates in order, nothing after today), and
an EHCNA pack for a demo pupil has real evidence in every section the LA reads."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from sencodesk.demo import assess_words, build_demo, outside_words, profile_words
from sencodesk.demo.assess_stage import ordinal, percentile, years_months
from sencodesk.domain import referrals as rules
from sencodesk.domain.wording import vague_phrases
from sencodesk.services import packs, referrals
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-packs")
    summary = build_demo(folder, phase="secondary", pupils=700, seed=8128, today=TODAY)
    actor = open_school(folder)
    yield actor, summary
    actor.close()


def one(db, sql: str, params=()) -> int:
    return db.execute(sql, params).fetchone()[0]


def test_a_realistic_share_of_the_register_has_each_kind_of_evidence(school):
    actor, summary = school
    db = actor.db
    register = one(db, "SELECT COUNT(*) FROM pupils WHERE sen_status IN ('K', 'E') AND left_on IS NULL")
    assessed = one(
        db, "SELECT COUNT(DISTINCT c.pupil_id) FROM assessments a JOIN cycles c ON c.id = a.cycle_id"
    )
    involved = one(db, "SELECT COUNT(DISTINCT pupil_id) FROM involvements")
    profiled = one(
        db, "SELECT COUNT(*) FROM pupil_passports WHERE like_and_admire != '' AND how_to_support != ''"
    )
    assert register > 50
    assert 0.6 * register <= assessed < register
    assert 0.3 * register <= involved < register
    assert 0.6 * register <= profiled < register
    assert (
        summary["assessments"] > assessed and summary["referrals"] >= 10 and summary["profiles"] == profiled
    )
    # progress over cycles: the same measure taken in more than one cycle for most assessed pupils
    repeated = one(
        db,
        "SELECT COUNT(*) FROM (SELECT c.pupil_id FROM assessments a JOIN cycles c ON c.id = a.cycle_id"
        " GROUP BY c.pupil_id, a.name HAVING COUNT(DISTINCT a.cycle_id) >= 2)",
    )
    assert repeated >= assessed // 3
    # every broad area's measures appear, and each service is involved somewhere
    names = {r[0] for r in db.execute("SELECT DISTINCT name FROM assessments")}
    assert {
        "Speech & language: CELF-5 core score",
        "Single word spelling test (standardised)",
        "Number skills (standardised)",
        "Boxall profile: developmental strands (out of 136)",
    } <= names
    assert any(n.startswith("Reading age") for n in names)
    services = {r[0] for r in db.execute("SELECT DISTINCT service FROM involvements")}
    assert {
        "Educational psychology",
        "Speech and language therapy",
        "Occupational therapy",
        "Child and adolescent mental health services (CAMHS)",
    } <= services
    assert any(s.startswith("Specialist teaching service") for s in services)


def test_every_cycle_has_views_with_who_and_when_and_a_description_of_its_needs(school):
    """Except where the demo leaves a record incomplete on purpose (demo/case_gaps.py)."""
    actor, summary = school
    db = actor.db
    # the cycles the case sample's demo step left gaps in, as a table the queries leave out
    db.execute("CREATE TEMP TABLE IF NOT EXISTS gap_pupils (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM gap_pupils")
    db.conn.executemany("INSERT INTO gap_pupils VALUES (?)", [(i,) for i in summary["gap_pupils"]])
    assert summary["gap_pupils"]
    full = "pupil_id NOT IN (SELECT id FROM gap_pupils)"
    assert (
        one(
            db,
            f"SELECT COUNT(*) FROM cycles WHERE {full} AND (pupil_views = '' OR parent_views = ''"
            " OR pupil_views_by = '' OR parent_views_by = ''"
            " OR pupil_views_on IS NULL OR parent_views_on IS NULL)",
        )
        == 0
    )
    # views are given before the plan starts, and the parent is named with their relationship
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM cycles WHERE pupil_views_on > plan_start OR parent_views_on > plan_start",
        )
        == 0
    )
    assert one(db, f"SELECT COUNT(*) FROM cycles WHERE {full} AND parent_views_by NOT LIKE '%(%)%'") == 0
    assert (
        one(
            db,
            f"SELECT COUNT(*) FROM cycles WHERE {full}"
            " AND needs_ci || needs_cl || needs_semh || needs_sp = ''",
        )
        == 0
    )
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM cycles WHERE needs_ci || needs_cl || needs_semh || needs_sp"
            " LIKE '%see outcomes%' OR pupil_views = 'I like working with my group.'",
        )
        == 0
    )
    # a child's words differ from one cycle to the next (not one sentence copied into every cycle)
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM cycles a"
            " JOIN cycles b ON b.pupil_id = a.pupil_id AND b.number = a.number + 1"
            " WHERE a.pupil_id NOT IN (SELECT id FROM gap_pupils)"
            " AND (a.pupil_views = b.pupil_views OR a.parent_views = b.parent_views)",
        )
        == 0
    )
    # a held review has the child's and parents' words
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
            f" WHERE c.{full} AND (r.pupil_views = '' OR r.parent_views = '')",
        )
        == 0
    )


def test_a_sensory_need_is_described_and_referred_as_one(school):
    db = school[0].db
    # hearing loss is described as hearing loss, never as weak fine motor control, and goes to the
    # specialist teachers' hearing team, not occupational therapy
    for need, words in (("HI", "hearing aids"), ("VI", "low vision"), ("PD", "")):
        for (text,) in db.execute(
            "SELECT c.needs_sp FROM cycles c JOIN pupils p ON p.id = c.pupil_id WHERE p.primary_need = ?",
            [need],
        ):
            assert words in text
            assert need == "PD" or "fine motor" not in text
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM referrals r JOIN pupils p ON p.id = r.pupil_id"
            " WHERE p.primary_need IN ('HI', 'VI') AND r.service = 'ot'",
        )
        == 0
    )


def test_assessments_are_taken_in_their_cycles_assess_stage(school):
    db = school[0].db
    rows = list(
        db.execute(
            "SELECT a.taken_on, c.assess_date, a.score, a.meaning FROM assessments a"
            " JOIN cycles c ON c.id = a.cycle_id"
        )
    )
    assert rows
    for taken, assess, score, meaning in rows:
        assert (
            date.fromisoformat(assess) - timedelta(days=10)
            <= date.fromisoformat(taken)
            <= date.fromisoformat(assess)
        )
        assert score and meaning
    # no measure is recorded twice in one cycle
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM (SELECT cycle_id, name FROM assessments GROUP BY 1, 2 HAVING COUNT(*) > 1)",
        )
        == 0
    )


def test_referrals_come_in_every_status_and_none_leaves_the_school_without_consent(school):
    actor = school[0]
    db = actor.db
    statuses = {r[0] for r in db.execute("SELECT DISTINCT status FROM referrals")}
    assert {"draft", "sent", "accepted", "seen"} <= statuses and statuses & {"declined", "closed"}
    assert {r[0] for r in db.execute("SELECT DISTINCT service FROM referrals")} == set(rules.SERVICES)
    drafts_without = one(
        db,
        "SELECT COUNT(*) FROM referrals r WHERE status = 'draft'"
        " AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.referral_id = r.id)",
    )
    assert drafts_without >= 1
    for (referral_id,) in db.execute("SELECT id FROM referrals"):
        ref = referrals.get_referral(actor, referral_id)
        assert ref.referred_on <= TODAY and ref.reason and ref.asks
        # every service question is answered
        assert set(ref.answers) == {key for key, _ in rules.SERVICE_QUESTIONS[ref.service]}
        if ref.status == "draft":
            continue
        rules.check_status_change(ref, ref.status)  # raises if consent to refer is missing
        assert ref.consent.given_on <= ref.referred_on
        assert ref.consent.share_with and rules.service_label(ref.service) in ref.consent.share_with
        if ref.status in ("accepted", "declined", "seen", "closed"):
            assert re.search(r"\d\d/\d\d/\d{4}", ref.outcome_notes)
    # a referral the service has seen has the service's involvement, started after the referral
    assert (
        one(
            db,
            "SELECT COUNT(*) FROM referrals r WHERE status IN ('seen', 'closed') AND NOT EXISTS"
            " (SELECT 1 FROM involvements i WHERE i.pupil_id = r.pupil_id AND i.started_on > r.referred_on)",
        )
        == 0
    )


def test_involvements_have_reports_dated_in_order(school):
    db = school[0].db
    for started, ended, report, professional, summary in db.execute(
        "SELECT started_on, ended_on, latest_report_on, professional, summary FROM involvements"
    ):
        assert started <= report <= TODAY.isoformat()
        assert ended is None or started <= ended < TODAY.isoformat()
        assert professional and summary


def test_two_or_three_pupils_have_a_full_ehcna_request_with_consent_before_it(school):
    actor = school[0]
    db = actor.db
    drafts = list(db.query("SELECT * FROM ehcna_drafts"))
    assert 2 <= len(drafts) <= 3
    sent = dict(db.execute("SELECT pupil_id, MIN(sent_on) FROM ehcna_requests GROUP BY pupil_id").fetchall())
    for d in drafts:
        assert len(d["now_needed"]) > 200 and len(d["outcomes_sought"]) > 100
        assert d["home_language"] and d["attendance_pct"] and d["completed_by"]
        if d["pupil_id"] in sent:
            assert d["request_date"] == sent[d["pupil_id"]]
        consents = referrals.ehcna_consents(actor, d["pupil_id"])
        assert consents and all(
            c.consent_to_refer and c.given_on <= date.fromisoformat(d["request_date"]) for c in consents
        )
        # EP advice within the last year, as LAs ask
        assert one(
            db,
            "SELECT COUNT(*) FROM involvements WHERE pupil_id = ? AND service = 'Educational psychology'"
            " AND latest_report_on >= ?",
            [d["pupil_id"], (TODAY - timedelta(days=365)).isoformat()],
        )


SECTIONS_WITH_EVIDENCE = (
    "child_views",
    "parent_views",
    "needs",
    "attainment",
    "graduated",
    "costed_provision",
    "professionals",
)


def test_an_ehcna_pack_for_the_request_being_prepared_has_evidence_in_every_section(school, tmp_path):
    actor = school[0]
    pupil_id = actor.db.execute(
        "SELECT pupil_id FROM ehcna_drafts WHERE pupil_id NOT IN (SELECT pupil_id FROM ehcna_requests)"
    ).fetchone()[0]
    assert one(actor.db, "SELECT COUNT(*) FROM cycles WHERE pupil_id = ?", [pupil_id]) >= 3
    out = tmp_path / "ehcna.pdf"
    result = packs.export_ehcna(actor, pupil_id, out, cycles=None, today=TODAY, invariant=True)
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    profile = packs.ehcna_model(actor, pupil_id, today=TODAY).profile
    headings = {key: profile.heading(key, n) for n, key in enumerate(profile.order, start=1)}
    starts = sorted((text.index(h), key) for key, h in headings.items() if h in text)
    assert [k for _, k in starts][: len(SECTIONS_WITH_EVIDENCE)]  # headings found in order
    for i, (at, key) in enumerate(starts):
        body = text[at : starts[i + 1][0] if i + 1 < len(starts) else len(text)]
        if key in SECTIONS_WITH_EVIDENCE:
            assert "Not yet recorded" not in body, f"{key}: {body[:300]}"
    assert set(SECTIONS_WITH_EVIDENCE) <= {k for _, k in starts}
    assert "CONSENT NOT RECORDED" not in text
    assert not result.missing
    assert all(check.met for check in result.checklist)


def test_a_draft_referral_without_consent_prints_the_banner_and_a_sent_one_its_consent(school, tmp_path):
    actor = school[0]
    db = actor.db
    draft = db.execute(
        "SELECT id FROM referrals r WHERE status = 'draft' AND NOT EXISTS"
        " (SELECT 1 FROM consents c WHERE c.referral_id = r.id)"
    ).fetchone()[0]
    sent = db.execute("SELECT id FROM referrals WHERE status = 'sent'").fetchone()[0]
    for referral_id, banner in ((draft, True), (sent, False)):
        out = tmp_path / f"ref-{referral_id}.pdf"
        packs.export_referral(actor, referral_id, out, today=TODAY, invariant=True)
        text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
        assert ("CONSENT NOT RECORDED" in text) is banner
        ref = referrals.get_referral(actor, referral_id)
        assert ref.reason.split(":")[0][:40] in re.sub(r"\s+", " ", text)


def test_a_one_page_profile_has_the_childs_own_words(school, tmp_path):
    actor = school[0]
    pupil_id, admired = actor.db.execute(
        "SELECT pupil_id, like_and_admire FROM pupil_passports LIMIT 1"
    ).fetchone()
    out = tmp_path / "profile.pdf"
    packs.export_profile(actor, pupil_id, out, today=TODAY, invariant=True)
    pages = PdfReader(str(out)).pages
    text = re.sub(r"\s+", " ", pages[0].extract_text())
    assert len(pages) == 1 and "Not yet recorded" not in text
    assert admired.split(".")[0] in text


def _demo_phrases() -> list[str]:
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for module in (assess_words, outside_words, profile_words):
        for name in dir(module):
            if name.isupper():
                walk(getattr(module, name))
    return found


def test_the_demo_words_are_specific():
    phrases = _demo_phrases()
    assert len(phrases) > 100
    vague = {p: [h.phrase for h in vague_phrases(p)] for p in phrases if vague_phrases(p)}
    assert vague == {}


def test_the_ehcna_request_words_name_frequency_and_staff():
    for area, text in profile_words.NOW_NEEDED.items():
        assert re.search(r"\d+ x \d+ minutes a week", text), area
        assert re.search(r"\b(TA|HLTA|therapist|key adult|ELSA|specialist)\b", text), area


def test_score_words():
    assert percentile(100) == 50 and percentile(70) == 2 and percentile(130) == 98
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 98)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "98th",
    ]
    assert years_months(7.0) == "7y 0m" and years_months(7.99) == "8y 0m" and years_months(8.5) == "8y 6m"


def test_the_evidence_steps_are_fast_for_a_big_school(tmp_path, monkeypatch):
    import time

    import sencodesk.demo as demo
    from sencodesk.demo.assess_stage import add_assess_stage
    from sencodesk.demo.outside import add_outside_services
    from sencodesk.demo.profiles import add_profiles_and_requests

    spent: dict[str, float] = {}

    def timed(step):
        def run(*args):
            start = time.perf_counter()
            step(*args)
            spent[step.__name__] = time.perf_counter() - start

        return run

    ours = (add_assess_stage, add_outside_services, add_profiles_and_requests)
    monkeypatch.setattr(demo, "STEPS", [timed(s) if s in ours else s for s in demo.STEPS])
    demo.build_demo(tmp_path / "big", phase="secondary", pupils=1500, seed=3, today=TODAY)
    assert set(spent) == {s.__name__ for s in ours}
    # bulk rows in the demo's one transaction: a fraction of a second (about 0.2 s here)
    assert sum(spent.values()) < 2.0, spent


def test_a_profile_does_not_repeat_the_plan_and_fits_a_sensory_need(school):
    db = school[0].db
    rows = list(
        db.execute(
            "SELECT x.how_to_support, p.primary_need,"
            " (SELECT strategies FROM cycles c WHERE c.pupil_id = p.id"
            " ORDER BY number DESC LIMIT 1) FROM pupil_passports x JOIN pupils p ON p.id = x.pupil_id"
        )
    )
    assert rows
    for support, need, plan in rows:
        for line in support.splitlines():
            assert not any(
                k in line.lower() and k in (plan or "").lower() for k in profile_words.SAME_STRATEGY
            )
        if need in profile_words.SUPPORT_BY_NEED:
            assert set(support.splitlines()) & set(profile_words.SUPPORT_BY_NEED[need])


def test_an_outcome_met_at_a_review_is_not_set_again(school):
    db = school[0].db
    again = one(
        db,
        "SELECT COUNT(*) FROM outcomes o JOIN cycles c ON c.id = o.cycle_id"
        " JOIN outcomes earlier ON earlier.text = o.text AND earlier.rating IN ('met', 'exceeded')"
        " JOIN cycles ce ON ce.id = earlier.cycle_id AND ce.pupil_id = c.pupil_id AND ce.number < c.number",
    )
    assert again == 0
    # and a cycle never lists the same outcome twice
    assert (
        one(
            db, "SELECT COUNT(*) FROM (SELECT cycle_id, text FROM outcomes GROUP BY 1, 2 HAVING COUNT(*) > 1)"
        )
        == 0
    )
