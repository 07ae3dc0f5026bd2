"""Provision as planned and as delivered: a block's weeks in each academic year, the sessions it
planned up to a day, and the cost of the sessions logged.

A block runs from its first school day on or after its start for its planned weeks (five school
days each, on the school's calendar), stopped early by its end date (its own, or the review that
closed its cycle). Its weeks in an academic year (1 September to 31 August) are the school days
it runs in that year over five, counted from the block's first day so the years add up to the
block: a block of 38 weeks starting 12/11/2026 is costed for the weeks left of 2026/27 and the
rest in 2027/28, never 38 weeks in one year.

`weeks_by_year` is the one place the packs ask this (branch calendar-2 brings the same rule as
costing.block_years; when it lands, this is the line that calls it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from .school_calendar import (
    SchoolCalendar,
    academic_year_of,
    add_school_days,
    school_day_on_or_after,
    school_days_between,
)


@dataclass(frozen=True)
class Block:
    starts_on: date
    ends_on: date | None  # its own end date, or the review that closed its cycle; None: runs its weeks
    weeks: int

    def span(self, cal: SchoolCalendar) -> tuple[date, date]:
        """Its first and last school day (last before first when it never runs)."""
        first = school_day_on_or_after(cal, self.starts_on)
        last = add_school_days(cal, first, 5 * max(self.weeks, 1) - 1)
        if self.ends_on is not None and self.ends_on < last:
            last = self.ends_on
        return first, last


def _weeks(school_days: int) -> int:
    """School days as weeks, to the nearest week (as school_calendar.weeks_in_year counts)."""
    return (school_days + 2) // 5 if school_days > 0 else 0


def _days_up_to(cal: SchoolCalendar, first: date, last: date, day: date) -> int:
    """The block's school days from its first day to `day` (both counted)."""
    end = min(last, day)
    if end < first:
        return 0
    return school_days_between(cal, first - timedelta(days=1), end)


def weeks_by_year(cal: SchoolCalendar, block: Block, *, until: date | None = None) -> dict[int, int]:
    """The block's weeks in each academic year it runs in (year -> weeks; a year is 1 September
    `year` to 31 August), up to `until` when given (the weeks run so far)."""
    first, last = block.span(cal)
    if until is not None and until < last:
        last = until
    if last < first:
        return {}
    out: dict[int, int] = {}
    for year in range(academic_year_of(first), academic_year_of(last) + 1):
        before = _weeks(_days_up_to(cal, first, last, date(year, 8, 31)))
        upto = _weeks(_days_up_to(cal, first, last, date(year + 1, 8, 31)))
        if upto - before:
            out[year] = upto - before
    return out


def starts_in(cal: SchoolCalendar, block: Block, year: int) -> bool:
    """The block's first school day is in academic year `year` (its fixed costs are charged there)."""
    return academic_year_of(block.span(cal)[0]) == year


def delivered_exact(*, minutes: int, group_size: int, rate: int, fixed: int = 0) -> Fraction:
    """One pupil's share of the staff time delivered, in exact pence: the minutes of the sessions
    logged at the hourly rate, shared across the group as the plan shares it, with the block's
    fixed costs in the year it starts."""
    return Fraction(minutes * rate + 60 * fixed, 60 * max(group_size, 1))


@dataclass(frozen=True)
class Delivery:
    """One block in one academic year: planned against logged."""

    planned_sessions: int  # per week x its weeks in the year so far
    logged: int  # sessions logged in the year
    attended: int  # of those, the ones the pupil attended
    planned_pence: int  # the year's planned cost (as the costed map gives it)
    delivered_pence: int  # the cost of the sessions logged in the year

    @property
    def shortfall(self) -> int:
        """Planned sessions not logged (0 when as many or more were logged)."""
        return max(self.planned_sessions - self.logged, 0)
