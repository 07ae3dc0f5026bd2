"""Leavers: the 15-school-day deadline to send their file on, and how long the record is kept.

Education (Pupil Information) (England) Regulations 2005 reg 9(3): the common transfer file and
the educational record go to the next school no later than fifteen school days after the day the
pupil ceases to be registered, counted on the school's own calendar (domain/school_calendar.py).
Retention: the IRMS toolkit keeps SEN files until date of birth + 31 years (domain.md §8.2);
the school may choose another period.
"""

from __future__ import annotations

from datetime import date

from .errors import ValidationError
from .school_calendar import SchoolCalendar, add_school_days

TRANSFER_SCHOOL_DAYS = 15
DEFAULT_RETENTION_YEARS = 31


def transfer_send_by(cal: SchoolCalendar, left_on: date) -> date:
    """The last day to send the common transfer file and educational record on.

    reg 9(3): the old school sends them "no later than fifteen school days after the day on which
    the pupil ceases to be registered". The leaving day is not counted; the 15th school day after
    it, by the school's calendar (weekends, bank holidays, holidays and INSET days skipped), is the
    last day. A pupil who left on Friday 08/03/2024 is due in term after Easter, not on Good Friday.
    """
    return add_school_days(cal, left_on, TRANSFER_SCHOOL_DAYS)


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
