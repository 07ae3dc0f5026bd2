"""The school calendar: terms, INSET days, closures and bank holidays, and the school days they
leave. Pure rules over values; the school's own dates come from the store through a service.

What a school day is: a day on which the school meets for a session (Education Act 1996 s579(1):
"school day", in relation to any school, means any day on which at that school there is a school
session). So a weekend, a bank holiday, a school holiday, an INSET day (staff only, no session for
pupils) and a day the school is closed are not school days.

Where the school has not entered its term dates for an academic year, that year follows
`default_terms`: a typical English LA pattern (the school's own LA's is not known). Every count
built on it is marked approximate, and the screens say so: never a silent weekday count.
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from .bank_holidays import BANK_HOLIDAYS, FIRST_YEAR, LAST_YEAR
from .dates import parse_date, uk
from .errors import ValidationError

TERM_KINDS: dict[str, str] = {"autumn": "Autumn term", "spring": "Spring term", "summer": "Summer term"}
# One-day entries a school keeps beside its terms.
DAY_KINDS: dict[str, str] = {
    "inset": "INSET day",
    "closure": "School closed",
    "bank_holiday": "Bank holiday (added by the school)",
    "not_bank_holiday": "Bank holiday removed by the school (a normal day)",
}
# What the CSV's kind column may say (lower case, spaces for - and _), and what it means.
CSV_KINDS: dict[str, str] = {
    "autumn": "autumn",
    "autumn term": "autumn",
    "autumn 1": "autumn",
    "autumn 2": "autumn",
    "spring": "spring",
    "spring term": "spring",
    "spring 1": "spring",
    "spring 2": "spring",
    "summer": "summer",
    "summer term": "summer",
    "summer 1": "summer",
    "summer 2": "summer",
    "term": "term",
    "inset": "inset",
    "inset day": "inset",
    "training day": "inset",
    "closure": "closure",
    "closed": "closure",
    "school closed": "closure",
    "bank holiday": "bank_holiday",
    "not a bank holiday": "not_bank_holiday",
    "remove bank holiday": "not_bank_holiday",
}
MAX_TERM_DAYS = 17 * 7  # a whole term is 12-16 weeks; longer is a typing slip (a whole year)
APPROXIMATE_NOTE = (
    "The school's term dates are not set for this year, so school days are counted from a typical "
    "English pattern and may be a few days out. Enter the term dates in Settings > School calendar."
)


@dataclass(frozen=True)
class Term:
    """A term or half term: the school meets on the weekdays from starts_on to ends_on."""

    starts_on: date
    ends_on: date
    kind: str  # autumn / spring / summer

    @property
    def label(self) -> str:
        return TERM_KINDS.get(self.kind, self.kind)

    @property
    def academic_year(self) -> int:
        return academic_year_of(self.starts_on)


@dataclass(frozen=True)
class CalendarDay:
    """A day the school marks: an INSET day, a closure, or a bank holiday added or removed."""

    day: date
    kind: str
    note: str = ""

    @property
    def label(self) -> str:
        base = DAY_KINDS.get(self.kind, self.kind)
        return f"{base}: {self.note}" if self.note else base


def academic_year_of(day: date) -> int:
    """The year the academic year containing `day` starts in (September to August)."""
    return day.year if day.month >= 9 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


# --- The typical pattern, for a year with no term dates set ---------------------------------


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm in Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _last_weekday_by(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def default_terms(year: int) -> tuple[Term, ...]:
    """Six half terms in the pattern most English LAs follow, for the year starting September `year`.

    Autumn from the first weekday from 2 September (not a Friday), half term the week of the last
    Monday in October, to the last Friday by 20 December; spring from the first weekday from
    4 January, half term the week of the first Monday from 12 February, to the Friday before the
    week of Good Friday; two weeks at Easter (the weeks of Good Friday and of Easter Monday);
    summer half term the week of the spring bank holiday (last Monday in May); the year ends on the
    last weekday by 22 July. No INSET days: a school's own are not known.
    """
    start = _weekday_from(date(year, 9, 2))
    if start.weekday() == 4:
        start += timedelta(days=3)
    autumn_half = _weekday_on_or_before(date(year, 10, 31), 0)
    christmas = _weekday_on_or_before(date(year, 12, 20), 4)
    spring = _weekday_from(date(year + 1, 1, 4))
    feb_half = _weekday_on_or_after(date(year + 1, 2, 12), 0)
    easter = _easter(year + 1)
    easter_off = easter - timedelta(days=6)  # the Monday of the week of Good Friday
    whit = _weekday_on_or_before(date(year + 1, 5, 31), 0)
    end = _last_weekday_by(date(year + 1, 7, 22))
    return (
        Term(start, autumn_half - timedelta(days=3), "autumn"),
        Term(autumn_half + timedelta(days=7), christmas, "autumn"),
        Term(spring, feb_half - timedelta(days=3), "spring"),
        Term(feb_half + timedelta(days=7), easter_off - timedelta(days=3), "spring"),
        Term(easter_off + timedelta(days=14), whit - timedelta(days=3), "summer"),
        Term(whit + timedelta(days=7), end, "summer"),
    )


# --- The calendar ------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolCalendar:
    """The school's terms and marked days; years without terms follow default_terms()."""

    terms: tuple[Term, ...] = ()
    days: tuple[CalendarDay, ...] = field(default_factory=tuple)

    @cached_property
    def _set_years(self) -> frozenset[int]:
        return frozenset(t.academic_year for t in self.terms)

    @cached_property
    def _marked(self) -> dict[date, CalendarDay]:
        # a closure or INSET day wins over a bank-holiday change on the same date
        order = {"not_bank_holiday": 0, "bank_holiday": 1, "inset": 2, "closure": 3}
        out: dict[date, CalendarDay] = {}
        for d in sorted(self.days, key=lambda d: order.get(d.kind, 9)):
            out[d.day] = d
        return out

    @cached_property
    def _removed(self) -> frozenset[date]:
        return frozenset(d.day for d in self.days if d.kind == "not_bank_holiday")

    @cached_property
    def _added(self) -> dict[date, str]:
        return {d.day: d.note or "Bank holiday" for d in self.days if d.kind == "bank_holiday"}

    def has_terms(self, year: int) -> bool:
        """True when the school entered its own term dates for the academic year `year`."""
        return year in self._set_years

    @property
    def any_terms(self) -> bool:
        return bool(self.terms)

    def terms_for(self, year: int) -> tuple[Term, ...]:
        """The year's terms in date order: the school's own, else the typical pattern."""
        if self.has_terms(year):
            own = (t for t in self.terms if t.academic_year == year)
            return tuple(sorted(own, key=lambda t: t.starts_on))
        return default_terms(year)

    def approximate(self, start: date, end: date | None = None) -> bool:
        """True when any academic year from start to end has no term dates of the school's own."""
        first, last = academic_year_of(start), academic_year_of(end or start)
        return any(not self.has_terms(y) for y in range(min(first, last), max(first, last) + 1))

    def bank_holiday(self, day: date) -> str | None:
        """The bank holiday's name on `day`, counting the school's own additions and removals."""
        if day in self._removed:
            return None
        return self._added.get(day) or BANK_HOLIDAYS.get(day)

    def in_term(self, day: date) -> Term | None:
        for term in self.terms_for(academic_year_of(day)):
            if term.starts_on <= day <= term.ends_on:
                return term
        return None

    def closed_reason(self, day: date) -> str | None:
        """Why `day` is not a school day, in words ("Saturday", "Good Friday (bank holiday)",
        "INSET day", "School holiday"); None when it is a school day."""
        if day.weekday() >= 5:
            return day.strftime("%A")
        marked = self._marked.get(day)
        if marked and marked.kind in ("inset", "closure"):
            return marked.label
        holiday = self.bank_holiday(day)
        if holiday:
            return f"{holiday} (bank holiday)"
        if self.in_term(day) is None:
            return "School holiday"
        return None

    def is_school_day(self, day: date) -> bool:
        return self.closed_reason(day) is None

    @cached_property
    def _year_days(self) -> dict[int, tuple[date, ...]]:
        return {}

    def school_days_of_year(self, year: int) -> tuple[date, ...]:
        """The academic year's school days in order, worked out once per calendar: the counts
        over thousands of provision blocks (the dashboard's spend) then cost a bisect each."""
        found = self._year_days.get(year)
        if found is None:
            found = tuple(school_days_from(self, date(year, 9, 1), date(year + 1, 8, 31)))
            self._year_days[year] = found
        return found


NO_CALENDAR = SchoolCalendar()  # every year on the typical pattern


def is_school_day(cal: SchoolCalendar, day: date) -> bool:
    return cal.is_school_day(day)


def school_days_from(cal: SchoolCalendar, start: date, end: date) -> Iterator[date]:
    """The school days from start to end, both included."""
    day = start
    while day <= end:
        if cal.is_school_day(day):
            yield day
        day += timedelta(days=1)


def add_school_days(cal: SchoolCalendar, day: date, school_days: int) -> date:
    """The `school_days`-th school day after `day` (`day` itself not counted). 0 gives `day`."""
    current, left = day, school_days
    while left > 0:
        current += timedelta(days=1)
        if cal.is_school_day(current):
            left -= 1
    return current


def school_days_between(cal: SchoolCalendar, start: date, end: date) -> int:
    """School days after `start` up to and including `end` (negative when end is earlier)."""
    if end < start:
        return -school_days_between(cal, end, start)
    return sum(1 for _ in school_days_from(cal, start + timedelta(days=1), end))


def school_day_on_or_before(cal: SchoolCalendar, day: date) -> date:
    """The last school day on or before `day`: a proposed date that is never later than it."""
    for _ in range(400):
        if cal.is_school_day(day):
            return day
        day -= timedelta(days=1)
    return day


def school_day_on_or_after(cal: SchoolCalendar, day: date) -> date:
    for _ in range(400):
        if cal.is_school_day(day):
            return day
        day += timedelta(days=1)
    return day


def school_days_in_year(cal: SchoolCalendar, year: int) -> int:
    return len(cal.school_days_of_year(year))


def count_school_days(cal: SchoolCalendar, start: date, end: date) -> int:
    """The school days from start to end, both included (0 when end is before start)."""
    if end < start:
        return 0
    total = 0
    for year in range(academic_year_of(start), academic_year_of(end) + 1):
        days = cal.school_days_of_year(year)
        total += bisect_right(days, end) - bisect_left(days, start)
    return total


def nth_school_day(cal: SchoolCalendar, start: date, n: int) -> date:
    """The n-th school day counting `start` itself when it is one (n >= 1): the last day of a
    block of n school days that begins on `start`."""
    year = academic_year_of(start)
    days = cal.school_days_of_year(year)
    i = bisect_left(days, start)
    left = max(n, 1)
    last = start
    for _ in range(60):  # a year with no school days at all (every day closed) is skipped
        if i + left - 1 < len(days):
            return days[i + left - 1]
        left -= len(days) - i
        last = days[-1] if days else last
        year += 1
        days, i = cal.school_days_of_year(year), 0
    return last


def school_weeks(days: int) -> int:
    """School days as school weeks: days / 5 to the nearest week (2 days round down, 3 up; with
    5 days a week a half week cannot happen). The Education (School Day and School Year)
    (England) Regulations 1999, reg 3(1)-(2): a school day has two sessions and a school meets
    for at least 380 sessions a year, so 190 days, / 5 = 38 weeks: the LA costing basis."""
    return (days + 2) // 5


def weeks_in_year(cal: SchoolCalendar, year: int) -> int:
    """The school weeks in the academic year `year`: its school days / 5, to the nearest week."""
    return school_weeks(school_days_in_year(cal, year))


def date_warning(cal: SchoolCalendar, day: date | None, what: str = "This date") -> str:
    """A warning (never a refusal: meetings do happen in holidays) when `day` is not a school
    day; '' when it is, or when no date is given."""
    if day is None:
        return ""
    reason = cal.closed_reason(day)
    if reason is None:
        return ""
    if reason in ("Saturday", "Sunday"):
        text = f"{what}, {uk(day)}, is a {reason}."
    elif reason == "School holiday":
        text = f"{what}, {uk(day)}, falls in the school holiday."
    else:
        text = f"{what}, {uk(day)}, is not a school day: {reason}."
    if reason not in ("Saturday", "Sunday") and cal.approximate(day):
        text += " (Judged against a typical term pattern: the school's term dates are not set.)"
    return text


def outside_shipped_years(day: date) -> bool:
    """True when bank holidays for `day`'s year are not shipped (the school adds its own)."""
    return not FIRST_YEAR <= day.year <= LAST_YEAR


def month_grid(cal: SchoolCalendar, year: int, month: int) -> list[list[tuple[int, str]]]:
    """The month as weeks (Monday first) of (day of month or 0, kind) for a small calendar:
    kind is school / weekend / holiday / bank_holiday / inset / closure / ''."""
    first = date(year, month, 1)
    weeks: list[list[tuple[int, str]]] = []
    week: list[tuple[int, str]] = [(0, "")] * first.weekday()
    day = first
    while day.month == month:
        week.append((day.day, day_kind(cal, day)))
        if len(week) == 7:
            weeks.append(week)
            week = []
        day += timedelta(days=1)
    if week:
        weeks.append(week + [(0, "")] * (7 - len(week)))
    return weeks


def day_kind(cal: SchoolCalendar, day: date) -> str:
    if day.weekday() >= 5:
        return "weekend"
    marked = cal._marked.get(day)
    if marked and marked.kind in ("inset", "closure"):
        return marked.kind
    if cal.bank_holiday(day):
        return "bank_holiday"
    return "school" if cal.in_term(day) else "holiday"


# --- Entering terms: the Settings form and the CSV import ---------------------------------------


def check_term(term: Term, others: Iterable[Term] = (), *, where: str = "") -> list[str]:
    """What is wrong with one term ([] when it is fine), against the terms already held."""
    at = f"{where}: " if where else ""
    if term.kind not in TERM_KINDS:
        return [f"{at}the kind must be autumn, spring or summer."]
    if term.ends_on < term.starts_on:
        return [f"{at}the term ends ({uk(term.ends_on)}) before it starts ({uk(term.starts_on)})."]
    if academic_year_of(term.starts_on) != academic_year_of(term.ends_on):
        return [f"{at}a term cannot run past 31 August into the next school year."]
    if (term.ends_on - term.starts_on).days + 1 > MAX_TERM_DAYS:
        weeks = ((term.ends_on - term.starts_on).days + 1) // 7
        return [f"{at}a term of {weeks} weeks is too long: enter each term (or half term) on its own row."]
    for other in others:
        if other != term and term.starts_on <= other.ends_on and other.starts_on <= term.ends_on:
            return [
                f"{at}it overlaps the {other.label.lower()} {uk(other.starts_on)} to {uk(other.ends_on)}."
            ]
    return []


def _term_kind_for(day: date) -> str:
    return "autumn" if day.month >= 9 else "spring" if day.month <= 3 else "summer"


@dataclass(frozen=True)
class CalendarImport:
    terms: tuple[Term, ...]
    days: tuple[CalendarDay, ...]


def parse_calendar_csv(text: str) -> CalendarImport:
    """A simple CSV of start,end,kind (a header row is optional; end may be blank for one day).

    Kinds: autumn / spring / summer (or "term": the season is taken from the start date), inset,
    closure, bank holiday, not a bank holiday. A byte-order mark, stray spaces and blank lines are
    ignored; every row that is wrong is named with what is wrong, and nothing is taken until
    every row is right.
    """
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    terms: list[Term] = []
    days: list[CalendarDay] = []
    problems: list[str] = []
    for n, row in enumerate(rows, start=1):
        cells = [c.strip().strip("\ufeff") for c in row]
        if not any(cells):
            continue
        if n == 1 and "start" in cells[0].lower():
            continue  # the header
        where = f"Row {n}"
        if len(cells) < 3:
            problems.append(f"{where}: expected three columns (start, end, kind); found {len(cells)}.")
            continue
        raw_kind = " ".join(cells[2].lower().replace("-", " ").replace("_", " ").split())
        kind = CSV_KINDS.get(raw_kind)
        if kind is None:
            problems.append(
                f"{where}: '{cells[2]}' is not a kind SENCO desk knows: use autumn, spring, summer, "
                "inset, closure, bank holiday or not a bank holiday."
            )
            continue
        try:
            start = parse_date(cells[0], "start", label=f"{where}, start")
            end = parse_date(cells[1], "end", label=f"{where}, end") or start
        except ValidationError as e:
            problems += list(e.field_errors.values())
            continue
        if start is None or end is None:
            problems.append(f"{where}: the start date is missing.")
            continue
        if kind == "term" or kind in TERM_KINDS:
            term = Term(start, end, _term_kind_for(start) if kind == "term" else kind)
            found = check_term(term, terms, where=where)
            problems += found
            if not found:
                terms.append(term)
            continue
        if end < start:
            problems.append(f"{where}: the end ({uk(end)}) is before the start ({uk(start)}).")
            continue
        if (end - start).days > 366:
            problems.append(f"{where}: a {DAY_KINDS[kind].lower()} of more than a year cannot be right.")
            continue
        note = cells[3] if len(cells) > 3 else ""
        day = start
        while day <= end:
            if day.weekday() < 5:
                days.append(CalendarDay(day, kind, note))
            day += timedelta(days=1)
    if problems:
        raise ValidationError({"calendar_csv": "\n".join(problems)})
    if not terms and not days:
        raise ValidationError({"calendar_csv": "The file has no dates in it."})
    return CalendarImport(tuple(terms), tuple(days))
