"""Queries on the documents attached to pupils' records (attachments).

A list never reads `content` (a 20 MB file per row): only `content()` does, for one document.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned

# Every column but the file's bytes.
DETAILS = (
    "id, pupil_id, title, kind, author, document_date, visibility, original_name, file_type,"
    " size_bytes, sha256, pages, version, created_at, updated_at, updated_by"
)


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    pk = db.table("attachments").insert(values | versioned.stamp(username)).last_pk
    assert pk is not None
    return int(pk)


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict[str, Any]]:
    """The pupil's documents, newest first (by the date on them)."""
    return list(
        db.query(
            f"SELECT {DETAILS} FROM attachments WHERE pupil_id = ? ORDER BY document_date DESC, id DESC",
            [pupil_id],
        )
    )


def get(db: sqlite_utils.Database, attachment_id: int) -> dict[str, Any] | None:
    return next(iter(db.query(f"SELECT {DETAILS} FROM attachments WHERE id = ?", [attachment_id])), None)


def content(db: sqlite_utils.Database, attachment_id: int) -> bytes:
    row = db.execute("SELECT content FROM attachments WHERE id = ?", [attachment_id]).fetchone()
    return bytes(row[0]) if row else b""


def pupil_total(db: sqlite_utils.Database, pupil_id: int, *, besides: int | None = None) -> int:
    """The bytes the pupil's documents hold, leaving out document `besides` (one being replaced)."""
    row = db.execute(
        "SELECT COALESCE(SUM(size_bytes), 0) FROM attachments WHERE pupil_id = ? AND id IS NOT ?",
        [pupil_id, besides],
    ).fetchone()
    return int(row[0])


def school_total(db: sqlite_utils.Database) -> tuple[int, int]:
    """(documents, bytes) across the school: what the attachments add to the data file."""
    row = db.execute("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM attachments").fetchone()
    return int(row[0]), int(row[1])


def update(
    db: sqlite_utils.Database, attachment_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, "attachments", attachment_id, version, values, username)


def delete(db: sqlite_utils.Database, attachment_id: int, version: int) -> bool:
    """False (nothing deleted) when someone changed the document since `version` was read."""
    cur = db.execute("DELETE FROM attachments WHERE id = ? AND version = ?", [attachment_id, version])
    return cur.rowcount == 1
