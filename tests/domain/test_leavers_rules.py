"""The 15-school-day transfer deadline and the retention date."""

from datetime import date

import pytest

from sencodesk.domain import leavers as rules
from sencodesk.domain.errors import ValidationError


def test_school_days_skip_weekends():
    friday = date(2026, 7, 17)
    assert rules.add_school_days(friday, 1) == date(2026, 7, 20)  # Monday
    assert rules.add_school_days(friday, 5) == date(2026, 7, 24)
    assert rules.add_school_days(date(2026, 7, 18), 1) == date(2026, 7, 20)  # from a Saturday


def test_transfer_send_by_is_fifteen_school_days_three_weeks_later():
    assert rules.transfer_send_by(date(2026, 7, 17)) == date(2026, 8, 7)
    assert rules.transfer_send_by(date(2026, 7, 15)) == date(2026, 8, 5)  # Wednesday


def test_school_days_between():
    assert rules.school_days_between(date(2026, 7, 17), date(2026, 7, 24)) == 5
    assert rules.school_days_between(date(2026, 7, 24), date(2026, 7, 17)) == -5
    assert rules.school_days_between(date(2026, 7, 17), date(2026, 7, 17)) == 0


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
