"""Leavers: the 15-school-day deadline to send their file on, and how long the record is kept.

Education (Pupil Information) (England) Regulations 2005 reg 9: the common transfer file and
the educational record go to the next school within 15 school days of the pupil leaving.
Retention: the IRMS toolkit keeps SEN files until date of birth + 31 years (domain.md §8.2);
the school may choose another period.
"""

from __future__ import annotations

from datetime import date, timedelta

from .errors import ValidationError

TRANSFER_SCHOOL_DAYS = 15
DEFAULT_RETENTION_YEARS = 31


def add_school_days(day: date, school_days: int) -> date:
    """The date `school_days` school days (Monday to Friday) after `day`.

    Term dates and bank holidays are not known to SENCO desk, so the date may come a little
    early in a holiday: it errs on the side of sending sooner."""
    current, left = day, school_days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def transfer_send_by(left_on: date) -> date:
    return add_school_days(left_on, TRANSFER_SCHOOL_DAYS)


def school_days_between(start: date, end: date) -> int:
    """School days after `start` up to and including `end` (negative when end is earlier)."""
    if end < start:
        return -school_days_between(end, start)
    return sum(1 for i in range(1, (end - start).days + 1) if (start + timedelta(days=i)).weekday() < 5)


def add_years(day: date, years: int) -> date:
    """Same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_date(dob: date, years: int = DEFAULT_RETENTION_YEARS) -> date:
    """The day the record may be deleted: date of birth + `years` (default 31)."""
    return add_years(dob, years)


def check_retention_years(value: object) -> int:
    """The school's retention period in years, from a settings form."""
    try:
        years = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(
            {"retention_years": "The retention period is a number of years, e.g. 31."}
        ) from None
    if not 6 <= years <= 100:
        raise ValidationError(
            {
                "retention_years": "The retention period should be between 6 and 100 years "
                "after the date of birth (the usual figure is 31)."
            }
        )
    return years
