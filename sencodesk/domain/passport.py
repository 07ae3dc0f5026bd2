"""The one-page profile's own words (pupil passport): what people like and admire about the
child, what is important to them, and how best to support them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationError

LIMIT = 4000  # characters per box: the profile must stay one friendly page


@dataclass
class Passport:
    pupil_id: int
    like_and_admire: str = ""
    important_to_me: str = ""
    how_to_support: list[str] = field(default_factory=list)
    id: int | None = None
    version: int = 0


def clean_passport(form: dict[str, Any], pupil_id: int) -> Passport:
    """Strategies come one per line (or as a list); blank lines are only spacing."""
    errors = {}
    texts = {}
    for key, label in (
        ("like_and_admire", "What people like and admire"),
        ("important_to_me", "What is important to me"),
    ):
        texts[key] = str(form.get(key) or "").strip()
        if len(texts[key]) > LIMIT:
            errors[key] = f"{label} is too long for a one-page profile ({LIMIT:,} characters at most)."
    support = form.get("how_to_support") or []
    if isinstance(support, str):
        support = support.splitlines()
    strategies = [str(s).strip().lstrip("-*\u2022 ").strip() for s in support if str(s).strip()]
    if sum(len(s) for s in strategies) > LIMIT:
        errors["how_to_support"] = (
            f"The strategies are too long for a one-page profile ({LIMIT:,} characters at most)."
        )
    if errors:
        raise ValidationError(errors)
    return Passport(
        pupil_id=pupil_id,
        how_to_support=strategies,
        like_and_admire=texts["like_and_admire"],
        important_to_me=texts["important_to_me"],
    )
