"""Saving a record there is one of per pupil (the one-page profile, the EHCNA request text) or
per year (the inclusion strategy): created by the first save, changed by later ones, audited
either way. Callers check permission first."""

from __future__ import annotations

from typing import Any

from ..store import versioned
from .actor import Actor
from .conflicts import stale


def create_or_update(
    actor: Actor,
    table: str,
    entity: str,
    version: int,
    after: dict[str, Any],
    *,
    key: str = "pupil_id",
    what: str,
    created: str,
    changed: str,
) -> int:
    """Save `after` (the values as stored) as the one row of `table` whose `key` column holds
    after[key] (a pupil's id, a year); its id.

    `version` is the one the form was opened with (0: there was none yet). The row is looked
    for inside the write transaction, which holds the write lock, so when two first saves meet
    the second finds the first's row and is refused like any stale save, naming who saved (it
    never trips over the one-row rule). A form opened on a saved row that has gone since is
    refused too (NotFound), not saved as new. `created` and `changed` are the audit wording; the
    audit row names the pupil when after has one.
    """
    value = after[key]
    pupil_id = after.get("pupil_id")
    with actor.write() as db:
        current = versioned.get(db, table, value, key=key)
        if current is None:
            if version:
                raise stale(actor, table, value, what, key=key)
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
