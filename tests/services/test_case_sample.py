"""The inclusion case sample through the real services: a record kept in full has no gap, each
thing left out shows as its gap in the pupil's pack and in the whole-school list alike, the PDF
reads back with its sections and no UPN, and only the SENCO and the head may have it."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import PermissionDenied
from sencodesk.reports.case_sample import SECTIONS
from sencodesk.services import case_sample, cycles, ehc_plans, pupils, referrals
from tests.services.graduated_support import plan_form

TODAY = date(2026, 11, 29)
PLAN = {
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [{"text": "Will follow two-step instructions in class", "area": "CI"}],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min weekly"}],
    "plan_date": "10/06/2025",
}


def _assess(actor, cycle_id: int, **changes) -> None:
    form = {
        "assess_date": "01/09/2026",
        "needs_cl": "Phonics not secure beyond phase 3.",
        "pupil_views": "I like reading with Miss Hughes.",
        "pupil_views_by": "Amy, with the class TA",
        "pupil_views_on": "01/09/2026",
        "parent_views": "We read every night; she gets upset after ten minutes.",
        "parent_views_by": "Mother",
        "parent_views_on": "02/09/2026",
    } | changes
    cycles.save_assess(actor, cycle_id, cycles.get_cycle(actor, cycle_id).version, form)


def _planned(actor, on_support, name: str, *, assess: dict | None = None, sessions: bool = True):
    """A pupil on SEN support whose first cycle is assessed, planned, delivered (a session
    logged) and reviewed with the parents and the pupil; cycle 2 has just opened."""
    pupil_id, cycle_id = on_support(legal_surname=name, start="01/09/2026")
    _assess(actor, cycle_id, **(assess or {}))
    cycles.save_plan(actor, cycle_id, 2, plan_form(actor, start="07/09/2026", review="30/10/2026"))
    c = cycles.get_cycle(actor, cycle_id)
    if sessions:
        cycles.log_sessions(
            actor, "14/09/2026", [{"allocation_id": c.allocations[0].id, "attended": True}], today=TODAY
        )
    return pupil_id, cycle_id


def _review(actor, cycle_id: int, **changes) -> int | None:
    c = cycles.get_cycle(actor, cycle_id)
    form = {
        "held_on": "30/10/2026",
        "parent_present": True,
        "pupil_present": True,
        "pupil_views": "Reading is easier now.",
        "parent_views": "She reads to us at bedtime.",
        "ratings": {o.id: r for o, r in zip(c.outcomes, ("met", "partly_met"), strict=False)},
        "decision": "continue",
    } | changes
    return cycles.record_review(actor, cycle_id, c.version, form, today=TODAY)


def _gaps(actor, pupil_id: int) -> list[tuple[str, int | None]]:
    """The pupil's gaps as the pack says them, checked against the whole-school list."""
    in_pack = [(g.key, g.cycle) for g in case_sample.case_sample_model(actor, pupil_id, today=TODAY).gaps]
    listed = next(
        p for p in case_sample.school_gaps(actor, today=TODAY).pupils if p.pupil.pupil_id == pupil_id
    )
    assert [(g.key, g.cycle) for g in listed.gaps] == in_pack, "the pack and the list disagree"
    return in_pack


def test_a_record_kept_in_full_has_no_gap(actor, on_support):
    pupil_id, cycle_id = _planned(actor, on_support, "Complete")
    _review(actor, cycle_id)
    assert _gaps(actor, pupil_id) == []
    model = case_sample.case_sample_model(actor, pupil_id, today=TODAY)
    events = [(e.on, e.what) for e in model.chronology]
    assert events[:4] == [
        (date(2026, 7, 1), "Concern raised by SENCO"),
        (date(2026, 9, 1), "SEN status: SEN support"),
        (date(2026, 9, 1), "Cycle 1: needs assessed"),
        (date(2026, 9, 7), "Cycle 1: plan started"),
    ]
    assert (date(2026, 10, 30), "Cycle 1: reviewed") in events
    assert [i.met for i in model.impact] == [1] and model.impact[0].rated == 2


def test_a_review_without_the_parents_is_a_gap_in_that_cycle(actor, on_support):
    pupil_id, cycle_id = _planned(
        actor, on_support, "Quiet", assess={"parent_views": "", "parent_views_by": ""}
    )
    _review(actor, cycle_id, parent_present=False, parent_views="")
    assert _gaps(actor, pupil_id) == [("no_parent_voice", 1)]


def test_provision_never_logged_and_a_review_overdue(actor, on_support):
    pupil_id, _ = _planned(actor, on_support, "Undone", sessions=False)
    # planned 07/09/2026, review due 30/10/2026: a month overdue, nothing logged
    assert _gaps(actor, pupil_id) == [("no_sessions", 1), ("review_overdue", 1)]


def test_advice_not_used_and_a_late_annual_review(actor, on_support):
    pupil_id, cycle_id = _planned(actor, on_support, "Planned")
    _review(actor, cycle_id)
    referrals.add_involvement(
        actor,
        pupil_id,
        {
            "service": "Educational psychology",
            "professional": "Dr A Shah",
            "started_on": "01/10/2026",
            "latest_report_on": "02/10/2026",
            "summary": "Precision teaching 5 x 10 minutes a week.",
        },
        today=TODAY,
    )
    assert _gaps(actor, pupil_id) == []  # the review of 30/10/2026 came after the advice
    ehc_plans.issue_plan(actor, pupil_id, PLAN, today=TODAY)
    assert _gaps(actor, pupil_id) == [("annual_review_late", None)]  # due by 09/06/2026


def test_the_pdf_reads_back_with_the_gap_and_without_the_upn(actor, on_support, tmp_path):
    pupil_id, cycle_id = _planned(actor, on_support, "Printed", assess={"pupil_views": ""})
    _review(actor, cycle_id, pupil_present=False, pupil_views="")
    upn = pupils.get_pupil(actor, pupil_id).upn
    result = case_sample.export_case_sample(actor, pupil_id, tmp_path / "case.pdf", today=TODAY)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(result.path).pages)
    for section in SECTIONS:
        assert section in text
    assert "Inclusion case sample: Amy Printed" in text
    assert "Cycle 1: the pupil's views are not recorded, at the assessment or at the review." in text
    assert result.missing == [
        "Cycle 1: the pupil's views are not recorded, at the assessment or at the review."
    ]
    assert "Reading is easier now" not in text and "She reads to us at bedtime." in text
    assert upn not in text and "UPN" not in text
    assert "SEND Code of Practice 6.59" in text  # the checks and where they come from
    history = actor.db.execute("SELECT summary FROM audit WHERE action = 'export'").fetchall()
    assert history[-1][0] == "exported the inclusion case sample for Amy Printed to case.pdf"


def test_a_teacher_has_their_own_pupils_only_and_the_office_nothing(actor, on_support, make_user, as_user):
    """The register's rule: a teacher's list and packs are their own pupils'; a teacher's pack
    has no referrals section (they do not read referrals); the office is refused."""
    teacher = make_user("teacher", "Mr T Jones")
    mine, cycle_id = on_support(legal_surname="Theirs")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff=[teacher.id]))
    other, _ = _planned(actor, on_support, "Other")
    as_teacher = as_user(teacher)
    theirs = case_sample.school_gaps(as_teacher, today=TODAY)
    assert {p.pupil.pupil_id for p in theirs.pupils} == {mine}
    assert theirs.headline.startswith("Your one pupil on the register has")
    assert {mine, other} <= {p.pupil.pupil_id for p in case_sample.school_gaps(actor, today=TODAY).pupils}
    model = case_sample.case_sample_model(as_teacher, mine, today=TODAY)
    assert model.name == "Amy Theirs" and model.referrals is None
    assert case_sample.case_sample_model(actor, mine, today=TODAY).referrals is not None
    with pytest.raises(PermissionDenied):
        case_sample.case_sample_model(as_teacher, other, today=TODAY)
    office = as_user(make_user("office", "Mrs Office"))
    for call in (
        lambda a: case_sample.case_sample_model(a, mine, today=TODAY),
        lambda a: case_sample.school_gaps(a, today=TODAY),
    ):
        with pytest.raises(PermissionDenied):
            call(office)
