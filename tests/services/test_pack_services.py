"""Read models built from the database, and the export use cases (audited)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import la_profiles, packs, pupils, referrals
from sencodesk.store import audit

TODAY = date(2026, 11, 29)
CONTACTS = [
    {"name": "Jo Smith", "relationship": "Mother", "phone": "07700 900123", "email": "jo@example.com"},
    {"name": "Uncle Bob", "relationship": "Aunt/uncle", "parental_responsibility": False},
]


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture
def pupil(actor, add_pupil):
    pid = add_pupil(
        legal_forename="Amy",
        legal_surname="Smith",
        preferred_forename="Ames",
        sen_status="K",
        primary_need="SLCN",
        secondary_need="SEMH",
        contacts=CONTACTS,
        admission_date="01/09/2022",
        sen_start_date="10/01/2025",
    )
    return pid


def as_role(actor, role):
    return replace(actor, user=User(id=9, username=role, display_name=f"A {role}", role=role), cache={})


def test_ehcna_model_from_the_database(actor, pupil):
    referrals.save_ehcna_draft(
        actor,
        pupil,
        0,
        {
            "request_date": "20/11/2026",
            "home_language": "Polish",
            "now_needed": "Specialist teaching",
            "attendance_pct": "88.2",
            "la_answers": {"typical_day": "Quiet at lunch"},
        },
        today=TODAY,
    )
    referrals.add_involvement(
        actor, pupil, {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"}, today=TODAY
    )
    referrals.record_ehcna_consent(
        actor,
        pupil,
        {"given_by": "Jo Smith", "given_on": "21/11/2026", "method": "signed", "consent_to_refer": "yes"},
        today=TODAY,
    )
    m = packs.ehcna_model(actor, pupil, profile_key="example_northmoor", today=TODAY)
    assert (m.child.name, m.child.preferred_name, m.child.home_language, m.child.attendance_pct) == (
        "Amy Smith",
        "Ames",
        "Polish",
        88.2,
    )
    assert m.child.sen_status == "SEN support" and m.child.sen_since == date(2025, 1, 10)
    assert [p.name for p in m.parents if p.parental_responsibility] == ["Jo Smith"]
    assert [(a.area, [n.code for n in a.needs]) for a in m.needs] == [
        ("Communication and interaction", ["SLCN"]),
        ("Social, emotional and mental health", ["SEMH"]),
    ]
    assert m.involvements[0].service == "Educational psychology"
    assert m.consents[0].agreed and m.consents[0].method == "Signed form"
    assert m.profile.key == "example_northmoor"
    assert [(a.question[:8], a.answer) for a in m.la_answers] == [("Describe", "Quiet at lunch")]
    checks = {c.label: c.met for c in packs.ehcna_checklist(m)}
    assert checks["Educational psychology involvement within 18 months"] is True
    assert checks["Three reviewed SEN support plans (APDR cycles)"] is False


def test_a_pupil_with_no_cycles_has_empty_evidence_for_both_years(actor, pupil):
    ev = packs.graduated_evidence(actor, pupil, today=TODAY)
    assert ev.cycles == [] and ev.child_views == [] and ev.strategies == []
    assert [(m.label, m.lines) for m in ev.provision_maps] == [("2026/27", []), ("2025/26", [])]


def test_export_ehcna_writes_audits_and_lists_missing(actor, pupil, tmp_path):
    out = tmp_path / "EHCNA.pdf"
    result = packs.export_ehcna(actor, pupil, out, today=TODAY, invariant=True)
    assert result.path == out and out.exists()
    text = text_of(out)
    upn = pupils.get_pupil(actor, pupil).upn
    assert upn in text and "Amy Smith" in text and "Jo Smith" in text
    assert "Not yet recorded" in text and "CONSENT NOT RECORDED" in text
    assert "A reviewed cycle of SEN support" in result.missing
    assert result.draft and text.count("DRAFT") >= len(PdfReader(str(out)).pages)
    row = audit.for_pupil(actor.db, pupil)[-1]
    assert (row["action"], row["summary"]) == (
        "export",
        "exported the EHC needs assessment request for Amy Smith (marked DRAFT) to EHCNA.pdf",
    )


def test_export_referral_with_and_without_consent(actor, pupil, tmp_path):
    rid = referrals.add_referral(
        actor,
        pupil,
        {
            "service": "ot",
            "referred_on": "20/11/2026",
            "reason": "Handwriting",
            "answers": {"functional": "Scissors"},
        },
        today=TODAY,
    )
    result = packs.export_referral(actor, rid, tmp_path / "r.pdf", today=TODAY)
    assert "CONSENT NOT RECORDED" in text_of(result.path)
    referrals.record_consent(
        actor,
        rid,
        {
            "given_by": "Jo Smith",
            "given_on": "21/11/2026",
            "method": "email",
            "consent_to_refer": "yes",
            "share_with": "School nurse",
        },
        today=TODAY,
    )
    result = packs.export_referral(actor, rid, tmp_path / "r2.pdf", today=TODAY)
    text = text_of(result.path)
    assert "CONSENT NOT RECORDED" not in text and "Scissors" in text and "School nurse" in text
    exports = [(r["entity"], r["entity_id"]) for r in audit.all_rows(actor.db) if r["action"] == "export"]
    assert exports == [("referral", rid), ("referral", rid)]
    # the same referral as a Word file: the PDF's numbered sections as real headings, its answers
    import docx

    from sencodesk.reports import referral

    word = packs.export_referral(actor, rid, tmp_path / "r.docx", today=TODAY)
    d = docx.Document(str(word.path))
    model = packs.referral_model(actor, rid, today=TODAY)
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {h}" for n, (_, h) in enumerate(referral.headings(model), start=1)]
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert {"Scissors", "School nurse", "Jo Smith"} <= cells and "CONSENT NOT RECORDED" not in cells
    said = [r["summary"] for r in audit.all_rows(actor.db) if r["action"] == "export"]
    assert "exported the Occupational therapy referral for Amy Smith (Word) to r.docx" in said


def test_profile_has_no_upn_and_a_teacher_may_print_it_for_their_pupil_only(actor, pupil, tmp_path):
    upn = pupils.get_pupil(actor, pupil).upn
    result = packs.export_profile(actor, pupil, tmp_path / "p.pdf", today=TODAY)
    text = text_of(result.path)
    assert "All about Ames" in text and upn not in text and "UPN" not in text
    with pytest.raises(PermissionDenied, match="not one of yours"):
        packs.profile_model(as_role(actor, "teacher"), pupil, today=TODAY)
    with pytest.raises(PermissionDenied):
        packs.profile_model(as_role(actor, "office"), pupil, today=TODAY)


def test_packs_need_permission(actor, pupil, tmp_path):
    with pytest.raises(PermissionDenied):
        packs.export_ehcna(as_role(actor, "teacher"), pupil, tmp_path / "x.pdf")
    with pytest.raises(PermissionDenied):
        packs.export_summary(as_role(actor, "office"), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert packs.summary_model(as_role(actor, "head"), today=TODAY).on_roll == 1


def test_summary_counts_match_the_database(actor, add_pupil, tmp_path):
    for i in range(7):
        add_pupil(
            sen_status="K",
            primary_need="SLCN",
            year_group="3",
            gender="F",
            admission_date="01/09/2023",
            sen_start_date="01/09/2024",
            pupil_premium="yes" if i < 5 else "",
        )
    for _ in range(3):
        add_pupil(
            sen_status="E",
            primary_need="ASD",
            year_group="5",
            gender="M",
            admission_date="01/09/2023",
            sen_start_date="01/09/2024",
        )
    for _ in range(10):
        add_pupil(sen_status="N", year_group="4", gender="M", admission_date="01/09/2023")
    gone = add_pupil(
        sen_status="K", primary_need="MLD", admission_date="01/09/2023", sen_start_date="01/09/2024"
    )
    pupils.mark_leaver(actor, gone, 1, "01/10/2026")
    m = packs.summary_model(actor, today=TODAY)
    assert (m.date_from, m.date_to) == (date(2026, 9, 1), date(2027, 8, 31))
    assert m.on_roll == 20 and m.on_register == 10
    assert [(c.label, c.count) for c in m.by_status] == [("SEN support", 7), ("EHC plan", 3)]
    assert [(c.label, c.count) for c in m.by_need] == [
        ("SLCN - Speech, language and communication needs", 7),
        ("ASD - Autistic spectrum disorder", 3),
    ]
    assert [(c.label, c.count) for c in m.by_year] == [("Year 3", 7), ("Year 5", 3)]
    assert {c.label: c.count for c in m.overlaps}["Pupil premium"] == 5
    # the leaver counts on every census day before the one they left on
    assert [(c.label, c.count) for c in m.register_trend] == [
        ("02/10/2025", 11),
        ("15/01/2026", 11),
        ("21/05/2026", 11),
        ("01/10/2026", 10),
    ]
    assert m.named is None
    text = text_of(packs.export_summary(actor, tmp_path / "s.pdf", today=TODAY).path)
    assert "Pupils on roll 20" in text and "EHC plan fewer than 5" in text
    assert "Smith" not in text and "Amy" not in text  # no names by default
    assert not re.search(r"[A-Z]\d{12}", text)  # and no UPNs
    named = packs.export_summary(actor, tmp_path / "n.pdf", named=True, today=TODAY)
    assert "Amy Smith" in text_of(named.path)
    assert audit.all_rows(actor.db, 1)[0]["summary"].endswith("with the named list to n.pdf")


def test_summary_dates_and_referral_counts(actor, pupil):
    referrals.add_referral(
        actor, pupil, {"service": "ep", "referred_on": "20/11/2026", "reason": "x"}, today=TODAY
    )
    referrals.add_referral(
        actor, pupil, {"service": "ep", "referred_on": "20/11/2025", "reason": "x"}, today=TODAY
    )
    m = packs.summary_model(actor, date(2026, 9, 1), date(2026, 12, 31), today=TODAY)
    assert m.referrals == [("Educational psychology", "Draft", 1)]
    with pytest.raises(ValidationError, match="before its start"):
        packs.summary_model(actor, date(2026, 9, 1), date(2026, 1, 1), today=TODAY)


def test_census_days():
    assert packs.census_days(date(2026, 9, 1), date(2027, 8, 31)) == [
        date(2026, 10, 1),
        date(2027, 1, 21),
        date(2027, 5, 20),
    ]


def test_suggested_filename(actor, pupil):
    p = pupils.get_pupil(actor, pupil)
    assert (
        packs.suggested_filename("EHCNA request", p, TODAY) == "EHCNA request - Smith Ames - 2026-11-29.pdf"
    )
    p.preferred_forename = 'A/B:"C"'
    assert packs.suggested_filename("Referral", p, TODAY) == "Referral - Smith ABC - 2026-11-29.pdf"


def test_chosen_la_profile_is_used_by_default(actor, pupil, tmp_path):
    la_profiles.choose_profile(actor, "example_eastbridge")
    text = text_of(packs.export_ehcna(actor, pupil, tmp_path / "e.pdf", today=TODAY).path)
    assert "Section B: Special educational needs" in text
    assert text.find("Section B: Special") < text.find("Family contacts")


def test_profile_words_are_saved_versioned_and_printed(actor, pupil, tmp_path):
    from sencodesk.domain.errors import Conflict
    from sencodesk.services import passports

    passports.save_passport(
        actor,
        pupil,
        0,
        {
            "like_and_admire": "Kind & funny",
            "important_to_me": "My dog",
            "how_to_support": "- Visual timetable\n\n* Time to answer\n",
        },
    )
    p = passports.get_passport(actor, pupil)
    assert p.how_to_support == ["Visual timetable", "Time to answer"] and p.version == 1
    passports.save_passport(
        actor,
        pupil,
        1,
        {
            "like_and_admire": "Kind & funny",
            "important_to_me": "My dog Rex",
            "how_to_support": p.how_to_support,
        },
    )
    with pytest.raises(Conflict):
        passports.save_passport(actor, pupil, 1, {"important_to_me": "stale"})
    assert passports.get_passport(actor, pupil).important_to_me == "My dog Rex"
    text = text_of(packs.export_profile(actor, pupil, tmp_path / "p.pdf", today=TODAY).path)
    assert "Kind & funny" in text and "My dog Rex" in text and "Time to answer" in text
    with pytest.raises(ValidationError, match="too long"):
        passports.save_passport(actor, pupil, 2, {"like_and_admire": "x" * 5000})
    assert [r["action"] for r in audit.for_pupil(actor.db, pupil) if r["entity"] == "passport"] == [
        "create",
        "update",
    ]


def test_a_failed_export_leaves_no_file_and_no_audit_row(actor, pupil, tmp_path, monkeypatch):
    def broken(model, path, *, invariant=False):
        raise RuntimeError("layout failed")

    before = actor.db["audit"].count
    monkeypatch.setattr(packs.ehcna_pack, "build", broken)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        packs.export_ehcna(actor, pupil, out / "e.pdf", today=TODAY)
    assert actor.db["audit"].count == before and not list(out.iterdir())
