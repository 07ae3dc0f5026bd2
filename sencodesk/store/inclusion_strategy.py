"""Queries for the inclusion strategy: its yearly words, and the whole-school figures it needs
that no other query gives (sessions delivered in a period, review decisions in a period)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import sqlite_utils

from . import versioned

TABLE = "inclusion_strategies"
JSON_COLUMNS = ("words", "activities")


def _row(row: dict | None) -> dict | None:
    if row is None:
        return None
    return row | {k: json.loads(row[k]) for k in JSON_COLUMNS}


def as_stored(values: dict[str, Any]) -> dict[str, Any]:
    """The values as the table keeps them (the words and activity lines as JSON text)."""
    return {k: json.dumps(v) if k in JSON_COLUMNS else v for k, v in values.items()}


def get(db: sqlite_utils.Database, year: str) -> dict | None:
    return _row(next(iter(db.query(f"SELECT * FROM {TABLE} WHERE academic_year = ?", [year])), None))


def get_by_id(db: sqlite_utils.Database, strategy_id: int) -> dict | None:
    return _row(next(iter(db.query(f"SELECT * FROM {TABLE} WHERE id = ?", [strategy_id])), None))


def latest_before(db: sqlite_utils.Database, year: str) -> dict | None:
    """The latest earlier year's strategy with some words ('2025/26' sorts before '2026/27')."""
    return _row(
        next(
            iter(
                db.query(
                    f"SELECT * FROM {TABLE} WHERE academic_year < ? AND words != '{{}}'"
                    " ORDER BY academic_year DESC LIMIT 1",
                    [year],
                )
            ),
            None,
        )
    )


def years(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute(f"SELECT academic_year FROM {TABLE} ORDER BY academic_year")]


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, TABLE, as_stored(values), username)


def update(
    db: sqlite_utils.Database, strategy_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Versioned: False (nothing written) when someone saved since `version` was read."""
    return versioned.update(db, TABLE, strategy_id, version, as_stored(values), username)


def sessions_in_period(db: sqlite_utils.Database, start: str, end: str) -> dict[int, tuple[int, int]]:
    """{allocation id: (sessions, minutes)} of the sessions delivered between start and end."""
    return {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT allocation_id, COUNT(*), SUM(minutes) FROM sessions WHERE held_on BETWEEN ? AND ?"
            " GROUP BY allocation_id",
            [start, end],
        )
    }


def review_decisions_between(db: sqlite_utils.Database, start: str, end: str) -> Counter[str]:
    """How many reviews held between start and end ended in each decision."""
    return Counter(
        {
            r[0]: r[1]
            for r in db.execute(
                "SELECT decision, COUNT(*) FROM reviews WHERE held_on BETWEEN ? AND ? GROUP BY decision",
                [start, end],
            )
        }
    )
