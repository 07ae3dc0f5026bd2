"""The provision catalogue: what an intervention is, who delivers it, how often, and its checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .codes import AREAS
from .costing import STAFF_ROLES
from .errors import ValidationError
from .money import parse_pounds

# A new school's catalogue: common interventions with sensible defaults, all editable.
# (name, area, description, group size, minutes, per week, weeks, staff role, fixed pence, fixed note)
SEED_PROVISIONS: list[tuple[str, str, str, int, int, int, int, str, int, str]] = [
    (
        "Phonics catch-up",
        "CL",
        "Daily small-group phonics with a trained TA, following the school's scheme.",
        4,
        20,
        5,
        12,
        "ta",
        0,
        "",
    ),
    (
        "Precision teaching",
        "CL",
        "One-to-one precision teaching of target words or facts with a TA, "
        "3 × 10 minutes a week, progress charted daily.",
        1,
        10,
        3,
        10,
        "ta",
        0,
        "",
    ),
    (
        "Social skills group",
        "CI",
        "Small group with a trained TA practising turn-taking, "
        "conversation and friendship skills, 1 × 30 minutes a week.",
        6,
        30,
        1,
        12,
        "ta",
        0,
        "",
    ),
    (
        "Speech and language programme",
        "CI",
        "TA delivers the targets set by the speech and language therapist, 3 × 15 minutes a week.",
        1,
        15,
        3,
        12,
        "ta",
        0,
        "",
    ),
    (
        "Fine motor group",
        "SP",
        "Small group with a TA: fine motor activities to strengthen grip and control, 2 × 20 minutes a week.",
        6,
        20,
        2,
        10,
        "ta",
        2500,
        "materials",
    ),
    (
        "ELSA emotional literacy support",
        "SEMH",
        "One-to-one sessions with the trained ELSA "
        "(emotional literacy support assistant), 1 × 45 minutes a week.",
        1,
        45,
        1,
        8,
        "hlta",
        0,
        "",
    ),
    (
        "Lego-based therapy",
        "CI",
        "Group of three with a trained TA building Lego models in roles "
        "(engineer, supplier, builder), 1 × 45 minutes a week.",
        3,
        45,
        1,
        12,
        "ta",
        6000,
        "Lego kit",
    ),
    (
        "Maths intervention",
        "CL",
        "Small-group maths with an HLTA on number facts and place value, 3 × 30 minutes a week.",
        4,
        30,
        3,
        10,
        "hlta",
        0,
        "",
    ),
    (
        "Reading comprehension",
        "CL",
        "Small-group guided reading with a TA focused on inference and vocabulary, 3 × 20 minutes a week.",
        4,
        20,
        3,
        10,
        "ta",
        0,
        "",
    ),
    (
        "Zones of regulation",
        "SEMH",
        "Small group with an HLTA learning to name feelings and choose "
        "calming strategies, 1 × 30 minutes a week.",
        6,
        30,
        1,
        12,
        "hlta",
        4000,
        "programme book",
    ),
    (
        "Handwriting",
        "SP",
        "Small group with a TA practising letter formation and joins, 3 × 15 minutes a week.",
        6,
        15,
        3,
        10,
        "ta",
        0,
        "",
    ),
    (
        "Sensory circuits",
        "SP",
        "Morning sensory circuit (alerting, organising, calming) led by a TA, 5 × 15 minutes a week.",
        8,
        15,
        5,
        38,
        "ta",
        0,
        "",
    ),
]

PROVISION_FIELDS = (
    "name",
    "area",
    "description",
    "group_size",
    "session_minutes",
    "sessions_per_week",
    "weeks",
    "staff_role",
    "fixed_cost",
    "fixed_cost_note",
)


@dataclass(frozen=True)
class Provision:
    name: str
    area: str
    description: str
    group_size: int
    session_minutes: int
    sessions_per_week: int
    weeks: int
    staff_role: str
    fixed_cost: int = 0  # pence, the whole group's (materials, licence, fees)
    fixed_cost_note: str = ""
    active: bool = True
    id: int | None = None
    version: int = 1

    @property
    def minutes_per_week(self) -> int:
        return self.session_minutes * self.sessions_per_week


def whole_number(
    raw: object,
    field: str,
    label: str,
    low: int,
    high: int,
    errors: dict[str, str],
    *,
    blank_ok: bool = False,
) -> int | None:
    text = str(raw if raw is not None else "").strip()
    if not text and blank_ok:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        errors[field] = f"{label}: type a whole number from {low} to {high}."
        return None
    return int(text)


def clean_provision(form: dict[str, Any]) -> Provision:
    """The catalogue form -> a Provision, or ValidationError naming every wrong field."""
    errors: dict[str, str] = {}
    name = str(form.get("name") or "").strip()
    if not name:
        errors["name"] = "The provision needs a name, e.g. Precision teaching."
    area = str(form.get("area") or "").strip()
    if area not in AREAS:
        errors["area"] = "Choose the area of need it meets."
    role = str(form.get("staff_role") or "").strip()
    if role not in STAFF_ROLES:
        errors["staff_role"] = "Choose who delivers it: teacher, HLTA, TA or external specialist."
    group = whole_number(form.get("group_size"), "group_size", "Group size", 1, 40, errors)
    minutes = whole_number(
        form.get("session_minutes"), "session_minutes", "Session length (minutes)", 1, 480, errors
    )
    per_week = whole_number(
        form.get("sessions_per_week"), "sessions_per_week", "Sessions per week", 1, 25, errors
    )
    weeks = whole_number(form.get("weeks"), "weeks", "Number of weeks", 1, 52, errors)
    fixed = 0
    raw_fixed = str(form.get("fixed_cost") or "").strip()
    if raw_fixed:
        try:
            fixed = parse_pounds(raw_fixed, "fixed_cost", label="Fixed cost")
        except ValidationError as e:
            errors.update(e.field_errors)
    note = str(form.get("fixed_cost_note") or "").strip()
    if fixed and not note:
        errors["fixed_cost_note"] = (
            "Say what the fixed cost is for (materials, licence, fee) so it shows as its own line."
        )
    if errors:
        raise ValidationError(errors)
    # each number is required: whole_number gave None only with an error, refused above
    assert group is not None and minutes is not None and per_week is not None and weeks is not None
    return Provision(
        name=name,
        area=area,
        description=str(form.get("description") or "").strip(),
        group_size=group,
        session_minutes=minutes,
        sessions_per_week=per_week,
        weeks=weeks,
        staff_role=role,
        fixed_cost=fixed,
        fixed_cost_note=note,
        active=bool(form.get("active", True)),
    )


def provision_or_none(form: dict[str, object]) -> Provision | None:
    """The catalogue form as a Provision if it is complete and right, else None (for a cost
    worked out as the form is typed, where a half-typed form is not an error yet)."""
    try:
        return clean_provision(form)
    except ValidationError:
        return None
