"""The one-page profile's words: read and save (versioned, audited)."""

from __future__ import annotations

from ..domain.passport import Passport, clean_passport
from ..store import passports as store
from ._saving import create_or_update
from .actor import Actor
from .pupils import get_pupil


def get_passport(actor: Actor, pupil_id: int) -> Passport | None:
    actor.require_pupil(pupil_id, "pupil.read_sen")  # how to support: SEN detail, not the office's
    row = store.get(actor.db, pupil_id)
    if row is None:
        return None
    return Passport(
        pupil_id=pupil_id,
        like_and_admire=row["like_and_admire"],
        important_to_me=row["important_to_me"],
        how_to_support=[s for s in row["how_to_support"].split("\n") if s],
        id=row["id"],
        version=row["version"],
    )


def save_passport(actor: Actor, pupil_id: int, version: int, form: dict) -> int:
    """Create (version 0) or update the profile's words; a stale save is a Conflict."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    pupil = get_pupil(actor, pupil_id)
    p = clean_passport(form, pupil_id)
    after = {
        "pupil_id": pupil_id,
        "like_and_admire": p.like_and_admire,
        "important_to_me": p.important_to_me,
        "how_to_support": "\n".join(p.how_to_support),
    }
    return create_or_update(
        actor,
        "pupil_passports",
        "passport",
        version,
        after,
        what="one-page profile",
        created=f"wrote the one-page profile for {pupil.display_name}",
        changed=f"changed the one-page profile for {pupil.display_name}",
    )
