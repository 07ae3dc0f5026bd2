"""Costing provision the way an LA checks it: staff time x hourly rate, shared across the group.

Annual cost of an allocation = minutes per week / 60 x rate x weeks / group size
                               + fixed costs / group size,
worked in exact fractions and rounded to the penny ONCE at the end, so the figure on screen is
the figure a SENCO gets with a calculator. Every cost carries its explanation string.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .errors import ValidationError
from .money import parse_pounds, pounds

# Staff roles a provision is delivered by, as the school's rate table names them.
STAFF_ROLES: dict[str, str] = {
    "teacher": "Teacher",
    "hlta": "HLTA",
    "ta": "Teaching assistant",
    "external": "External specialist",
}

# Defaults a new school starts with (pence per hour); the SENCO edits them in Settings.
DEFAULT_RATES: dict[str, int] = {"teacher": 3500, "hlta": 2200, "ta": 1850, "external": 6000}
DEFAULT_WEEKS = 38  # weeks in the school year: the usual LA costing basis
DEFAULT_THRESHOLD = 600_000  # £6,000: the notional SEN budget's per-pupil threshold


@dataclass(frozen=True)
class CostingSettings:
    rates: dict[str, int]  # role -> pence per hour
    weeks_per_year: int = DEFAULT_WEEKS
    threshold: int = DEFAULT_THRESHOLD  # pence

    def rate(self, role: str) -> int:
        return self.rates.get(role, DEFAULT_RATES.get(role, 0))


DEFAULT_COSTING = CostingSettings(rates=dict(DEFAULT_RATES))


@dataclass(frozen=True)
class Cost:
    pence: int
    explanation: str


def _round_pence(value: Fraction) -> int:
    """Half-up to the penny (what a calculator and an LA spreadsheet do), not banker's rounding."""
    return int((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("1"), ROUND_HALF_UP))


def exact_cost(
    *, minutes: int, per_week: int, weeks: int, group_size: int, rate: int, fixed: int = 0
) -> Fraction:
    """One pupil's share of an allocation's annual cost in exact pence, not yet rounded: what is
    summed before rounding once, so a group's shares add up to what the group costs."""
    return Fraction(minutes * per_week * weeks * rate + 60 * fixed, 60 * max(group_size, 1))


def round_pence(value: Fraction) -> int:
    """Half-up to the penny, like annual_pence (a calculator's rounding)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def apportion(parts: list[Fraction]) -> list[int]:
    """Round parts to pence so that they add up to their total rounded once: each part is
    rounded, and the penny the rounding gains or loses is carried to the last part. Shown side by
    side, the parts then always sum to the total shown ("£147.78 + £16.66 = £164.44")."""
    if not parts:
        return []
    total = round_pence(sum(parts, Fraction(0)))
    rounded = [round_pence(p) for p in parts[:-1]]
    return [*rounded, total - sum(rounded)]


def annual_pence(
    *, minutes: int, per_week: int, weeks: int, group_size: int, rate: int, fixed: int = 0
) -> int:
    """The same figure as annual_cost(), in whole-number arithmetic and without the working:
    for totals over thousands of allocations (the dashboard's spend).

    (minutes x per week x weeks x rate / 60 + fixed) / group  =  num / den, rounded half up.
    """
    num = minutes * per_week * weeks * rate + 60 * fixed
    den = 60 * group_size
    return (2 * num + den) // (2 * den)


def _num(value: Fraction) -> str:
    """85.5, 2, 0.75: a number of hours as a person writes it (at most two decimals)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text


def _pupils(n: int) -> str:
    return f"{n} pupil" if n == 1 else f"{n} pupils"


def annual_cost(
    *,
    minutes: int,
    per_week: int,
    weeks: int,
    group_size: int,
    rate: int,
    fixed: int = 0,
    fixed_note: str = "",
) -> Cost:
    """The cost to ONE pupil of an allocation, in pence, with the working shown."""
    if group_size < 1:
        raise ValidationError({"group_size": "Group size must be at least 1 pupil."})
    for name, value in (
        ("minutes", minutes),
        ("per_week", per_week),
        ("weeks", weeks),
        ("rate", rate),
        ("fixed", fixed),
    ):
        if value < 0:
            raise ValidationError({name: "Costing figures cannot be negative."})
    hours = Fraction(minutes * per_week * weeks, 60)
    staff = hours * rate / group_size
    share = Fraction(fixed, group_size)
    total = annual_pence(
        minutes=minutes, per_week=per_week, weeks=weeks, group_size=group_size, rate=rate, fixed=fixed
    )
    # The two parts shown must add up to the total shown: the penny the rounding moves is carried
    # to the fixed-cost part (the total itself is rounded once, from the exact figure).
    staff_p, share_p = apportion([staff, share]) if fixed else (total, 0)
    text = (
        f"{minutes} min × {per_week}/wk × {weeks} wk = {_num(hours)} h × {pounds(rate)} "
        f"÷ {_pupils(group_size)} = {pounds(staff_p)}"
    )
    if fixed:
        what = fixed_note.strip() or "fixed costs"
        carried = " (rounded so the parts add up)" if share_p != _round_pence(share) else ""
        text += (
            f"; + {pounds(fixed)} {what} ÷ {_pupils(group_size)} = {pounds(share_p)}{carried}"
            f"; total {pounds(total)}"
        )
    return Cost(pence=total, explanation=text)


@dataclass(frozen=True)
class Threshold:
    total: int
    threshold: int
    over: bool
    share: float  # 0.0.. (1.0 = exactly at the threshold), for the bar
    text: str


def against_threshold(total: int, threshold: int) -> Threshold:
    """A pupil's total against the threshold (over means strictly more than it)."""
    share = total / threshold if threshold else 0.0
    if threshold and total > threshold:
        text = f"{pounds(total)}: {pounds(total - threshold)} over the {pounds(threshold)} threshold"
    else:
        pct = round(share * 100)
        text = f"{pounds(total)} of the {pounds(threshold)} threshold ({pct}%)"
    return Threshold(
        total=total, threshold=threshold, over=bool(threshold) and total > threshold, share=share, text=text
    )


def clean_costing(form: dict[str, Any]) -> CostingSettings:
    """The Settings form: '18.50' per role, weeks per year, threshold in pounds."""
    errors: dict[str, str] = {}
    rates: dict[str, int] = {}
    for role, label in STAFF_ROLES.items():
        raw = str(form.get(f"rate_{role}", "") or "").strip()
        if not raw:
            errors[f"rate_{role}"] = f"Hourly rate for {label}: type an amount, e.g. 18.50."
            continue
        try:
            rates[role] = parse_pounds(raw, f"rate_{role}", label=f"Hourly rate for {label}")
        except ValidationError as e:
            errors.update(e.field_errors)
    weeks = _whole(form.get("weeks_per_year"), "weeks_per_year", "Weeks in the school year", 1, 52, errors)
    threshold = 0
    try:
        threshold = parse_pounds(str(form.get("threshold", "") or ""), "threshold", label="Threshold")
        if threshold <= 0:
            errors["threshold"] = "The threshold must be more than £0, e.g. 6000."
    except ValidationError as e:
        errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    return CostingSettings(rates=rates, weeks_per_year=weeks, threshold=threshold)


def costing_form(settings: CostingSettings) -> dict[str, str]:
    form = {f"rate_{r}": f"{settings.rate(r) / 100:.2f}" for r in STAFF_ROLES}
    return form | {
        "weeks_per_year": str(settings.weeks_per_year),
        "threshold": f"{settings.threshold / 100:.2f}",
    }


def _whole(raw: object, field: str, label: str, low: int, high: int, errors: dict[str, str]) -> int:
    text = str(raw if raw is not None else "").strip()
    if not text.isdigit() or not low <= int(text) <= high:
        errors[field] = f"{label}: type a whole number from {low} to {high}."
        return 0
    return int(text)
