"""Schema for leavers' files: the transfer pack sent on, and how long the record is kept."""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0005_transfer")
def m0005_transfer(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- One row per leaver once the SENCO records something about their file: when the
        -- transfer pack went to the next school (15 school days rule), and a retention date the
        -- SENCO set for this record (NULL: the school's rule, date of birth + N years).
        CREATE TABLE leaver_files (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL UNIQUE REFERENCES pupils (id) ON DELETE CASCADE,
            pack_sent_on TEXT,
            pack_sent_to TEXT NOT NULL DEFAULT '',
            retain_until TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        -- The dashboard's leavers list and the retention screen filter on leaving.
        CREATE INDEX pupils_left_on ON pupils (left_on);
        """
    )
