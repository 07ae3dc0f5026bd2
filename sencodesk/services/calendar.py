"""The school calendar: its terms, INSET days and closures, edited in Settings or imported from a
CSV; and the warnings every screen shows when a date is not a school day.

Every count of school days (a leaver's transfer, the weeks a provision runs, proposed meeting
dates) reads the calendar through `school_calendar`, so one calendar is used everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..domain import school_calendar as rules
from ..domain.bank_holidays import BANK_HOLIDAYS
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import NotFound, UserError, ValidationError
from ..domain.plural import plural
from ..domain.school_calendar import CalendarDay, SchoolCalendar, Term
from ..store import calendar as store
from .actor import Actor

CACHE_KEY = "school_calendar"
MAX_CSV_BYTES = 200_000


def school_calendar(actor: Actor) -> SchoolCalendar:
    """The school's calendar (cached while the school is open; any write clears the cache)."""
    actor.require("settings.read")
    if CACHE_KEY not in actor.cache:
        terms = tuple(
            Term(from_iso(r["starts_on"]) or date.min, from_iso(r["ends_on"]) or date.min, r["kind"])
            for r in store.terms(actor.db)
        )
        days = tuple(
            CalendarDay(from_iso(r["day"]) or date.min, r["kind"], r["note"]) for r in store.days(actor.db)
        )
        actor.cache[CACHE_KEY] = SchoolCalendar(terms, days)
    cal: SchoolCalendar = actor.cache[CACHE_KEY]
    return cal


def approximate_note(actor: Actor, start: date, end: date | None = None) -> str:
    """The plain warning a screen shows beside a school-day count made without term dates ('' if
    the school's own dates cover start to end)."""
    return rules.APPROXIMATE_NOTE if school_calendar(actor).approximate(start, end) else ""


def date_warning(actor: Actor, day: str | date | None, what: str = "This date") -> str:
    """A warning for a typed date that is not a school day ('' when it is, or is not a date):
    forms show it under the field and save anyway."""
    try:
        value = parse_date(day)
    except ValidationError:
        return ""
    return rules.date_warning(school_calendar(actor), value, what)


@dataclass(frozen=True)
class TermRow:
    id: int
    term: Term

    @property
    def text(self) -> str:
        t = self.term
        days = sum(
            1 for n in range((t.ends_on - t.starts_on).days + 1) if (t.starts_on + timedelta(n)).weekday() < 5
        )
        return f"{t.label}: {uk(t.starts_on)} to {uk(t.ends_on)} ({plural(days, 'weekday')})"


@dataclass(frozen=True)
class YearView:
    year: int
    label: str
    own_dates: bool  # False: the typical pattern (approximate)
    school_days: int
    weeks: int
    terms: tuple[Term, ...]
    months: tuple[tuple[int, int, list[list[tuple[int, str]]]], ...]  # (year, month, weeks of days)


@dataclass(frozen=True)
class CalendarView:
    terms: tuple[TermRow, ...]
    days: tuple[CalendarDay, ...]
    years: tuple[YearView, ...]  # the current and the next academic year
    warning: str


def calendar_view(actor: Actor, *, today: date | None = None) -> CalendarView:
    """What Settings shows: the terms and marked days, and this year and next as small calendars."""
    cal = school_calendar(actor)
    today = today or date.today()
    this_year = rules.academic_year_of(today)
    years = []
    for year in (this_year, this_year + 1):
        months = tuple(
            (y, m, rules.month_grid(cal, y, m))
            for y, m in [(year, m) for m in range(9, 13)] + [(year + 1, m) for m in range(1, 9)]
        )
        years.append(
            YearView(
                year,
                rules.year_label(year),
                cal.has_terms(year),
                rules.school_days_in_year(cal, year),
                rules.weeks_in_year(cal, year),
                cal.terms_for(year),
                months,
            )
        )
    missing = [y.label for y in years if not y.own_dates]
    warning = (
        f"No term dates are set for {' or '.join(missing)}: school days there are counted from a typical "
        "English pattern and may be a few days out. Enter the terms, or import them from a CSV."
        if missing
        else ""
    )
    rows = tuple(
        TermRow(r["id"], Term(from_iso(r["starts_on"]) or today, from_iso(r["ends_on"]) or today, r["kind"]))
        for r in store.terms(actor.db)
    )
    return CalendarView(rows, cal.days, tuple(years), warning)


def _clean_term(form: dict, existing: tuple[Term, ...]) -> Term:
    errors: dict[str, str] = {}
    start = end = None
    try:
        start = parse_date(form.get("starts_on"), "starts_on", label="First day of term")
    except ValidationError as e:
        errors.update(e.field_errors)
    try:
        end = parse_date(form.get("ends_on"), "ends_on", label="Last day of term")
    except ValidationError as e:
        errors.update(e.field_errors)
    kind = str(form.get("kind") or "").strip().lower()
    if start is None and "starts_on" not in errors:
        errors["starts_on"] = "Type the first day of term, e.g. 02/09/2026."
    if end is None and "ends_on" not in errors:
        errors["ends_on"] = "Type the last day of term, e.g. 23/10/2026."
    if kind not in rules.TERM_KINDS:
        errors["kind"] = "Choose autumn, spring or summer."
    if errors:
        raise ValidationError(errors)
    assert start is not None and end is not None
    term = Term(start, end, kind)
    problems = rules.check_term(term, existing)
    if problems:
        raise ValidationError({"ends_on": problems[0][0].upper() + problems[0][1:]})
    return term


def add_term(actor: Actor, form: dict) -> int:
    """Add a term (or half term): first day, last day, autumn/spring/summer."""
    actor.require("settings.edit")
    term = _clean_term(form, school_calendar(actor).terms)
    with actor.write() as db:
        term_id = store.add_term(
            db, to_iso(term.starts_on) or "", to_iso(term.ends_on) or "", term.kind, actor.user.display_name
        )
        actor.audit(
            "create",
            "calendar",
            term_id,
            summary=f"added the {term.label.lower()} {uk(term.starts_on)} to {uk(term.ends_on)}",
            changes={"term": [None, f"{term.kind} {term.starts_on} {term.ends_on}"]},
        )
    return term_id


def delete_term(actor: Actor, term_id: int) -> None:
    actor.require("settings.edit")
    row = next((r for r in store.terms(actor.db) if r["id"] == term_id), None)
    if row is None:
        raise NotFound("That term is no longer in the calendar.")
    with actor.write() as db:
        store.delete_term(db, term_id)
        actor.audit(
            "delete",
            "calendar",
            term_id,
            summary=f"removed the {row['kind']} term {uk(row['starts_on'])} to {uk(row['ends_on'])}",
            changes={"term": [f"{row['kind']} {row['starts_on']} {row['ends_on']}", None]},
        )


def mark_day(actor: Actor, form: dict) -> None:
    """Mark a day: an INSET day, a closure, a bank holiday the school adds, or a shipped bank
    holiday it removes (kind not_bank_holiday)."""
    actor.require("settings.edit")
    day = parse_date(form.get("day"), "day", label="Date")
    kind = str(form.get("kind") or "").strip()
    note = str(form.get("note") or "").strip()[:200]
    errors = {}
    if day is None:
        errors["day"] = "Type the date, e.g. 02/09/2026."
    if kind not in rules.DAY_KINDS:
        errors["kind"] = "Choose INSET day, closure, add a bank holiday or remove a bank holiday."
    if errors:
        raise ValidationError(errors)
    assert day is not None
    cal = school_calendar(actor)
    if kind == "not_bank_holiday" and BANK_HOLIDAYS.get(day) is None:
        raise ValidationError({"day": f"{uk(day)} is not a bank holiday in SENCO desk's list."})
    with actor.write() as db:
        store.set_day(db, to_iso(day) or "", kind, note, actor.user.display_name)
        actor.audit(
            "update",
            "calendar",
            None,
            summary=f"marked {uk(day)} as {rules.DAY_KINDS[kind].lower()}" + (f" ({note})" if note else ""),
            changes={"day": [cal.closed_reason(day), f"{kind} {day}"]},
        )


def unmark_day(actor: Actor, day: str | date, kind: str) -> None:
    actor.require("settings.edit")
    value = parse_date(day, "day", label="Date")
    if value is None:
        raise ValidationError({"day": "Choose the day to remove."})
    with actor.write() as db:
        if not store.delete_day(db, to_iso(value) or "", kind):
            raise NotFound("That day is no longer marked in the calendar.")
        actor.audit(
            "update",
            "calendar",
            None,
            summary=f"removed {uk(value)} ({rules.DAY_KINDS.get(kind, kind).lower()}) from the calendar",
            changes={"day": [f"{kind} {value}", None]},
        )


def import_calendar_csv(actor: Actor, source: str | Path, *, is_text: bool = False) -> str:
    """Import terms and days from a CSV of start,end,kind. The terms of every academic year in the
    file replace that year's terms; days are added. All or nothing: a wrong row stops the import
    with every wrong row named. Returns what was imported, in words."""
    actor.require("settings.edit")
    if is_text:
        text = str(source)
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise UserError(f"SENCO desk could not read {path.name}: {e.strerror or e}.") from None
        if len(raw) > MAX_CSV_BYTES:
            raise UserError(f"{path.name} is too large for a calendar file: is it the right file?")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    found = rules.parse_calendar_csv(text)
    years = sorted({t.academic_year for t in found.terms})
    kept = tuple(t for t in school_calendar(actor).terms if t.academic_year not in years)
    for term in found.terms:
        problems = rules.check_term(term, kept)
        if problems:
            raise ValidationError({"calendar_csv": f"{uk(term.starts_on)}: {problems[0]}"})
    with actor.write() as db:
        for year in years:
            store.delete_terms_between(db, f"{year}-09-01", f"{year + 1}-08-31")
        for term in found.terms:
            store.add_term(
                db,
                to_iso(term.starts_on) or "",
                to_iso(term.ends_on) or "",
                term.kind,
                actor.user.display_name,
            )
        for d in found.days:
            store.set_day(db, to_iso(d.day) or "", d.kind, d.note, actor.user.display_name)
        summary = (
            f"imported {plural(len(found.terms), 'term')}"
            + (f" for {', '.join(rules.year_label(y) for y in years)}" if years else "")
            + f" and {plural(len(found.days), 'marked day')}"
        )
        actor.audit(
            "import",
            "calendar",
            None,
            summary=summary,
            changes={"rows": [None, len(found.terms) + len(found.days)]},
        )
    return summary[0].upper() + summary[1:] + "."
