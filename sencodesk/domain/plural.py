"""Counts in words a person reads: "1 pupil", "3 pupils", never "pupil(s)".

English plurals are mostly "add s"; the few that are not (child/children, a phrase whose first
word changes: "pupil on roll"/"pupils on roll") are given by the caller, so nothing is guessed.
"""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """The count and the word: `one` for exactly 1, else `many` (by default `one` + "s").
    0 takes the plural, as people say it: "0 rows", "no" is for the caller to choose."""
    return f"{n} {noun(n, one, many)}"


def noun(n: int, one: str, many: str | None = None) -> str:
    """Only the word, for a sentence that puts the count elsewhere ("Unknown sections: ...")."""
    return one if n == 1 else (many if many is not None else one + "s")
