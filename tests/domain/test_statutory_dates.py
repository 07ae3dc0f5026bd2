"""Statutory date rules against worked examples (dates checked by hand on a calendar)."""

from datetime import date, timedelta

import pytest

from sencodesk.domain import statutory as st
from sencodesk.domain.statutory import RequestDates, StatutoryDate, TimeLimitException


def steps_by_key(dates: RequestDates) -> dict[str, StatutoryDate]:
    return {s.key: s for s in st.request_timeline(dates)}


# --- weeks from a request ------------------------------------------------------------------


def test_request_received_monday_13_january_2025():
    steps = steps_by_key(RequestDates(sent_on=date(2025, 1, 13)))
    assert steps["decision"].due == date(2025, 2, 24)  # 6 weeks: Monday 24 February
    assert steps["no_plan"].due == date(2025, 5, 5)  # 16 weeks: Monday 5 May
    assert steps["final_plan"].due == date(2025, 6, 2)  # 20 weeks: Monday 2 June
    assert [s.key for s in st.request_timeline(RequestDates(sent_on=date(2025, 1, 13)))] == [
        "decision",
        "no_plan",
        "final_plan",
    ]
    assert all(s.owed_by == "LA" for s in steps.values())


def test_weeks_run_over_the_new_year_and_the_clock_change():
    steps = steps_by_key(RequestDates(sent_on=date(2025, 12, 15)))
    assert steps["decision"].due == date(2026, 1, 26)
    assert steps["final_plan"].due == date(2026, 5, 4)  # 20 weeks, across the March clock change


def test_the_clock_starts_when_the_la_received_the_request_if_recorded():
    sent_only = steps_by_key(RequestDates(sent_on=date(2025, 3, 3)))
    received = steps_by_key(RequestDates(sent_on=date(2025, 3, 3), la_received_on=date(2025, 3, 5)))
    assert sent_only["decision"].due == date(2025, 4, 14)
    assert received["decision"].due == date(2025, 4, 16)


def test_advice_is_due_6_weeks_after_the_la_asks_the_school():
    steps = steps_by_key(
        RequestDates(
            sent_on=date(2025, 1, 13),
            decision_on=date(2025, 2, 20),
            will_assess=True,
            advice_requested_on=date(2025, 2, 3),
        )
    )
    assert steps["advice"].due == date(2025, 3, 17)
    assert steps["advice"].owed_by == "school"


def test_draft_comments_15_days_counting_the_day_served():
    steps = steps_by_key(
        RequestDates(
            sent_on=date(2025, 1, 13),
            will_assess=True,
            decision_on=date(2025, 2, 20),
            draft_received_on=date(2025, 3, 10),
        )
    )
    assert steps["comments"].due == date(2025, 3, 24)  # 10 March is day 1, 24 March day 15
    assert steps["no_plan"].actual == date(2025, 3, 10)  # a draft shows the LA decided to issue


def test_consultation_reply_15_days_counting_the_day_received():
    assert st.consultation_due(date(2026, 12, 1)) == date(2026, 12, 15)
    assert st.consultation_due(date(2026, 12, 20)) == date(2027, 1, 3)  # over Christmas: not moved


def test_refusal_to_assess_ends_the_timeline():
    steps = st.request_timeline(
        RequestDates(sent_on=date(2025, 1, 13), will_assess=False, decision_on=date(2025, 2, 10))
    )
    assert [s.key for s in steps] == ["decision"]
    assert RequestDates(sent_on=date(2025, 1, 13), will_assess=False).closed


def test_decision_not_to_issue_drops_the_final_plan_step_and_vice_versa():
    no_plan = steps_by_key(
        RequestDates(
            sent_on=date(2025, 1, 13),
            will_assess=True,
            decision_on=date(2025, 2, 20),
            no_plan_on=date(2025, 5, 1),
        )
    )
    assert "final_plan" not in no_plan and no_plan["no_plan"].actual == date(2025, 5, 1)
    plan = steps_by_key(
        RequestDates(
            sent_on=date(2025, 1, 13),
            will_assess=True,
            decision_on=date(2025, 2, 20),
            final_plan_on=date(2025, 5, 30),
        )
    )
    assert "no_plan" not in plan and plan["final_plan"].days_late(date(2025, 7, 1)) == 0


# --- days late -----------------------------------------------------------------------------


def test_days_late_when_done_late_and_when_still_waiting():
    late = steps_by_key(
        RequestDates(sent_on=date(2025, 1, 13), decision_on=date(2025, 3, 3), will_assess=True)
    )
    assert late["decision"].days_late(date(2025, 6, 1)) == 7
    assert late["decision"].state(date(2025, 6, 1)) == "Done 7 days late"
    waiting = steps_by_key(RequestDates(sent_on=date(2025, 1, 13)))["decision"]
    assert waiting.overdue(date(2025, 3, 10)) and waiting.days_late(date(2025, 3, 10)) == 14
    assert waiting.state(date(2025, 3, 10)) == "Overdue by 14 days"
    assert not waiting.overdue(date(2025, 2, 24))  # the due day itself is in time
    assert waiting.state(date(2025, 2, 25)) == "Overdue by 1 day"
    assert waiting.days_left(date(2025, 2, 20)) == 4


def test_a_future_actual_date_is_booked_not_done():
    step = StatutoryDate("review", "Annual review meeting", date(2026, 3, 1), date(2026, 2, 20))
    today = date(2026, 2, 1)
    assert not step.done(today) and step.state(today) == "Booked"
    assert step.done(date(2026, 2, 20)) and step.state(date(2026, 3, 5)) == "Done"


# --- exceptions (reg 10(4)) ----------------------------------------------------------------

SUMMER = TimeLimitException("school_closed", "Summer holiday", date(2025, 7, 23), date(2025, 9, 2))


def test_summer_closure_adds_all_its_days_when_the_deadline_falls_in_it():
    # Received 30/06/2025; advice asked 16/07 (in the week before the closure); closed 23/07-02/09 (42 days).
    dates = RequestDates(
        sent_on=date(2025, 6, 30),
        will_assess=None,
        advice_requested_on=date(2025, 7, 16),
        exceptions=(SUMMER,),
    )
    steps = steps_by_key(dates)
    assert SUMMER.days == 42
    assert steps["decision"].due == date(2025, 9, 22)  # 11/08 + 42 days
    assert steps["decision"].shifted_days == 42
    assert steps["no_plan"].due == date(2025, 12, 1)  # 20/10 + 42
    assert steps["final_plan"].due == date(2025, 12, 29)  # 17/11 + 42
    assert "42 days added" in steps["decision"].note
    assert not steps["decision"].lifted


def test_a_closure_after_the_deadline_changes_nothing():
    dates = RequestDates(sent_on=date(2025, 1, 13), exceptions=(SUMMER,))
    steps = steps_by_key(dates)
    assert steps["decision"].due == date(2025, 2, 24) and steps["decision"].shifted_days == 0
    assert steps["final_plan"].due == date(2025, 6, 2)


def test_overlapping_periods_count_each_day_once():
    away = TimeLimitException("away", "Family abroad", date(2025, 7, 20), date(2025, 8, 20))
    steps = steps_by_key(RequestDates(sent_on=date(2025, 6, 30), exceptions=(SUMMER, away)))
    assert steps["decision"].shifted_days == 45  # 20/07 - 02/09 inclusive


def test_closure_exception_does_not_apply_when_advice_was_asked_outside_it():
    exc = SUMMER
    assert st.check_exception(exc, advice_requested_on=date(2025, 7, 16)) == []
    # Reopens 03/09: the window ends one week before, on 27/08.
    assert st.check_exception(exc, advice_requested_on=date(2025, 8, 27)) == []
    assert st.check_exception(exc, advice_requested_on=date(2025, 7, 15))  # 8 days before: no
    assert st.check_exception(exc, advice_requested_on=date(2025, 8, 28))  # under a week before reopening
    steps = steps_by_key(
        RequestDates(sent_on=date(2025, 6, 30), advice_requested_on=date(2025, 7, 1), exceptions=(SUMMER,))
    )
    assert steps["decision"].due == date(2025, 8, 11)  # not applied


def test_a_period_shorter_than_4_weeks_is_not_an_exception():
    short = TimeLimitException("away", "Two weeks abroad", date(2025, 7, 1), date(2025, 7, 27))
    assert short.days == 27
    assert "at least 4 weeks" in st.check_exception(short)[0]
    assert (
        st.check_exception(TimeLimitException("away", "Four weeks", date(2025, 7, 1), date(2025, 7, 28)))
        == []
    )


def test_exception_needs_a_note_and_a_known_kind():
    assert st.check_exception(TimeLimitException("personal", "  "))
    assert st.check_exception(TimeLimitException("holiday", "x"))[0].startswith("Choose")
    assert st.check_exception(TimeLimitException("away", "x", date(2025, 7, 1), None))


def test_exceptional_personal_circumstances_lift_the_limit():
    exc = TimeLimitException("personal", "Bereavement in the family")
    steps = steps_by_key(RequestDates(sent_on=date(2025, 1, 13), exceptions=(exc,)))
    decision = steps["decision"]
    assert decision.due == date(2025, 2, 24) and decision.lifted
    assert not decision.overdue(date(2025, 4, 1)) and decision.days_late(date(2025, 4, 1)) == 0
    assert decision.state(date(2025, 4, 1)) == "Time limit lifted (exception)"


# --- annual reviews ------------------------------------------------------------------------


def test_annual_review_in_the_12_months_starting_with_the_plan_date():
    # CFA 2014 s44(1): "in the period of 12 months starting with the date on which the plan was
    # first made". Made 01/01/2023: reviewed by 31/12/2023 (the app said 01/01/2024).
    assert st.review_due(date(2023, 1, 1)) == date(2023, 12, 31)
    assert st.review_due(date(2024, 12, 10)) == date(2025, 12, 9)
    # "...in each subsequent period of 12 months starting with the date on which the plan was last
    # reviewed"
    assert st.review_due(date(2024, 12, 10), date(2025, 11, 20)) == date(2026, 11, 19)
    dues, following = st.review_schedule(date(2024, 12, 10), [date(2025, 12, 1), date(2026, 11, 20)])
    assert dues == [date(2025, 12, 9), date(2026, 11, 30)]
    assert following == date(2027, 11, 19)
    assert st.review_schedule(date(2024, 12, 10), []) == ([], date(2025, 12, 9))


def test_latest_meeting_leaves_the_las_four_week_decision_inside_the_12_months():
    # reg 20(10): the LA decides within 4 weeks of the meeting.
    by = st.review_due(date(2023, 1, 1))
    assert st.latest_meeting_for_decision(by) == date(2023, 12, 3)
    assert st.latest_meeting_for_decision(by) + timedelta(weeks=4) == by


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2023, 1, 1), 12, date(2023, 12, 31)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # no 29 February: the month's last day
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2023, 2, 28), 12, date(2024, 2, 27)),  # not moved to the leap day
        (date(2027, 3, 1), 12, date(2028, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 12, 15), 12, date(2026, 12, 14)),
    ],
)
def test_period_end_and_leap_years(start, months, expected):
    assert st.period_end(start, months) == expected


def test_review_due_from_a_leap_day_plan():
    assert st.review_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_reviews_falling_in_holidays_are_not_moved():
    # Plan dated 16/08/2025: the review is due Saturday 15/08/2026, mid summer holiday.
    due = st.review_due(date(2025, 8, 16))
    assert due == date(2026, 8, 15) and due.weekday() == 5
    # A meeting on the last day of the summer term: report and LA decision land in August, unmoved.
    steps = {s.key: s for s in st.review_timeline(st.ReviewDates(meeting_on=date(2026, 7, 22), due_by=due))}
    assert steps["report"].due == date(2026, 8, 5)
    assert steps["la_decision"].due == date(2026, 8, 19)
    # Invitations for a meeting just after Christmas fall due on Christmas Day, unmoved.
    steps = {s.key: s for s in st.review_timeline(st.ReviewDates(meeting_on=date(2027, 1, 8), due_by=due))}
    assert steps["invitations"].due == date(2026, 12, 25)


def test_review_timeline_worked_example():
    invited = tuple((key, date(2026, 3, 2)) for key in st.STATUTORY_INVITEES)
    review = st.ReviewDates(
        meeting_on=date(2026, 3, 20),
        due_by=date(2026, 4, 1),
        invitations=invited,
        advice_circulated_on=date(2026, 3, 9),
        report_sent_on=date(2026, 4, 7),
        la_decision="amend",
        la_decision_on=date(2026, 4, 15),
        amendment_notice_on=date(2026, 5, 1),
    )
    steps = {s.key: s for s in st.review_timeline(review)}
    assert steps["review"].due == date(2026, 4, 1) and steps["review"].days_late(date(2026, 6, 1)) == 0
    assert steps["invitations"].due == date(2026, 3, 6) and steps["invitations"].actual == date(2026, 3, 2)
    assert steps["advice"].due == date(2026, 3, 6) and steps["advice"].days_late(date(2026, 6, 1)) == 3
    assert steps["report"].due == date(2026, 4, 3) and steps["report"].days_late(date(2026, 6, 1)) == 4
    assert steps["la_decision"].due == date(2026, 4, 17) and steps["la_decision"].owed_by == "LA"
    # 8 weeks from the notice is 26/06/2026, but 12 weeks from the meeting (Devon) is 12/06/2026
    assert steps["amended_plan"].due == date(2026, 6, 12)
    assert steps["amended_plan"].overdue(date(2026, 6, 13))


def test_amended_plan_is_capped_at_12_weeks_from_the_meeting():
    # R (L) v Devon CC [2022] EWHC 493 (Admin): meeting 01/10/2026, a late notice 10/12/2026 gave
    # 04/02/2027; the cap is 24/12/2026. Both are shown, the earlier is the deadline.
    review = st.ReviewDates(
        meeting_on=date(2026, 10, 1),
        due_by=date(2026, 12, 1),
        la_decision="amend",
        la_decision_on=date(2026, 12, 10),
        amendment_notice_on=date(2026, 12, 10),
    )
    step = {s.key: s for s in st.review_timeline(review)}["amended_plan"]
    assert step.due == date(2026, 12, 24)
    assert "04/02/2027" in step.note and "24/12/2026" in step.note
    # An early notice: 8 weeks from it comes first.
    early = st.ReviewDates(
        meeting_on=date(2026, 10, 1),
        due_by=date(2026, 12, 1),
        la_decision="amend",
        amendment_notice_on=date(2026, 10, 8),
    )
    assert {s.key: s for s in st.review_timeline(early)}["amended_plan"].due == date(2026, 12, 3)
    # Decided to amend, no notice yet: the 12-week cap already runs.
    none_yet = st.ReviewDates(meeting_on=date(2026, 10, 1), due_by=date(2026, 12, 1), la_decision="amend")
    assert {s.key: s for s in st.review_timeline(none_yet)}["amended_plan"].due == date(2026, 12, 24)


def test_no_amended_plan_step_unless_the_la_decided_to_amend():
    keep = st.ReviewDates(
        meeting_on=date(2026, 3, 20),
        due_by=date(2026, 4, 1),
        la_decision="keep",
        la_decision_on=date(2026, 4, 1),
        amendment_notice_on=date(2026, 4, 2),
    )
    assert "amended_plan" not in {s.key for s in st.review_timeline(keep)}


def test_invitations_count_only_when_every_statutory_invitee_is_invited():
    all_but_health = tuple((k, date(2026, 3, 1)) for k in st.STATUTORY_INVITEES if k != "health")
    assert st.invitations_sent_on(all_but_health) is None
    assert st.invitations_sent_on((*all_but_health, ("health", None))) is None
    everyone = (*all_but_health, ("health", date(2026, 3, 10)), ("other", date(2026, 3, 12)))
    assert st.invitations_sent_on(everyone) == date(2026, 3, 10)  # the last statutory invitee decides


# --- phase transfer and preparation for adulthood ------------------------------------------


@pytest.mark.parametrize(
    "year, today, expected",
    [
        # reg 18(1): "before" 15 February / 31 March, so the last days are 14/02 and 30/03
        ("6", date(2026, 11, 29), date(2027, 2, 14)),
        ("6", date(2026, 9, 1), date(2027, 2, 14)),
        ("6", date(2026, 8, 31), date(2026, 2, 14)),  # still the 2025/26 school year
        ("6", date(2027, 6, 30), date(2027, 2, 14)),
        ("11", date(2026, 11, 29), date(2027, 3, 30)),  # secondary -> post-16: before 31 March
        ("5", date(2026, 11, 29), None),
        ("9", date(2026, 11, 29), None),  # into Year 10 only where the school says so
        ("R", date(2026, 11, 29), None),
        (None, date(2026, 11, 29), None),
    ],
)
def test_phase_transfer_deadline_by_year_group(year, today, expected):
    found = st.phase_transfer(year, today)
    assert (found.deadline if found else None) == expected


def test_phase_transfer_on_15_february_is_a_day_late():
    found = st.phase_transfer("6", date(2026, 11, 29))
    step = st.StatutoryDate("phase_transfer", found.what, found.deadline, date(2027, 2, 15))
    assert step.days_late(date(2027, 3, 1)) == 1
    assert "before 15 February" in found.basis


def test_year_9_to_10_is_only_a_school_set_review_not_a_phase_transfer():
    # reg 2(1) lists the transfers between phases; a move into Year 10 is not one of them.
    found = st.phase_transfer("9", date(2026, 11, 29), ("6", "9", "11"))
    assert not found.statutory and "not statutory" in found.what
    assert "Not a statutory deadline" in found.basis and "UTC/studio school" in found.into
    assert st.phase_transfer("6", date(2026, 11, 29)).statutory
    assert "Year 7" in st.phase_transfer("6", date(2026, 11, 29)).what
    assert st.phase_transfer("6", date(2026, 11, 29), ("11",)) is None


@pytest.mark.parametrize(
    "year, expected",
    [
        ("N", False),
        ("R", False),
        ("1", False),
        ("8", False),
        ("9", True),
        ("11", True),
        ("14", True),
        (None, False),
        ("", False),
        ("Y9", False),
    ],
)
def test_preparation_for_adulthood_from_year_9(year, expected):
    assert st.needs_preparation_for_adulthood(year) is expected
    assert bool(st.pfa_note(year)) is expected


# --- the calendar ---------------------------------------------------------------------------


def _item(key, due, actual=None, lifted=False, name="Amy Smith"):
    return st.Deadline("ehcna_request", 1, 1, name, StatutoryDate(key, key, due, actual, lifted=lifted))


def test_calendar_lists_overdue_first_then_the_coming_weeks():
    today = date(2026, 11, 29)
    items = [
        _item("soon", date(2026, 12, 20)),
        _item("late_recent", date(2026, 11, 20)),
        _item("late_old", date(2026, 10, 1)),
        _item("done", date(2026, 12, 1), actual=date(2026, 11, 28)),
        _item("far", date(2027, 3, 1)),
        _item("booked", date(2026, 12, 10), actual=date(2026, 12, 5)),
        _item("lifted_past", date(2026, 11, 1), lifted=True),
        _item("today", today),
    ]
    order = [d.step.key for d in st.calendar_order(items, today, 56)]
    assert order == ["late_old", "late_recent", "today", "booked", "soon"]
    assert [d.step.key for d in st.calendar_order(items, today, 400)][-1] == "far"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Amy Smith", "A.S."),
        ("Amy Smith-Jones", "A.S.J."),
        ("  ben   o'neil ", "B.O."),
        ("Zoë Ó Briain", "Z.Ó.B."),
        ("", ""),
    ],
)
def test_initials(name, expected):
    assert st.initials(name) == expected


def test_a_meeting_booked_after_its_due_date_says_so_before_it_happens():
    step = StatutoryDate("review", "Annual review meeting", date(2026, 12, 1), date(2026, 12, 10))
    assert step.state(date(2026, 11, 29)) == "Booked 9 days after the due date"
    assert step.state(date(2026, 12, 5)) == "Overdue by 4 days"
    assert step.state(date(2026, 12, 11)) == "Done 9 days late"
