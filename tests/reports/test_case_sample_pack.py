"""The inclusion case sample laid out from hand-made read models: every section, the gaps with
what closes them, the chronology in order, text as typed, no UPN, a bare record that still
builds, and a long record that stays a few pages."""

from __future__ import annotations

from datetime import date, timedelta

from sencodesk.domain.case_sample import RULES, Gap
from sencodesk.reports import case_sample
from sencodesk.reports.case_sample_model import (
    CaseCycle,
    CaseSampleModel,
    Event,
    ImpactRow,
    OutcomeRow,
    PlanReview,
    PlanRow,
    ProvisionRow,
    ReferralRow,
    ReviewRow,
    Specialist,
    View,
)

from .pack_samples import PRINTED, needs, page_count, pdf_text, school


def a_cycle(n: int, reviewed: bool = True) -> CaseCycle:
    start = date(2025, 1, 6) + timedelta(weeks=13 * (n - 1))
    return CaseCycle(
        number=n,
        status="Reviewed" if reviewed else "Open",
        assess_date=start - timedelta(days=7),
        needs=[("Cognition and learning", f"Phonics not secure beyond phase {n + 2}.")],
        tests=[f"Salford reading test: 6y {n}m ({start:%d/%m/%Y}). Below age"],
        attainment="Working towards the expected standard.",
        outside_advice="",
        plan_start=start,
        review_date=start + timedelta(weeks=12),
        parents_told_on=start,
        strategies="Word mats & writing frames <on the desk>.",
        outcomes=[
            OutcomeRow(
                f"Cycle {n} outcome: blend CVC words", start + timedelta(weeks=12), "Met" if reviewed else ""
            )
        ],
        provision=[
            ProvisionRow(
                "Phonics catch-up",
                "Miss L Hughes",
                "3 x 20 min a week",
                f"{start:%d/%m/%Y}",
                "20 logged, 18 attended",
            )
        ],
        views=[
            View(
                "The pupil", "At the assessment", f"I like the group (cycle {n}).", "by Millie on 01/01/2025"
            )
        ],
        review=ReviewRow(start + timedelta(weeks=12), "Parents, the pupil", "Continue with a new cycle", "")
        if reviewed
        else None,
    )


def model(**changes) -> CaseSampleModel:
    base = CaseSampleModel(
        school=school(),
        printed_on=PRINTED,
        name="Millie O'Brien-Smith",
        year_group="Year 4",
        class_name="4B",
        dob=date(2017, 3, 4),
        sen_status="SEN support",
        sen_since=date(2025, 1, 1),
        needs=needs(),
        also=["Pupil premium"],
        attendance="91.4%",
        chronology=[
            Event(date(2024, 11, 20), "Concern raised by Mrs K Patel", "Reading well behind the class."),
            Event(date(2025, 1, 6), "Cycle 1: plan started", "1 outcome; Phonics catch-up"),
        ],
        cycles=[a_cycle(1), a_cycle(2, reviewed=False)],
        specialists=[
            Specialist(
                "Educational psychology",
                "Dr A Shah",
                date(2025, 2, 1),
                None,
                date(2025, 3, 1),
                "Precision teaching.",
            )
        ],
        referrals=[
            ReferralRow("Speech and language therapy", date(2025, 4, 1), "Sent", "Unclear speech", "")
        ],
        plans=[
            PlanRow(
                date(2025, 6, 1),
                "West Sussex",
                "Current",
                [PlanReview(date(2026, 5, 20), date(2026, 5, 31), "Keep the plan as it is")],
                date(2027, 5, 19),
            )
        ],
        impact=[ImpactRow(1, date(2025, 3, 31), 1, 1, "Continue with a new cycle")],
        gaps=[
            Gap(
                "no_parent_voice",
                "Cycle 2 (the current cycle): the parents' views are not recorded yet.",
                "Record the parents' views on cycle 2's Assess step, or at its review.",
                2,
            )
        ],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_every_section_and_fact_reads_back(tmp_path):
    text = pdf_text(case_sample.build(model(), tmp_path / "c.pdf"))
    for section in case_sample.SECTIONS:
        assert section in text
    assert "Inclusion case sample: Millie O'Brien-Smith" in text
    assert "How the parents and the pupil took part" in text  # the gap's question
    assert "Cycle 2 (the current cycle): the parents' views are not recorded yet." in text
    assert "Record the parents' views on cycle 2's Assess step, or at its review." in text
    assert "Word mats & writing frames <on the desk>." in text  # as typed, escaped
    assert text.index("Concern raised by Mrs K Patel") < text.index("Cycle 1: plan started")
    assert "Across 1 review: 1 of 1 outcome met or exceeded" in text
    assert "Precision teaching." in text and "Unclear speech" in text
    assert "Next annual review due by 19/05/2027" in text
    assert "OFFICIAL-SENSITIVE" in text  # a pack about a pupil is marked
    assert "V938200118001" not in text and "UPN" not in text
    for rule in RULES:
        assert rule.basis in text


def test_a_bare_record_still_builds_and_says_what_is_not_there(tmp_path):
    bare = model(
        needs=[],
        also=[],
        attendance="",
        chronology=[],
        cycles=[],
        specialists=[],
        referrals=[],
        plans=[],
        impact=[],
        gaps=[],
    )
    text = pdf_text(case_sample.build(bare, tmp_path / "bare.pdf"))
    assert "Nothing: the record meets every check listed at the end of this document." in text
    assert "Not yet recorded: nothing is dated in this pupil's SEN record yet." in text
    assert "Not yet recorded: no assess-plan-do-review cycle." in text
    assert "No outside professional is recorded as involved." in text
    assert "No EHC plan is recorded." in text


def test_a_role_that_does_not_read_referrals_is_not_told_there_are_none(tmp_path):
    text = pdf_text(case_sample.build(model(referrals=None), tmp_path / "r.pdf"))
    assert "No referral to an outside service is recorded." not in text


def test_five_years_of_cycles_stay_a_few_pages(tmp_path):
    """Fifteen reviewed cycles: the latest two in full, the thirteen before a line each."""
    long = model(cycles=[a_cycle(n) for n in range(1, 16)])
    path = case_sample.build(long, tmp_path / "long.pdf")
    assert page_count(path) <= 7
    text = pdf_text(path)
    assert "13 earlier cycles in brief, then the latest 2 cycles in full." in text
    assert "Cycle 1 outcome: blend CVC words: Met" in text  # an early cycle, in brief
    assert "Cycle 14 (reviewed)" in text and "Cycle 13 (reviewed)" not in text
