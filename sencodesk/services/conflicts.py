"""The one wording for a save that lost the race with someone else's: who saved, and when."""

from __future__ import annotations

from ..domain.dates import uk
from ..domain.errors import Conflict, NotFound
from ..store import versioned
from .actor import Actor


def stale(
    actor: Actor, table: str, record_id: int | str, what: str = "record", *, key: str = "id"
) -> Conflict | NotFound:
    """The refusal when a save lost the race: who saved this `what`, and when; nothing was written.

    Every versioned record says it this way, a first save that met another first save too."""
    row = versioned.get(actor.db, table, record_id, key=key)
    if row is None:
        return NotFound("That record is no longer in SENCO desk (it may have been deleted).")
    when = row.get("updated_at") or ""
    clock = f"{uk(when[:10])} {when[11:16]}" if len(when) >= 16 else "just now"
    return Conflict(
        f"{row.get('updated_by') or 'Someone'} changed this {what} at {clock}. Nothing was "
        f"saved: reload to see their changes (your text stays in the form)."
    )
