"""Fixtures and helpers for the graduated-approach service tests (imported by the test modules,
not a conftest, so they sit beside other areas' fixtures without clashing): staff users, and a pupil taken from a
concern to SEN support through the real services."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.users import User
from sencodesk.services import concerns, cycles, provision
from sencodesk.services.actor import Actor

TODAY = date(2026, 11, 20)


@pytest.fixture
def make_user(actor):
    """make_user(role, name) -> a User saved in the users table (accounts are another module)."""

    def make(role: str = "teacher", name: str = "Mr T Jones") -> User:
        user_id = (
            actor.db["users"]
            .insert(
                {
                    "username": name.replace(" ", "").lower(),
                    "display_name": name,
                    "role": role,
                    "active": 1,
                    "created_at": "2026-09-01",
                }
            )
            .last_pk
        )
        return User(id=user_id, username=name, display_name=name, role=role)

    return make


@pytest.fixture
def as_user(actor):
    """as_user(user) -> a Session on the same school acting as that person."""

    def make(user: User) -> Actor:
        return Actor(db=actor.db, user=user, data_dir=actor.data_dir)

    return make


def catalogue_id(actor, name: str) -> int:
    return next(p.id for p in provision.list_provisions(actor) if p.name == name)


@pytest.fixture
def on_support(actor, add_pupil):
    """on_support(**pupil fields) -> (pupil_id, cycle_id): concern raised and triaged to SEN support."""

    def make(start: str = "01/09/2026", **fields) -> tuple[int, int]:
        pupil_id = add_pupil(**fields)
        concern_id = concerns.raise_concern(
            actor,
            pupil_id,
            {"raised_on": "01/07/2026", "areas": ["CL"], "seen": "Struggles to blend sounds"},
            today=TODAY,
        )
        cycle_id = concerns.triage_concern(
            actor,
            concern_id,
            1,
            {
                "decision": "sen_support",
                "start_date": start,
                "parents_told_on": start,
                "primary_need": "SPLD",
            },
            today=TODAY,
        )
        return pupil_id, cycle_id

    return make


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


@pytest.fixture
def planned(actor, on_support):
    """planned(**pupil fields) -> (pupil_id, cycle_id) with a plan (two outcomes, phonics)."""

    def make(start: str = "07/09/2026", review: str = "", **fields) -> tuple[int, int]:
        pupil_id, cycle_id = on_support(**fields)
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, start=start, review=review))
        return pupil_id, cycle_id

    return make
