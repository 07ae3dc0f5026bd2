"""Which words fit a demo pupil. A pupil of secondary age (Year 7 and above) is written about as a
secondary school writes: a form tutor and subject teachers, GCSE-style grades, break and lunch, a
literacy intervention; never the carpet, playtime, stickers or early phonics of a primary class
(issue 15: a Year 9 pupil was given primary wording). tests/demo/test_demo_phase_words.py checks
every text the demo writes about an older pupil."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def secondary_age(year_group: str | None) -> bool:
    """Year 7 and above (the sixth form included)."""
    return bool(year_group) and str(year_group).isdigit() and int(str(year_group)) >= 7


def by_phase(year_group: str | None, primary: T, secondary: T) -> T:
    """The primary or the secondary wording, for the pupil's year group."""
    return secondary if secondary_age(year_group) else primary


# The adult who notices and raises a concern, and who sits in a cycle's review with the SENCO.
RAISED_BY = {"primary": "Class teacher", "secondary": "Form tutor"}
REVIEW_OTHERS = {"primary": "Class teacher, SENCO", "secondary": "Form tutor, head of year, SENCO"}


def phase_of(year_group: str | None) -> str:
    return "secondary" if secondary_age(year_group) else "primary"
