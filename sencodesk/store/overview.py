"""Whole-school reads for the dashboard, the due list and a teacher's pupils: one query each."""

from __future__ import annotations

import sqlite_utils

_PUPIL = (
    "p.id AS pupil_id,"
    " CASE WHEN p.preferred_surname != '' THEN p.preferred_surname ELSE p.legal_surname END AS surname,"
    " CASE WHEN p.preferred_forename != '' THEN p.preferred_forename ELSE p.legal_forename END AS forename,"
    " p.year_group, p.class_name, p.sen_status"
)


def open_cycles_by_review(db: sqlite_utils.Database, until: str) -> list[dict]:
    """Open cycles of pupils on roll whose review date is on or before `until`, earliest first."""
    return list(
        db.query(
            f"SELECT c.id AS cycle_id, c.number, c.review_date, {_PUPIL} FROM cycles c"
            " JOIN pupils p ON p.id = c.pupil_id"
            " WHERE c.status = 'open' AND c.review_date IS NOT NULL AND c.review_date <= ?"
            " AND p.left_on IS NULL"
            " ORDER BY c.review_date, surname",
            [until],
        )
    )


def register_pupils(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(
            f"SELECT {_PUPIL} FROM pupils p WHERE p.left_on IS NULL AND p.sen_status IN ('K', 'E')"
            " ORDER BY surname, forename"
        )
    )


def teacher_cycles(db: sqlite_utils.Database, user_id: int) -> list[dict]:
    """Open cycles that name this person (responsible staff, or delivering an allocation)."""
    return list(
        db.query(
            f"SELECT c.*, {_PUPIL} FROM cycles c JOIN pupils p ON p.id = c.pupil_id"
            " WHERE c.status = 'open' AND p.left_on IS NULL AND c.id IN ("
            "   SELECT cycle_id FROM cycle_staff WHERE user_id = ?"
            "   UNION SELECT cycle_id FROM allocations WHERE staff_user_id = ?)"
            " ORDER BY surname, forename",
            [user_id, user_id],
        )
    )
