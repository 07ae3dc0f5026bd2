"""The message for a save that lost the race with someone else's: who saved, and when."""

from __future__ import annotations

from ..domain.dates import uk
from ..domain.errors import Conflict, NotFound
from ..store import statutory as store
from .actor import Actor


def stale(actor: Actor, table: str, record_id: int) -> Conflict | NotFound:
    """The message when a save lost the race: who saved, and when; nothing was written."""
    row = store.get(actor.db, table, record_id)
    if row is None:
        return NotFound("That record is no longer in SENCO desk (it may have been deleted).")
    when = row.get("updated_at", "")
    clock = f"{uk(when[:10])} {when[11:16]}" if len(when) >= 16 else "just now"
    return Conflict(
        f"{row.get('updated_by') or 'Someone'} changed this record at {clock}. Nothing was "
        f"saved: reload to see their changes (your text stays in the form)."
    )
