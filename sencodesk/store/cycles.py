"""Queries on cycles and their parts: staff, assessments, outcomes, allocations, sessions, reviews.

Readers take a list of cycle ids and fetch each part in ONE query, so opening a pupil with five
cycles costs a handful of queries, not one per cycle (no N+1).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from . import versioned
from .rows import now_iso


def _marks(ids: Iterable[int]) -> tuple[str, list[int]]:
    ids = list(ids)
    return ", ".join("?" * len(ids)) or "NULL", ids


# -- cycles -----------------------------------------------------------------------------------


def open_cycle(db: sqlite_utils.Database, pupil_id: int) -> dict | None:
    return next(
        iter(db.query("SELECT * FROM cycles WHERE pupil_id = ? AND status = 'open'", [pupil_id])), None
    )


def next_number(db: sqlite_utils.Database, pupil_id: int) -> int:
    return db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM cycles WHERE pupil_id = ?", [pupil_id]
    ).fetchone()[0]


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "cycles", values, username)


def get(db: sqlite_utils.Database, cycle_id: int) -> dict[str, Any] | None:
    return versioned.get(db, "cycles", cycle_id)


def update(
    db: sqlite_utils.Database, cycle_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Update only if nobody saved since `version` was read; False means stale, nothing written."""
    return versioned.update(db, "cycles", cycle_id, version, values, username)


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM cycles WHERE pupil_id = ? ORDER BY number", [pupil_id]))


def glance(db: sqlite_utils.Database, pupil_id: int) -> dict:
    """How many cycles a pupil has, and the open one's number, plan start and review date (None
    if none is open)."""
    return next(
        db.query(
            "SELECT COUNT(*) AS cycles, MAX(CASE WHEN status = 'open' THEN review_date END)"
            " AS open_review_date, MAX(CASE WHEN status = 'open' THEN number END) AS open_number,"
            " MAX(CASE WHEN status = 'open' THEN plan_start END) AS open_plan_start"
            " FROM cycles WHERE pupil_id = ?",
            [pupil_id],
        )
    )


# -- parts of cycles (each one query for many cycles) ------------------------------------------


def staff(db: sqlite_utils.Database, cycle_ids: list[int]) -> list[dict]:
    marks, ids = _marks(cycle_ids)
    return list(
        db.query(
            f"SELECT s.cycle_id, s.user_id, u.display_name FROM cycle_staff s"
            f" JOIN users u ON u.id = s.user_id WHERE s.cycle_id IN ({marks})"
            " ORDER BY u.display_name",
            ids,
        )
    )


def assessments(db: sqlite_utils.Database, cycle_ids: list[int]) -> list[dict]:
    marks, ids = _marks(cycle_ids)
    return list(db.query(f"SELECT * FROM assessments WHERE cycle_id IN ({marks}) ORDER BY position, id", ids))


def outcomes(db: sqlite_utils.Database, cycle_ids: list[int]) -> list[dict]:
    marks, ids = _marks(cycle_ids)
    return list(db.query(f"SELECT * FROM outcomes WHERE cycle_id IN ({marks}) ORDER BY position, id", ids))


_COUNTS = (
    ", (SELECT COUNT(*) FROM sessions s WHERE s.allocation_id = a.id) AS logged,"
    " (SELECT COUNT(*) FROM sessions s WHERE s.allocation_id = a.id AND s.attended = 1) AS attended"
)


def _allocation_sql(counts: bool, with_pupil: bool) -> str:
    # Session counts are correlated sub-queries on the (allocation_id, attended) index: cheap per
    # row, and only the allocations asked for are counted (never all 50,000 sessions).
    pupil = (
        (
            ", c.plan_start, pu.legal_surname, pu.legal_forename, pu.preferred_surname,"
            " pu.preferred_forename, pu.year_group, pu.left_on"
        )
        if with_pupil
        else ""
    )
    join = " JOIN pupils pu ON pu.id = c.pupil_id" if with_pupil else ""
    return (
        "SELECT a.*, c.pupil_id, c.number AS cycle_number, c.status AS cycle_status,"
        " p.name AS provision_name, p.area, p.staff_role, p.fixed_cost, p.fixed_cost_note,"
        " COALESCE(a.group_size, p.group_size) AS eff_group_size,"
        " COALESCE(a.session_minutes, p.session_minutes) AS eff_minutes,"
        " COALESCE(a.sessions_per_week, p.sessions_per_week) AS eff_per_week,"
        " COALESCE(a.weeks, p.weeks) AS eff_weeks,"
        " COALESCE(a.start_date, c.plan_start) AS runs_from, COALESCE(a.end_date, r.held_on) AS runs_to,"
        " COALESCE(u.display_name, a.staff_name) AS staff_display"
        + (_COUNTS if counts else ", 0 AS logged, 0 AS attended")
        + pupil
        + " FROM allocations a JOIN cycles c ON c.id = a.cycle_id"
        + join
        + " JOIN provisions p ON p.id = a.provision_id LEFT JOIN users u ON u.id = a.staff_user_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id"
    )


# An allocation runs from its own start date (else its plan's start) to its own end date, else
# to the review that closed its cycle, else on (an open cycle's provision is still running).
_RUNNING = "COALESCE(a.start_date, c.plan_start) <= ? AND COALESCE(a.end_date, r.held_on, '9999') >= ?"


def period_cost_rows(db: sqlite_utils.Database, start: str, end: str) -> list[tuple]:
    """(minutes, per week, weeks, group size, staff role, fixed pence, runs from, runs to) of every
    allocation running in the period: only what a spend total needs, as plain tuples (fast)."""
    return db.execute(
        "SELECT COALESCE(a.session_minutes, p.session_minutes),"
        " COALESCE(a.sessions_per_week, p.sessions_per_week),"
        " COALESCE(a.weeks, p.weeks), COALESCE(a.group_size, p.group_size), p.staff_role, p.fixed_cost,"
        " COALESCE(a.start_date, c.plan_start), COALESCE(a.end_date, r.held_on)"
        " FROM allocations a JOIN cycles c ON c.id = a.cycle_id JOIN provisions p ON p.id = a.provision_id"
        " LEFT JOIN reviews r ON r.cycle_id = c.id WHERE " + _RUNNING,
        [end, start],
    ).fetchall()


def delivered_rows(db: sqlite_utils.Database, start: str, end: str) -> list[tuple]:
    """Per allocation with sessions logged from start to end (ISO, inclusive): (minutes logged,
    sessions logged, group size, staff role, fixed pence, runs from, runs to, weeks): what the
    delivered cost of a period needs, as plain tuples."""
    return db.execute(
        "SELECT SUM(s.minutes), COUNT(*), COALESCE(a.group_size, p.group_size), p.staff_role, p.fixed_cost,"
        " COALESCE(a.start_date, c.plan_start), COALESCE(a.end_date, r.held_on), COALESCE(a.weeks, p.weeks)"
        " FROM sessions s JOIN allocations a ON a.id = s.allocation_id JOIN cycles c ON c.id = a.cycle_id"
        " JOIN provisions p ON p.id = a.provision_id LEFT JOIN reviews r ON r.cycle_id = c.id"
        " WHERE s.held_on BETWEEN ? AND ? GROUP BY a.id",
        [start, end],
    ).fetchall()


def allocations(db: sqlite_utils.Database, cycle_ids: list[int]) -> list[dict]:
    marks, ids = _marks(cycle_ids)
    return list(db.query(_allocation_sql(True, False) + f" WHERE a.cycle_id IN ({marks}) ORDER BY a.id", ids))


def allocations_in_period(
    db: sqlite_utils.Database,
    start: str,
    end: str,
    *,
    pupil_id: int | None = None,
    provision_id: int | None = None,
) -> list[dict]:
    """Allocations running at any time between start and end (ISO dates, inclusive)."""
    where = " WHERE " + _RUNNING
    params: list = [end, start]
    if pupil_id is not None:
        where += " AND c.pupil_id = ?"
        params.append(pupil_id)
    if provision_id is not None:
        where += " AND a.provision_id = ?"
        params.append(provision_id)
    return list(db.query(_allocation_sql(True, True) + where + " ORDER BY p.name, a.id", params))


def open_allocations(
    db: sqlite_utils.Database, *, provision_id: int | None = None, staff_user_id: int | None = None
) -> list[dict]:
    """Allocations in open cycles of pupils on roll: what sessions can be logged against."""
    where = " WHERE c.status = 'open' AND pu.left_on IS NULL"
    params: list = []
    if provision_id is not None:
        where += " AND a.provision_id = ?"
        params.append(provision_id)
    if staff_user_id is not None:
        where += " AND a.staff_user_id = ?"
        params.append(staff_user_id)
    return list(db.query(_allocation_sql(False, True) + where + " ORDER BY p.name, pu.legal_surname", params))


def reviews(db: sqlite_utils.Database, cycle_ids: list[int]) -> list[dict]:
    marks, ids = _marks(cycle_ids)
    return list(db.query(f"SELECT * FROM reviews WHERE cycle_id IN ({marks})", ids))


def impacts(db: sqlite_utils.Database, review_ids: list[int]) -> list[dict]:
    marks, ids = _marks(review_ids)
    return list(db.query(f"SELECT * FROM review_impacts WHERE review_id IN ({marks})", ids))


# -- writes of the parts ---------------------------------------------------------------------


def replace_staff(db: sqlite_utils.Database, cycle_id: int, user_ids: list[int]) -> None:
    db.execute("DELETE FROM cycle_staff WHERE cycle_id = ?", [cycle_id])
    db.table("cycle_staff").insert_all(
        [{"cycle_id": cycle_id, "user_id": u} for u in dict.fromkeys(user_ids)]
    )


def replace_assessments(db: sqlite_utils.Database, cycle_id: int, rows: list[dict]) -> None:
    db.execute("DELETE FROM assessments WHERE cycle_id = ?", [cycle_id])
    db.table("assessments").insert_all(
        [r | {"cycle_id": cycle_id, "position": i} for i, r in enumerate(rows)]
    )


def save_outcomes(db: sqlite_utils.Database, cycle_id: int, rows: list[dict]) -> None:
    """Keep outcomes by id (their ratings and carried-from links stay), add new, drop removed."""
    keep = [r["id"] for r in rows if r.get("id")]
    marks, ids = _marks(keep)
    db.execute(f"DELETE FROM outcomes WHERE cycle_id = ? AND id NOT IN ({marks})", [cycle_id, *ids])
    for i, r in enumerate(rows):
        values = {"text": r["text"], "by_when": r["by_when"], "measure": r["measure"], "position": i}
        if "plan_outcome_id" in r:  # absent: a caller that does not show the link leaves it as it is
            values["plan_outcome_id"] = r["plan_outcome_id"]
        if "in_my_words" in r:  # likewise the outcome in the pupil's words
            values["in_my_words"] = r["in_my_words"]
        if r.get("id"):
            sets = ", ".join(f"{k} = ?" for k in values)
            db.execute(
                f"UPDATE outcomes SET {sets} WHERE id = ? AND cycle_id = ?",
                [*values.values(), r["id"], cycle_id],
            )
        else:
            db.table("outcomes").insert(
                values | {"cycle_id": cycle_id, "carried_from": r.get("carried_from")}
            )


def open_plans(db: sqlite_utils.Database) -> list[dict]:
    """Open cycles with a plan, of pupils on roll, with the pupil's first name and needs (the
    demo writes their words for home)."""
    return list(
        db.query(
            "SELECT c.id, c.version, c.needs_ci, c.needs_cl, c.needs_semh, c.needs_sp, p.primary_need,"
            " CASE WHEN p.preferred_forename != '' THEN p.preferred_forename ELSE p.legal_forename END"
            " AS first FROM cycles c JOIN pupils p ON p.id = c.pupil_id"
            " WHERE c.status = 'open' AND c.plan_start IS NOT NULL AND p.left_on IS NULL"
        )
    )


def set_in_my_words(db: sqlite_utils.Database, outcome_id: int, words: str) -> None:
    db.execute("UPDATE outcomes SET in_my_words = ? WHERE id = ?", [words, outcome_id])


def insert_outcomes(db: sqlite_utils.Database, cycle_id: int, rows: list[dict]) -> None:
    db.table("outcomes").insert_all([r | {"cycle_id": cycle_id, "position": i} for i, r in enumerate(rows)])


ALLOCATION_FIELDS = (
    "provision_id",
    "staff_user_id",
    "staff_name",
    "group_size",
    "session_minutes",
    "sessions_per_week",
    "weeks",
    "start_date",
    "end_date",
)


def save_allocations(db: sqlite_utils.Database, cycle_id: int, rows: list[dict], username: str) -> None:
    keep = [r["id"] for r in rows if r.get("id")]
    marks, ids = _marks(keep)
    db.execute(f"DELETE FROM allocations WHERE cycle_id = ? AND id NOT IN ({marks})", [cycle_id, *ids])
    stamp = now_iso()
    for r in rows:
        values = {k: r.get(k) for k in ALLOCATION_FIELDS}
        if r.get("id"):
            sets = ", ".join(f"{k} = ?" for k in values)
            db.execute(
                f"UPDATE allocations SET {sets}, updated_at = ?, updated_by = ?"
                " WHERE id = ? AND cycle_id = ?",
                [*values.values(), stamp, username, r["id"], cycle_id],
            )
        else:
            db.table("allocations").insert(
                values
                | {"cycle_id": cycle_id, "created_at": stamp, "updated_at": stamp, "updated_by": username}
            )


def allocation_rows(db: sqlite_utils.Database, allocation_ids: list[int]) -> list[dict]:
    marks, ids = _marks(allocation_ids)
    return list(
        db.query(
            f"SELECT a.id, a.cycle_id, c.pupil_id, c.number AS cycle_number, c.status AS cycle_status,"
            f" a.start_date, a.end_date,"
            f" COALESCE(a.session_minutes, p.session_minutes) AS eff_minutes, p.name AS provision_name,"
            " pu.legal_forename, pu.legal_surname, pu.preferred_forename, pu.preferred_surname"
            " FROM allocations a JOIN cycles c ON c.id = a.cycle_id"
            " JOIN provisions p ON p.id = a.provision_id JOIN pupils pu ON pu.id = c.pupil_id"
            f" WHERE a.id IN ({marks})",
            ids,
        )
    )


def upsert_session(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> str:
    """Log a session; a second entry for the same allocation and day corrects the first (the
    service asks the person first: services.cycles.log_sessions, replace=True).

    Returns 'added' or 'changed'."""
    existing = db.execute(
        "SELECT id FROM sessions WHERE allocation_id = ? AND held_on = ?",
        [values["allocation_id"], values["held_on"]],
    ).fetchone()
    if existing:
        db.execute(
            "UPDATE sessions SET minutes = ?, attended = ?, staff_user_id = ?, staff_name = ?, note = ?"
            " WHERE id = ?",
            [
                values["minutes"],
                values["attended"],
                values["staff_user_id"],
                values["staff_name"],
                values["note"],
                existing[0],
            ],
        )
        return "changed"
    db.table("sessions").insert(values | {"created_at": now_iso(), "created_by": username})
    return "added"


def sessions_on(db: sqlite_utils.Database, allocation_ids: list[int], held_on: str) -> list[dict]:
    """The sessions already logged on one day for these allocations, with who delivered them."""
    marks, ids = _marks(allocation_ids)
    return list(
        db.query(
            f"SELECT s.*, COALESCE(u.display_name, s.staff_name) AS staff_display FROM sessions s"
            f" LEFT JOIN users u ON u.id = s.staff_user_id WHERE s.allocation_id IN ({marks})"
            " AND s.held_on = ?",
            [*ids, held_on],
        )
    )


def sessions_for(db: sqlite_utils.Database, allocation_ids: list[int]) -> list[dict]:
    marks, ids = _marks(allocation_ids)
    return list(
        db.query(
            f"SELECT s.*, COALESCE(u.display_name, s.staff_name) AS staff_display FROM sessions s"
            f" LEFT JOIN users u ON u.id = s.staff_user_id WHERE s.allocation_id IN ({marks})"
            " ORDER BY s.held_on, s.id",
            ids,
        )
    )


def insert_review(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "reviews", values, username)


def update_review(
    db: sqlite_utils.Database, review_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Correct a review only if nobody saved it since `version` was read; False: stale, nothing written."""
    return versioned.update(db, "reviews", review_id, version, values, username)


def judge_impact(db: sqlite_utils.Database, review_id: int, allocation_id: int, judgement: str) -> None:
    db.execute(
        "UPDATE review_impacts SET judgement = ? WHERE review_id = ? AND allocation_id = ?",
        [judgement, review_id, allocation_id],
    )


def rate_outcome(db: sqlite_utils.Database, outcome_id: int, rating: str, evidence: str) -> None:
    db.execute("UPDATE outcomes SET rating = ?, evidence = ? WHERE id = ?", [rating, evidence, outcome_id])


def insert_impacts(db: sqlite_utils.Database, rows: list[dict]) -> None:
    db.table("review_impacts").insert_all(rows)


def users(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT id, display_name, role FROM users WHERE active = 1 ORDER BY display_name"))


def user_ids(db: sqlite_utils.Database, ids: list[int]) -> set[int]:
    marks, params = _marks(ids)
    return {r[0] for r in db.execute(f"SELECT id FROM users WHERE id IN ({marks})", params)}
