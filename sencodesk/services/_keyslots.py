"""Key-file helpers the account and encryption services call AFTER their own permission checks.

A private module (leading underscore): these are not use cases and take no decision about who
may act, so nothing outside sencodesk.services calls them.
"""

from __future__ import annotations

from ..domain import keywrap
from ..domain.users import User
from ..store import keyfile
from .actor import Actor

SCHOOL, RECOVERY = "school", "recovery"


def user_label(username: str) -> str:
    return f"user:{username.strip().lower()}"


def update_slots(actor: Actor, change) -> None:
    """Apply `change(slots)` to the key file of an encrypted school (nothing for a plain one).

    Called inside the caller's transaction, so a failed key-file write rolls the change back.
    """
    if actor.key is None:
        return
    data = keyfile.load(actor.data_dir)
    change(data["slots"])
    keyfile.save(actor.data_dir, data)


def set_user_slot(actor: Actor, username: str, password: str) -> None:
    """A new password opens the school; earlier wrong tries (a lockout) are forgotten."""
    if actor.key is None:
        return
    label = user_label(username)
    data = keyfile.load(actor.data_dir)
    data["slots"][label] = keywrap.wrap(actor.key, password, label)
    data["failures"].pop(username.strip().lower(), None)
    keyfile.save(actor.data_dir, data)


def drop_user_slot(actor: Actor, username: str) -> None:
    update_slots(actor, lambda slots: slots.pop(user_label(username), None))


def flush_pending_audit(actor: Actor) -> None:
    """Events from before the database could be opened (failed sign-ins...) join the trail."""
    if actor.key is None or actor.readonly:  # read-only: they wait for a writable opening
        return
    data = keyfile.load(actor.data_dir)
    if not data["pending_audit"]:
        return
    acting = actor.user
    with actor.write():
        try:
            for event in data["pending_audit"]:
                actor.user = User(None, event["username"], event["username"], "")
                actor.audit(
                    event.get("action", "update"),
                    "user",
                    None,
                    summary=f"{event['summary']} (at {event['at'][11:16]} on {event['at'][:10]})",
                )
        finally:
            actor.user = acting
        data["pending_audit"] = []
        keyfile.save(actor.data_dir, data)
