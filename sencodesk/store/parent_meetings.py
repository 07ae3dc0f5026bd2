"""Queries for meetings with parents: one pupil's, and a whole school year's at once (the
dashboard and Deadlines count every pupil on SEN support in two queries, never one a pupil)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned
from .referrals import get_row

TABLE = "parent_meetings"


def get(db: sqlite_utils.Database, meeting_id: int) -> dict | None:
    return get_row(db, TABLE, meeting_id)


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query(f"SELECT * FROM {TABLE} WHERE pupil_id = ? ORDER BY held_on, id", [pupil_id]))


def reviews_with_parents(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    """The pupil's cycle reviews a parent came to (they count as meetings)."""
    return list(
        db.query(
            "SELECT r.held_on, c.number FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
            " WHERE c.pupil_id = ? AND r.parent_present = 1 ORDER BY r.held_on",
            [pupil_id],
        )
    )


def days_between(db: sqlite_utils.Database, first: str, last: str) -> dict[int, set[str]]:
    """pupil id -> the days (ISO) their parents were met from `first` to `last`: typed meetings
    and cycle reviews with a parent present, as one set (the same day is one meeting)."""
    rows = db.execute(
        f"SELECT pupil_id, held_on FROM {TABLE} WHERE held_on BETWEEN :a AND :b"
        " UNION SELECT c.pupil_id, r.held_on FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
        " WHERE r.parent_present = 1 AND r.held_on BETWEEN :a AND :b",
        {"a": first, "b": last},
    )
    found: dict[int, set[str]] = {}
    for pupil_id, day in rows:
        found.setdefault(pupil_id, set()).add(day)
    return found


def sen_support_pupils(db: sqlite_utils.Database) -> list[dict]:
    """Pupils on roll on SEN support (K), with what a list of them shows."""
    return list(
        db.query(
            "SELECT id AS pupil_id, CASE WHEN preferred_surname != '' THEN preferred_surname"
            " ELSE legal_surname END AS surname, CASE WHEN preferred_forename != ''"
            " THEN preferred_forename ELSE legal_forename END AS forename, year_group, class_name,"
            " sen_start_date FROM pupils WHERE sen_status = 'K' AND left_on IS NULL"
            " ORDER BY surname COLLATE NOCASE, forename COLLATE NOCASE"
        )
    )


def insert(db: sqlite_utils.Database, pupil_id: int, values: dict[str, Any], username: str) -> int:
    pk = db.table(TABLE).insert(values | {"pupil_id": pupil_id} | versioned.stamp(username)).last_pk
    assert pk is not None  # an INTEGER PRIMARY KEY is always set on insert
    return int(pk)


def update(
    db: sqlite_utils.Database, meeting_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, TABLE, meeting_id, version, values, username)


def delete(db: sqlite_utils.Database, meeting_id: int, version: int) -> bool:
    cur = db.execute(f"DELETE FROM {TABLE} WHERE id = ? AND version = ?", [meeting_id, version])
    return cur.rowcount == 1
