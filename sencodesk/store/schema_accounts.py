"""Migration 0004_accounts: staff sign-in on the users table, and a delete-proof audit trail."""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0004_accounts")
def m0004_accounts(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- Sign-in: a self-describing scrypt hash (blank = cannot sign in), the lockout counter,
        -- and a version so two SENCOs editing one account cannot overwrite each other.
        ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN locked_until TEXT;
        ALTER TABLE users ADD COLUMN last_sign_in TEXT;
        ALTER TABLE users ADD COLUMN disabled_at TEXT;
        ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE users ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
        CREATE INDEX audit_at ON audit (at);

        -- Audit rows may only be deleted by the retention code (store.audit.delete_for_pupil),
        -- which opens this gate, deletes and closes it inside one transaction: no other
        -- connection ever sees it open, and every other DELETE is refused by the trigger.
        CREATE TABLE audit_retention_gate (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            open INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO audit_retention_gate (id, open) VALUES (1, 0);
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            WHEN (SELECT open FROM audit_retention_gate WHERE id = 1) IS NOT 1
            BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed.'); END;
        """
    )
