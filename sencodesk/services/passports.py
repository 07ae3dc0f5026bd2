"""The one-page profile's words: read and save (versioned, audited)."""

from __future__ import annotations

from ..domain.errors import Conflict
from ..domain.passport import Passport, clean_passport
from ..store import passports as store
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
    current = store.get(actor.db, pupil_id)
    with actor.write() as db:
        if current is None:
            passport_id = store.insert(db, after, actor.user.display_name)
            actor.audit(
                "create",
                "passport",
                passport_id,
                pupil_id=pupil_id,
                summary=f"wrote the one-page profile for {pupil.display_name}",
                changes={k: [None, v] for k, v in after.items() if v},
            )
            return passport_id
        changes = {k: [current[k], v] for k, v in after.items() if current[k] != v}
        if changes:
            if not store.update(
                db, current["id"], version, {k: after[k] for k in changes}, actor.user.display_name
            ):
                raise Conflict(
                    f"{current['updated_by'] or 'Someone'} changed this profile since you "
                    "opened it. Nothing was saved: reload to see their changes."
                )
            actor.audit(
                "update",
                "passport",
                current["id"],
                pupil_id=pupil_id,
                summary=f"changed the one-page profile for {pupil.display_name}",
                changes=changes,
            )
        return current["id"]
