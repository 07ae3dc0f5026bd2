"""Queries for the school calendar: its terms and marked days."""

from __future__ import annotations

import sqlite_utils

from .rows import new_id, now_iso


def terms(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT id, starts_on, ends_on, kind FROM calendar_terms ORDER BY starts_on"))


def days(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT id, day, kind, note FROM calendar_days ORDER BY day, kind"))


def add_term(db: sqlite_utils.Database, starts_on: str, ends_on: str, kind: str, username: str) -> int:
    cur = db.execute(
        "INSERT INTO calendar_terms (starts_on, ends_on, kind, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?)",
        [starts_on, ends_on, kind, now_iso(), username],
    )
    return new_id(cur.lastrowid)


def delete_term(db: sqlite_utils.Database, term_id: int) -> bool:
    return db.execute("DELETE FROM calendar_terms WHERE id = ?", [term_id]).rowcount == 1


def delete_terms_between(db: sqlite_utils.Database, first: str, last: str) -> int:
    """Remove the terms starting from first to last (ISO): an import replaces a year's terms."""
    return db.execute("DELETE FROM calendar_terms WHERE starts_on BETWEEN ? AND ?", [first, last]).rowcount


def set_day(db: sqlite_utils.Database, day: str, kind: str, note: str, username: str) -> None:
    db.execute(
        "INSERT INTO calendar_days (day, kind, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (day, kind) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at,"
        " updated_by = excluded.updated_by",
        [day, kind, note, now_iso(), username],
    )


def delete_day(db: sqlite_utils.Database, day: str, kind: str) -> bool:
    return db.execute("DELETE FROM calendar_days WHERE day = ? AND kind = ?", [day, kind]).rowcount == 1
