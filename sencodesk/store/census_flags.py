"""The pupil's census indicators: SEN unit, resourced provision, top-up funding (schema 0010)."""

from __future__ import annotations

import sqlite_utils

from . import versioned
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


def save(db: sqlite_utils.Database, pupil_id: int, values: dict[str, int | None], username: str) -> None:
    """The indicators are part of the pupil's record: saving them moves its version on, so a
    record form opened before is told someone changed it. Whatever the version (the indicators'
    form holds none)."""
    versioned.update(db, "pupils", pupil_id, None, values, username)


def record_no_where_unset(db: sqlite_utils.Database, username: str) -> int:
    """Set every unrecorded SEN unit / resourced provision indicator of a pupil on the register
    (on roll) to 0. Returns the pupils changed. One statement over many records, so the
    version is moved on here rather than through versioned.update (one record at a time)."""
    stamp = now_iso()
    return db.execute(
        "UPDATE pupils SET sen_unit = COALESCE(sen_unit, 0),"
        " resourced_provision = COALESCE(resourced_provision, 0),"
        " version = version + 1, updated_at = ?, updated_by = ?"
        " WHERE left_on IS NULL AND sen_status IN ('K', 'E')"
        " AND (sen_unit IS NULL OR resourced_provision IS NULL)",
        [stamp, username],
    ).rowcount
