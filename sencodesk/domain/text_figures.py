"""Figures written in the SENCO's own words, checked against what the record computes.

A request that says "£7,030.00 a year" beside a costed map of £6,825, "3 cycles" beside a record
of five, or "CELF-5 87" when the record holds 74 is sent back. `figures_in` finds the money,
dates, standardised scores, counts of cycles, frequencies and attendance written in a text;
`differences` compares each with the record (`RecordFacts`, filled by the pack from the same
read-model it prints) and returns one finding per figure that matches nothing there, with what
the record says. Nothing is rewritten: the SENCO decides which is right.

A figure is only compared where the words around it say what it is about (a date beside
"review", a frequency in a sentence that names a provision the pupil has had and says it was
given), so a date of birth, a "30 minutes" of advice or a price of an overlay is never taken for
a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .findings import Finding, FreeText
from .money import pounds

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_COUNT = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"

_MONEY = re.compile(
    r"£\s?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{2}))?(?P<unit>\s?(?:k|m)\b|\s?thousand\b)?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WORDS_DATE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTH_NAMES})\.?\s+(\d{{4}})\b", re.IGNORECASE
)
_CYCLES = re.compile(
    rf"\b{_COUNT}\s+(reviewed\s+)?(?:assess[- ]plan[- ]do[- ]review\s+|apdr\s+|sen\s+support\s+)?"
    r"(?:cycles?|rounds?)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(?P<n>\d+)\s*(?:x|×|times)\s*(?P<min>\d+)(?:-|\s)?(?:minutes?|mins?)\b"
    r"|\b(?P<hours>\d+(?:\.\d+)?)\s+hours?\s+(?:a|per|each)\s+week\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?%")
_SCORE_WORDS = re.compile(
    r"(?:\bSS|standardi[sz]ed\s+score|standard\s+score|scaled\s+score|\bscored?)\s*(?:of\s+|was\s+|is\s+|:\s*)?$",
    re.IGNORECASE,
)
_SCORE_NUMBER = re.compile(r"\b(\d{2,3})\b")
# a sentence that says what was given, not what is asked for
_GIVEN = re.compile(
    r"\b(already|has had|have had|has received|have received|receives|is receiving|funds|funded|"
    r"delivered|has been|have been|was given|were given|gets|is getting|attends|attended)\b",
    re.IGNORECASE,
)
# a sentence that asks for provision ("needs ... delivered by a trained TA"): never compared
_ASKED = re.compile(
    r"\b(needs?|needed|will|would|should|requires?|asks?|asking|request(?:s|ed|ing)?|recommend\w*|advised?)\b",
    re.IGNORECASE,
)
_ATTENDANCE = re.compile(r"\battend", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(
    r"\b(a year|per year|each year|annually|per annum|cost|costs|costed|funds?|funded|spent|spend|total)\b",
    re.IGNORECASE,
)
# the dates a sentence can be about, by its words
DATE_TOPICS: dict[str, tuple[str, ...]] = {
    "review": ("review", "reviewed"),
    "involvement": ("report", "assessed", "assessment", "visit", "visited", "observed", "seen by", "saw"),
    "start": ("started", "began", "since", "from", "start"),
    "consent": ("consent", "signed", "agreed"),
    "request": ("request", "requested"),
    "admission": ("admitted", "joined", "admission"),
}
GENERIC_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "of",
        "in",
        "for",
        "to",
        "with",
        "on",
        "at",
        "by",
        "is",
        "are",
        "was",
        "were",
        "this",
        "that",
        "his",
        "her",
        "their",
        "every",
        "each",
        "daily",
        "weekly",
        "week",
        "weeks",
        "minutes",
        "minute",
        "min",
        "session",
        "sessions",
        "group",
        "support",
        "programme",
        "intervention",
        "school",
        "pupil",
        "child",
        "staff",
        "adult",
        "lesson",
        "lessons",
        "time",
    }
)


@dataclass(frozen=True)
class Figure:
    """A sum the record computes, with what it is."""

    pence: int
    label: str  # "the costed map's total for 2026/27"
    about: str = ""  # the provision it costs, when it is one line of the map


@dataclass(frozen=True)
class DatedFact:
    topic: str  # a key of DATE_TOPICS
    day: date
    label: str  # "the review of cycle 4"


@dataclass(frozen=True)
class ScoreFact:
    measure: str
    value: float
    taken_on: date | None = None


@dataclass(frozen=True)
class ProvisionFact:
    name: str
    per_week: int
    minutes: int


@dataclass(frozen=True)
class RecordFacts:
    """What the record computes, as the pack prints it."""

    money: tuple[Figure, ...] = ()
    dates: tuple[DatedFact, ...] = ()
    scores: tuple[ScoreFact, ...] = ()
    cycles: int | None = None
    reviewed: int | None = None
    provisions: tuple[ProvisionFact, ...] = ()
    attendance_pct: float | None = None
    attendance_as_at: date | None = None
    money_note: str = ""  # how the map was costed: "with Northmoor Council (example)'s rules"


@dataclass(frozen=True)
class Mention:
    """A figure found in a text: what kind, its value, where, and the sentence around it."""

    kind: str  # "money", "date", "cycles", "frequency", "percent", "score"
    value: float  # pence, a count, a %, a score; a frequency's minutes a week
    start: int
    end: int
    quote: str  # the figure as written
    sentence: str
    day: date | None = None  # a date
    month_only: bool = False  # "November 2026": any day of the month
    tolerance: int = 0  # money: how far from the record a sum written round may be (pence)
    reviewed: bool = False  # cycles: "reviewed cycles"
    per_week: int | None = None  # a frequency written as sessions: "3 x 20 minutes"
    before: str = ""  # a score: the words just before it (the measure's name)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with where each starts; a full stop inside a number (£6.50, 93.5%) is no end."""
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s|$)|\n", text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _money_value(m: re.Match[str]) -> tuple[int, int]:
    """(pence, tolerance in pence) as written: '£7,030.00' exact, '£6,825' to the pound, '£7k' to
    the nearest £500, '£6.9k' to the nearest £50."""
    whole = m.group("whole").replace(",", "")
    unit = (m.group("unit") or "").strip().lower()
    if unit in ("k", "thousand", "m"):
        scale = 100_000 if unit != "m" else 100_000_000
        number = float(whole + ("." + m.group("pence") if m.group("pence") else ""))
        places = len(m.group("pence") or "")
        return round(number * scale), scale // (10**places) // 2
    pence = int(whole) * 100 + int(m.group("pence") or 0)
    return pence, 0 if m.group("pence") else 99


def _date_of(day: int | None, month: int, year: int) -> date | None:
    try:
        return date(year, month, day or 1)
    except ValueError:
        return None


def figures_in(text: str) -> list[Mention]:
    """Every figure in the text the checks know how to read, in the order written."""
    found: list[Mention] = []
    for offset, sentence in _sentences(text or ""):

        def mention(
            kind: str, value: float, m: re.Match[str], at: int = offset, text: str = sentence
        ) -> Mention:
            return Mention(kind, value, at + m.start(), at + m.end(), m.group(0).strip(), text)

        for m in _MONEY.finditer(sentence):
            pence, tolerance = _money_value(m)
            found.append(replace(mention("money", pence, m), tolerance=tolerance))
        for m in _NUMERIC_DATE.finditer(sentence):
            year = int(m.group(3))
            day = _date_of(int(m.group(1)), int(m.group(2)), year + 2000 if year < 100 else year)
            if day:
                found.append(replace(mention("date", 0, m), day=day))
        for m in _WORDS_DATE.finditer(sentence):
            if m.group(2).lower() == "may" and not m.group(1):
                continue  # "may 2026" without a day: too easily the verb
            number = int(m.group(1)) if m.group(1) else None
            day = _date_of(number, MONTHS[m.group(2).lower()], int(m.group(3)))
            if day:
                found.append(replace(mention("date", 0, m), day=day, month_only=number is None))
        for m in _CYCLES.finditer(sentence):
            found.append(replace(mention("cycles", _count(m.group(1)), m), reviewed=bool(m.group(2))))
        for m in _FREQUENCY.finditer(sentence):
            if m.group("hours"):
                found.append(mention("frequency", float(m.group("hours")) * 60, m))
            else:
                n, minutes = int(m.group("n")), int(m.group("min"))
                found.append(replace(mention("frequency", n * minutes, m), per_week=n))
        if _ATTENDANCE.search(sentence):
            found += [mention("percent", float(m.group(1)), m) for m in _PERCENT.finditer(sentence)]
        for m in _SCORE_NUMBER.finditer(sentence):
            before = sentence[max(0, m.start() - 40) : m.start()]
            named = re.search(r"[A-Z][A-Za-z]*-\d+\s*(?:core score\s*(?:of\s*)?)?$", before)
            if (_SCORE_WORDS.search(before) or named) and 40 <= int(m.group(1)) <= 160:
                words = before.split()
                quote = (words[-1] + " " if words else "") + m.group(1)
                found.append(
                    Mention(
                        "score",
                        float(m.group(1)),
                        offset + m.start(),
                        offset + m.end(),
                        quote,
                        sentence,
                        before=before,
                    )
                )
    return sorted(found, key=lambda x: x.start)


# --- comparing with the record ------------------------------------------------------------------


def _significant(text: str) -> set[str]:
    return {
        w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower()) if w not in GENERIC_WORDS and len(w) > 2
    }


def named_provisions(sentence: str, provisions: Iterable[ProvisionFact]) -> list[ProvisionFact]:
    """The recorded provisions a sentence names: its whole name, or two of its distinctive words
    (all of them when it has fewer)."""
    words = _significant(sentence)
    lower = sentence.lower()
    out = []
    for p in provisions:
        own = _significant(p.name)
        if p.name.lower() in lower or (own and len(own & words) >= min(2, len(own))):
            out.append(p)
    return out


def _money_finding(m: Mention, facts: RecordFacts) -> str | None:
    value = int(m.value)
    if any(abs(f.pence - value) <= m.tolerance for f in facts.money):
        return None
    if value < 500_00 and not _MONEY_CONTEXT.search(m.sentence):
        return None  # a small sum said in passing (a £3 reward, an overlay): not the map's
    if not facts.money:
        return f"no costed provision in the record gives {m.quote}."
    # the line of the provision the sentence names, else the figure nearest the one written
    words = _significant(m.sentence)
    named = [f for f in facts.money if f.about and len(_significant(f.about) & words) >= 2]
    nearest = min(named or list(facts.money), key=lambda f: abs(f.pence - value))
    how = f" ({facts.money_note})" if facts.money_note else ""
    return f"no figure in the record is {m.quote}; {nearest.label} is {pounds(nearest.pence)}{how}."


def _date_topics(sentence: str) -> set[str]:
    lower = sentence.lower()
    return {
        t for t, words in DATE_TOPICS.items() if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in words)
    }


def _date_finding(m: Mention, facts: RecordFacts) -> str | None:
    topics = _date_topics(m.sentence)
    known = [d for d in facts.dates if d.topic in topics]
    if not known:
        return None
    day = m.day
    if day is None:
        return None
    month_only = m.month_only
    if any((d.day.year, d.day.month) == (day.year, day.month) if month_only else d.day == day for d in known):
        return None
    listed = "; ".join(
        f"{d.label} {d.day.strftime('%d/%m/%Y')}" for d in sorted(known, key=lambda d: d.day)[-3:]
    )
    return f"the record has no such date: {listed}."


def _cycles_finding(m: Mention, facts: RecordFacts) -> str | None:
    n = int(m.value)
    reviewed = m.reviewed
    if facts.cycles is None:
        return None
    ok = n == facts.reviewed if reviewed else n in (facts.cycles, facts.reviewed)
    if ok:
        return None
    return f"the record has {facts.cycles} cycles of SEN support, {facts.reviewed} of them reviewed."


def _frequency_finding(m: Mention, facts: RecordFacts) -> str | None:
    if not _GIVEN.search(m.sentence) or _ASKED.search(m.sentence):
        return None  # what is asked for, not what was given
    named = named_provisions(m.sentence, facts.provisions)
    if not named:
        return None
    for p in named:
        if m.per_week is None and abs(p.per_week * p.minutes - m.value) < 0.5:
            return None  # "10 hours a week": the same time, however it is split
        if m.per_week is not None and (p.per_week, p.per_week * p.minutes) == (m.per_week, m.value):
            return None
    given = "; ".join(f"{p.name}: {p.per_week} x {p.minutes} min a week" for p in named)
    return f"the record has {given}."


def _percent_finding(m: Mention, facts: RecordFacts) -> str | None:
    if facts.attendance_pct is None:
        return None
    if abs(m.value - facts.attendance_pct) < 0.05:
        return None
    when = f" (as at {facts.attendance_as_at.strftime('%d/%m/%Y')})" if facts.attendance_as_at else ""
    return f"the record's attendance is {facts.attendance_pct:.1f}%{when}."


def _score_finding(m: Mention, facts: RecordFacts) -> str | None:
    if not facts.scores:
        return None
    before = m.before.lower()
    measures = {s.measure for s in facts.scores}
    named = [x for x in measures if any(w in before for w in _measure_words(x))]
    pool = [s for s in facts.scores if not named or s.measure in named]
    if any(abs(s.value - m.value) < 0.5 for s in pool):
        return None
    latest = sorted(pool, key=lambda s: s.taken_on or date.min)[-3:]
    listed = ", ".join(
        f"{s.value:g}" + (f" ({s.taken_on.strftime('%d/%m/%Y')})" if s.taken_on else "") for s in latest
    )
    what = named[0] if len(named) == 1 else "scores"
    return f"the record's {what} results are {listed}."


def _measure_words(measure: str) -> list[str]:
    """The words a text uses for a measure: 'CELF-5' for 'Speech & language: CELF-5 core score'."""
    tokens = re.findall(r"[A-Za-z]+-\d+|[A-Z]{3,}|[A-Z][a-z]{3,}", measure)
    return [
        t.lower() for t in tokens if t.lower() not in ("speech", "language", "score", "standardised", "test")
    ]


CHECKS = {
    "money": _money_finding,
    "date": _date_finding,
    "cycles": _cycles_finding,
    "frequency": _frequency_finding,
    "percent": _percent_finding,
    "score": _score_finding,
}


def differences(texts: Sequence[FreeText], facts: RecordFacts) -> list[Finding]:
    """Each figure written in the texts that the record does not bear out, with what it says."""
    out: list[Finding] = []
    for piece in texts:
        for m in figures_in(piece.text):
            said = CHECKS[m.kind](m, facts)
            if said:
                out.append(
                    Finding(
                        "figure", piece.field, piece.where, f"'{m.quote}': {said}", quote=m.sentence.strip()
                    )
                )
    return out
