"""Queries on staff accounts (the users table)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from . import versioned

ACCOUNT_COLUMNS = (
    "id, username, display_name, role, active, locked_until, last_sign_in, must_change_password, version,"
    " password_hash != '' AS can_sign_in"
)


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]


def by_username(db: sqlite_utils.Database, username: str) -> dict | None:
    return next(iter(db.query("SELECT * FROM users WHERE username = ?", [username])), None)


def by_id(db: sqlite_utils.Database, user_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM users WHERE id = ?", [user_id])), None)


def all_accounts(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(f"SELECT {ACCOUNT_COLUMNS} FROM users ORDER BY active DESC, display_name COLLATE NOCASE")
    )


def active_sencos(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM users WHERE role = 'senco' AND active = 1").fetchone()[0]


def insert(
    db: sqlite_utils.Database, values: dict, password_hash: str, by: str, must_change: bool = False
) -> int:
    account = {
        "username": values["username"],
        "display_name": values["display_name"],
        "role": values["role"],
        "active": 1,
        "password_hash": password_hash,
        "must_change_password": int(must_change),
    }
    return versioned.insert(db, "users", account, by)


def update(
    db: sqlite_utils.Database, user_id: int, values: dict, by: str, version: int | None = None
) -> bool:
    """Set columns and bump the version; with `version`, only if nobody saved since (False)."""
    return versioned.update(db, "users", user_id, version, values, by)


def record_attempt(
    db: sqlite_utils.Database,
    user_id: int,
    failed_attempts: int,
    locked_until: str | None,
    signed_in_at: str | None,
) -> None:
    """Sign-in bookkeeping: not an edit of the account, so no version bump."""
    if signed_in_at:
        db.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ? WHERE id = ?",
            [signed_in_at, user_id],
        )
    else:
        db.execute(
            "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
            [failed_attempts, locked_until, user_id],
        )


def sign_in_ids(db: sqlite_utils.Database, user_id: int, summary: str, limit: int = 2) -> list[int]:
    """The audit ids of this person's latest sign-ins (rows with this summary), newest first."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM audit WHERE action = 'sign_in' AND user_id = ? AND summary = ? "
            "ORDER BY id DESC LIMIT ?",
            [user_id, summary, limit],
        )
    ]


def failed_sign_ins_between(db: sqlite_utils.Database, after_id: int, before_id: int) -> list[dict[str, Any]]:
    """The `changes` of each failed sign-in audited between two audit ids (counts, not names)."""
    return [
        json.loads(r[0] or "{}")
        for r in db.execute(
            "SELECT changes FROM audit WHERE action = 'sign_in_failed' AND id > ? AND id < ?",
            [after_id, before_id],
        )
    ]
