"""Money is held in pence (int) and shown as £1,234.50."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ValidationError


def pounds(pence: int | None) -> str:
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def parse_pounds(text: str, field: str = "amount", *, label: str = "Amount") -> int:
    """'£1,234.5' / '18.50' / '18' -> pence. Wrong -> ValidationError."""
    raw = str(text).strip().replace("£", "").replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError({field: f"{label}: '{text}' is not an amount of money, e.g. 18.50."}) from None
    if value < 0:
        raise ValidationError({field: f"{label} cannot be negative."})
    return int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
