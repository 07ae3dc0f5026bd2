"""Queries joining cycle outcomes to the EHC plan's Section E outcomes (migration 0007)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from . import versioned


def _marks(ids: Iterable[int]) -> tuple[str, list[int]]:
    ids = list(ids)
    return ",".join("?" * len(ids)) or "NULL", ids


def pupil_plan_outcome_ids(db: sqlite_utils.Database, pupil_id: int) -> set[int]:
    """Ids of every Section E outcome in any of the pupil's plans (a link must be one of these)."""
    return {
        r[0]
        for r in db.execute(
            "SELECT o.id FROM plan_outcomes o JOIN ehc_plans e ON e.id = o.plan_id WHERE e.pupil_id = ?",
            [pupil_id],
        )
    }


def linked_outcomes(db: sqlite_utils.Database, plan_outcome_ids: Iterable[int]) -> list[dict]:
    """Every cycle outcome linked to these plan outcomes, with its cycle and review date, in
    cycle order: one query whatever the number of outcomes or cycles."""
    marks, ids = _marks(plan_outcome_ids)
    return list(
        db.query(
            "SELECT o.id, o.plan_outcome_id, o.text, o.measure, o.by_when, o.rating, o.evidence,"
            " c.id AS cycle_id, c.number AS cycle_number, c.status AS cycle_status, c.plan_start,"
            " r.held_on AS reviewed_on"
            " FROM outcomes o JOIN cycles c ON c.id = o.cycle_id LEFT JOIN reviews r ON r.cycle_id = c.id"
            f" WHERE o.plan_outcome_id IN ({marks}) ORDER BY c.number, o.position, o.id",
            ids,
        )
    )


REPORT_FIELDS = ("pupil_views", "parent_views", "progress_summary", "proposed_amendments")


def review_report(db: sqlite_utils.Database, review_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM review_reports WHERE review_id = ?", [review_id])), None)


def insert_review_report(
    db: sqlite_utils.Database, review_id: int, pupil_id: int, values: dict, username: str
) -> int:
    row = {k: values[k] for k in REPORT_FIELDS} | {"review_id": review_id, "pupil_id": pupil_id}
    return versioned.insert(db, "review_reports", row, username)


def update_review_report(
    db: sqlite_utils.Database, report_id: int, version: int, values: dict, username: str
) -> bool:
    """False when someone saved since `version` was read: nothing written."""
    sets = {k: values[k] for k in REPORT_FIELDS}
    return versioned.update(db, "review_reports", report_id, version, sets, username)


def link_outcomes(db: sqlite_utils.Database, links: list[tuple[int, int]]) -> None:
    """(cycle outcome id, plan outcome id) pairs, in bulk: the demo's history."""
    db.conn.executemany("UPDATE outcomes SET plan_outcome_id = ? WHERE id = ?", [(p, o) for o, p in links])


def pupils_outcomes(db: sqlite_utils.Database, pupil_ids: list[int]) -> list[dict]:
    """Every cycle outcome of these pupils, cycle order: the demo links them to plan outcomes."""
    marks, ids = _marks(pupil_ids)
    return list(
        db.query(
            "SELECT o.id, c.pupil_id FROM outcomes o JOIN cycles c ON c.id = o.cycle_id"
            f" WHERE c.pupil_id IN ({marks}) ORDER BY c.pupil_id, c.number, o.position, o.id",
            ids,
        )
    )
