"""Small helpers shared by the query modules."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """A timestamp for created_at/updated_at/audit: local time, to the second."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def utc_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
