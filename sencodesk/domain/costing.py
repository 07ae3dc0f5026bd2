"""Costing provision the way an LA checks it: staff time x hourly rate, shared across the group.

Annual cost of an allocation = minutes per week / 60 x rate x weeks / group size
                               + fixed costs / group size,
worked in exact fractions and rounded to the penny ONCE at the end, so the figure on screen is
the figure a SENCO gets with a calculator. Every cost carries its explanation string.

A year's planned cost counts the weeks a block runs in that academic year (1 September to 31
August) on the school's calendar: a block that starts in November is costed for the weeks left,
and one that runs past 31 August is split between the two years (`planned_cost_by_year`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .errors import ValidationError
from .money import parse_pounds, pounds
from .school_calendar import (
    SchoolCalendar,
    academic_year_of,
    count_school_days,
    nth_school_day,
    school_weeks,
    weeks_in_year,
    year_label,
)

# Staff roles a provision is delivered by, as the school's rate table names them.
STAFF_ROLES: dict[str, str] = {
    "teacher": "Teacher",
    "hlta": "HLTA",
    "ta": "Teaching assistant",
    "external": "External specialist",
}

# Defaults a new school starts with (pence per hour); the SENCO edits them in Settings.
DEFAULT_RATES: dict[str, int] = {"teacher": 3500, "hlta": 2200, "ta": 1850, "external": 6000}
# Weeks in the school year where the school has not entered its term dates (the usual LA costing
# basis: 190 days / 5); a year with term dates counts its own (teaching_weeks).
DEFAULT_WEEKS = 38
DEFAULT_THRESHOLD = 600_000  # £6,000: the notional SEN budget's per-pupil threshold


@dataclass(frozen=True)
class CostingSettings:
    rates: dict[str, int]  # role -> pence per hour
    weeks_per_year: int = DEFAULT_WEEKS
    threshold: int = DEFAULT_THRESHOLD  # pence

    def rate(self, role: str) -> int:
        return self.rates.get(role, DEFAULT_RATES.get(role, 0))


DEFAULT_COSTING = CostingSettings(rates=dict(DEFAULT_RATES))


@dataclass(frozen=True)
class Cost:
    pence: int
    explanation: str


def _round_pence(value: Fraction) -> int:
    """Half-up to the penny (what a calculator and an LA spreadsheet do), not banker's rounding."""
    return int((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("1"), ROUND_HALF_UP))


def exact_cost(
    *, minutes: int, per_week: int, weeks: int, group_size: int, rate: int, fixed: int = 0
) -> Fraction:
    """One pupil's share of an allocation's annual cost in exact pence, not yet rounded: what is
    summed before rounding once, so a group's shares add up to what the group costs."""
    return Fraction(minutes * per_week * weeks * rate + 60 * fixed, 60 * max(group_size, 1))


def round_pence(value: Fraction) -> int:
    """Half-up to the penny, like annual_pence (a calculator's rounding)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def apportion(parts: list[Fraction]) -> list[int]:
    """Round parts to pence so that they add up to their total rounded once: each part is
    rounded, and the penny the rounding gains or loses is carried to the last part. Shown side by
    side, the parts then always sum to the total shown ("£147.78 + £16.66 = £164.44")."""
    if not parts:
        return []
    total = round_pence(sum(parts, Fraction(0)))
    rounded = [round_pence(p) for p in parts[:-1]]
    return [*rounded, total - sum(rounded)]


def annual_pence(
    *, minutes: int, per_week: int, weeks: int, group_size: int, rate: int, fixed: int = 0
) -> int:
    """The same figure as annual_cost(), in whole-number arithmetic and without the working:
    for totals over thousands of allocations (the dashboard's spend).

    (minutes x per week x weeks x rate / 60 + fixed) / group  =  num / den, rounded half up.
    """
    num = minutes * per_week * weeks * rate + 60 * fixed
    den = 60 * group_size
    return (2 * num + den) // (2 * den)


def _num(value: Fraction) -> str:
    """85.5, 2, 0.75: a number of hours as a person writes it (at most two decimals)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text


def _pupils(n: int) -> str:
    return f"{n} pupil" if n == 1 else f"{n} pupils"


def annual_cost(
    *,
    minutes: int,
    per_week: int,
    weeks: int,
    group_size: int,
    rate: int,
    fixed: int = 0,
    fixed_note: str = "",
) -> Cost:
    """The cost to ONE pupil of an allocation, in pence, with the working shown."""
    if group_size < 1:
        raise ValidationError({"group_size": "Group size must be at least 1 pupil."})
    for name, value in (
        ("minutes", minutes),
        ("per_week", per_week),
        ("weeks", weeks),
        ("rate", rate),
        ("fixed", fixed),
    ):
        if value < 0:
            raise ValidationError({name: "Costing figures cannot be negative."})
    hours = Fraction(minutes * per_week * weeks, 60)
    staff = hours * rate / group_size
    share = Fraction(fixed, group_size)
    total = annual_pence(
        minutes=minutes, per_week=per_week, weeks=weeks, group_size=group_size, rate=rate, fixed=fixed
    )
    # The two parts shown must add up to the total shown: the penny the rounding moves is carried
    # to the fixed-cost part (the total itself is rounded once, from the exact figure).
    staff_p, share_p = apportion([staff, share]) if fixed else (total, 0)
    text = (
        f"{minutes} min × {per_week}/wk × {weeks} wk = {_num(hours)} h × {pounds(rate)} "
        f"÷ {_pupils(group_size)} = {pounds(staff_p)}"
    )
    if fixed:
        what = fixed_note.strip() or "fixed costs"
        carried = " (rounded so the parts add up)" if share_p != _round_pence(share) else ""
        text += (
            f"; + {pounds(fixed)} {what} ÷ {_pupils(group_size)} = {pounds(share_p)}{carried}"
            f"; total {pounds(total)}"
        )
    return Cost(pence=total, explanation=text)


# --- weeks on the calendar, and a year's planned cost ------------------------------------------


def teaching_weeks(cal: SchoolCalendar, year: int, default_weeks: int = DEFAULT_WEEKS) -> tuple[int, bool]:
    """(weeks, approximate): the school weeks of the academic year starting September `year`,
    counted from the school's term dates (school days / 5, to the nearest week: see
    school_calendar.school_weeks); without them the setting's default, marked approximate."""
    if cal.has_terms(year):
        return weeks_in_year(cal, year), False
    return default_weeks, True


def weeks_note(cal: SchoolCalendar, year: int, default_weeks: int = DEFAULT_WEEKS) -> str:
    """What a provision map says under its costs about how the weeks were counted."""
    weeks, approximate = teaching_weeks(cal, year, default_weeks)
    label = year_label(year)
    if approximate:
        return (
            f"No term dates are set for {label} (Settings > School calendar), so each provision's weeks "
            f"are counted on a typical term pattern and a whole year as {weeks} weeks (the costing "
            "setting): these costs are approximate."
        )
    return (
        f"Each cost is for the weeks the provision runs in {label} on the school's term dates "
        f"({weeks} school weeks this year)."
    )


@dataclass(frozen=True)
class Block:
    """When a provision block runs: from its first school day on or after `starts_on`, for
    `weeks` school weeks (5 school days each), stopped early by `ends_on` when it has one (its
    own end date, or the review that closed its cycle). None: it runs its planned weeks."""

    starts_on: date
    ends_on: date | None
    weeks: int

    def span(self, cal: SchoolCalendar) -> tuple[date, date]:
        """Its first and last school day (last before first when it never runs)."""
        first = nth_school_day(cal, self.starts_on, 1)
        last = nth_school_day(cal, first, 5 * max(self.weeks, 1))
        if self.ends_on is not None and self.ends_on < last:
            last = self.ends_on
        return first, last


@dataclass(frozen=True)
class BlockWeeks:
    """The weeks of a block that fall in one academic year."""

    year: int  # the academic year starting 1 September `year`
    weeks: int
    block_weeks: int  # the weeks it runs in all
    starts_here: bool  # its first school day is in this year: its fixed costs are charged here
    approximate: bool  # the year has no term dates of the school's own

    @property
    def note(self) -> str:
        """'29 of its 38 weeks fall in 2026/27' when the year has only part of the block."""
        if self.weeks == self.block_weeks:
            return ""
        return f"{self.weeks} of its {self.block_weeks} weeks fall in {year_label(self.year)}"


def _weeks_up_to(cal: SchoolCalendar, first: date, last: date, day: date) -> int:
    """The block's weeks from its first school day to `day` (rounded as school_weeks): the weeks
    of a stretch are the difference of two of these, so the years' weeks add up to the block's."""
    return school_weeks(count_school_days(cal, first, min(last, day)))


def block_weeks(
    cal: SchoolCalendar, block: Block, year: int, *, default_weeks: int = DEFAULT_WEEKS
) -> BlockWeeks:
    """The block's school weeks in the academic year `year`: its school days from 1 September
    to 31 August, as weeks (school days / 5 to the nearest week, counted from the block's first
    day so that the years add up to the block), and never more than the year's own weeks
    (teaching_weeks: the setting's default in a year without term dates). That cap is the one
    place the years can fall short of the block: a block longer than a school year with a day or
    two either side of it (0.4 + 39.2 + 0.4 weeks is costed 0 + 39 + 0, as a person would)."""
    first, last = block.span(cal)
    before = _weeks_up_to(cal, first, last, date(year, 9, 1) - timedelta(days=1))
    upto = _weeks_up_to(cal, first, last, date(year + 1, 8, 31))
    year_weeks, approximate = teaching_weeks(cal, year, default_weeks)
    return BlockWeeks(
        year=year,
        weeks=min(upto - before, year_weeks),
        block_weeks=_weeks_up_to(cal, first, last, last),
        starts_here=academic_year_of(first) == year and first <= last,
        approximate=approximate,
    )


def block_years(cal: SchoolCalendar, block: Block, *, default_weeks: int = DEFAULT_WEEKS) -> list[BlockWeeks]:
    """The academic years the block runs in, with its weeks in each (years with none left out)."""
    first, last = block.span(cal)
    if last < first:
        return []
    parts = [
        block_weeks(cal, block, y, default_weeks=default_weeks)
        for y in range(academic_year_of(first), academic_year_of(last) + 1)
    ]
    return [p for p in parts if p.weeks or p.starts_here]


def weeks_between(
    cal: SchoolCalendar, block: Block, start: date, end: date, *, default_weeks: int = DEFAULT_WEEKS
) -> tuple[int, bool]:
    """(weeks, charged fixed costs): the block's weeks from `start` to `end` (a governors'
    summary for a term, say), counted as block_weeks counts a year; and whether its first
    school day falls in the period (its fixed costs are then charged to it)."""
    first, last = block.span(cal)
    if last < first or end < start:
        return 0, False
    weeks = 0
    for year in range(academic_year_of(start), academic_year_of(end) + 1):
        lo, hi = max(start, date(year, 9, 1)), min(end, date(year + 1, 8, 31))
        part = _weeks_up_to(cal, first, last, hi) - _weeks_up_to(cal, first, last, lo - timedelta(days=1))
        weeks += min(part, teaching_weeks(cal, year, default_weeks)[0])
    return weeks, start <= first <= end


@dataclass(frozen=True)
class YearCost:
    """One academic year's share of a block's planned cost, for one pupil."""

    year: int
    weeks: BlockWeeks
    exact: Fraction  # pence, unrounded: what totals sum before rounding once
    pence: int  # rounded so that the years add up to the block's cost rounded once
    cost: Cost  # this year's figure with its working (its own rounding, for a one-year map)


def year_cost(
    part: BlockWeeks,
    *,
    minutes: int,
    per_week: int,
    group_size: int,
    rate: int,
    fixed: int = 0,
    fixed_note: str = "",
) -> Cost:
    """A block's planned cost in one year, with the working: its weeks in the year (and how many
    of its weeks those are), and its fixed costs only in the year it starts."""
    cost = annual_cost(
        minutes=minutes,
        per_week=per_week,
        weeks=part.weeks,
        group_size=group_size,
        rate=rate,
        fixed=fixed if part.starts_here else 0,
        fixed_note=fixed_note,
    )
    if not part.note:
        return cost
    return Cost(cost.pence, f"{part.note}: {cost.explanation}")


def year_exact(
    part: BlockWeeks, *, minutes: int, per_week: int, group_size: int, rate: int, fixed: int = 0
) -> Fraction:
    """year_cost's figure, exact and without the working: for totals over many blocks."""
    return exact_cost(
        minutes=minutes,
        per_week=per_week,
        weeks=part.weeks,
        group_size=group_size,
        rate=rate,
        fixed=fixed if part.starts_here else 0,
    )


def planned_cost_by_year(
    cal: SchoolCalendar,
    block: Block,
    *,
    minutes: int,
    per_week: int,
    group_size: int,
    rate: int,
    fixed: int = 0,
    fixed_note: str = "",
    default_weeks: int = DEFAULT_WEEKS,
) -> list[YearCost]:
    """A block's planned cost split by academic year (1 September to 31 August), each year costed
    for the block's weeks that fall in its term time: a block starting 12/11/2026 is costed in
    2026/27 for the weeks left of that year, and one running past 31 August carries the rest
    into the next year. Fixed costs fall in the year the block starts. The years' pence add up
    to the block's cost rounded once (apportion)."""
    parts = block_years(cal, block, default_weeks=default_weeks)
    figures = dict(minutes=minutes, per_week=per_week, group_size=group_size, rate=rate, fixed=fixed)
    exact = [year_exact(p, **figures) for p in parts]
    return [
        YearCost(p.year, p, e, pence, year_cost(p, **figures, fixed_note=fixed_note))
        for p, e, pence in zip(parts, exact, apportion(exact), strict=True)
    ]


def delivered_exact(*, minutes: int, group_size: int, rate: int, fixed: int = 0) -> Fraction:
    """One pupil's share of the staff time delivered, in exact pence: the minutes logged in
    sessions at the hourly rate, shared across the group as the plan shares it (each pupil's
    session is logged on their own allocation), with the block's fixed costs when they fall in
    the period."""
    return Fraction(minutes * rate + 60 * fixed, 60 * max(group_size, 1))


@dataclass(frozen=True)
class Threshold:
    total: int
    threshold: int
    over: bool
    share: float  # 0.0.. (1.0 = exactly at the threshold), for the bar
    text: str


def against_threshold(total: int, threshold: int) -> Threshold:
    """A pupil's total against the threshold (over means strictly more than it)."""
    share = total / threshold if threshold else 0.0
    if threshold and total > threshold:
        text = f"{pounds(total)}: {pounds(total - threshold)} over the {pounds(threshold)} threshold"
    else:
        pct = round(share * 100)
        text = f"{pounds(total)} of the {pounds(threshold)} threshold ({pct}%)"
    return Threshold(
        total=total, threshold=threshold, over=bool(threshold) and total > threshold, share=share, text=text
    )


def clean_costing(form: dict[str, Any]) -> CostingSettings:
    """The Settings form: '18.50' per role, weeks per year, threshold in pounds."""
    errors: dict[str, str] = {}
    rates: dict[str, int] = {}
    for role, label in STAFF_ROLES.items():
        raw = str(form.get(f"rate_{role}", "") or "").strip()
        if not raw:
            errors[f"rate_{role}"] = f"Hourly rate for {label}: type an amount, e.g. 18.50."
            continue
        try:
            rates[role] = parse_pounds(raw, f"rate_{role}", label=f"Hourly rate for {label}")
        except ValidationError as e:
            errors.update(e.field_errors)
    weeks = _whole(
        form.get("weeks_per_year"),
        "weeks_per_year",
        "Weeks in a school year without term dates",
        1,
        52,
        errors,
    )
    threshold = 0
    try:
        threshold = parse_pounds(str(form.get("threshold", "") or ""), "threshold", label="Threshold")
        if threshold <= 0:
            errors["threshold"] = "The threshold must be more than £0, e.g. 6000."
    except ValidationError as e:
        errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    return CostingSettings(rates=rates, weeks_per_year=weeks, threshold=threshold)


def costing_form(settings: CostingSettings) -> dict[str, str]:
    form = {f"rate_{r}": f"{settings.rate(r) / 100:.2f}" for r in STAFF_ROLES}
    return form | {
        "weeks_per_year": str(settings.weeks_per_year),
        "threshold": f"{settings.threshold / 100:.2f}",
    }


def _whole(raw: object, field: str, label: str, low: int, high: int, errors: dict[str, str]) -> int:
    text = str(raw if raw is not None else "").strip()
    if not text.isdigit() or not low <= int(text) <= high:
        errors[field] = f"{label}: type a whole number from {low} to {high}."
        return 0
    return int(text)
