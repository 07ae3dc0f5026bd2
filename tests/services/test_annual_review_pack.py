"""The annual review pack's read model from the database, and its audited export read back."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import ValidationError
from sencodesk.services import annual_review_pack, annual_reviews, cycles, ehc_plans, plan_links, pupils
from sencodesk.store import audit
from tests.services.graduated_support import TODAY, plan_form
from tests.services.test_plan_links import PLAN


@pytest.fixture
def reviewed(actor, planned):
    """A pupil with an EHC plan (01/09/2026), a cycle linked to it and reviewed, sessions logged,
    an annual review meeting on 18/11/2026 and the school's report words."""
    pupil_id, cycle_id = planned(year_group="9")
    ehc_plans.issue_plan(actor, pupil_id, PLAN, today=TODAY)
    e1, e2 = (o.id for o in ehc_plans.plan_outcomes(actor, pupil_id))
    cycle = cycles.get_cycle(actor, cycle_id)
    form = plan_form(actor)
    for o, existing, link in zip(form["outcomes"], cycle.outcomes, (e1, e2), strict=True):
        o |= {"id": existing.id, "plan_outcome_id": link}
    form["allocations"][0]["id"] = cycle.allocations[0].id
    cycles.save_plan(actor, cycle_id, cycle.version, form)
    allocation = cycles.get_cycle(actor, cycle_id).allocations[0]
    cycles.log_sessions(
        actor, "10/09/2026", [{"allocation_id": allocation.id, "attended": True}], today=TODAY
    )
    cycles.log_sessions(
        actor, "11/09/2026", [{"allocation_id": allocation.id, "attended": False}], today=TODAY
    )
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {
            "held_on": "10/11/2026",
            "decision": "continue",
            "parent_views": "Calmer mornings at home",
            "ratings": {cycle.outcomes[0].id: "met", cycle.outcomes[1].id: "partly_met"},
            "evidence": {cycle.outcomes[0].id: "Reads 18 of 20 words"},
        },
        today=TODAY,
    )
    plan = ehc_plans.current_plan(actor, pupil_id)
    review_id = annual_reviews.record_review(actor, plan.id, {"meeting_on": "18/11/2026"}, today=TODAY)
    plan_links.save_review_report(
        actor,
        review_id,
        0,
        {
            "pupil_views": "I can read my reading book by myself",
            "proposed_amendments": "Add a writing outcome",
        },
    )
    return pupil_id


def test_model_gathers_outcome_evidence_provision_and_views(actor, reviewed):
    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    assert [o.text for o in model.outcomes] == ["Will read 100 common words", "Will write two sentences"]
    first = model.outcomes[0]
    assert [(e.rating, e.evidence) for e in first.evidence] == [("Met", "Reads 18 of 20 words")]
    assert first.where_now == "Met"
    assert model.outcomes[1].where_now == "Partly met"
    assert model.section_f == [("Phonics catch-up", "TA, 5 x 15 min")]
    [line] = model.delivered
    assert (line.provision, line.sessions_logged, line.sessions_attended, line.attendance) == (
        "Phonics catch-up",
        2,
        1,
        "50%",
    )
    assert line.cost_pence > 0 and model.total_pence == line.cost_pence
    views = {v.who: (v.text, v.source) for v in model.views}
    assert views["The pupil"] == ("I can read my reading book by myself", "Recorded for this review")
    assert views["Parents and carers"] == ("Calmer mornings at home", "Cycle 1 review (10/11/2026)")
    assert model.proposed_amendments == "Add a writing outcome"
    assert model.pfa_required and "Preparation for adulthood notes" in model.missing()
    assert str(model.period_from) == "2026-09-01" and str(model.period_to) == "2026-11-18"


def test_export_reads_back_and_is_audited(actor, reviewed, tmp_path):
    out = tmp_path / "ar.pdf"
    result = annual_review_pack.export_annual_review(actor, reviewed, out, today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    for words in (
        "Progress against the Section E outcomes",
        "Will read 100 common words",
        "Reads 18 of 20 words",
        "Provision delivered against Section F",
        "Phonics catch-up",
        "I can read my reading book by myself",
        "Calmer mornings at home",
        "Add a writing outcome",
        "preparation for adulthood",
    ):
        assert words in text, words
    assert result.path == out
    row = audit.for_pupil(actor.db, reviewed)[-1]
    assert (row["action"], row["entity"]) == ("export", "annual_review") and "ar.pdf" in row["summary"]


def test_no_plan_is_a_plain_message(actor, planned):
    pupil_id, _ = planned()
    with pytest.raises(ValidationError, match="no current EHC plan"):
        annual_review_pack.annual_review_model(actor, pupil_id, today=TODAY)


def test_plan_with_no_review_or_links_still_builds_and_names_the_gaps(actor, planned, tmp_path):
    pupil_id, _ = planned()
    ehc_plans.issue_plan(actor, pupil_id, PLAN, today=TODAY)
    result = annual_review_pack.export_annual_review(actor, pupil_id, tmp_path / "bare.pdf", today=TODAY)
    assert "Cycle outcomes linked to the plan's Section E outcomes" in result.missing
    assert any("annual review meeting" in m for m in result.missing)
    text = PdfReader(str(result.path)).pages[0].extract_text()
    assert (
        "Review due by" in text and "31/08/2027" in text
    )  # CFA 2014 s44(1): the 12 months starting with 01/09/2026


def test_a_teacher_cannot_export(actor, reviewed, make_user, as_user, tmp_path):
    from sencodesk.domain.errors import PermissionDenied

    teacher = as_user(make_user("teacher"))
    with pytest.raises(PermissionDenied):
        annual_review_pack.export_annual_review(teacher, reviewed, tmp_path / "x.pdf", today=TODAY)
    assert not (tmp_path / "x.pdf").exists()
    assert pupils.get_pupil(actor, reviewed)


def test_home_language_and_attendance_match_the_other_packs(actor, reviewed):
    """Recorded once on the EHCNA request details; every pack prints them (the annual review
    pack printed 'Not yet recorded' beside a referral pack that showed them)."""
    from sencodesk.services import referrals

    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    assert model.child.home_language == "" and model.child.attendance_pct is None
    referrals.save_ehcna_draft(
        actor, reviewed, 0, {"home_language": "Polish, English", "attendance_pct": "91.5"}, today=TODAY
    )
    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    assert model.child.home_language == "Polish, English" and model.child.attendance_pct == 91.5


def test_the_cost_column_holds_a_plans_total_on_one_line(actor, reviewed):
    """The cost column was too narrow for four figures: '£1,234.5 0' over two lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from sencodesk.reports import annual_review, theme

    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    blocks = annual_review._provision(model, theme.make_styles())
    flat = [f for b in blocks for f in getattr(b, "_content", [b])]
    [table] = [f for f in flat if getattr(f, "_colWidths", None) and len(f._colWidths) == 6]
    assert table._colWidths[-1] - 12 >= stringWidth("£12,345.67", theme.FONT_BOLD, 10)


def test_the_delivered_total_is_named_for_the_review_period(actor, reviewed, tmp_path):
    """Each line costs one block over its own weeks; the sum is not 'a year'."""
    from sencodesk.domain.money import pounds

    result = annual_review_pack.export_annual_review(actor, reviewed, tmp_path / "ar.pdf", today=TODAY)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(result.path)).pages).split())
    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    assert f"Total in the review period (this pupil's share) {pounds(model.total_pence)}" in text
    assert "a year" not in text


def test_each_provision_sub_heading_stays_with_its_table(actor, reviewed):
    from reportlab.platypus import KeepTogether

    from sencodesk.reports import annual_review, theme

    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    blocks = annual_review._provision(model, theme.make_styles())
    kept = [b for b in blocks if isinstance(b, KeepTogether)]
    assert [b._content[0].text for b in kept] == [
        "Section F: what the plan says the school provides",
        "What was delivered (from the cycles in the review period)",
    ]
    assert all(len(b._content) == 2 for b in kept)


def test_the_signature_shares_its_page_with_the_section_before(actor, reviewed, tmp_path):
    from dataclasses import replace

    from sencodesk.reports import annual_review

    model = annual_review_pack.annual_review_model(actor, reviewed, today=TODAY)
    # whatever the length of what comes before, "Completed by" never stands alone on a page
    for lines in range(0, 60, 4):
        longer = replace(model, progress_summary="\n".join(f"Progress line {i}" for i in range(lines)))
        out = annual_review.build(longer, tmp_path / f"ar{lines}.pdf", invariant=True)
        last = " ".join(PdfReader(str(out)).pages[-1].extract_text().split())
        assert "Completed by" in last and "Amendments the school proposes" in last, lines
