"""The school's details and preferences."""

from __future__ import annotations

from typing import Any

from ..domain.school import DEFAULT_SETTINGS, SCHOOL_FIELDS, clean_school
from ..store import settings as store
from .session import Session


def get_settings(session: Session) -> dict[str, Any]:
    """All settings, defaults filled in. Cached per session: every screen reads them."""
    if "settings" not in session.cache:
        session.cache["settings"] = DEFAULT_SETTINGS | store.load(session.db)
    return dict(session.cache["settings"])


def is_set_up(session: Session) -> bool:
    """False until the first-run dialog has saved the school's name."""
    return bool(get_settings(session).get("school_name"))


def school_title(session: Session) -> str:
    name = get_settings(session)["school_name"]
    return f"SENCO desk — {name}" if name else "SENCO desk"


def save_school(session: Session, form: dict) -> dict[str, str]:
    """First run and Settings: the school's name, URN, LA, establishment number, SENCO."""
    session.require("settings.edit")
    values = clean_school(form)
    before = get_settings(session)
    changes = {k: [before.get(k, ""), v] for k, v in values.items() if before.get(k, "") != v}
    with session.write() as db:
        store.save(db, values)
        if changes:
            session.audit("update", "settings", None, summary="changed the school's details", changes=changes)
    return values


def save_preferences(session: Session, **prefs: Any) -> None:
    """Theme, text size and other per-school preferences (validated by their screen)."""
    session.require("settings.read")
    unknown = set(prefs) - set(DEFAULT_SETTINGS) - set(SCHOOL_FIELDS)
    if unknown:
        raise ValueError(f"unknown preferences: {unknown}")
    with session.write() as db:
        store.save(db, prefs)
