"""Home language and attendance on the pupil record: saved, audited in words, imported from a
roll, and printed by the packs and the governors' summary (the record first, the EHCNA request
details as a fallback)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.upn import check_letter
from sencodesk.services import importing, packs, pupils, referrals
from sencodesk.store import audit

TODAY = date(2026, 11, 29)


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def upn(i: int) -> str:
    body = f"9382005{i // 1000:02d}{i % 1000:03d}"
    return check_letter(body) + body


def test_saved_shown_on_the_form_and_audited_in_words(actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Nowak")
    pupil = pupils.get_pupil(actor, pupil_id)
    form = pupils.pupil_form(pupil) | {
        "home_language": "Polish",
        "attendance_pct": "91.4",
        "attendance_as_at": "20/11/2026",
    }
    pupils.update_pupil(actor, pupil_id, pupil.version, form, today=TODAY)
    saved = pupils.get_pupil(actor, pupil_id)
    assert (saved.home_language, saved.attendance_pct, saved.attendance_as_at) == (
        "Polish",
        91.4,
        date(2026, 11, 20),
    )
    again = pupils.pupil_form(saved)
    assert (again["home_language"], again["attendance_pct"], again["attendance_as_at"]) == (
        "Polish",
        "91.4",
        "20/11/2026",
    )
    last = audit.for_pupil(actor.db, pupil_id)[-1]
    assert last["summary"] == (
        "changed home language from (blank) to Polish; changed attendance from "
        "(blank) to 91.4%; changed attendance 'as at' date from (blank) to 20/11/2026"
    )
    # the same form saved again changes nothing and writes no audit row
    pupils.update_pupil(actor, pupil_id, saved.version, again, today=TODAY)
    assert pupils.get_pupil(actor, pupil_id).version == saved.version


def test_a_bad_figure_saves_nothing(actor, add_pupil):
    pupil_id = add_pupil()
    pupil = pupils.get_pupil(actor, pupil_id)
    with pytest.raises(ValidationError) as e:
        pupils.update_pupil(
            actor,
            pupil_id,
            pupil.version,
            pupils.pupil_form(pupil)
            | {"home_language": "Urdu", "attendance_pct": "93.45", "attendance_as_at": "20/11/2026"},
            today=TODAY,
        )
    assert "one decimal place" in e.value.field_errors["attendance_pct"]
    assert pupils.get_pupil(actor, pupil_id).home_language == ""


# --- the roll import ---------------------------------------------------------------------------

HEAD = "UPN,Surname,Forename,DOB,Gender,Year,First Language,Attendance %"


def write(tmp_path, lines, head=HEAD):
    path = tmp_path / "roll.csv"
    path.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return path


def test_roll_import_reads_language_and_attendance_as_at_the_import_day(actor, tmp_path):
    path = write(
        tmp_path,
        [
            f"{upn(1)},Nowak,Ola,03/04/2018,F,Y4,Polish,93.45%",
            f"{upn(2)},Khan,Sami,03/04/2018,M,Y4,English and Urdu,",
            f"{upn(3)},Bad,Row,03/04/2018,M,Y4,English,lots",
        ],
    )
    plan = importing.import_roll_file(actor, path, today=TODAY)
    assert plan.count("add") == 2 and [o.name for o in plan.bad] == ["Row Bad"]
    assert "not a percentage" in plan.bad[0].reasons[0]
    assert any("recorded as at 29/11/2026" in n for n in plan.notes)
    by_name = {r.surname: pupils.get_pupil(actor, r.id) for r in pupils.list_register(actor)}
    ola, sami = by_name["Nowak"], by_name["Khan"]
    assert (ola.home_language, ola.attendance_pct, ola.attendance_as_at) == ("Polish", 93.5, TODAY)
    assert (sami.home_language, sami.attendance_pct, sami.attendance_as_at) == (
        "English and Urdu",
        None,
        None,
    )
    # the same figure a week later keeps its date; a new figure takes the new import day
    later = date(2026, 12, 6)
    path = write(
        tmp_path,
        [
            f"{upn(1)},Nowak,Ola,03/04/2018,F,Y4,Polish,93.5",
            f"{upn(2)},Khan,Sami,03/04/2018,M,Y4,English and Urdu,96.1",
        ],
    )
    plan = importing.import_roll_file(actor, path, today=later)
    assert (plan.count("unchanged"), plan.count("update")) == (1, 1)
    assert pupils.get_pupil(actor, sami.id).attendance_as_at == later
    assert pupils.get_pupil(actor, ola.id).attendance_as_at == TODAY


def test_roll_import_takes_the_files_own_as_at_date(actor, tmp_path):
    path = write(
        tmp_path,
        [f"{upn(4)},Reid,Ava,03/04/2018,F,Y4,English,88.0,13/11/2026"],
        head=HEAD + ",Attendance As At",
    )
    plan = importing.import_roll_file(actor, path, today=TODAY)
    assert plan.count("add") == 1 and not any("as at" in n for n in plan.notes)
    ava = pupils.get_pupil(actor, pupils.list_register(actor)[0].id)
    assert (ava.attendance_pct, ava.attendance_as_at) == (88.0, date(2026, 11, 13))


# --- packs and the summary -----------------------------------------------------------------------


@pytest.fixture
def recorded(actor, add_pupil):
    return add_pupil(
        legal_forename="Ola",
        legal_surname="Nowak",
        sen_status="K",
        primary_need="SLCN",
        eal=True,
        home_language="Polish and English",
        attendance_pct="91.4",
        attendance_as_at="20/11/2026",
        sen_start_date="10/01/2025",
    )


def test_packs_read_the_record_before_the_request_details(actor, recorded):
    referrals.save_ehcna_draft(
        actor, recorded, 0, {"home_language": "Polish", "attendance_pct": "80"}, today=TODAY
    )
    child = packs.ehcna_model(actor, recorded, today=TODAY).child
    assert (child.home_language, child.attendance_pct, child.attendance_as_at) == (
        "Polish and English",
        91.4,
        date(2026, 11, 20),
    )


def test_request_details_fill_in_where_the_record_is_blank(actor, add_pupil):
    pupil_id = add_pupil(sen_status="K", primary_need="MLD")
    referrals.save_ehcna_draft(
        actor, pupil_id, 0, {"home_language": "Urdu", "attendance_pct": "88"}, today=TODAY
    )
    child = packs.ehcna_model(actor, pupil_id, today=TODAY).child
    assert (child.home_language, child.attendance_pct, child.attendance_as_at) == ("Urdu", 88.0, None)


def test_a_referral_pack_prints_them_from_the_record(actor, recorded, tmp_path):
    rid = referrals.add_referral(
        actor,
        recorded,
        {"service": "salt", "referred_on": "20/11/2026", "reason": "Speech hard to follow"},
        today=TODAY,
    )
    result = packs.export_referral(actor, rid, tmp_path / "salt.pdf", today=TODAY)
    text = text_of(result.path)
    assert "Home language Polish and English" in text
    assert "Attendance 91.4% (as at 20/11/2026)" in text


def test_summary_compares_attendance_from_the_record(actor, add_pupil, tmp_path):
    for i in range(5):
        add_pupil(
            sen_status="K", primary_need="MLD", attendance_pct=f"{90 + i}", attendance_as_at="20/11/2026"
        )
    for _ in range(5):
        add_pupil(attendance_pct="96", attendance_as_at="20/11/2026")
    add_pupil()  # not recorded: in neither average
    m = packs.summary_model(actor, today=TODAY)
    assert (m.attendance_register, m.attendance_register_n) == (92.0, 5)
    assert (m.attendance_others, m.attendance_others_n) == (96.0, 5)
    text = text_of(packs.export_summary(actor, tmp_path / "summary.pdf", today=TODAY).path)
    assert "92.0% (average of 5 pupils)" in text and "96.0% (average of 5 pupils)" in text
    assert "this year's figures on pupils' records" in text


def test_last_years_summary_does_not_count_this_years_figures(actor, add_pupil):
    for _ in range(5):
        add_pupil(sen_status="K", primary_need="MLD", attendance_pct="90", attendance_as_at="20/11/2026")
    last_year = packs.summary_model(actor, date(2025, 9, 1), date(2026, 8, 31), today=TODAY)
    assert (last_year.attendance_register_n, last_year.attendance_others_n) == (0, 0)
    assert packs.summary_model(actor, today=TODAY).attendance_register_n == 5
