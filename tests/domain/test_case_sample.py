"""The inclusion case sample's gap rules (domain/case_sample.py): each rule on its edge, each
wording, and a complete record that has none."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from sencodesk.domain.case_sample import (
    ADVICE_FOLLOW_UP_DAYS,
    NO_PLAN_AFTER_DAYS,
    QUESTIONS,
    RULES,
    SESSIONS_GRACE_DAYS,
    AdviceFacts,
    CycleFacts,
    ProvisionFacts,
    RecordFacts,
    annual_review_due,
    gaps,
    summary,
)

TODAY = date(2026, 11, 29)


def cycle(number: int = 1, **changes) -> CycleFacts:
    """A complete reviewed cycle: assessed, views at both ends, parents told, every outcome rated,
    sessions logged. Tests take one thing away at a time."""
    start = date(2026, 1, 5) + timedelta(weeks=14 * (number - 1))
    base = CycleFacts(
        number=number,
        is_open=False,
        started_on=start - timedelta(days=10),
        assessed=True,
        pupil_views=True,
        parent_views=True,
        plan_start=start,
        review_date=start + timedelta(weeks=12),
        parents_told=True,
        reviewed_on=start + timedelta(weeks=12),
        pupil_at_review=True,
        parents_at_review=True,
        outcomes=3,
        rated=3,
        met=2,
        provision=(ProvisionFacts("Phonics catch-up", start, 12),),
    )
    return replace(base, **changes)


def open_cycle(number: int, **changes) -> CycleFacts:
    """The current cycle: planned four weeks ago, views at the assessment, sessions being logged."""
    start = TODAY - timedelta(weeks=4)
    base = cycle(
        number,
        is_open=True,
        started_on=start - timedelta(days=7),
        plan_start=start,
        review_date=start + timedelta(weeks=12),
        reviewed_on=None,
        pupil_at_review=False,
        parents_at_review=False,
        rated=0,
        met=0,
        provision=(ProvisionFacts("Phonics catch-up", start, 5),),
    )
    return replace(base, **changes)


def record(*cycles: CycleFacts, **changes) -> RecordFacts:
    base = RecordFacts(
        sen_status="K",
        sen_since=date(2025, 12, 1),
        cycles=cycles or (cycle(1), cycle(2), open_cycle(3)),
        specialists=1,
    )
    return replace(base, **changes)


def keys(facts: RecordFacts, today: date = TODAY) -> list[tuple[str, int | None]]:
    return [(g.key, g.cycle) for g in gaps(facts, today)]


def test_a_complete_record_has_no_gap():
    assert gaps(record(), TODAY) == []


def test_every_rule_has_a_question_a_basis_and_a_short_name():
    assert len({r.key for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.question in QUESTIONS and r.basis and r.short and r.check


# --- identification ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["K", "E"])
def test_a_pupil_on_the_register_with_no_cycle(status):
    facts = RecordFacts(sen_status=status, sen_since=date(2025, 3, 1))
    found = gaps(facts, TODAY)
    assert found[0].key == "no_cycle"
    assert found[0].what == "No assess-plan-do-review cycle is recorded (on the register since 01/03/2025)."
    assert "Support tab" in found[0].to_close


def test_a_pupil_off_the_register_needs_no_cycle():
    assert keys(RecordFacts(sen_status="N", sen_since=None)) == []


def test_a_cycle_with_no_assessment():
    found = gaps(record(cycle(1), cycle(2, assessed=False), open_cycle(3)), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("no_assessment", 2)]
    assert found[0].what == "Cycle 2 does not record how the pupil's needs were assessed."
    assert found[0].where == "Cycle 2"


# --- the cycle ----------------------------------------------------------------------------------


def test_an_open_cycle_without_a_plan_after_four_weeks():
    started = TODAY - timedelta(days=NO_PLAN_AFTER_DAYS + 1)
    no_plan = open_cycle(3, plan_start=None, review_date=None, started_on=started, provision=())
    found = gaps(record(cycle(1), cycle(2), no_plan), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("no_plan", 3)]
    assert found[0].what == f"Cycle 3 was started on {started:%d/%m/%Y} and has no plan yet."


def test_a_new_cycle_without_a_plan_is_not_yet_a_gap():
    started = TODAY - timedelta(days=NO_PLAN_AFTER_DAYS)
    no_plan = open_cycle(3, plan_start=None, review_date=None, started_on=started, provision=())
    assert keys(record(cycle(1), cycle(2), no_plan)) == []


def test_an_open_cycle_still_being_assessed_is_not_asked_for_its_assessment_or_views():
    """Before the plan the assessment and views may still be under way: only the plan (or four
    weeks without one) makes it a gap."""
    early = open_cycle(
        3,
        plan_start=None,
        review_date=None,
        assessed=False,
        pupil_views=False,
        parent_views=False,
        provision=(),
        started_on=TODAY - timedelta(days=3),
    )
    assert keys(record(cycle(1), cycle(2), early)) == []


def test_parents_not_told_of_a_plan():
    found = gaps(record(cycle(1, parents_told=False), cycle(2), open_cycle(3)), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("parents_not_told", 1)]
    assert "when the parents were told" in found[0].what


def test_review_overdue_by_a_day():
    late = open_cycle(3, review_date=TODAY - timedelta(days=1))
    found = gaps(record(cycle(1), cycle(2), late), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("review_overdue", 3)]
    assert found[0].what == (
        f"Cycle 3's review was due on {TODAY - timedelta(days=1):%d/%m/%Y} (1 day ago) and is not recorded."
    )


def test_review_due_today_is_not_overdue():
    assert keys(record(cycle(1), cycle(2), open_cycle(3, review_date=TODAY))) == []


def test_no_review_ever_held_says_so():
    late = open_cycle(1, review_date=TODAY - timedelta(days=30))
    found = gaps(record(late), TODAY)
    assert [g.key for g in found] == ["review_overdue"]
    assert found[0].what.endswith("No review has been recorded since SEN support began.")


def test_provision_with_no_sessions_in_a_reviewed_cycle():
    none_logged = cycle(2, provision=(ProvisionFacts("Lego-based therapy", date(2026, 4, 13), 0),))
    found = gaps(record(cycle(1), none_logged, open_cycle(3)), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("no_sessions", 2)]
    assert found[0].what == "Cycle 2: no sessions of Lego-based therapy are logged (planned from 13/04/2026)."


def test_provision_just_started_has_its_first_fortnight():
    starts = TODAY - timedelta(days=SESSIONS_GRACE_DAYS)
    fresh = open_cycle(3, provision=(ProvisionFacts("ELSA", starts, 0),))
    assert keys(record(cycle(1), cycle(2), fresh)) == []
    older = open_cycle(3, provision=(ProvisionFacts("ELSA", starts - timedelta(days=1), 0),))
    assert keys(record(cycle(1), cycle(2), older)) == [("no_sessions", 3)]


def test_provision_with_no_start_of_its_own_starts_with_the_plan():
    plan = TODAY - timedelta(days=SESSIONS_GRACE_DAYS + 1)
    c = open_cycle(3, plan_start=plan, provision=(ProvisionFacts("ELSA", None, 0),))
    assert keys(record(cycle(1), cycle(2), c)) == [("no_sessions", 3)]


# --- voice --------------------------------------------------------------------------------------


def test_no_parent_voice_in_cycle_2():
    silent = cycle(2, parent_views=False, parents_at_review=False)
    found = gaps(record(cycle(1), silent, open_cycle(3)), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("no_parent_voice", 2)]
    assert (
        found[0].what == "Cycle 2: the parents' views are not recorded, at the assessment or at the review."
    )
    assert found[0].short == "no parents' views (cycle 2)"


@pytest.mark.parametrize("where", ["parent_views", "parents_at_review"])
def test_parents_heard_at_either_end_is_enough(where):
    heard = cycle(2, **({"parent_views": False, "parents_at_review": False} | {where: True}))
    assert keys(record(cycle(1), heard, open_cycle(3))) == []


def test_no_pupil_voice_yet_in_the_current_cycle():
    silent = open_cycle(3, pupil_views=False)
    found = gaps(record(cycle(1), cycle(2), silent), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("no_pupil_voice", 3)]
    assert found[0].what == "Cycle 3 (the current cycle): the pupil's views are not recorded yet."
    assert "Assess step" in found[0].to_close


# --- impact -------------------------------------------------------------------------------------


def test_outcomes_not_rated_at_a_review():
    found = gaps(record(cycle(1, rated=1, met=1), cycle(2), open_cycle(3)), TODAY)
    assert [(g.key, g.cycle) for g in found] == [("not_rated", 1)]
    assert found[0].what == "Cycle 1: 2 of 3 outcomes were not rated at the review."


def test_an_open_cycle_is_not_asked_for_ratings():
    assert keys(record(cycle(1), cycle(2), open_cycle(3, outcomes=4, rated=0))) == []


# --- specialists --------------------------------------------------------------------------------


def test_advice_not_followed_by_a_plan():
    advised = TODAY - timedelta(days=ADVICE_FOLLOW_UP_DAYS + 1)
    last_plan = advised - timedelta(days=30)
    c = open_cycle(3, plan_start=last_plan, review_date=TODAY + timedelta(days=30))
    advice = (AdviceFacts("Educational psychology", "Dr A Shah", advised),)
    found = gaps(record(cycle(1), cycle(2), c, advice=advice), TODAY)
    assert [g.key for g in found] == ["advice_not_followed"]
    assert found[0].what == (
        f"Advice from Educational psychology (Dr A Shah), dated {advised:%d/%m/%Y}, is not followed "
        "by a plan or a review."
    )
    assert found[0].cycle is None and found[0].where == "Specialists and their advice"


def test_advice_has_six_weeks_to_be_used():
    advised = TODAY - timedelta(days=ADVICE_FOLLOW_UP_DAYS)
    c = open_cycle(3, plan_start=advised - timedelta(days=30), review_date=TODAY + timedelta(days=30))
    advice = (AdviceFacts("Speech and language therapy", "", advised),)
    assert keys(record(cycle(1), cycle(2), c, advice=advice)) == []


@pytest.mark.parametrize("after", ["plan", "review"])
def test_advice_followed_by_a_plan_or_a_review(after):
    advised = date(2026, 2, 1)
    facts = record(
        cycle(1), cycle(2), open_cycle(3), advice=(AdviceFacts("Occupational therapy", "J Bell", advised),)
    )
    assert facts.cycles[2].plan_start > advised  # the open cycle's plan came after the advice
    only_review = replace(facts.cycles[0], reviewed_on=advised) if after == "review" else None
    cycles = (only_review,) if only_review else facts.cycles
    assert "advice_not_followed" not in [k for k, _ in keys(replace(facts, cycles=cycles))]


def _stalled(met: tuple[int, int], specialists: int = 0) -> RecordFacts:
    return record(
        cycle(1),
        cycle(2, outcomes=4, rated=4, met=met[0]),
        cycle(3, outcomes=3, rated=3, met=met[1]),
        open_cycle(4),
        specialists=specialists,
    )


def test_two_reviews_of_little_progress_and_no_specialist():
    found = gaps(_stalled((1, 1)), TODAY)
    assert [g.key for g in found] == ["no_specialist"]
    assert found[0].what.startswith("The reviews of cycles 2 and 3 found fewer than half the outcomes met")
    assert "Code of Practice 6.59" in found[0].rule.basis


@pytest.mark.parametrize(
    "met,specialists",
    [((2, 1), 0), ((1, 2), 0), ((1, 1), 1)],
    ids=["half met at cycle 2", "most met at cycle 3", "a specialist is involved"],
)
def test_progress_or_a_specialist_closes_it(met, specialists):
    assert "no_specialist" not in [k for k, _ in keys(_stalled(met, specialists))]


def test_one_review_of_little_progress_is_not_enough():
    facts = record(cycle(1, met=0), open_cycle(2), specialists=0)
    assert keys(facts) == []


# --- the EHC plan -------------------------------------------------------------------------------


def test_status_e_without_a_plan():
    found = gaps(record(sen_status="E"), TODAY)
    assert [g.key for g in found] == ["ehc_no_plan"]


def test_annual_review_late():
    facts = record(sen_status="E", plan_date=date(2025, 6, 10), plan_reviews=())
    found = gaps(facts, TODAY)
    assert [g.key for g in found] == ["annual_review_late"]
    assert found[0].what == (
        "The EHC plan's annual review was due by 09/06/2026; none is recorded since the plan of 10/06/2025."
    )


def test_annual_review_due_today_is_on_time():
    facts = record(sen_status="E", plan_date=date(2025, 11, 30), plan_reviews=())
    assert annual_review_due(date(2025, 11, 30), (), TODAY) == TODAY
    assert keys(facts) == []


def test_annual_review_after_a_held_review():
    facts = record(sen_status="E", plan_date=date(2024, 6, 10), plan_reviews=(date(2025, 6, 1),))
    found = gaps(facts, TODAY)
    assert found[0].what.endswith("none is recorded since the last review on 01/06/2025.")


def test_a_booked_meeting_does_not_make_a_late_review_on_time():
    booked = TODAY + timedelta(days=10)
    facts = record(sen_status="E", plan_date=date(2025, 6, 10), plan_reviews=(booked,))
    assert [g.key for g in gaps(facts, TODAY)] == ["annual_review_late"]
    # once held, it counts
    assert keys(facts, booked) == []


# --- order and the one-line summary -------------------------------------------------------------


def test_gaps_follow_the_inspectors_questions_then_the_cycles():
    facts = record(
        cycle(1, assessed=False, parent_views=False, parents_at_review=False),
        cycle(2, pupil_views=False, pupil_at_review=False, rated=2),
        open_cycle(3, review_date=TODAY - timedelta(days=3)),
        sen_status="E",
    )
    assert keys(facts) == [
        ("no_assessment", 1),
        ("review_overdue", 3),
        ("no_parent_voice", 1),
        ("no_pupil_voice", 2),
        ("not_rated", 2),
        ("ehc_no_plan", None),
    ]
    assert summary(gaps(facts, TODAY)).startswith(
        "assessment not recorded (cycle 1); review overdue (cycle 3)"
    )


def _school(*gap_counts: int):
    from sencodesk.domain.case_sample import Gap, PupilGaps, SchoolGaps
    from sencodesk.domain.graduated import PupilRef

    gap = Gap("no_cycle", "No cycle.", "Start one.")
    return SchoolGaps(
        TODAY,
        tuple(
            PupilGaps(PupilRef(i, f"S{i}", "A", "3"), "K", None, 0, (gap,) * n)
            for i, n in enumerate(gap_counts)
        ),
    )


@pytest.mark.parametrize(
    "counts,headline",
    [
        ((), "Nobody is on the SEN register."),
        ((0,), "The one pupil on the register has no gap an inspector would find."),
        ((2,), "The one pupil on the register has a gap an inspector would find."),
        ((0, 0), "None of the 2 pupils on the register has a gap an inspector would find."),
        ((1, 0, 0), "1 of the 3 pupils on the register has a gap an inspector would find."),
        ((1, 3, 0), "2 of the 3 pupils on the register have a gap an inspector would find."),
    ],
)
def test_the_whole_school_headline(counts, headline):
    school = _school(*counts)
    assert school.headline == headline
    assert len(school.with_gaps) == sum(1 for n in counts if n)


@pytest.mark.parametrize(
    "counts,headline",
    [
        ((), "None of your pupils is on the SEN register."),
        ((2,), "Your one pupil on the register has a gap an inspector would find."),
        ((1, 3, 0), "2 of your 3 pupils on the register have a gap an inspector would find."),
    ],
)
def test_a_teachers_headline_is_of_their_own_pupils(counts, headline):
    from dataclasses import replace

    assert replace(_school(*counts), mine=True).headline == headline


def test_the_one_line_summary_says_each_gap_once():
    none_logged = (ProvisionFacts("ELSA", date(2026, 4, 13), 0), ProvisionFacts("Lego", date(2026, 4, 13), 0))
    found = gaps(record(cycle(1), cycle(2, provision=none_logged), open_cycle(3)), TODAY)
    assert len(found) == 2
    assert summary(found) == "no sessions logged (cycle 2)"
