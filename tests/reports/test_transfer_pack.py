"""The transfer pack read back from the PDF: every section, the facts of a real SEN file (a
reviewed cycle with provision, a referral, an involvement), and the export audited."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.users import User
from sencodesk.reports.transfer import SECTIONS
from sencodesk.services import concerns, cycles, leavers, provision, pupils, referrals, transfer
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history

TODAY = date(2026, 11, 20)


def planned_pupil(actor, add_pupil, **fields) -> tuple[int, int]:
    """A pupil taken from a concern to SEN support with a plan, through the real services."""
    pupil_id = add_pupil(**fields)
    concern_id = concerns.raise_concern(
        actor,
        pupil_id,
        {"raised_on": "01/07/2026", "areas": ["CL"], "seen": "Struggles to blend sounds"},
        today=TODAY,
    )
    cycle_id = concerns.triage_concern(
        actor,
        concern_id,
        1,
        {
            "decision": "sen_support",
            "start_date": "01/09/2026",
            "parents_told_on": "01/09/2026",
            "primary_need": "SPLD",
        },
        today=TODAY,
    )
    phonics = next(p.id for p in provision.list_provisions(actor) if p.name == "Phonics catch-up")
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": "07/09/2026",
            "review_date": "",
            "parents_told_on": "07/09/2026",
            "strategies": "Seat near the front; pre-teach vocabulary.",
            "outcomes": [
                {
                    "text": f"Outcome {i}: read 20 common exception words",
                    "by_when": "",
                    "measure": "Weekly word check",
                }
                for i in (1, 2)
            ],
            "allocations": [{"provision_id": phonics}],
            "staff": [],
        },
    )
    return pupil_id, cycle_id


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def leaver(actor, add_pupil):
    pupil_id, cycle_id = planned_pupil(actor, add_pupil, legal_forename="Zara", legal_surname="O'Neill & Co")
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {
            "held_on": "19/11/2026",
            "decision": "refer",
            "refer_to": "Speech and language therapy",
            "parent_present": True,
            "pupil_present": False,
            "ratings": {o.id: r for o, r in zip(cycle.outcomes, ("met", "not_met"), strict=True)},
            "evidence": {cycle.outcomes[0].id: "Reads 18 of 20 words"},
            "notes": "Mum pleased with reading.",
            "impacts": {a.id: "Good progress" for a in cycle.allocations},
        },
        today=TODAY,
    )
    referrals.add_referral(
        actor,
        pupil_id,
        {"service": "salt", "referred_on": "10/11/2026", "reason": "Unclear speech sounds"},
        today=TODAY,
    )
    referrals.add_involvement(
        actor,
        pupil_id,
        {
            "service": "Educational psychology",
            "professional": "Dr P Singh",
            "started_on": "01/10/2026",
            "summary": "Observed in class",
        },
        today=TODAY,
    )
    p = pupils.get_pupil(actor, pupil_id)
    pupils.mark_leaver(actor, pupil_id, p.version, "20/11/2026", "Greenfield Primary School")
    return pupil_id


def test_transfer_pack_holds_every_section_and_the_facts(actor, leaver, tmp_path):
    result = transfer.export_transfer_pack(actor, leaver, tmp_path / "pack.pdf", today=TODAY)
    text = flat(pdf_text(result.path))
    for section in SECTIONS:
        assert section in text, section
    pupil = pupils.get_pupil(actor, leaver)
    assert "SEN transfer file: Zara O'Neill & Co" in text
    assert pupil.upn in text  # the receiving school matches the file by UPN
    assert "Greenfield Primary School" in text and "20/11/2026" in text
    assert "To be sent by" in text and "11/12/2026" in text
    assert "Cycle 1 (Reviewed)" in text and "Cycle 2 (Open)" in text
    assert "Phonics catch-up" in text
    assert "Met" in text and "Not met" in text and "Reads 18 of 20 words" in text
    assert (
        "Refer to an outside service: Speech and language therapy" in text
        and "Mum pleased with reading." in text
    )
    assert "Speech and language therapy" in text and "Unclear speech sounds" in text
    assert "Dr P Singh" in text and "Observed in class" in text
    assert "SEN support" in text and "SPLD" in text  # status history with the need


def test_send_by_is_fifteen_school_days_after_leaving(actor, leaver):
    model = transfer.transfer_model(actor, leaver, today=TODAY)
    assert model.send_by == leavers.leavers_awaiting_pack(actor, today=TODAY)[0].send_by
    assert model.send_by.isoformat() == "2026-12-11"  # Fri 20/11 + 15 weekdays


def test_export_is_audited(actor, leaver, tmp_path):
    transfer.export_transfer_pack(actor, leaver, tmp_path / "pack.pdf", today=TODAY)
    history = pupil_history(actor, leaver)
    assert any("SEN transfer file" in h["summary"] and "pack.pdf" in h["summary"] for h in history)


def test_a_bare_record_still_builds_and_names_the_gaps(actor, add_pupil, tmp_path):
    pupil_id = add_pupil(legal_forename="Tom")
    text = flat(pdf_text(transfer.export_transfer_pack(actor, pupil_id, tmp_path / "bare.pdf").path))
    assert "no assess-plan-do-review cycles were recorded" in text
    assert "no referrals to outside services" in text


def test_office_staff_cannot_export_the_pack(actor, leaver, tmp_path):
    office = Actor(
        db=actor.db,
        user=User(id=None, username="o", display_name="Office", role="office"),
        data_dir=actor.data_dir,
    )
    with pytest.raises(PermissionDenied):
        transfer.export_transfer_pack(office, leaver, tmp_path / "pack.pdf")
    assert not (tmp_path / "pack.pdf").exists()


def test_suggested_name_is_safe_on_windows():
    assert (
        transfer.suggested_name('Zara "Z" O\'Neill/Smith?', TODAY)
        == "SEN transfer file - Zara Z O'NeillSmith - 2026-11-20.pdf"
    )


def test_an_ehc_plan_and_its_annual_reviews_go_in_the_pack(actor, add_pupil, tmp_path):
    from sencodesk.services import annual_reviews, ehc_plans

    pupil_id = add_pupil(
        legal_forename="Eli", sen_status="K", primary_need="SLCN", sen_start_date="01/09/2023"
    )
    plan_id = ehc_plans.issue_plan(
        actor,
        pupil_id,
        {
            "plan_date": "10/12/2024",
            "needs": [{"text": "Spoken language well below age", "area": "CI"}],
            "outcomes": [
                {"text": "Will follow two-step instructions in class", "area": "CI", "detail": "July"}
            ],
            "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min weekly"}],
            "named_school": "Oak Tree Primary",
            "personal_budget": "None requested",
        },
    )
    annual_reviews.record_review(
        actor,
        plan_id,
        {
            "meeting_on": "01/12/2025",
            "invitations": annual_reviews.blank_invitations(),
            "la_decision": "keep",
            "la_decision_on": "20/12/2025",
            "notes": "Good progress in speech.",
        },
    )
    text = flat(pdf_text(transfer.export_transfer_pack(actor, pupil_id, tmp_path / "eli.pdf").path))
    assert "EHC plan dated 10/12/2024 (Current)" in text
    assert "Will follow two-step instructions in class" in text and "TA, 3 x 20 min weekly" in text
    assert "01/12/2025" in text and "Keep the plan as it is" in text and "Good progress in speech." in text
    assert "EHC plan" in text and "SEN support" in text  # the status history shows K then E


def test_needs_now_described_from_the_latest_assessment(actor, add_pupil, tmp_path):
    """'Needs now' read 'Not yet recorded' above cycles whose assessment recorded the need."""
    pupil_id, cycle_id = planned_pupil(actor, add_pupil)
    cycles.save_assess(
        actor,
        cycle_id,
        cycles.get_cycle(actor, cycle_id).version,
        {"assess_date": "05/09/2026", "needs_cl": "Blends three-sound words only with picture cues."},
    )
    text = flat(
        pdf_text(transfer.export_transfer_pack(actor, pupil_id, tmp_path / "pack.pdf", today=TODAY).path)
    )
    needs_now = text.split("Needs now", 1)[1].split("SEN status history", 1)[0]
    assert "Cognition and learning Blends three-sound words only with picture cues." in needs_now


def test_transfer_pack_prints_home_language_and_attendance_from_the_request_details(actor, leaver, tmp_path):
    referrals.save_ehcna_draft(
        actor, leaver, 0, {"home_language": "Urdu", "attendance_pct": "88"}, today=TODAY
    )
    text = flat(
        pdf_text(transfer.export_transfer_pack(actor, leaver, tmp_path / "pack.pdf", today=TODAY).path)
    )
    assert "Home language Urdu" in text and "Attendance 88.0%" in text


def test_a_plan_recorded_without_its_la_names_the_schools_la():
    from sencodesk.reports import theme
    from sencodesk.reports import transfer as pack
    from sencodesk.reports.transfer_model import PlanInfo

    plan = PlanInfo(date(2024, 3, 9), "", "Oak Primary", "Current", None, [], [])
    [kept, *_] = pack._plan(plan, theme.make_styles(), "Hampshire")
    assert "Hampshire" in repr(kept._content)
    [kept, *_] = pack._plan(replace_la(plan, "Kent"), theme.make_styles(), "Hampshire")
    assert "Kent" in repr(kept._content) and "Hampshire" not in repr(kept._content)


def replace_la(plan, la):
    from dataclasses import replace

    return replace(plan, la_name=la)


def test_costs_print_whole_and_who_came_starts_with_a_capital(actor, leaver, tmp_path):
    """A cost printed '£109.8 4' across two lines of a too-narrow column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from sencodesk.reports import theme
    from sencodesk.reports import transfer as pack
    from sencodesk.reports.transfer_model import CycleInfo, ProvisionLine

    line = ProvisionLine(
        "Sensory circuits", "Mrs K Patel", "5 x 15 min a week", "30/09/2025", "7 of 9", "£1,234.50"
    )
    c = CycleInfo(2, "Reviewed", None, [], "", "", "", None, None, provision=[line])
    blocks = pack._cycle(c, theme.make_styles())
    [table] = [b for b in blocks if getattr(b, "_colWidths", None) and len(b._colWidths) == 6]
    assert table._colWidths[-1] - 12 >= stringWidth("£1,234.50", theme.FONT, 10)  # 6 pt padding each side
    text = flat(
        pdf_text(transfer.export_transfer_pack(actor, leaver, tmp_path / "pack.pdf", today=TODAY).path)
    )
    assert "Who came Parents" in text
