"""Helpers for the graduated-approach tests (their fixtures are in tests/services/conftest.py):
the day the tests run on, a provision's id by name, a plan's form."""

from __future__ import annotations

from datetime import date

from sencodesk.services import provision

TODAY = date(2026, 11, 20)


def catalogue_id(actor, name: str) -> int:
    return next(p.id for p in provision.list_provisions(actor) if p.name == name)


def plan_form(
    actor,
    *,
    start: str = "07/09/2026",
    review: str = "",
    outcomes: int = 2,
    provisions: tuple[str, ...] = ("Phonics catch-up",),
    staff: list[int] | None = None,
    **alloc,
) -> dict:
    return {
        "plan_start": start,
        "review_date": review,
        "strategies": "Seat near the front; pre-teach vocabulary.",
        "parents_told_on": start,
        "outcomes": [
            {
                "text": f"Outcome {i}: read 20 of the Year 1 common exception words",
                "by_when": "",
                "measure": "Weekly word check",
            }
            for i in range(1, outcomes + 1)
        ],
        "allocations": [{"provision_id": catalogue_id(actor, name)} | alloc for name in provisions],
        "staff": staff or [],
    }
