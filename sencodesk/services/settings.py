"""The school's details and preferences."""

from __future__ import annotations

from typing import Any

from ..domain.school import DEFAULT_SETTINGS, SCHOOL_FIELDS, clean_school
from ..store import settings as store
from .actor import Actor


def get_settings(actor: Actor) -> dict[str, Any]:
    """All settings, defaults filled in. Cached while the school is open: every screen reads them."""
    if "settings" not in actor.cache:
        actor.cache["settings"] = DEFAULT_SETTINGS | store.load(actor.db)
    return dict(actor.cache["settings"])


def is_set_up(actor: Actor) -> bool:
    """False until the first-run dialog has saved the school's name."""
    return bool(get_settings(actor).get("school_name"))


def school_title(actor: Actor) -> str:
    name = get_settings(actor)["school_name"]
    return f"SENCO desk — {name}" if name else "SENCO desk"


def save_school(actor: Actor, form: dict) -> dict[str, str]:
    """First run and Settings: the school's name, URN, LA, establishment number, SENCO."""
    actor.require("settings.edit")
    values = clean_school(form)
    before = get_settings(actor)
    changes = {k: [before.get(k, ""), v] for k, v in values.items() if before.get(k, "") != v}
    with actor.write() as db:
        store.save(db, values)
        if changes:
            actor.audit("update", "settings", None, summary="changed the school's details", changes=changes)
    return values


def save_preferences(actor: Actor, **prefs: Any) -> None:
    """Theme, text size and other per-school preferences (validated by their screen)."""
    actor.require("settings.read")
    unknown = set(prefs) - set(DEFAULT_SETTINGS) - set(SCHOOL_FIELDS)
    if unknown:
        raise ValueError(f"unknown preferences: {unknown}")
    with actor.write() as db:
        store.save(db, prefs)


def _size_owner(actor: Actor) -> str:
    """Whose sizes: each person's own (the built-in SENCO of a school without accounts too)."""
    return actor.user.username or "senco"


def dialog_size(actor: Actor, kind: str) -> tuple[int, int] | None:
    """The size this person last left a dialog of this kind at, if they ever changed it."""
    actor.require("settings.read")
    size = get_settings(actor).get("dialog_sizes", {}).get(_size_owner(actor), {}).get(kind)
    if not (isinstance(size, list) and len(size) == 2 and all(isinstance(n, int) and n > 0 for n in size)):
        return None
    return size[0], size[1]


def remember_dialog_size(actor: Actor, kind: str, width: int, height: int) -> None:
    """Keep the size a person resized a dialog to, so the next one of its kind opens at it.
    How a window looks, not a record: anyone may, and it is not audited."""
    actor.require("settings.read")
    if width <= 0 or height <= 0:
        raise ValueError(f"a dialog is never {width}x{height}")
    with actor.write() as db:
        sizes = store.load(db).get("dialog_sizes", {})  # read again inside the write: others' sizes stay
        sizes.setdefault(_size_owner(actor), {})[kind] = [int(width), int(height)]
        store.save(db, {"dialog_sizes": sizes})
