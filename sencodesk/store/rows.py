"""Small helpers shared by the query modules."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """A timestamp for created_at/updated_at/audit: local time, to the second."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def new_id(pk: object) -> int:
    """The id an insert just gave its row (`last_pk`, `lastrowid`): always a number for our tables."""
    if not isinstance(pk, int):
        raise TypeError(f"the insert gave no row id ({pk!r})")
    return pk


def utc_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
