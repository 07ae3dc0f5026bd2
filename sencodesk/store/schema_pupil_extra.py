"""Schema 0008: home language and attendance on the pupil record.

Until now both were typed only on a pupil's EHCNA request details, so every other pack (referrals,
transfer, annual review) and the governors' summary said "Not yet recorded". They belong to the
pupil: an MIS export carries them, and every pack reads them from here first.
- home_language: free text as the family says it ("Polish", "English and Urdu"); the EAL flag
  stays as it is (the census's yes/no).
- attendance_pct: this year's attendance, 0-100 with one decimal; NULL when not recorded.
- attendance_as_at: the ISO date the attendance figure was taken (a % without its date misleads).
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0008_pupil_extra")
def m0008_pupil_extra(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE pupils ADD COLUMN home_language TEXT NOT NULL DEFAULT '';
        ALTER TABLE pupils ADD COLUMN attendance_pct REAL
            CHECK (attendance_pct IS NULL OR attendance_pct BETWEEN 0 AND 100);
        ALTER TABLE pupils ADD COLUMN attendance_as_at TEXT;
        """
    )
