"""Schema 0009: the school calendar (terms, INSET days, closures, bank-holiday changes).

Bank holidays themselves ship with the app (domain/bank_holidays.py); this file keeps only what
the school enters: its terms (or half terms), and single days it marks: an INSET day, a closure,
a one-off bank holiday it adds, or a shipped bank holiday it removes.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0009_school_calendar")
def m0009_school_calendar(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE calendar_terms (
            id INTEGER PRIMARY KEY,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('autumn', 'spring', 'summer')),
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            CHECK (ends_on >= starts_on)
        );
        CREATE INDEX calendar_terms_start ON calendar_terms (starts_on);
        CREATE TABLE calendar_days (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('inset', 'closure', 'bank_holiday', 'not_bank_holiday')),
            note TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            UNIQUE (day, kind)
        );
        """
    )
