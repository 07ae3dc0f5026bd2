"""Text given to SENCO desk by a person or a file: how long each field may be, and the
characters no field keeps.

`LIMITS` is the one table of maxima. Every path that writes a pupil's record (the pupil form,
the roll and CTF imports, the services) goes through `domain.pupil.clean_pupil`, which checks
it; the roll import checks the same table before it reads a cell, so that a refusal never
quotes a 100,000-character cell back.

Invisible characters. Text pasted from a web page or Word, or exported by an MIS, can carry
characters that show as nothing: controls (NUL, BEL...), zero-width spaces, soft hyphens,
byte-order marks, left-to-right marks. Kept, they make equal-looking text differ ("Am\\u200by"
is not found by a search for "Amy"; "K\\u200b" is not the census code K). So:

- a one-line field (names, class, codes, contacts, home language...) loses them, and every run
  of spaces, tabs or line breaks becomes one space. Nothing visible changes, but the caller
  says what was removed (the import names the row and the field);
- characters that override the direction of text (U+202A-U+202E, U+2066-U+2069) are refused,
  not removed: they make text show differently from what is stored, so the person retypes it
  rather than have SENCO desk keep something other than what they saw;
- the zero-width joiners (U+200C, U+200D) are part of the spelling in scripts that use them
  (Persian, Hindi, emoji sequences): kept between two characters beyond the Latin letters,
  removed anywhere else;
- a multi-line field (notes) keeps its line breaks and tabs and loses the other controls.

All text is put in Unicode NFC form ("ë" typed as e + a combining diaeresis on a Mac becomes the
single letter Windows types), which never changes what is seen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The longest text each field keeps, in characters. Names: the census and CTF allow 35 to 100;
# 80 leaves room for long double-barrelled names. Codes: a cell of an import that holds a code
# (UPN, SEN status, need, year, gender, yes/no) with its description, e.g. "SLCN - Speech,
# Language and Communication Needs". Notes: about 20 pages, years of notes on one pupil.
LIMITS: dict[str, int] = {
    "legal_surname": 80,
    "legal_forename": 80,
    "preferred_surname": 80,
    "preferred_forename": 80,
    "class_name": 40,
    "home_language": 80,
    "destination": 200,
    "notes": 50_000,
    "contact_name": 100,
    "contact_relationship": 60,
    "contact_phone": 20,
    "contact_email": 254,  # the longest address the email standard allows
    "contact_language": 60,
    "support_layer": 60,  # a layer's name (domain/support_layers.py)
    "code": 100,
}

# Direction overrides, embeddings and isolates: refused (see above).
DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = frozenset("\u200c\u200d")
_NAMES = {
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u2060": "a word joiner",
    "\ufeff": "a byte-order mark",
}


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[str, ...] = ()  # what was taken out, in words: ("a zero-width space",)
    direction: bool = False  # it holds direction overrides: refuse it

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def _invisible(ch: str) -> bool:
    """Shows as nothing: a control (Cc) or a format character (Cf)."""
    return unicodedata.category(ch) in ("Cc", "Cf")


def _what(ch: str) -> str:
    if ch in _NAMES:
        return _NAMES[ch]
    return "a control character" if unicodedata.category(ch) == "Cc" else "an invisible character"


def _joins(text: str, i: int) -> bool:
    """A joiner between two characters of a script that uses it (not Latin, not a space)."""
    before, after = text[i - 1 : i], text[i + 1 : i + 2]
    return all(c and ord(c) > 0x2FF and not c.isspace() and not _invisible(c) for c in (before, after))


def one_line(value: object) -> Cleaned:
    """A name, a class, a code: NFC, invisible characters out, whitespace runs as one space."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    if text.isascii() and text.isprintable():
        return Cleaned(" ".join(text.split()))  # the common case, fast
    kept: list[str] = []
    removed: list[str] = []
    direction = False
    for i, ch in enumerate(text):
        if ch.isspace():
            kept.append(" ")
        elif ch in DIRECTION:
            direction = True
        elif ch in JOINERS and _joins(text, i):
            kept.append(ch)
        elif _invisible(ch):
            what = _what(ch)
            if what not in removed:
                removed.append(what)
        else:
            kept.append(ch)
    return Cleaned(" ".join("".join(kept).split()), tuple(removed), direction)


def multi_line(value: object) -> Cleaned:
    """Notes: NFC, line breaks as \\n, tabs kept, other controls out, ends trimmed."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = []
    if not text.isprintable():
        kept = []
        for ch in text:
            if ch in "\n\t" or unicodedata.category(ch) != "Cc":
                kept.append(ch)
            elif "a control character" not in removed:
                removed.append("a control character")
        text = "".join(kept)
    return Cleaned(text.strip(), tuple(removed))


def too_long(text: str, field: str, label: str) -> str | None:
    """The refusal when `text` is longer than the field keeps, else None."""
    limit = LIMITS[field]
    if len(text) <= limit:
        return None
    return f"{label} is too long ({limit:,} characters at most; this has {len(text):,})."


def in_sentence(label: str) -> str:
    """'Legal surname' -> 'legal surname' inside a sentence; 'UPN', 'SEN status' stay as they are."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def removed_words(label: str, cleaned: Cleaned) -> str:
    """'Hidden characters were taken out of the legal surname (a zero-width space).'"""
    return f"Hidden characters were taken out of the {label} ({', '.join(cleaned.removed)})."


def direction_words(label: str) -> str:
    return (
        f"The {label} holds hidden characters that change the direction of the text, so it would not "
        "be stored as it shows: type it again."
    )


def shown(value: object, limit: int = 80) -> str:
    """Text from outside as a report or message may quote it: visible characters, clipped."""
    text = one_line(value).text
    return text if len(text) <= limit else text[: limit - 1] + "…"
