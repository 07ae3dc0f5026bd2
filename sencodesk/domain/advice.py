"""Outside professionals' advice paired with the provision that carried it out.

Each recommendation (one line of an involvement's recommendations) is paired with a block of
provision the pupil had after the advice was given:
- matched by the SENCO: the line starts with the provision's name ("Phonics catch-up: structured
  phonics 4 x 20 minutes a week");
- else proposed here: the provision whose name shares the most words with the line (precision
  teaching, phonics, ELSA...), or, failing a name, one given at exactly the advised frequency;
- else "not yet acted on".
A paired line whose dose differs from what was given (3 x 20 minutes advised, 3 x 15 delivered;
a group of 2 advised, a group of 4 given) is said, for the SENCO to explain or put right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .findings import Finding

_X = r"(?:x|×|times)"
_MIN = r"(?:-|\s)?(?:minutes?|mins?)"
_WORD_COUNTS = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "five times": 5}
_PER_WEEK_MIN = re.compile(rf"\b(\d+)\s*{_X}\s*(\d+){_MIN}", re.IGNORECASE)  # 3 x 20 minutes
_WORDS_A_WEEK = re.compile(
    r"\b(once|twice|three times|four times|five times)\s+(?:a|per|each)\s+week(?:\s+for\s+(\d+)"
    + _MIN
    + ")?",
    re.IGNORECASE,
)
_DAILY = re.compile(
    rf"\b(?:(\d+){_MIN}\s+(?:daily|a day|each day|every day)|daily\s+(\d+){_MIN})", re.IGNORECASE
)
_GROUP = re.compile(r"\b(?:in\s+)?a\s+group\s+of\s+(\d+)|\b(1:1|one[- ]to[- ]one)\b", re.IGNORECASE)
_GENERIC = frozenset(
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
        "x",
        "min",
        "mins",
        "minute",
        "minutes",
        "week",
        "weeks",
        "weekly",
        "daily",
        "day",
        "session",
        "sessions",
        "group",
        "groups",
        "support",
        "programme",
        "programmes",
        "intervention",
        "interventions",
        "time",
        "work",
        "plan",
        "teaching",
        "lesson",
        "lessons",
        "class",
        "school",
        "staff",
        "adult",
        "trained",
        "use",
        "using",
        "each",
        "every",
    }
)


@dataclass(frozen=True)
class Dose:
    per_week: int | None = None
    minutes: int | None = None
    group_size: int | None = None

    @property
    def known(self) -> bool:
        return self.per_week is not None or self.minutes is not None

    def words(self) -> str:
        parts = []
        if self.per_week is not None and self.minutes is not None:
            parts.append(f"{self.per_week} x {self.minutes} min a week")
        elif self.minutes is not None:
            parts.append(f"{self.minutes} min a session")
        elif self.per_week is not None:
            parts.append(f"{self.per_week} a week")
        if self.group_size is not None:
            parts.append("1:1" if self.group_size == 1 else f"group of {self.group_size}")
        return ", ".join(parts)


def dose_of(text: str) -> Dose:
    """The frequency, length and group a recommendation names ("3 x 20-minute sessions a week
    in a group of 2", "10 minutes daily", "twice a week for 30 minutes")."""
    per_week = minutes = group = None
    if m := _PER_WEEK_MIN.search(text):
        per_week, minutes = int(m.group(1)), int(m.group(2))
    elif m := _WORDS_A_WEEK.search(text):
        per_week = _WORD_COUNTS[m.group(1).lower()]
        minutes = int(m.group(2)) if m.group(2) else None
    elif m := _DAILY.search(text):
        per_week, minutes = 5, int(m.group(1) or m.group(2))
    if g := _GROUP.search(text):
        group = 1 if g.group(2) else int(g.group(1))
    return Dose(per_week, minutes, group)


@dataclass(frozen=True)
class Advice:
    """One recommendation, with who gave it and when."""

    text: str
    service: str
    professional: str = ""
    given_on: date | None = None  # the report's date, else the start of the involvement

    @property
    def by(self) -> str:
        return self.professional or self.service


@dataclass(frozen=True)
class Block:
    """A block of provision the pupil had, as planned."""

    name: str
    per_week: int
    minutes: int
    group_size: int
    started_on: date | None
    ended_on: date | None = None  # None: ongoing
    cycle: int | None = None

    @property
    def dose(self) -> Dose:
        return Dose(self.per_week, self.minutes, self.group_size)


@dataclass(frozen=True)
class Pairing:
    advice: Advice
    block: Block | None
    how: str = ""  # "named by the SENCO", "proposed: the names match", "proposed: the same frequency"
    dose_difference: str = ""  # "advised 3 x 20 min a week; given 3 x 15 min a week"


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower()) if w not in _GENERIC and len(w) > 2}


def _after_advice(block: Block, advice: Advice) -> bool:
    """The block ran on or after the day the advice was given (or the advice has no date)."""
    if advice.given_on is None:
        return True
    return block.ended_on is None or block.ended_on >= advice.given_on


def _named(text: str, blocks: Sequence[Block]) -> Block | None:
    """The provision the SENCO named at the start of the line ('Phonics catch-up: ...')."""
    lower = text.lower()
    for block in sorted(blocks, key=lambda b: -len(b.name)):
        name = block.name.lower()
        rest = lower[len(name) :].lstrip()
        if lower.startswith(name) and rest[:1] in (":", "-", "–", "—"):
            return block
    return None


def _difference(advised: Dose, given: Dose) -> str:
    wrong = []
    if advised.per_week is not None and advised.per_week != given.per_week:
        wrong.append("per_week")
    if advised.minutes is not None and advised.minutes != given.minutes:
        wrong.append("minutes")
    if advised.group_size is not None and advised.group_size != given.group_size:
        wrong.append("group")
    if not wrong:
        return ""
    shown = Dose(
        given.per_week if advised.per_week is not None else None,
        given.minutes if advised.minutes is not None else None,
        given.group_size if advised.group_size is not None else None,
    )
    return f"advised {advised.words()}; given {shown.words()}"


def pair(advice: Advice, blocks: Sequence[Block]) -> Pairing:
    """The provision that carried this recommendation out, if any (the latest block of it)."""
    candidates = [b for b in blocks if _after_advice(b, advice)]
    latest = sorted(candidates, key=lambda b: (b.started_on or date.min, b.cycle or 0), reverse=True)
    advised = dose_of(advice.text)
    block = _named(advice.text, latest)
    how = "named by the SENCO"
    if block is None:
        words = _words(advice.text)
        scored = [(len(words & _words(b.name)), b) for b in latest]
        best = max((s for s, _ in scored), default=0)
        if best:
            block = next(b for s, b in scored if s == best)
            how = "proposed: the names match"
        elif advised.per_week is not None and advised.minutes is not None:
            block = next(
                (b for b in latest if (b.per_week, b.minutes) == (advised.per_week, advised.minutes)), None
            )
            how = "proposed: the same frequency"
    if block is None:
        return Pairing(advice, None)
    return Pairing(advice, block, how, _difference(advised, block.dose))


def pair_all(advice: Sequence[Advice], blocks: Sequence[Block]) -> list[Pairing]:
    return [pair(a, blocks) for a in advice]


def advice_findings(pairings: Sequence[Pairing]) -> list[Finding]:
    """A dose that differs from the advice (a contradiction), and advice no provision carried out."""
    out = []
    for p in pairings:
        where = f"Recommendations of {p.advice.by} ({p.advice.service})"
        if p.block is None:
            out.append(
                Finding(
                    "advice",
                    "involvements",
                    where,
                    f"'{p.advice.text}' is not yet acted on: no provision after the advice carries it out. "
                    "Add it to the plan, or say in the request why not.",
                    quote=p.advice.text,
                )
            )
        elif p.dose_difference:
            out.append(
                Finding(
                    "dose",
                    "involvements",
                    where,
                    f"'{p.advice.text}': {p.dose_difference} ({p.block.name}). Explain the difference or "
                    "change the plan.",
                    quote=p.advice.text,
                )
            )
    return out
