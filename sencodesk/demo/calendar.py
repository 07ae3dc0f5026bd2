"""The demo school's calendar: a plausible English LA year (the typical half terms, five INSET days
a year) for the years around `today`, stored as the school's own term dates; and the helper the
demo steps use so that what the demo makes up falls on days a school meets (no parents' evening
on a Sunday, no review on a bank holiday).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ..domain import school_calendar as sc
from ..domain.school_calendar import CalendarDay, SchoolCalendar, Term
from ..services import calendar
from ..services.actor import Actor

YEARS_BACK, YEARS_AHEAD = 3, 1  # the demo's history reaches about three years back


def demo_calendar(today: date) -> SchoolCalendar:
    """Terms for the academic years from three before `today`'s to the next, with INSET days on
    the first two days of the autumn term, the first day of the spring term, the first day back
    after the February half term and the last day of the summer term."""
    this_year = sc.academic_year_of(today)
    terms: list[Term] = []
    days: list[CalendarDay] = []
    for year in range(this_year - YEARS_BACK, this_year + YEARS_AHEAD + 1):
        year_terms = sc.default_terms(year)
        terms += year_terms
        autumn, spring_2, summer_2 = year_terms[0], year_terms[3], year_terms[5]
        first_two = list(sc.school_days_from(sc.NO_CALENDAR, autumn.starts_on, autumn.ends_on))[:2]
        inset = [
            *first_two,
            sc.school_day_on_or_after(sc.NO_CALENDAR, year_terms[2].starts_on),
            sc.school_day_on_or_after(sc.NO_CALENDAR, spring_2.starts_on),
            sc.school_day_on_or_before(sc.NO_CALENDAR, summer_2.ends_on),
        ]
        days += [CalendarDay(d, "inset") for d in inset]
    return SchoolCalendar(tuple(terms), tuple(days))


def calendar_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    cal = demo_calendar(today)
    rows = [f"{t.starts_on:%d/%m/%Y},{t.ends_on:%d/%m/%Y},{t.kind}" for t in cal.terms]
    rows += [f"{d.day:%d/%m/%Y},,inset" for d in cal.days]
    calendar.import_calendar_csv(actor, "start,end,kind\n" + "\n".join(rows) + "\n", is_text=True)
    ctx["calendar"] = cal


def school_day_by(cal: SchoolCalendar, day: date) -> date:
    """`day`, or the last school day before it: a made-up meeting moved earlier, never later."""
    return sc.school_day_on_or_before(cal, day)


def school_day_from(cal: SchoolCalendar, day: date, latest: date | None = None) -> date:
    """`day`, or the next school day, but never after `latest` (then the school day before it)."""
    found = sc.school_day_on_or_after(cal, day)
    if latest is not None and found > latest:
        found = sc.school_day_on_or_before(cal, latest)
    return found


def working_day_by(cal: SchoolCalendar, day: date) -> date:
    """`day`, or the last weekday before it that is not a bank holiday: a day an LA officer or a
    health professional works on (in the school holidays too)."""
    while day.weekday() >= 5 or cal.bank_holiday(day):
        day -= timedelta(days=1)
    return day


def in_term_days(cal: SchoolCalendar, start: date, end: date) -> list[date]:
    return list(sc.school_days_from(cal, start, end))


def before(day: date, days: int) -> date:
    return day - timedelta(days=days)


def on_school_days(rows: dict[str, list[dict]], cal: SchoolCalendar | None) -> None:
    """Move the made-up days of a bulk-built history onto school days: a review held, a concern
    raised on the last school day on or before its date; a session on a day the school is closed
    is not kept (nobody delivers an intervention on a bank holiday)."""
    if cal is None:
        return
    for table, key in (("reviews", "held_on"), ("concerns", "raised_on")):
        for row in rows.get(table, []):
            if row.get(key):
                row[key] = school_day_by(cal, date.fromisoformat(row[key])).isoformat()
    if "sessions" in rows:
        rows["sessions"][:] = [
            r for r in rows["sessions"] if cal.is_school_day(date.fromisoformat(r["held_on"]))
        ]
