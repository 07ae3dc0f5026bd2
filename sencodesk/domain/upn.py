"""The Unique Pupil Number and its check letter, exactly as reference/domain.md §4.2.

Characters 2-13 are weighted by their position (2..13), summed, taken modulo 23, and the
remainder indexes ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S). A temporary UPN ends in a letter
from the same table, valued by its place in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .la_codes import LA_CODES

LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_SHAPE = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


@dataclass(frozen=True)
class UpnCheck:
    upn: str
    errors: list[str] = field(default_factory=list)  # the UPN is not acceptable
    warnings: list[str] = field(default_factory=list)  # acceptable, but worth a look
    rules: list[str] = field(default_factory=list)  # census rule numbers broken (1500-1550)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def temporary(self) -> bool:
        return len(self.upn) == 13 and self.upn[-1].isalpha()


def normalise(upn: str | None) -> str:
    return re.sub(r"\s+", "", upn or "").upper()


def has_upn_shape(upn: str | None) -> bool:
    """A letter, 11 digits, then a digit or letter: what a UPN (or a temporary one) looks like,
    check letter aside. Never true of a blank, so a lookup can never match an empty former UPN."""
    return bool(_SHAPE.match(normalise(upn)))


def check_letter(body: str) -> str:
    """The check letter for characters 2-13 (12 characters: 11 digits + digit or letter)."""
    total = 0
    for position, ch in enumerate(body, start=2):
        value = LETTERS.index(ch) if ch.isalpha() else int(ch)
        total += value * position
    return LETTERS[total % 23]


def check_upn(raw: str | None) -> UpnCheck:
    """Check a UPN; says what is wrong in words a SENCO understands."""
    upn = normalise(raw)
    if not upn:
        return UpnCheck(upn, ["The UPN is missing."], rules=["1500"])
    if len(upn) != 13:
        return UpnCheck(upn, [f"A UPN has 13 characters; '{upn}' has {len(upn)}."], rules=["1540"])
    errors, warnings, rules = [], [], []
    if not upn[1:12].isdigit():
        errors.append("Characters 2 to 12 of a UPN must all be digits.")
        rules.append("1540")
    last = upn[12]
    if not (last.isdigit() or last in LETTERS):
        errors.append(
            f"The last character of a UPN is a digit, or for a temporary UPN a letter other "
            f"than I, O or S; '{last}' is not allowed."
        )
        rules.append("1550")
    if not errors and _SHAPE.match(upn):
        expected = check_letter(upn[1:])
        if upn[0] != expected:
            errors.append(
                f"The check letter is wrong: for these digits it should be {expected}, not "
                f"{upn[0]}. Check the UPN was copied correctly."
            )
            rules.append("1510")
    elif not errors:
        errors.append("The first character of a UPN must be a letter.")
        rules.append("1510")
    if not errors and upn[1:4] not in LA_CODES:
        warnings.append(
            f"LA number {upn[1:4]} is not one SENCO desk knows. It may be new or a pseudo-LA "
            f"code; check it with the pupil's previous school."
        )
        rules.append("1530")
    return UpnCheck(upn, errors, warnings, rules)
