"""Queries for leavers: their files (transfer pack sent, retention date) and deleting for good."""

from __future__ import annotations

import sqlite_utils

from . import audit, versioned
from .rows import now_iso


def leavers(db: sqlite_utils.Database) -> list[dict]:
    """Every leaver with what is recorded about their file, in one query."""
    return list(
        db.query(
            "SELECT p.id, p.legal_surname, p.legal_forename, p.preferred_surname, p.preferred_forename,"
            " p.dob, p.left_on, p.destination, p.sen_status, f.pack_sent_on, f.pack_sent_to,"
            " f.retain_until, COALESCE(f.version, 0) AS file_version"
            " FROM pupils p LEFT JOIN leaver_files f ON f.pupil_id = p.id"
            " WHERE p.left_on IS NOT NULL ORDER BY p.left_on, p.legal_surname, p.legal_forename"
        )
    )


def leaver_file(db: sqlite_utils.Database, pupil_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM leaver_files WHERE pupil_id = ?", [pupil_id])), None)


def save_leaver_file(
    db: sqlite_utils.Database, pupil_id: int, version: int, values: dict, username: str
) -> bool:
    """Insert (version 0: none yet) or update if nobody saved since `version`. False when stale."""
    stamp = now_iso()
    if version == 0:
        cur = db.execute(
            "INSERT OR IGNORE INTO leaver_files (pupil_id, pack_sent_on, pack_sent_to, retain_until,"
            " version, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?)",
            [
                pupil_id,
                values.get("pack_sent_on"),
                values.get("pack_sent_to", ""),
                values.get("retain_until"),
                stamp,
                username,
            ],
        )
        return cur.rowcount == 1
    return versioned.update(db, "leaver_files", pupil_id, version, values, username, key="pupil_id")


def delete_pupil(db: sqlite_utils.Database, pupil_id: int) -> None:
    """Remove the pupil and (by ON DELETE CASCADE) every row that belongs to them, and the audit
    rows about them (the audit table has no foreign key: it must outlive what it describes)."""
    audit.delete_for_pupil(db, pupil_id)
    db.execute("DELETE FROM pupils WHERE id = ?", [pupil_id])
