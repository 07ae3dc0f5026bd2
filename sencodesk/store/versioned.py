"""Versioned records: the rows people edit carry version, created_at, updated_at and updated_by.

A save names the version it read. An update that finds another version there writes nothing and
says so (False); the service then words the refusal once, in services/conflicts.py. Table and
column names come from the code, never from what a person typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from .rows import new_id, now_iso


def stamp(username: str) -> dict[str, Any]:
    """The columns a new record starts with: version 1, made and last changed now by `username`."""
    now = now_iso()
    return {"version": 1, "created_at": now, "updated_at": now, "updated_by": username}


def insert(db: sqlite_utils.Database, table: str, values: Mapping[str, Any], username: str) -> int:
    """A new record at version 1; its id."""
    return new_id(db.table(table).insert({**values, **stamp(username)}).last_pk)


def update(
    db: sqlite_utils.Database,
    table: str,
    record_id: int | str,
    version: int | None,
    values: Mapping[str, Any],
    username: str,
    *,
    key: str = "id",
) -> bool:
    """Set `values` and move the version on, only if nobody saved since `version` was read
    (None: whatever the version). False means stale: nothing was written."""
    assignments = "".join(f"{column} = ?, " for column in values)
    sql = (
        f"UPDATE {table} SET {assignments}version = version + 1, updated_at = ?, updated_by = ?"
        f" WHERE {key} = ?" + ("" if version is None else " AND version = ?")
    )
    params = [*values.values(), now_iso(), username, record_id, *([] if version is None else [version])]
    return db.execute(sql, params).rowcount == 1


def get(
    db: sqlite_utils.Database, table: str, record_id: int | str, *, key: str = "id"
) -> dict[str, Any] | None:
    """The record, or None when there is none."""
    return next(iter(db.query(f"SELECT * FROM {table} WHERE {key} = ?", [record_id])), None)
