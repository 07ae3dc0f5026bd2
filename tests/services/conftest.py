"""Fixtures for the graduated-approach service tests: staff users, and a pupil taken from a
concern to SEN support (and on to a plan) through the real services."""

from __future__ import annotations

import pytest

from sencodesk.domain.users import User
from sencodesk.services import concerns, cycles
from sencodesk.services.actor import Actor
from tests.services.graduated_support import TODAY, plan_form


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
    """as_user(user) -> an Actor on the same school acting as that person."""

    def make(user: User) -> Actor:
        return Actor(db=actor.db, user=user, data_dir=actor.data_dir)

    return make


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


@pytest.fixture
def planned(actor, on_support):
    """planned(**pupil fields) -> (pupil_id, cycle_id) with a plan (two outcomes, phonics)."""

    def make(start: str = "07/09/2026", review: str = "", **fields) -> tuple[int, int]:
        pupil_id, cycle_id = on_support(**fields)
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, start=start, review=review))
        return pupil_id, cycle_id

    return make
