"""Meetings with parents: one a day, the school calendar's terms, the Code's three a year (6.65)."""

from datetime import date

import pytest

from sencodesk.domain import parent_meetings as rules
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.parent_meetings import ParentMeeting
from sencodesk.domain.school_calendar import NO_CALENDAR, SchoolCalendar, Term

# The school's own 2026/27 terms (half terms joined into three).
CAL = SchoolCalendar(
    terms=(
        Term(date(2026, 9, 3), date(2026, 10, 23), "autumn"),
        Term(date(2026, 11, 2), date(2026, 12, 18), "autumn"),
        Term(date(2027, 1, 5), date(2027, 3, 26), "spring"),
        Term(date(2027, 4, 12), date(2027, 7, 21), "summer"),
    )
)
TODAY = date(2026, 11, 29)


def test_the_three_terms_join_half_terms_and_count_their_holidays():
    count = rules.year_count([date(2026, 12, 22), date(2027, 4, 1)], CAL, date(2027, 5, 1))
    autumn, _, summer = count.terms
    assert (autumn.kind, autumn.ends_on) == ("autumn", date(2026, 12, 18))
    assert autumn.counts_until == date(2027, 1, 4)
    # a meeting in the Christmas holiday counts for the autumn term, one at Easter for the spring
    assert [t.meetings for t in count.terms] == [1, 1, 0]
    assert summer.counts_until == date(2027, 8, 31)
    assert not count.approximate


def test_a_year_without_the_schools_terms_is_counted_on_the_typical_pattern_and_says_so():
    count = rules.year_count([date(2026, 10, 1)], NO_CALENDAR, TODAY)
    assert count.approximate and [t.kind for t in count.terms] == ["autumn", "spring", "summer"]


def test_only_this_school_years_meetings_count():
    count = rules.year_count([date(2026, 8, 31), date(2026, 9, 1), date(2027, 9, 1)], CAL, TODAY)
    assert count.days == (date(2026, 9, 1),) and count.label == "2026/27"


def test_a_review_with_parents_and_a_meeting_typed_for_the_same_day_count_once():
    typed = [ParentMeeting(1, date(2026, 10, 5), "Mum", id=7)]
    reviews = [
        ParentMeeting(1, date(2026, 10, 5), review_cycle=1),
        ParentMeeting(1, date(2026, 11, 19), review_cycle=2),
    ]
    merged = rules.merged(typed, reviews)
    assert [(m.held_on, m.id, m.review_cycle) for m in merged] == [
        (date(2026, 11, 19), None, 2),
        (date(2026, 10, 5), 7, None),  # the typed one stands for that day's review
    ]
    assert rules.meeting_days(merged) == (date(2026, 10, 5), date(2026, 11, 19))
    assert merged[0].kind == "Review of plan 2" and merged[1].kind == "In person"


def test_fewer_than_three_is_short_and_a_term_gone_by_with_none_is_named():
    count = rules.year_count([date(2027, 1, 20)], CAL, date(2027, 2, 1))
    assert count.short and count.count == 1
    assert [t.kind for t in count.missed(date(2027, 2, 1))] == ["autumn"]
    words = "1 of 3 this school year (2026/27); none in the autumn term"
    assert count.words(date(2027, 2, 1)) == words
    step = count.next_step(date(2027, 2, 1))
    assert step is not None and step.overdue(date(2027, 2, 1))
    assert (
        step.due == date(2026, 12, 18)
        and step.what == "No meeting with parents in the autumn term (1 of 3 this year)"
    )
    assert "6.65" in step.basis


def test_a_term_before_the_pupil_went_on_sen_support_is_not_held_against_them():
    count = rules.year_count([], CAL, date(2027, 2, 1), since=date(2027, 1, 10))
    assert count.missed(date(2027, 2, 1)) == []
    step = count.next_step(date(2027, 2, 1))
    assert step is not None and step.due == date(2027, 3, 26) and not step.overdue(date(2027, 2, 1))
    assert step.what == "Meet parents in the spring term (0 of 3 this year)"


def test_once_this_term_has_its_meeting_the_next_is_due_next_term():
    count = rules.year_count([date(2026, 10, 1)], CAL, TODAY)
    step = count.next_step(TODAY)
    assert step is not None and step.due == date(2027, 3, 26) and "spring term" in step.what


def test_three_meetings_meet_the_code_and_nothing_more_is_due():
    count = rules.year_count([date(2026, 9, 10), date(2026, 10, 1), date(2026, 11, 20)], CAL, TODAY)
    assert not count.short and count.next_step(TODAY) is None


def test_a_meeting_form_is_checked_and_kept_as_typed():
    values = rules.clean_meeting(
        {"held_on": "03/11/2026", "attendees": "  Mrs Kowalska (mother)  ", "agreed": "Reading\nat home"},
        today=TODAY,
    )
    assert values == {
        "held_on": "2026-11-03",
        "attendees": "Mrs Kowalska (mother)",
        "agreed": "Reading\nat home",
        "how": "in_person",
    }
    with pytest.raises(ValidationError) as e:
        rules.clean_meeting({"held_on": "30/11/2026", "how": "letter"}, today=TODAY)
    assert set(e.value.field_errors) == {"held_on", "attendees", "how"}
    assert "has not happened yet" in e.value.field_errors["held_on"]
