"""The 15-school-day transfer deadline and the retention date."""

from datetime import date

import pytest

from sencodesk.domain import leavers as rules
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.school_calendar import NO_CALENDAR, CalendarDay, SchoolCalendar, Term

# A typical LA's dates around the two worked examples of issue 15.
LA = SchoolCalendar(
    terms=(
        Term(date(2024, 2, 19), date(2024, 3, 28), "spring"),
        Term(date(2024, 4, 15), date(2024, 5, 24), "summer"),
        Term(date(2026, 6, 1), date(2026, 7, 22), "summer"),
        Term(date(2026, 9, 2), date(2026, 10, 23), "autumn"),
    ),
    days=(CalendarDay(date(2026, 9, 2), "inset"), CalendarDay(date(2026, 9, 3), "inset")),
)


def test_left_before_easter_is_due_in_term_after_easter_not_on_good_friday():
    # reg 9(3): "no later than fifteen school days after the day on which the pupil ceases to be
    # registered". A weekday count gave Good Friday 29/03/2024.
    due = rules.transfer_send_by(LA, date(2024, 3, 8))
    assert due == date(2024, 4, 15)
    assert LA.is_school_day(due)


def test_left_at_the_end_of_the_summer_term_is_due_in_september_after_the_inset_days():
    # A weekday count gave 07/08/2026, in the summer holiday.
    due = rules.transfer_send_by(LA, date(2026, 7, 17))
    assert due == date(2026, 9, 21)
    assert LA.is_school_day(due)


def test_without_term_dates_the_typical_pattern_still_lands_in_term():
    for left in (date(2024, 3, 8), date(2026, 7, 17)):
        due = rules.transfer_send_by(NO_CALENDAR, left)
        assert NO_CALENDAR.is_school_day(due) and NO_CALENDAR.approximate(left, due)
    assert rules.transfer_send_by(NO_CALENDAR, date(2024, 3, 8)) == date(2024, 4, 12)


def test_retention_date_default_and_leap_day():
    assert rules.retention_date(date(2018, 4, 3)) == date(2049, 4, 3)
    assert rules.retention_date(date(2016, 2, 29)) == date(2047, 2, 28)
    assert rules.retention_date(date(2016, 2, 29), 32) == date(2048, 2, 29)
    assert rules.retention_date(date(2018, 4, 3), 25) == date(2043, 4, 3)


@pytest.mark.parametrize("value,ok", [("31", 31), (25, 25), (" 6 ", 6), ("100", 100)])
def test_retention_years_accepted(value, ok):
    assert rules.check_retention_years(value) == ok


@pytest.mark.parametrize("value", ["", "thirty", "5", "101", None, "3.5"])
def test_retention_years_refused(value):
    with pytest.raises(ValidationError):
        rules.check_retention_years(value)
