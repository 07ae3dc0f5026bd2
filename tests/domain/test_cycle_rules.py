"""Rules of the graduated approach, good and bad cases."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain import cycles as rules
from sencodesk.domain import school_calendar as sc
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.school_calendar import NO_CALENDAR, CalendarDay, SchoolCalendar

D = rules.OutcomeDraft


def test_review_date_defaults_to_twelve_weeks():
    assert rules.default_review_date(date(2026, 9, 7)) == date(2026, 11, 30)
    assert rules.default_review_date(date(2026, 12, 31)) == date(2027, 3, 25)


def test_the_proposed_review_date_is_a_school_day():
    # Issue 15: 12 weeks from 05/10/2026 is Monday 28/12/2026, in the Christmas holiday; the
    # proposal is the first day of the spring term on the school's calendar (here the typical
    # pattern: Monday 04/01/2027)
    assert rules.default_review_date(date(2026, 10, 5), NO_CALENDAR) == date(2027, 1, 4)
    # 12 weeks from 08/02/2027 is the early May bank holiday, 03/05/2027: the next day
    assert rules.default_review_date(date(2027, 2, 8), NO_CALENDAR) == date(2027, 5, 4)
    # already a school day: unchanged
    assert rules.default_review_date(date(2026, 9, 7), NO_CALENDAR) == date(2026, 11, 30)
    # the school's own INSET day on that Monday: the Tuesday
    inset = SchoolCalendar(sc.default_terms(2026), (CalendarDay(date(2026, 11, 30), "inset"),))
    assert rules.default_review_date(date(2026, 9, 7), inset) == date(2026, 12, 1)


def test_one_open_cycle():
    rules.check_can_start(None)
    with pytest.raises(ValidationError, match="Cycle 2 is still open"):
        rules.check_can_start(2)


@pytest.mark.parametrize("n", [1, 6])
def test_one_to_six_outcomes_allowed(n):
    rules.check_outcomes([D(f"Outcome {i}") for i in range(n)], date(2026, 9, 1))


@pytest.mark.parametrize(
    "outcomes, word",
    [([], "at least one"), ([D("  ")], "at least one"), ([D(f"o{i}") for i in range(7)], "at most 6")],
)
def test_outcome_count_refused(outcomes, word):
    with pytest.raises(ValidationError) as e:
        rules.check_outcomes(outcomes, date(2026, 9, 1))
    assert word in e.value.field_errors["outcomes"]


def test_outcome_without_words_but_with_a_measure_is_named():
    with pytest.raises(ValidationError) as e:
        rules.check_outcomes([D("Read 20 words"), D("", measure="weekly check")], None)
    assert "Outcome 2 has no words" in e.value.field_errors["outcome_2"]


def test_outcome_by_when_before_plan_start_refused():
    with pytest.raises(ValidationError, match="before the plan starts"):
        rules.check_outcomes([D("Read", by_when=date(2026, 8, 1))], date(2026, 9, 1))


def test_plan_dates():
    rules.check_plan_dates(date(2026, 9, 1), date(2026, 9, 2))
    with pytest.raises(ValidationError) as e:
        rules.check_plan_dates(None, None)
    assert set(e.value.field_errors) == {"plan_start", "review_date"}
    with pytest.raises(ValidationError, match="must be after"):
        rules.check_plan_dates(date(2026, 9, 1), date(2026, 9, 1))


def test_review_needs_plan_and_date_not_before_it():
    rules.check_review_allowed(date(2026, 9, 1), date(2026, 9, 1))
    with pytest.raises(ValidationError, match="no plan yet"):
        rules.check_review_allowed(None, date(2026, 9, 1))
    with pytest.raises(ValidationError, match="before the plan started"):
        rules.check_review_allowed(date(2026, 9, 1), date(2026, 8, 31))
    with pytest.raises(ValidationError, match="is required"):
        rules.check_review_allowed(date(2026, 9, 1), None)


@pytest.mark.parametrize(
    "status, review, today, overdue",
    [
        ("open", date(2026, 11, 19), date(2026, 11, 20), True),
        ("open", "2026-11-19", date(2026, 11, 20), True),
        ("open", date(2026, 11, 20), date(2026, 11, 20), False),  # due today is not yet overdue
        ("open", None, date(2026, 11, 20), False),  # no plan, no review date
        ("reviewed", date(2026, 1, 1), date(2026, 11, 20), False),
    ],
)
def test_overdue(status, review, today, overdue):
    assert rules.is_overdue(status, review, today) is overdue


def test_ratings_every_outcome_and_valid():
    rules.check_ratings([1, 2], {1: "met", 2: "not_met"})
    with pytest.raises(ValidationError) as e:
        rules.check_ratings([1, 2], {1: "great"})
    assert set(e.value.field_errors) == {"rating_1", "rating_2"}


@pytest.mark.parametrize("attended, logged, pct", [(3, 4, 75), (0, 5, 0), (2, 3, 67), (0, 0, None)])
def test_attendance(attended, logged, pct):
    assert rules.attendance_pct(attended, logged) == pct


def test_carried_outcomes_are_the_unmet_ones_in_order():
    outcomes = [
        {"id": 5, "position": 1, "text": "B", "measure": "m", "rating": "partly_met"},
        {"id": 4, "position": 0, "text": "A", "measure": "", "rating": "not_met"},
        {"id": 6, "position": 2, "text": "C", "measure": "", "rating": "met"},
        {"id": 7, "position": 3, "text": "D", "measure": "", "rating": "exceeded"},
    ]
    carried = rules.carried_outcomes(outcomes)
    assert [(o.text, o.carried_from, o.by_when) for o in carried] == [("A", 4, None), ("B", 5, None)]


def test_impact_share():
    assert rules.impact_share(["met", "exceeded", "not_met", None]) == pytest.approx(2 / 3)
    assert rules.impact_share([None]) is None


# -- provision carried into the next cycle -----------------------------------------------------

OLD_START, NEW_START = date(2026, 9, 7), date(2026, 11, 23)


def test_carried_provision_starts_with_the_new_plan_and_runs_as_long():
    # from the old plan's start, ten weeks: from the new plan's start (blank), ten weeks
    assert rules.carried_dates(OLD_START, date(2026, 11, 16), OLD_START, NEW_START) == (
        None,
        date(2027, 2, 1),
    )
    # no dates of its own: it ran with the plan, and does again
    assert rules.carried_dates(None, None, OLD_START, NEW_START) == (None, None)
    # started two weeks into the old plan: two weeks into the new one
    assert rules.carried_dates(date(2026, 9, 21), None, OLD_START, NEW_START) == (date(2026, 12, 7), None)


def test_carried_provision_dates_proposed_on_school_days():
    # started two weeks into the old plan and ran eight weeks (21/09 to 16/11/2026): in a plan
    # starting 07/12/2026 that is 21/12/2026 (the Christmas holiday) to 15/02/2027 (the February
    # half term); on the calendar, the next school days: 04/01 and 22/02/2027
    old = (date(2026, 9, 21), date(2026, 11, 16), OLD_START, date(2026, 12, 7))
    assert rules.carried_dates(*old) == (date(2026, 12, 21), date(2027, 2, 15))
    assert rules.carried_dates(*old, NO_CALENDAR) == (date(2027, 1, 4), date(2027, 2, 22))


def test_carried_provision_has_no_dates_until_the_new_plan_starts():
    assert rules.carried_dates(OLD_START, date(2026, 11, 16), OLD_START, None) == (None, None)


def test_carried_provision_with_muddled_old_dates_is_not_given_a_wrong_end():
    # an end before its start (or a start before the plan) never makes a backwards range
    assert rules.carried_dates(date(2026, 10, 1), date(2026, 9, 20), OLD_START, NEW_START) == (
        date(2026, 12, 17),
        None,
    )
    assert rules.carried_dates(date(2026, 9, 1), None, OLD_START, NEW_START) == (None, None)


# -- correcting a recorded review --------------------------------------------------------------

RECORDED = {"decision": "continue", "refer_to": "", "held_on": "2026-11-19"}


def test_a_correction_keeping_the_decision_passes():
    rules.check_review_correction(RECORDED, date(2026, 11, 18), "continue", "", 2)  # a date typo: fine
    rules.check_review_correction(RECORDED, date(2026, 11, 19), "", "", 2)  # decision not sent: kept


def test_a_changed_decision_or_referral_is_refused_saying_why():
    with pytest.raises(ValidationError) as e:
        rules.check_review_correction(RECORDED, date(2026, 11, 19), "close", "Speech and language", 2)
    assert (
        "taken effect (the cycle was closed and cycle 2 opened from it)" in e.value.field_errors["decision"]
    )
    assert "(nobody) is part of the decision" in e.value.field_errors["refer_to"]


def test_a_closing_review_keeps_its_date():
    closed = RECORDED | {"decision": "close"}
    rules.check_review_correction(closed, date(2026, 11, 19), "close", "", None)
    with pytest.raises(ValidationError) as e:
        rules.check_review_correction(closed, date(2026, 11, 20), "close", "", None)
    assert "left SEN support from 19/11/2026" in e.value.field_errors["held_on"]
    assert "pupil left SEN support from 19/11/2026" in rules.decision_fixed_reason(
        "close", date(2026, 11, 19), None
    )
