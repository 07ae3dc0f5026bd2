"""The schema, as numbered migrations applied at start-up (sqlite-utils 4 Migrations).

Add a new function at the end for every change; never edit one that has shipped. Each runs in
one transaction with its record row, so a failed migration leaves the file as it was. A backup
copy is taken before any pending migration runs on an existing file.

Conventions every table follows: INTEGER id primary key; dates as ISO TEXT; money as INTEGER
pence; `version` (bumped on every update, so a stale save is refused) plus `updated_at` and
`updated_by` on records people edit.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .db import backup_copy

migrations = Migrations("sencodesk")


@migrations(name="0001_register")
def m0001_register(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('senco', 'teacher', 'head', 'office')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE pupils (
            id INTEGER PRIMARY KEY,
            upn TEXT NOT NULL UNIQUE,
            former_upn TEXT NOT NULL DEFAULT '',
            legal_surname TEXT NOT NULL,
            legal_forename TEXT NOT NULL,
            preferred_surname TEXT NOT NULL DEFAULT '',
            preferred_forename TEXT NOT NULL DEFAULT '',
            dob TEXT NOT NULL,
            gender TEXT NOT NULL,
            year_group TEXT NOT NULL,
            class_name TEXT NOT NULL DEFAULT '',
            admission_date TEXT,
            -- the current SEN status and needs; the dated record is sen_history
            sen_status TEXT NOT NULL DEFAULT 'N' CHECK (sen_status IN ('N', 'K', 'E')),
            sen_start_date TEXT,
            primary_need TEXT,
            secondary_need TEXT,
            pupil_premium INTEGER NOT NULL DEFAULT 0,
            eal INTEGER NOT NULL DEFAULT 0,
            looked_after INTEGER NOT NULL DEFAULT 0,
            fsm INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            left_on TEXT,
            destination TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX pupils_status ON pupils (sen_status);
        CREATE INDEX pupils_names ON pupils (legal_surname, legal_forename);
        CREATE TABLE sen_history (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            start_date TEXT NOT NULL,
            status TEXT NOT NULL,
            primary_need TEXT,
            secondary_need TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sen_history_pupil ON sen_history (pupil_id, start_date);
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            parental_responsibility INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX contacts_pupil ON contacts (pupil_id);
        -- The audit trail: written by the services in the same transaction as the change.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER,
            pupil_id INTEGER,
            summary TEXT NOT NULL DEFAULT '',
            changes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_pupil ON audit (pupil_id, at);
        -- The audit trail cannot be edited: only new rows.
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed.'); END;
        """
    )


def apply(db: sqlite_utils.Database, path: Path | None = None, key: bytes | None = None) -> list[str]:
    """Apply pending migrations; back the file up first (encrypted with `key`) if it holds a schema."""
    pending = migrations.pending(db)
    if not pending:
        return []
    if path is not None and db.table_names():
        backup_copy(path, "before-migration", key=key)
    migrations.apply(db)
    return [m.name for m in pending]


# Each feature's schema registers its migrations on import; keep these in number order.
# isort: off
from . import schema_graduated  # noqa: E402,F401  (0002)
from . import schema_referrals  # noqa: E402,F401  (0003)
from . import schema_accounts  # noqa: E402,F401  (0004)
from . import schema_transfer  # noqa: E402,F401  (0005)
from . import schema_statutory  # noqa: E402,F401  (0006)
from . import schema_plan_links  # noqa: E402,F401  (0007)
from . import schema_pupil_extra  # noqa: E402,F401  (0008)
from . import schema_calendar  # noqa: E402,F401  (0009)
from . import schema_census_flags  # noqa: E402,F401  (0010)
from . import schema_inclusion_strategy  # noqa: E402,F401  (0015)
from . import schema_attachments  # noqa: E402,F401  (0017)
from . import schema_parents  # noqa: E402,F401  (0018)
from . import schema_staff_requests  # noqa: E402,F401  (0019)
# isort: on
