"""Meetings with a pupil's parents or carers, and how many a school year has had.

The SEND Code of Practice: 0 to 25 years (DfE and DHSC, January 2015), paragraphs 6.64-6.71:
where a pupil is receiving SEN support, schools should talk to parents regularly to set clear
outcomes and review progress, and "should meet parents at least three times each year" (6.65);
the discussion is led by a teacher who knows the pupil, with the SENCO (6.67); a record of the
outcomes, action and support agreed is kept and given to the parents (6.68).

The rules SENCO desk keeps:
- the school year runs 1 September to 31 August; its three terms are the school calendar's own
  where the school entered them, else the typical English pattern (said so: approximate);
- a term counts the meetings from its first day up to the day before the next term starts (the
  summer term to 31 August), so a meeting held in a holiday counts for the term just ended;
- a cycle review held with a parent present counts as a meeting (Code 6.54: reviews are held
  with parents); a meeting recorded on the same day as such a review is the same meeting and is
  counted once: one meeting a day;
- the flag is for pupils on SEN support (K) with fewer than three meetings this school year; a
  term that ended with no meeting is "none in the autumn term"; a term that ended before the
  pupil went on SEN support is not held against them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import parse_date, uk
from .errors import ValidationError
from .school_calendar import SchoolCalendar, academic_year_of, year_label
from .statutory import StatutoryDate
from .text_limits import direction_words, in_sentence, multi_line, one_line

TARGET = 3
CODE = "SEND Code of Practice: 0 to 25 years (DfE and DHSC, January 2015)"
BASIS = f"{CODE}, 6.65: schools should meet parents at least three times each year"
HOW: dict[str, str] = {"in_person": "In person", "phone": "By phone", "video": "By video call"}
TERM_ORDER = ("autumn", "spring", "summer")
TERM_NAMES = {"autumn": "autumn term", "spring": "spring term", "summer": "summer term"}
ATTENDEES_LIMIT = 300
AGREED_LIMIT = 5_000


@dataclass(frozen=True)
class ParentMeeting:
    """A meeting with parents: typed (id set), or a cycle review a parent came to (review_cycle)."""

    pupil_id: int
    held_on: date
    attendees: str = ""
    agreed: str = ""
    how: str = "in_person"
    id: int | None = None
    review_cycle: int | None = None  # the cycle whose review this was (not typed as a meeting)
    version: int = 0
    updated_at: str = ""
    updated_by: str = ""

    @property
    def is_review(self) -> bool:
        return self.review_cycle is not None

    @property
    def kind(self) -> str:
        if self.is_review:
            return f"Review of plan {self.review_cycle}"
        return HOW.get(self.how, self.how)


def clean_meeting(form: Mapping[str, object], *, today: date) -> dict[str, str]:
    """A meeting form's values as stored (ISO date). ValidationError names every wrong field."""
    errors: dict[str, str] = {}
    held_on: date | None = None
    try:
        held_on = parse_date(_text(form.get("held_on")), "held_on", label="Date of the meeting")
    except ValidationError as e:
        errors.update(e.field_errors)
    if held_on is None and "held_on" not in errors:
        errors["held_on"] = "Give the date of the meeting (DD/MM/YYYY)."
    elif held_on is not None and held_on > today:
        errors["held_on"] = (
            f"The meeting on {uk(held_on)} has not happened yet: record a meeting once it is held."
        )
    attendees = one_line(form.get("attendees"))
    agreed = multi_line(form.get("agreed"))
    for key, cleaned, label, limit in (
        ("attendees", attendees, "Who was there", ATTENDEES_LIMIT),
        ("agreed", agreed, "What was agreed", AGREED_LIMIT),
    ):
        if cleaned.direction:
            errors[key] = direction_words(in_sentence(label))
        elif len(cleaned.text) > limit:
            errors[key] = f"{label}: keep it to {limit:,} characters (it has {len(cleaned.text):,})."
    how = _text(form.get("how")) or "in_person"
    if how not in HOW:
        errors["how"] = "Choose how the meeting was held: in person, by phone or by video call."
    if not attendees.text and "attendees" not in errors:
        errors["attendees"] = (
            "Say who was there (for example: Mrs Kowalska (mother), Miss Patel (class teacher))."
        )
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    return {"held_on": held_on.isoformat(), "attendees": attendees.text, "agreed": agreed.text, "how": how}


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def meeting_days(meetings: Iterable[ParentMeeting]) -> tuple[date, ...]:
    """The days parents were met: one meeting a day, whether typed, a review, or both."""
    return tuple(sorted({m.held_on for m in meetings}))


def merged(typed: Iterable[ParentMeeting], reviews: Iterable[ParentMeeting]) -> list[ParentMeeting]:
    """The pupil's meetings newest first: every typed one, and each review with a parent present
    on a day no meeting was typed (a meeting typed for that review's day is the same meeting)."""
    typed = list(typed)
    days = {m.held_on for m in typed}
    out = typed + [r for r in reviews if r.held_on not in days]
    return sorted(out, key=lambda m: (m.held_on, m.id or 0), reverse=True)


@dataclass(frozen=True)
class TermCount:
    kind: str  # autumn / spring / summer
    starts_on: date
    ends_on: date  # the term's last day (its meetings count up to the next term's start)
    counts_until: date
    meetings: int

    @property
    def name(self) -> str:
        return TERM_NAMES.get(self.kind, self.kind)

    def ended(self, today: date) -> bool:
        return today > self.ends_on


@dataclass(frozen=True)
class YearCount:
    """A pupil's meetings with parents in one school year, term by term."""

    year: int  # the year the school year starts in
    days: tuple[date, ...]  # meeting days this school year
    terms: tuple[TermCount, ...]
    approximate: bool  # the terms are the typical pattern, not the school's own
    since: date | None = None  # on SEN support since (a term before it is not held against them)

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def short(self) -> bool:
        return self.count < TARGET

    @property
    def last(self) -> date | None:
        return self.days[-1] if self.days else None

    def term_of(self, day: date) -> TermCount | None:
        return next((t for t in self.terms if t.starts_on <= day <= t.counts_until), None)

    def missed(self, today: date) -> list[TermCount]:
        """Terms that ended with no meeting, since the pupil went on SEN support."""
        return [
            t
            for t in self.terms
            if t.ended(today) and t.meetings == 0 and (self.since is None or self.since <= t.ends_on)
        ]

    def words(self, today: date) -> str:
        """'1 of 3 this school year (2026/27); none in the autumn term' for lists and the record."""
        text = f"{self.count} of {TARGET} this school year ({self.label})"
        missed = self.missed(today)
        if missed:
            text += "; none in the " + " or the ".join(t.name for t in missed)
        return text

    def next_step(self, today: date) -> StatutoryDate | None:
        """The next meeting as the Deadlines calendar lists it: overdue when a term ended with
        none; else due by the end of this term (or the next, once this one has its meeting).
        None once three have been held, or when no term of this year is left to hold one in."""
        if not self.short:
            return None
        missed = self.missed(today)
        so_far = f"{self.count} of {TARGET} this year"
        if missed:
            term = missed[-1]
            return StatutoryDate(
                "parent_meeting",
                f"No meeting with parents in the {term.name} ({so_far})",
                term.ends_on,
                None,
                "school",
                BASIS,
            )
        for term in self.terms:
            if term.counts_until < today or (term.starts_on <= today and term.meetings):
                continue  # past, or this term has its meeting: the next one is due next term
            return StatutoryDate(
                "parent_meeting",
                f"Meet parents in the {term.name} ({so_far})",
                term.ends_on,
                None,
                "school",
                BASIS,
            )
        return None


def three_terms(cal: SchoolCalendar, year: int) -> list[tuple[str, date, date]]:
    """The school year's terms (half terms joined): (kind, first day, last day), in date order."""
    spans: dict[str, tuple[date, date]] = {}
    for t in cal.terms_for(year):
        start, end = spans.get(t.kind, (t.starts_on, t.ends_on))
        spans[t.kind] = (min(start, t.starts_on), max(end, t.ends_on))
    return sorted(((k, *v) for k, v in spans.items()), key=lambda t: t[1])


def year_count(
    days: Iterable[date], cal: SchoolCalendar, today: date, *, since: date | None = None
) -> YearCount:
    """The school year containing `today`: its meeting days and each term's count."""
    year = academic_year_of(today)
    first, last = date(year, 9, 1), date(year + 1, 8, 31)
    held = tuple(sorted({d for d in days if first <= d <= last}))
    spans = three_terms(cal, year)
    terms = []
    for i, (kind, starts, ends) in enumerate(spans):
        opens = first if i == 0 else starts
        until = spans[i + 1][1] - timedelta(days=1) if i + 1 < len(spans) else last
        terms.append(TermCount(kind, opens, ends, until, sum(1 for d in held if opens <= d <= until)))
    return YearCount(year, held, tuple(terms), not cal.has_terms(year), since)
