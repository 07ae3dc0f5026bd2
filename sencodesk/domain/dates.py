"""Dates: ISO YYYY-MM-DD in storage, DD/MM/YYYY on screen, with messages a person understands."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import overload

from .errors import ValidationError

_UK = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _two_digit_year(yy: int, today: date | None = None) -> int:
    """D/M/YY from an MIS: a year more than 10 years in the future is taken as last century."""
    today = today or date.today()
    year = 2000 + yy
    return year - 100 if year > today.year + 10 else year


def parse_date(text: str | date | None, field: str = "date", *, label: str = "Date") -> date | None:
    """DD/MM/YYYY (also D/M/YY, and YYYY-MM-DD) -> date. Blank -> None. Wrong -> ValidationError."""
    if text is None:
        return None
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        return None
    if m := _ISO.match(raw):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _UK.match(raw):
        d, mo, y = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            y = _two_digit_year(y)
    else:
        raise ValidationError(
            {field: f"{label}: '{raw}' is not a date. Type it as DD/MM/YYYY, e.g. 29/11/2026."}
        )
    if not 1 <= mo <= 12:
        raise ValidationError({field: f"{label}: '{raw}' has month {mo}; months run from 1 to 12."})
    if not 1900 <= y <= 2100:
        raise ValidationError({field: f"{label}: '{raw}' has year {y}, which cannot be right."})
    days = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= days:
        raise ValidationError(
            {field: f"{label}: '{raw}' is not a real date: {_MONTHS[mo]} {y} has {days} days."}
        )
    return date(y, mo, d)


def parse_period(
    start: str | date | None, end: str | date | None, *, fields: tuple[str, str] = ("date_from", "date_to")
) -> tuple[date, date]:
    """A period typed as two dates: both needed, real, and the end not before the start.
    ValidationError names the wrong one (or both) by `fields`."""
    errors: dict[str, str] = {}
    found: list[date | None] = []
    for text, field, label in (
        (start, fields[0], "Start of the period"),
        (end, fields[1], "End of the period"),
    ):
        try:
            day = parse_date(text, field, label=label)
        except ValidationError as e:
            errors |= e.field_errors
            day = None
        else:
            if day is None:
                errors[field] = f"{label}: type a date, e.g. 01/09/2026."
        found.append(day)
    first, last = found
    if first is not None and last is not None and last < first:
        errors[fields[1]] = "The end of the period is before its start."
    if errors:
        raise ValidationError(errors)
    assert first is not None and last is not None
    return first, last


@overload
def to_iso(value: date) -> str: ...
@overload
def to_iso(value: date | None) -> str | None: ...
def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def uk(value: date | str | None) -> str:
    """A date for a person: DD/MM/YYYY ('' for none). Accepts a date or an ISO string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def academic_year_start(day: date) -> date:
    """1 September that starts the school year containing `day`."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def academic_year_label(day: date) -> str:
    start = academic_year_start(day).year
    return f"{start}/{str(start + 1)[-2:]}"


def add_weeks(day: date, weeks: int) -> date:
    return day + timedelta(weeks=weeks)


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
