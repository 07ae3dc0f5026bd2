"""Saving a pupil's one record of a kind (the one-page profile, the EHCNA request text): created
by the first save, changed by later ones, audited either way. Callers check permission first."""

from __future__ import annotations

from typing import Any

from ..store import versioned
from .actor import Actor
from .conflicts import stale


def create_or_update(
    actor: Actor,
    table: str,
    entity: str,
    pupil_id: int,
    version: int,
    after: dict[str, Any],
    *,
    what: str,
    created: str,
    changed: str,
) -> int:
    """Save `after` as the pupil's row of `table` (one row per pupil); its id.

    `version` is the one the form was opened with (0: there was none yet). The row is looked
    for inside the write transaction, which holds the write lock, so when two first saves meet
    the second finds the first's row and is refused like any stale save, naming who saved (it
    never trips over the one-row-per-pupil rule). `created` and `changed` are the audit wording.
    """
    with actor.write() as db:
        current = versioned.get(db, table, pupil_id, key="pupil_id")
        if current is None:
            record_id = versioned.insert(db, table, after, actor.user.display_name)
            actor.audit(
                "create",
                entity,
                record_id,
                pupil_id=pupil_id,
                summary=created,
                changes={k: [None, v] for k, v in after.items() if v},
            )
            return record_id
        record_id = int(current["id"])
        changes = {k: [current[k], v] for k, v in after.items() if current[k] != v}
        if changes:
            values = {k: after[k] for k in changes}
            if not versioned.update(db, table, record_id, version, values, actor.user.display_name):
                raise stale(actor, table, record_id, what)
            actor.audit("update", entity, record_id, pupil_id=pupil_id, summary=changed, changes=changes)
        return record_id
