"""How coded values appear in the record's drop-downs, and back again."""

from __future__ import annotations

from ...domain import codes

NONE = "(none)"
YEAR_CHOICES = list(codes.YEAR_GROUPS.values())
GENDER_CHOICES = [f"{k} - {v}" for k, v in codes.GENDERS.items()]
STATUS_CHOICES = [f"{k} - {v}" for k, v in codes.SEN_STATUSES.items()]
NEED_CHOICES = [NONE, *(codes.need_label(c) for c in codes.NEEDS)]


def year_code(label: str) -> str:
    return next((c for c, v in codes.YEAR_GROUPS.items() if v == label), label)


def code_of(label: str) -> str:
    """'K - SEN support' -> 'K'; '(none)' -> ''."""
    return "" if label in ("", NONE) else label.split(" ")[0]


def gender_label(code: str) -> str:
    return f"{code} - {codes.GENDERS[code]}" if code in codes.GENDERS else code or ""


def status_label(code: str) -> str:
    return f"{code} - {codes.SEN_STATUSES[code]}" if code in codes.SEN_STATUSES else code or ""


def need_label(code: str | None) -> str:
    return codes.need_label(code) if code else NONE
