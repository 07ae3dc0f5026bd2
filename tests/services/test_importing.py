"""Importing the roll: adds, updates, never blanks, bad rows explained and left out, one transaction."""

import re
from datetime import date

import pytest

from sencodesk.domain import roll_import
from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.upn import check_letter
from sencodesk.domain.users import User
from sencodesk.services import importing, pupils
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history

TODAY = date(2026, 11, 29)
HEAD = "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,SEN Status,Primary Need,Secondary Need,FSM"


def upn(i: int) -> str:
    """A valid UPN for each i up to 99,999 (make_upn repeats after 1,000)."""
    body = f"9382001{i // 1000:02d}{i % 1000:03d}"
    return check_letter(body) + body


def line(
    i,
    surname="Smith",
    forename="Amy",
    dob="03/04/2018",
    gender="F",
    year="Y4",
    reg="4B",
    status="N",
    primary="",
    secondary="",
    fsm="No",
    upn_text=None,
):
    return ",".join(
        [upn_text or upn(i), surname, forename, dob, gender, year, reg, status, primary, secondary, fsm]
    )


def write(tmp_path, lines, name="roll.csv", head=HEAD):
    path = tmp_path / name
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def counts(actor):
    return {
        t: actor.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("pupils", "sen_history", "audit")
    }


def run(actor, path, dry_run=False, **kw):
    return importing.import_roll_file(actor, path, dry_run=dry_run, today=TODAY, **kw)


def test_new_pupils_are_added_with_history_and_audit(actor, tmp_path):
    path = write(
        tmp_path, [line(1, status="K - SEN Support", primary="SLCN"), line(2, forename="Ben", gender="M")]
    )
    plan = run(actor, path)
    assert plan.applied and plan.count("add") == 2 and plan.bad == []
    rows = {r.forename: r for r in pupils.list_register(actor)}
    assert rows["Amy"].sen_status == "K" and rows["Amy"].primary_need == "SLCN"
    amy = pupils.get_pupil(actor, rows["Amy"].id)
    assert [(h.status, h.primary_need) for h in amy.sen_history] == [("K", "SLCN")]
    assert amy.year_group == "4" and amy.class_name == "4B" and amy.fsm is False
    assert "from the roll import" in pupil_history(actor, amy.id)[0]["summary"]
    summary = actor.db.execute("SELECT summary FROM audit WHERE entity = 'roll'").fetchone()[0]
    assert "2 new pupils added" in summary and "Amy" not in summary


def test_dry_run_writes_nothing_and_reports_the_same(actor, tmp_path):
    path = write(tmp_path, [line(1), line(2, dob="31/02/2018")])
    before = counts(actor)
    plan = run(actor, path, dry_run=True)
    assert counts(actor) == before
    assert not plan.applied and plan.count("add") == 1 and len(plan.bad) == 1
    assert plan.headline.startswith("Dry run (nothing saved).")
    real = run(actor, path)
    assert [(o.row, o.action) for o in real.outcomes] == [(o.row, o.action) for o in plan.outcomes]


def test_reimport_updates_matched_pupils_and_adds_sen_history(actor, tmp_path):
    run(actor, write(tmp_path, [line(1, status="K", primary="MLD")]))
    plan = run(actor, write(tmp_path, [line(1, status="E", primary="ASD", reg="4C")], "again.csv"))
    assert plan.count("update") == 1 and plan.count("add") == 0
    pupil = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (pupil.sen_status, pupil.primary_need, pupil.class_name) == ("E", "ASD", "4C")
    assert pupil.sen_start_date == TODAY
    assert [(h.status, h.primary_need) for h in pupil.sen_history] == [("K", "MLD"), ("E", "ASD")]
    assert pupil.version == 2
    assert "changed class from 4B to 4C" in plan.outcomes[0].summary


def test_reimport_of_the_same_file_changes_nothing(actor, tmp_path):
    path = write(tmp_path, [line(1, status="K", primary="MLD")])
    run(actor, path)
    before = counts(actor)
    plan = run(actor, path)
    assert plan.count("unchanged") == 1
    assert counts(actor)["sen_history"] == before["sen_history"]
    assert counts(actor)["pupils"] == before["pupils"]


def test_reimport_never_overwrites_a_field_with_a_blank(actor, tmp_path):
    pid = pupils.add_pupil(
        actor,
        {
            "upn": upn(5),
            "legal_surname": "Smith",
            "legal_forename": "Amy",
            "preferred_forename": "Ami",
            "dob": "03/04/2018",
            "gender": "F",
            "year_group": "4",
            "class_name": "4B",
            "sen_status": "K",
            "primary_need": "SEMH",
            "eal": True,
        },
        today=TODAY,
    )[0]
    head = "UPN,Surname,Forename,Preferred Forename,DOB,Gender,Year,Reg,SEN Status,Primary Need,EAL"
    path = write(tmp_path, [f"{upn(5)},Smith,Amy,,03/04/2018,F,4,,,,"], head=head)
    plan = run(actor, path)
    assert plan.count("unchanged") == 1
    p = pupils.get_pupil(actor, pid)
    assert (p.preferred_forename, p.class_name, p.sen_status, p.primary_need, p.eal) == (
        "Ami",
        "4B",
        "K",
        "SEMH",
        True,
    )


def test_reimport_with_only_upn_and_sen_columns_updates_held_pupils(actor, tmp_path, add_pupil):
    pid = add_pupil(upn=upn(6), year_group="4")
    path = write(
        tmp_path,
        [f"{upn(6)},K - SEN Support,SPLD - Specific Learning Difficulty"],
        head="UPN,SEN Provision,Primary SEN Type",
    )
    plan = run(actor, path)
    assert plan.count("update") == 1
    assert pupils.get_pupil(actor, pid).primary_need == "SPLD"


def test_coming_off_the_register_clears_needs(actor, tmp_path):
    run(actor, write(tmp_path, [line(1, status="K", primary="MLD")]))
    plan = run(actor, write(tmp_path, [line(1, status="N")], "off.csv"))
    p = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (p.sen_status, p.primary_need) == ("N", None)
    assert p.sen_history[-1].status == "N"


def test_never_deletes_pupils_missing_from_the_file(actor, tmp_path, add_pupil):
    add_pupil(upn=upn(7))
    run(actor, write(tmp_path, [line(8)]))
    assert len(pupils.list_register(actor)) == 2


BAD_ROWS = [
    (
        "wrong check letter",
        dict(upn_text="Z" + upn(20)[1:] if upn(20)[0] != "Z" else "A" + upn(20)[1:]),
        "check letter is wrong",
    ),
    ("impossible date", dict(dob="30/02/2018"), "not a real date"),
    ("unknown year", dict(year="Year 15"), "Year group"),
    ("future birth date", dict(dob="01/01/2030"), "in the future"),
    ("missing surname", dict(surname=""), "Legal surname is required"),
    ("bad gender", dict(gender="Q"), "Gender 'Q'"),
    ("bad flag", dict(fsm="maybe"), "FSM 'maybe'"),
    ("missing UPN", dict(upn_text=" "), "UPN is missing"),
    ("a class of 100,000 characters", dict(reg="4" * 100_000), "40 characters at most"),
    ("a direction override in a name", dict(surname="\u202ehtimS"), "direction of the text"),
]


@pytest.mark.parametrize("kind,fields,words", BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_every_bad_row_kind_is_explained_and_never_blocks_the_good(actor, tmp_path, kind, fields, words):
    path = write(
        tmp_path, [line(21, forename="Good"), line(20, forename="Bad", **fields), line(22, forename="Fine")]
    )
    plan = run(actor, path)
    assert [o.action for o in plan.outcomes] == ["add", "bad", "add"]
    bad = plan.bad[0]
    assert bad.row == 3 and bad.name in ("Bad Smith", "Bad", "Bad htimS")
    assert words in " ".join(bad.reasons)
    assert {r.forename for r in pupils.list_register(actor)} == {"Good", "Fine"}
    assert f"Row 3: {bad.name}: " in "\n".join(importing.report_lines(plan))
    assert len("\n".join(importing.report_lines(plan))) < 5_000  # no long cell copied into it


# A SEN code the file gives that cannot be taken never keeps the pupil off the roll.
SEN_PROBLEMS = [
    ("unknown need", dict(status="K", primary="XYZ"), ("K", None, None), "'XYZ' is not a census need type"),
    ("K without a need", dict(status="K"), ("K", None, None), "SEN support (K) and no need type"),
    ("NSA with an EHC plan", dict(status="E", primary="NSA"), ("E", None, None), "NSA (no specialist"),
    ("NSA, then a second need", dict(status="E", primary="NSA", secondary="ASD"), ("E", None, None), "ASD"),
    ("NSA as the second need", dict(status="E", primary="ASD", secondary="NSA"), ("E", "ASD", None), "NSA"),
    ("needs with N", dict(status="N", primary="MLD"), ("N", None, None), "SEN status N (no SEN) with"),
    ("same need twice", dict(status="K", primary="MLD", secondary="MLD"), ("K", "MLD", None), "both needs"),
    ("legacy status", dict(status="S", primary="ASD"), ("N", None, None), "no longer used"),
    ("unknown status", dict(status="Maybe"), ("N", None, None), "not one SENCO desk knows"),
]


@pytest.mark.parametrize("kind,fields,held,words", SEN_PROBLEMS, ids=[p[0] for p in SEN_PROBLEMS])
def test_a_sen_code_error_never_leaves_a_pupil_off_the_roll(actor, tmp_path, kind, fields, held, words):
    path = write(tmp_path, [line(21, forename="Good"), line(20, forename="Odd", **fields)])
    dry = run(actor, path, dry_run=True)
    assert [o.action for o in dry.outcomes] == ["add", "add"] and dry.bad == []
    assert [o.row for o in dry.sen_to_resolve] == [3] and words in " ".join(dry.outcomes[1].sen_to_resolve)
    plan = run(actor, path)
    pupil = pupils.get_pupil(actor, plan.outcomes[1].pupil_id)
    assert (pupil.legal_forename, pupil.class_name) == ("Odd", "4B")  # the valid parts are kept
    assert (pupil.sen_status, pupil.primary_need, pupil.secondary_need) == held
    report = "\n".join(importing.report_lines(plan))
    assert "1 pupil went in without a SEN code the census does not allow" in report
    assert "SEN for the SENCO to resolve" in report and "  Row 3: Odd Smith: " in report
    assert words in importing.report_csv(plan).splitlines()[2]


def test_duplicate_upn_in_the_file_rejects_every_copy(actor, tmp_path):
    path = write(tmp_path, [line(30, forename="Ann"), line(31), line(30, forename="Anne")])
    plan = run(actor, path)
    assert [o.action for o in plan.outcomes] == ["bad", "add", "bad"]
    assert "rows 2 and 4" in plan.bad[0].reasons[0]


def test_upn_of_a_held_leaver_is_matched_not_duplicated(actor, tmp_path, add_pupil):
    pid = add_pupil(upn=upn(40))
    p = pupils.get_pupil(actor, pid)
    pupils.mark_leaver(actor, pid, p.version, "20/07/2026")
    plan = run(actor, write(tmp_path, [line(40, reg="5A")]))
    assert plan.outcomes[0].pupil_id == pid and plan.outcomes[0].action == "update"
    assert "stays a leaver" in plan.outcomes[0].warnings[0]


def test_temporary_upn_replaced_by_permanent_one(actor, tmp_path, add_pupil):
    temp = "G80120000101A"
    pid = add_pupil(upn=temp)
    head = HEAD + ",Former UPN"
    plan = run(actor, write(tmp_path, [line(41) + f",{temp}"], head=head))
    assert plan.outcomes[0].pupil_id == pid
    p = pupils.get_pupil(actor, pid)
    assert (p.upn, p.former_upn) == (upn(41), temp)


def test_a_thousand_rows_with_ten_bad_imports_990(actor, tmp_path):
    lines = [line(i, dob="31/02/2018" if i % 100 == 0 else "03/04/2018") for i in range(1000)]
    seen = []
    plan = run(actor, write(tmp_path, lines), progress=lambda done, total: seen.append((done, total)))
    assert plan.count("add") == 990 and len(plan.bad) == 10
    assert len(pupils.list_register(actor)) == 990
    assert seen[-1] == (2000, 2000) and len(seen) >= 20  # checking, then saving
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    dry = []
    importing.plan_import(
        actor,
        importing.open_roll(actor, tmp_path / "roll.csv").roll,
        progress=lambda done, total: dry.append((done, total)),
    )
    assert dry[-1] == (1000, 1000)


def test_no_upn_column_is_refused_before_anything(actor, tmp_path):
    path = write(tmp_path, ["Smith,Amy"], head="Surname,Forename")
    with pytest.raises(ValidationError, match="UPN"):
        run(actor, path)


def test_wizard_steps_with_a_changed_matching(actor, tmp_path):
    path = write(
        tmp_path,
        [f"{upn(50)},Smith,Amy,03/04/2018,F,4,Star"],
        head="Pupil ID,Surname,Forename,DOB,Gender,Year,Group",
    )
    preview = importing.open_roll(actor, path)
    assert "upn" not in preview.match.columns and preview.sample[0][6] == "Star"
    match = roll_import.set_column(preview.match, "upn", 0)
    match = roll_import.set_column(match, "class_name", 6)
    plan = importing.plan_import(actor, preview.roll, match, today=TODAY)
    assert plan.count("add") == 1 and counts(actor)["pupils"] == 0
    plan = importing.apply_import(actor, preview.roll, match, today=TODAY)
    assert pupils.list_register(actor)[0].class_name == "Star"
    assert plan.backup is not None and plan.backup.exists()


def test_unused_columns_are_named_in_the_report(actor, tmp_path):
    path = write(tmp_path, [line(60) + ",blue"], head=HEAD + ",House Colour")
    assert "House Colour" in "\n".join(importing.report_lines(run(actor, path, dry_run=True)))


def test_report_saved_as_csv_and_text(actor, tmp_path):
    plan = run(actor, write(tmp_path, [line(70), line(71, dob="x")]))
    csv_text = importing.save_report(plan, tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "row,name,outcome,details"
    assert "3,Amy Smith,not imported" in csv_text
    assert upn(70) not in csv_text  # the report may be printed: no UPNs
    text = importing.save_report(plan, tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "1 new pupil added" in text and "Row 3: Amy Smith" in text


def test_xlsx_roll_with_date_cells(actor, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(
        ["UPN", "Legal Surname", "Legal Forename", "Date of Birth", "Sex", "NC Year", "Admission Date"]
    )
    book.active.append([upn(80), "Nowak", "Zofia", datetime(2018, 4, 3), "F", 4, datetime(2022, 9, 5)])
    path = tmp_path / "roll.xlsx"
    book.save(path)
    plan = run(actor, path)
    p = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (p.dob, p.admission_date, p.year_group) == (date(2018, 4, 3), date(2022, 9, 5), "4")


def test_windows_1252_tab_file_with_quotes(actor, tmp_path):
    text = (
        "UPN\tSurname\tForename\tDOB\tGender\tYear\tPrimary Need\tSEN Status\r\n"
        f'{upn(90)}\t"O\'Brien, Jr"\tSeán\t3/4/18\tM\tRec\t'
        '"SLCN - Speech, Language and Communication Needs"\tK\r\n\t\t\r\n'
    )
    path = tmp_path / "roll.txt"
    path.write_bytes(text.encode("cp1252"))
    plan = run(actor, path)
    assert plan.bad == [] and plan.count("add") == 1
    p = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (p.legal_forename, p.primary_need, p.year_group) == ("Seán", "SLCN", "R")
    assert any("windows-1252" in n for n in plan.notes)


def test_office_staff_import_without_sen_and_a_teacher_may_not_import(actor, tmp_path):
    path = write(tmp_path, [line(95, status="K", primary="MLD")])
    teacher = Actor(actor.db, User(5, "t", "Mr T", "teacher"), actor.data_dir)
    with pytest.raises(PermissionDenied):
        importing.open_roll(teacher, path)
    office = Actor(actor.db, User(6, "o", "Mrs O", "office"), actor.data_dir)
    preview = importing.open_roll(office, path)
    assert not preview.sen and "sen_status" not in preview.fields
    assert not set(importing.SEN_FIELDS) & set(preview.match.columns)  # the SEN columns are not read
    plan = importing.apply_import(office, preview.roll, roll_import.match_columns(preview.roll.headings))
    assert plan.count("add") == 1  # even a matching given with SEN columns: they are left out
    assert pupils.list_register(actor)[0].sen_status == "N"
    with pytest.raises(PermissionDenied):
        importing.plan_import(office, preview.roll, take_mis_sen=True)


def test_office_staff_may_import_a_roll_without_sen_columns(actor, tmp_path):
    office = Actor(actor.db, User(6, "o", "Mrs O", "office"), actor.data_dir)
    path = write(
        tmp_path, [f"{upn(96)},Smith,Amy,03/04/2018,F,4,4B"], head="UPN,Surname,Forename,DOB,Gender,Year,Reg"
    )
    plan = importing.import_roll_file(office, path, today=TODAY)
    assert plan.count("add") == 1 and pupils.list_register(actor)[0].sen_status == "N"


def test_report_csv_cannot_smuggle_a_formula_into_excel(actor, tmp_path):
    path = write(tmp_path, [line(97, surname="", forename='=HYPERLINK("http://x")')])
    plan = run(actor, path, dry_run=True)
    text = importing.report_csv(plan)
    assert ",'=HYPERLINK" in text.replace('"', "")


def test_case_only_differences_keep_the_held_spelling(actor, tmp_path, add_pupil):
    pid = add_pupil(
        upn=upn(98),
        legal_surname="McDonald",
        legal_forename="Amy",
        dob="03/04/2018",
        year_group="4",
        class_name="4B",
    )
    plan = run(actor, write(tmp_path, [line(98, surname="MCDONALD", forename="AMY")]))
    assert plan.outcomes[0].action == "unchanged"
    assert pupils.get_pupil(actor, pid).legal_surname == "McDonald"


# ---- a re-import keeps the SENCO's own SEN decisions ------------------------------------------


def _by_hand(actor, pupil_id, **fields):
    """The SENCO edits the pupil's record in SENCO desk (the record window's save)."""
    p = pupils.get_pupil(actor, pupil_id)
    pupils.update_pupil(actor, pupil_id, p.version, pupils.pupil_form(p) | fields, today=TODAY)


def _sen(actor, pupil_id):
    p = pupils.get_pupil(actor, pupil_id)
    return p.sen_status, p.primary_need, p.secondary_need


def _import_summary(actor):
    return actor.db.execute(
        "SELECT summary, changes FROM audit WHERE entity = 'roll' ORDER BY id DESC"
    ).fetchone()


def test_sen_changed_by_hand_since_the_import_is_kept_and_other_fields_update(actor, tmp_path):
    import json

    pid = run(actor, write(tmp_path, [line(1, status="K", primary="MLD")])).outcomes[0].pupil_id
    _by_hand(actor, pid, primary_need="SPLD", secondary_need="MLD")  # after an assessment
    who, on = actor.user.display_name, date.today().strftime("%d/%m/%Y")
    path = write(tmp_path, [line(1, status="K", primary="MLD", reg="4C", forename="Amie")], "spring.csv")

    dry = run(actor, path, dry_run=True)
    kept = f"kept: needs changed in SENCO desk on {on} by {who} (MIS says primary need MLD)"
    assert [o.sen_kept for o in dry.kept] == [kept]
    assert f"  Row 2: Amie Smith: {kept}" in importing.report_lines(dry)
    assert "kept as changed in SENCO desk for 1 pupil" in dry.headline

    plan = run(actor, path)
    assert _sen(actor, pid) == ("K", "SPLD", "MLD")
    p = pupils.get_pupil(actor, pid)
    assert (p.class_name, p.legal_forename) == ("4C", "Amie")  # the roll's own fields still update
    assert [h.primary_need for h in p.sen_history] == ["MLD", "SPLD"]  # no history row from the MIS
    summary, changes = _import_summary(actor)
    assert "SEN status and needs kept as changed in SENCO desk for 1 pupil" in summary
    assert json.loads(changes)["sen_kept"] == 1 and plan.count("update") == 1
    assert kept in pupil_history(actor, pid)[-1]["summary"]  # the pupil's own trail says so


def test_sen_never_changed_in_senco_desk_takes_the_mis_value(actor, tmp_path, add_pupil):
    imported = run(actor, write(tmp_path, [line(1, status="K", primary="MLD")])).outcomes[0].pupil_id
    typed_at_n = add_pupil(upn=upn(2), year_group="4")  # added by hand at N: the form's default
    _by_hand(actor, imported, class_name="Owls")  # a hand change, but not to SEN
    plan = run(
        actor,
        write(
            tmp_path, [line(1, status="E", primary="ASD"), line(2, status="K", primary="SLCN")], "autumn.csv"
        ),
    )
    assert plan.kept == [] and plan.sen_choices == 0
    assert _sen(actor, imported) == ("E", "ASD", None)
    assert _sen(actor, typed_at_n) == ("K", "SLCN", None)
    assert "kept" not in _import_summary(actor)[0]


def test_a_pupil_added_by_hand_on_the_register_keeps_it(actor, tmp_path, add_pupil):
    pid = add_pupil(upn=upn(3), year_group="4", sen_status="K", primary_need="SEMH")
    plan = run(actor, write(tmp_path, [line(3, status="N")]))
    assert plan.kept[0].sen_kept.startswith("kept: SEN status and needs set in SENCO desk on ")
    assert plan.kept[0].sen_kept.endswith("(MIS says N)")
    assert _sen(actor, pid) == ("K", "SEMH", None)


def test_a_status_change_by_hand_is_kept_through_later_imports(actor, tmp_path):
    """The MIS may lag for terms: an import that changed only the class does not make the MIS
    the newer word on SEN."""
    pid = run(actor, write(tmp_path, [line(1, status="K", primary="MLD")])).outcomes[0].pupil_id
    pupils.change_sen_status(actor, pid, "E", "02/10/2026", primary_need="ASD", reason="EHC plan issued")
    run(actor, write(tmp_path, [line(1, status="K", primary="MLD", reg="4C")], "spring.csv"))
    plan = run(actor, write(tmp_path, [line(1, status="K", primary="MLD", reg="5C")], "summer.csv"))
    assert "SEN status and needs changed in SENCO desk" in plan.kept[0].sen_kept
    assert plan.kept[0].sen_kept.endswith("(MIS says K, primary need MLD)")
    assert _sen(actor, pid) == ("E", "ASD", None)


def test_choosing_the_mis_takes_its_sen_fields_for_all_of_them(actor, tmp_path):
    import json

    first = run(actor, write(tmp_path, [line(1, status="K", primary="MLD"), line(2, status="N")]))
    a, b = (o.pupil_id for o in first.outcomes)
    _by_hand(actor, a, primary_need="SEMH")
    pupils.change_sen_status(actor, b, "K", "01/10/2026", primary_need="SLCN")
    path = write(tmp_path, [line(1, status="K", primary="MLD"), line(2, status="N")], "again.csv")

    dry = run(actor, path, dry_run=True)
    assert len(dry.kept) == 2 and dry.count("unchanged") == 2
    taking = dry.choosing(True)  # the wizard's tick: the same plan, the other way
    assert taking.kept == [] and taking.count("update") == 2 and dry.choosing(False) is dry
    assert "The MIS's SEN fields will be taken for 2 pupils" in taking.headline
    assert "replace the needs changed in SENCO desk" in taking.outcomes[0].warnings[0]

    plan = run(actor, path, take_mis_sen=True)
    assert [o.action for o in plan.outcomes] == ["update", "update"]
    assert _sen(actor, a) == ("K", "MLD", None) and _sen(actor, b) == ("N", None, None)
    assert pupils.get_pupil(actor, b).sen_history[-1].status == "N"
    summary, changes = _import_summary(actor)
    assert "taken for 2 pupils" in summary and json.loads(changes)["sen_taken_from_mis"] == 2
    # The MIS's word is now the latest: the next import has nothing to keep.
    assert run(actor, path, dry_run=True).kept == []


def test_keeping_sen_lets_a_row_in_that_the_mis_sen_would_refuse(actor, tmp_path, add_pupil):
    """The MIS says K without a need (census refuses that); SENCO desk's N stands, the class updates."""
    pid = add_pupil(upn=upn(4), year_group="4", class_name="4B")
    pupils.change_sen_status(actor, pid, "K", "01/10/2026", primary_need="MLD")
    pupils.change_sen_status(actor, pid, "N", "01/11/2026")  # off the register after review
    path = write(tmp_path, [line(4, status="K", reg="4C")])
    plan = run(actor, path, dry_run=True)
    assert plan.outcomes[0].action == "update" and "(MIS says K)" in plan.outcomes[0].sen_kept
    taking = plan.choosing(True).outcomes[0]  # K without a need: in, with the need to resolve
    assert taking.action == "update" and "no need type" in taking.sen_to_resolve[0]
    assert plan.outcomes[0].sen_to_resolve == []  # kept: nothing of the MIS's SEN is taken
    run(actor, path)
    assert _sen(actor, pid) == ("N", None, None)
    assert pupils.get_pupil(actor, pid).class_name == "4C"


def test_the_same_sen_in_the_mis_is_no_kept_line(actor, tmp_path):
    pid = run(actor, write(tmp_path, [line(1, status="K", primary="MLD")])).outcomes[0].pupil_id
    pupils.change_sen_status(actor, pid, "E", "02/10/2026", primary_need="ASD")
    plan = run(actor, write(tmp_path, [line(1, status="E", primary="ASD", reg="4C")], "caught-up.csv"))
    assert plan.kept == [] and plan.sen_choices == 0 and plan.count("update") == 1


def test_sen_from_a_ctf_counts_as_imported_not_as_a_senco_decision(actor, tmp_path):
    from pathlib import Path

    from sencodesk.services import ctf_import

    fixture = Path(__file__).parent.parent / "fixtures" / "ctf" / "ctf25_sex.xml"
    came = ctf_import.import_ctf(actor, fixture, today=TODAY).outcomes[0]
    held = pupils.get_pupil(actor, came.pupil_id)
    assert held.sen_status == "K"
    path = write(tmp_path, [f"{held.upn},N"], head="UPN,SEN Status")
    plan = run(actor, path)
    assert plan.kept == [] and _sen(actor, held.id)[0] == "N"


# ---- the EHC pupil whose MIS row gives NSA (issue 13) -----------------------------------------


def test_an_ehc_pupil_with_nsa_is_imported_listed_and_on_the_census_check(actor, tmp_path):
    from sencodesk.services.census_check import check_register

    path = write(tmp_path, [line(1, forename="Ravi", status="E", primary="NSA"), line(2)])
    dry = run(actor, path, dry_run=True)
    assert dry.count("add") == 2 and dry.bad == []
    listed = "\n".join(importing.report_lines(dry))
    assert "Row 2: Ravi Smith: An EHC plan (E) with the need NSA" in listed

    plan = run(actor, path)
    ravi = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (ravi.sen_status, ravi.primary_need) == ("E", None)
    assert [(h.status, h.primary_need) for h in ravi.sen_history] == [("E", None)]
    saved = importing.save_report(plan, tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert 'Ravi Smith,added,"new pupil (Year 4) An EHC plan (E) with the need NSA' in saved
    assert "SEN for the SENCO to resolve" in importing.save_report(plan, tmp_path / "r.txt").read_text()
    breach = {b.rule: b for b in check_register(actor).breaches}["2170"]
    assert [p.name for p in breach.pupils] == ["Ravi Smith"] and not breach.warning
    # The next import says it again until the SENCO sets the need; then all is quiet.
    assert run(actor, path, dry_run=True).sen_to_resolve[0].row == 2
    p = pupils.get_pupil(actor, ravi.id)
    pupils.update_pupil(
        actor, ravi.id, p.version, pupils.pupil_form(p) | {"primary_need": "ASD"}, today=TODAY
    )
    assert run(actor, path, dry_run=True).sen_to_resolve == []


def test_a_held_nsa_pupil_given_an_ehc_plan_by_the_mis_loses_only_the_need(actor, tmp_path):
    pid = run(actor, write(tmp_path, [line(1, status="K", primary="NSA")])).outcomes[0].pupil_id
    plan = run(actor, write(tmp_path, [f"{upn(1)},E"], "spring.csv", head="UPN,SEN Status"))
    assert plan.count("update") == 1 and "NSA" in plan.outcomes[0].sen_to_resolve[0]
    assert _sen(actor, pid) == ("E", None, None)


# ---- text the file gives: encodings, hidden characters, limits ---------------------------------


def test_a_stray_byte_refuses_its_row_by_name_and_never_stores_mojibake(actor, tmp_path):
    rows = [
        line(1, forename="Zoë"),
        line(2, forename="Chloë"),
        line(3, forename="Ann"),
        line(4, surname="Brontë"),
    ]
    data = "\n".join([HEAD, *rows]).encode("utf-8").replace(b"Ann", b"An\xffn")
    path = tmp_path / "roll.csv"
    path.write_bytes(data)
    plan = run(actor, path)
    assert [o.action for o in plan.outcomes] == ["add", "add", "bad", "add"]
    assert plan.bad[0].row == 4 and "not in the file's own text encoding" in plan.bad[0].reasons[0]
    assert "Row 4: An\ufffdn Smith: This row has characters" in "\n".join(importing.report_lines(plan))
    held = pupils.list_register(actor)
    assert {p.forename for p in held} | {p.surname for p in held} == {
        "Zoë",
        "Chloë",
        "Amy",
        "Smith",
        "Brontë",
    }


def test_a_utf8_bom_before_windows_1252_text_reads_as_windows_1252(actor, tmp_path):
    path = tmp_path / "roll.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([HEAD, line(1, forename="Seán")]).encode("cp1252"))
    plan = run(actor, path)
    assert plan.count("add") == 1 and pupils.list_register(actor)[0].forename == "Seán"
    assert any("Windows-1252" in n for n in plan.notes)


def test_odd_length_utf16_imports_what_it_can_and_names_the_rest(actor, tmp_path):
    path = tmp_path / "roll.txt"
    text = "\r\n".join([HEAD, line(1, forename="Zoë"), line(2, forename="Cut")])
    path.write_bytes(text.encode("utf-16") + b"\x00")  # the last character cut in half
    plan = run(actor, path)
    assert [o.action for o in plan.outcomes] == ["add", "bad"]
    assert pupils.list_register(actor)[0].forename == "Zoë" and "text encoding" in plan.bad[0].reasons[0]


def test_hidden_characters_are_taken_out_and_the_row_named(actor, tmp_path):
    path = write(
        tmp_path, [line(1, forename="Am\u200by", status="K\u200b", primary="SLCN\x07", reg="4\x00B")]
    )
    plan = run(actor, path)
    p = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (p.legal_forename, p.sen_status, p.primary_need, p.class_name) == ("Amy", "K", "SLCN", "4B")
    report = "\n".join(importing.report_lines(plan))
    assert (
        "  Row 2: Amy Smith: Hidden characters were taken out of the legal forename (a zero-width space)."
        in report
    )
    assert (
        "  Row 2: Amy Smith: Hidden characters were taken out of the reg group / class (a control character)."
        in report
    )


def test_no_import_row_leaves_a_huge_blob_in_the_audit(actor, tmp_path):
    path = write(tmp_path, [line(1, reg="4" * 100_000), line(2, surname="S" * 30_000)])
    plan = run(actor, path)
    assert len(plan.bad) == 2
    longest = actor.db.execute("SELECT MAX(LENGTH(summary) + LENGTH(changes)) FROM audit").fetchone()[0]
    assert longest < 2_000


# ---- Excel workbooks that are damaged or sized wrong -------------------------------------------


def _workbook(tmp_path, name="roll.xlsx", stray=False):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEAD.split(","))
    for i in range(10):
        book.active.append(line(i).split(","))
    if stray:
        book.active["XFD1048576"] = "x"
    path = tmp_path / name
    book.save(path)
    return path


def _mutated(path, out, change):
    import zipfile

    with zipfile.ZipFile(path) as z, zipfile.ZipFile(out, "w") as w:
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return out


def test_ten_pupils_and_a_stray_cell_at_xfd1048576_import_as_ten(actor, tmp_path):
    plan = run(actor, _workbook(tmp_path, stray=True))
    assert plan.count("add") == 10 and len(plan.outcomes) == 10
    assert any("XFD1048576" in n for n in plan.notes)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d[: len(d) // 2],  # truncated sheet XML
        lambda d: d.replace(b"<t>Smith</t>", b"<t>Smith&foo;</t>", 1),  # an undefined entity
        lambda d: b'<!DOCTYPE w [<!ENTITY a "aaaaaaaa">]>' + d,  # a DTD (entity expansion)
    ],
    ids=["truncated", "undefined entity", "dtd"],
)
def test_a_damaged_workbook_is_a_plain_refusal(actor, tmp_path, change):
    from sencodesk.domain.errors import UserError

    bad = _mutated(_workbook(tmp_path), tmp_path / "bad.xlsx", change)
    before = counts(actor)
    with pytest.raises(UserError, match="could not be opened as an Excel workbook") as e:
        run(actor, bad)
    assert type(e.value) is UserError and counts(actor) == before


# ---- the pupil form and the services: the same limits -----------------------------------------


def test_a_20_mb_note_through_the_service_is_refused_and_the_audit_stays_small(actor, add_pupil):
    pid = add_pupil(upn=upn(3))
    p = pupils.get_pupil(actor, pid)
    before = counts(actor)
    with pytest.raises(ValidationError, match="50,000 characters at most"):
        pupils.update_pupil(actor, pid, p.version, pupils.pupil_form(p) | {"notes": "x" * 20_000_000})
    assert counts(actor) == before
    pupils.update_pupil(actor, pid, p.version, pupils.pupil_form(p) | {"notes": "Met mum. " * 1000})
    summary = actor.db.execute("SELECT summary FROM audit ORDER BY id DESC").fetchone()[0]
    assert summary == "changed the notes"  # the text is in the changes once, not in the summary too


# ---- the office cannot learn who is on the register (issue 13) ---------------------------------


def _office(actor):
    return Actor(actor.db, User(6, "o", "Mrs O", "office"), actor.data_dir)


def _seen_by(who, path):
    """Everything an import tells a person: the plan's rows, the report and the report file."""
    plan = run(who, path, dry_run=True)
    rows = [
        (o.row, o.name, o.action, o.summary, o.warnings, o.sen_to_resolve, o.sen_kept) for o in plan.outcomes
    ]
    return rows, importing.report_lines(plan), importing.report_csv(plan), plan.headline


def test_the_office_dry_run_and_report_say_nothing_about_sen(actor, tmp_path):
    mis = [
        line(1, forename="Ann", status="K", primary="MLD"),
        line(2, forename="Ben", status="N"),
        line(3, forename="Cat", status="E", primary="NSA"),  # a SEN code the census forbids
        line(4, forename="Dan", status="K", primary="SLCN"),
    ]
    path = write(tmp_path, mis)
    a, b, _c, d = (o.pupil_id for o in run(actor, path).outcomes)
    office = _office(actor)
    before = _seen_by(office, path)

    # The SENCO's own decisions, which the MIS does not know yet.
    _by_hand(actor, a, primary_need="SPLD")
    pupils.change_sen_status(actor, b, "K", "01/10/2026", primary_need="SEMH")
    pupils.change_sen_status(actor, d, "N", "01/11/2026")
    assert len(run(actor, path, dry_run=True).kept) == 3  # the SENCO's dry run lists them

    after = _seen_by(office, path)
    assert after == before  # nothing the office sees depends on who is on the register
    said = ("\n".join(after[1]) + after[2]).lower()
    for word in ("sen", "kept", "needs?", "nsa", "mld", "spld", "semh", "ehc", "census"):
        assert not re.search(rf"\b{word}\b", said), word
    assert [o[2] for o in after[0]] == ["unchanged"] * 4

    # The office imports the roll (a class changes); the SENCO's SEN decisions stay as they are.
    moved = write(tmp_path, [m.replace(",4B,", ",5B,") for m in mis], "summer.csv")
    plan = run(office, moved)
    assert plan.applied and plan.count("update") == 4
    assert not re.search(r"\bsen\b", importing.save_report(plan, tmp_path / "office.txt").read_text().lower())
    assert _sen(actor, a) == ("K", "SPLD", None) and _sen(actor, b) == ("K", "SEMH", None)
    assert _sen(actor, d) == ("N", None, None) and pupils.get_pupil(actor, a).class_name == "5B"
    again = run(actor, moved, dry_run=True)
    assert len(again.kept) == 3  # still the SENCO's word: the office's import wrote nothing SEN
    assert again.sen_to_resolve[0].name == "Cat Smith"


def test_the_office_import_adds_new_pupils_without_sen(actor, tmp_path):
    plan = run(_office(actor), write(tmp_path, [line(1, status="E", primary="ASD")]))
    p = pupils.get_pupil(actor, plan.outcomes[0].pupil_id)
    assert (p.sen_status, p.primary_need) == ("N", None) and plan.sen_to_resolve == []
    assert not re.search(r"\b(sen|need|ehc)\b", " ".join(importing.report_lines(plan)).lower())


def test_notes_held_from_before_the_limits_never_stop_an_import(actor, tmp_path):
    """A school whose notes were stored before the limit (the 20 MB note): the roll, which never
    touches notes, still updates the pupil, and the notes stay as they are."""
    from sencodesk.store import db as store_db

    pid = run(actor, write(tmp_path, [line(1)])).outcomes[0].pupil_id
    with store_db.write(actor.db):
        actor.db.execute("UPDATE pupils SET notes = ? WHERE id = ?", ["x\x00" * 60_000, pid])
    for who in (actor, _office(actor)):
        plan = run(who, write(tmp_path, [line(1, reg="Owls" if who is actor else "Bats")], "again.csv"))
        assert plan.count("update") == 1 and plan.outcomes[0].warnings == []
    assert pupils.get_pupil(actor, pid).class_name == "Bats"
    assert actor.db.execute("SELECT notes FROM pupils WHERE id = ?", [pid]).fetchone()[0] == "x\x00" * 60_000
