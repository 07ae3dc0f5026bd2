"""The vague-wording check: LAs and tribunals send back outcomes and provision that are not
specific. As a SENCO types, these hints say what to make specific; at export, every pack's own
free text is checked again (`vague_findings`) and listed before the pack is saved. They never
block saving or exporting, and never change the words.

Provision must be specified and quantified, normally in hours (L v Clarke and Somerset CC [1998]
ELR 129; IPSEA, "the duty to specify"). The phrases below are the ones IPSEA's EHC plan checklist
and its guidance on checking a draft plan tell families to challenge, because a reader cannot
tell from them what will be done, by whom or how often ("as needed", "if needed", "when
appropriate", "access to", "opportunities for", "regular", "up to" ...).

The phrase list is data: add a line to VAGUE_PHRASES to teach the check a new phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, FreeText

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
    # IPSEA's list of words that leave provision unspecified (the duty to specify)
    "as needed": "Say how often and who decides it is needed.",
    "if needed": "Say how often and who decides it is needed.",
    "as and when": "Say how often and who decides.",
    "when appropriate": "Say when and by whom it will happen.",
    "if appropriate": "Say when and by whom it will happen.",
    "where appropriate": "Say when and by whom it will happen.",
    "if required": "Say how often and who decides it is required.",
    "when required": "Say how often and who decides it is required.",
    "as necessary": "Say how often and who decides it is necessary.",
    "when necessary": "Say how often and who decides it is necessary.",
    "if necessary": "Say how often and who decides it is necessary.",
    "where necessary": "Say how often and who decides it is necessary.",
    "wherever possible": "Say what will be done; 'wherever possible' cannot be checked.",
    "as much as possible": "Say how much: e.g. 3 × 20 minutes a week.",
    "opportunities for": "Say what will be done, by whom, and how often.",
    "will benefit from": "Say what the pupil will get, not what might help.",
    "could benefit from": "Say what the pupil will get, not what might help.",
    "periodic": "Say how often: e.g. once each half term.",
    "periodically": "Say how often: e.g. once each half term.",
    "up to": "Say the amount the pupil will get, not a most it may be.",
    "some support": "Say who supports, how, and for how many minutes each week.",
    "ongoing support": "Say who supports, how, and for how many minutes each week.",
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


# "up to 3 sessions" leaves the amount open; "up to date" and "up to the pupil" do not
_NUMBER_NEXT = r"(?=\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b)"
_FOLLOWED_BY: dict[str, str] = {"up to": _NUMBER_NEXT}


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b"
    return re.compile(words + _FOLLOWED_BY.get(phrase, ""), re.IGNORECASE)


_PATTERNS = [(p, h, _phrase_pattern(p)) for p, h in VAGUE_PHRASES.items()]


def vague_phrases(text: str) -> list[Hint]:
    """Every vague phrase in the text, in the order it appears."""
    hints = []
    for phrase, hint, pattern in _PATTERNS:
        for m in pattern.finditer(text or ""):
            hints.append(Hint(phrase=phrase, hint=hint, start=m.start()))
    return sorted(hints, key=lambda h: h.start)


def vague_findings(texts: Iterable[FreeText]) -> list[Finding]:
    """Every vague phrase in a pack's own free text, one finding per phrase per field, quoting the
    words around it so the SENCO finds the place. The one check every pack's export runs."""
    out: list[Finding] = []
    for piece in texts:
        seen: set[str] = set()
        for hint in vague_phrases(piece.text):
            if hint.phrase in seen:
                continue
            seen.add(hint.phrase)
            out.append(
                Finding(
                    "vague",
                    piece.field,
                    piece.where,
                    f"'{hint.phrase}': {hint.hint}",
                    quote=_around(piece.text, hint.start, len(hint.phrase)),
                )
            )
    return out


def _around(text: str, start: int, length: int, room: int = 30) -> str:
    """The phrase with a few words either side, cut at word boundaries: '... a TA as needed in ...'."""
    lo, hi = max(0, start - room), min(len(text), start + length + room)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    snippet = " ".join(text[lo:hi].split())
    return ("..." if lo > 0 else "") + snippet + ("..." if hi < len(text) else "")


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
