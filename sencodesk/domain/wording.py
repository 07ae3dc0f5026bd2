"""The vague-wording check: LAs and tribunals send back outcomes and provision that are not
specific. As a SENCO types, these hints say what to make specific. They never block saving.

The phrase list is data: add a line to VAGUE_PHRASES to teach the check a new phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# phrase (matched as whole words, any case) -> the one-line hint shown beside it
VAGUE_PHRASES: dict[str, str] = {
    "access to": "Say what the pupil gets, from whom, how often and for how long.",
    "support in class": "Say who supports, with what task, and for how many minutes each week.",
    "regular": "Say how often: e.g. 3 × 20 minutes a week.",
    "regularly": "Say how often: e.g. 3 × 20 minutes a week.",
    "as appropriate": "Say when and by whom it will happen.",
    "as required": "Say when and by whom it will happen.",
    "opportunities to": "Say what will be done, by whom, and how often.",
    "may benefit from": "Say what the pupil will get, not what might help.",
    "would benefit from": "Say what the pupil will get, not what might help.",
    "when needed": "Say how often and who decides.",
    "where possible": "Say what will be done; 'where possible' cannot be checked.",
    "support with": "Say who supports, how, and how often.",
    "encouraged to": "Say what the pupil will be able to do, and how we will know.",
    "improve": "Say to what level: e.g. read 40 of the first 100 high-frequency words.",
    "help with": "Say who helps, how, and how often.",
}

_FREQUENCY = re.compile(
    r"\b(\d+\s*(x|×|times)|daily|weekly|every|each|per\s+(day|week|session|term)|"
    r"once|twice|\d+\s*(min|mins|minutes|hours?|sessions?)\s*(a|per|each)?\s*(day|week)?)\b",
    re.IGNORECASE,
)
_STAFF = re.compile(
    r"\b(ta|hlta|teacher|senco|teaching assistant|therapist|salt|ep|psychologist|specialist|"
    r"elsa|adult|staff|tutor|practitioner|mentor|counsellor|ot|nurse)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]")  # a named person: "Mrs Patel"


@dataclass(frozen=True)
class Hint:
    phrase: str
    hint: str
    start: int = -1  # where in the text (for highlighting); -1 for a whole-text hint


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.IGNORECASE)


_PATTERNS = [(p, h, _phrase_pattern(p)) for p, h in VAGUE_PHRASES.items()]


def vague_phrases(text: str) -> list[Hint]:
    """Every vague phrase in the text, in the order it appears."""
    hints = []
    for phrase, hint, pattern in _PATTERNS:
        for m in pattern.finditer(text or ""):
            hints.append(Hint(phrase=phrase, hint=hint, start=m.start()))
    return sorted(hints, key=lambda h: h.start)


def check_outcome(text: str) -> list[Hint]:
    return vague_phrases(text)


def check_provision(
    description: str, *, sessions_per_week: int | None = None, staff_named: bool = False
) -> list[Hint]:
    """A provision description: vague phrases, plus 'no frequency' and 'no staff named'."""
    text = description or ""
    hints = vague_phrases(text)
    if not sessions_per_week and not _FREQUENCY.search(text):
        hints.append(Hint("no frequency", "Say how often: e.g. 3 × 20 minutes a week."))
    if not staff_named and not (_STAFF.search(text) or _PERSON.search(text)):
        hints.append(Hint("no staff named", "Say who delivers it: e.g. a trained TA or the class teacher."))
    return hints
