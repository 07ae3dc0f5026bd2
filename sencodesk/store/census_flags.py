"""The pupil's census indicators: SEN unit, resourced provision, top-up funding (schema 0010)."""

from __future__ import annotations

import sqlite_utils

from .rows import now_iso

FLAGS = ("sen_unit", "resourced_provision", "top_up_funding")


def flags(db: sqlite_utils.Database, pupil_id: int) -> dict | None:
    return next(
        iter(
            db.query(
                "SELECT id, version, sen_status, " + ", ".join(FLAGS) + " FROM pupils WHERE id = ?",
                [pupil_id],
            )
        ),
        None,
    )


def save(db: sqlite_utils.Database, pupil_id: int, values: dict, username: str) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    db.execute(
        f"UPDATE pupils SET {sets}, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
        [*values.values(), now_iso(), username, pupil_id],
    )


def record_no_where_unset(db: sqlite_utils.Database, username: str) -> int:
    """Set every unrecorded SEN unit / resourced provision indicator of a pupil on the register
    (on roll) to 0. Returns the pupils changed."""
    stamp = now_iso()
    return db.execute(
        "UPDATE pupils SET sen_unit = COALESCE(sen_unit, 0),"
        " resourced_provision = COALESCE(resourced_provision, 0),"
        " version = version + 1, updated_at = ?, updated_by = ?"
        " WHERE left_on IS NULL AND sen_status IN ('K', 'E')"
        " AND (sen_unit IS NULL OR resourced_provision IS NULL)",
        [stamp, username],
    ).rowcount
