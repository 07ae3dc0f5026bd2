"""Queries on EHCNA requests, consultations, EHC plans and annual reviews.

Whole-school reads (the deadlines calendar) are one query per table, never one per pupil.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from . import versioned
from .rows import new_id, now_iso

REQUEST_COLUMNS = (
    "pupil_id",
    "requested_by",
    "sent_on",
    "la_received_on",
    "pack_reference",
    "la_name",
    "will_assess",
    "decision_on",
    "advice_requested_on",
    "advice_sent_on",
    "draft_received_on",
    "comments_returned_on",
    "final_plan_on",
    "no_plan_on",
    "withdrawn_on",
    "appeal_note",
    "notes",
)
CONSULTATION_COLUMNS = (
    "pupil_id",
    "child_name",
    "child_dob",
    "la_name",
    "received_on",
    "papers",
    "due_on",
    "reply",
    "reasons",
    "needed",
    "sent_on",
)
PLAN_COLUMNS = (
    "pupil_id",
    "request_id",
    "plan_date",
    "la_name",
    "named_school",
    "personal_budget",
    "section_a",
    "section_c",
    "section_d",
    "section_g",
    "section_h1",
    "section_h2",
    "section_k",
    "status",
    "ceased_on",
)
REVIEW_COLUMNS = (
    "plan_id",
    "pupil_id",
    "meeting_on",
    "advice_gathered_on",
    "advice_circulated_on",
    "report_sent_on",
    "la_decision",
    "la_decision_on",
    "amendment_notice_on",
    "amendments_finalised_on",
    "pfa_notes",
    "notes",
)
_COLUMNS = {
    "ehcna_requests": REQUEST_COLUMNS,
    "consultations": CONSULTATION_COLUMNS,
    "ehc_plans": PLAN_COLUMNS,
    "annual_reviews": REVIEW_COLUMNS,
}

# The pupil's name as the register shows it (preferred names first).
PUPIL_NAME = (
    "(CASE WHEN p.preferred_forename != '' THEN p.preferred_forename ELSE p.legal_forename END"
    " || ' ' || CASE WHEN p.preferred_surname != '' THEN p.preferred_surname ELSE p.legal_surname END)"
)


def insert(db: sqlite_utils.Database, table: str, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, table, {k: values[k] for k in _COLUMNS[table] if k in values}, username)


def update(
    db: sqlite_utils.Database, table: str, record_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Update only if nobody saved since `version` was read. False means stale: nothing written."""
    sets = {k: values[k] for k in _COLUMNS[table] if k in values}
    return versioned.update(db, table, record_id, version, sets, username)


def get(db: sqlite_utils.Database, table: str, record_id: int) -> dict[str, Any] | None:
    return versioned.get(db, table, record_id)


def pupil_name(db: sqlite_utils.Database, pupil_id: int) -> str:
    row = db.execute(f"SELECT {PUPIL_NAME} FROM pupils p WHERE p.id = ?", [pupil_id]).fetchone()
    return row[0] if row else ""


def pupil_year_group(db: sqlite_utils.Database, pupil_id: int) -> str | None:
    row = db.execute("SELECT year_group FROM pupils WHERE id = ?", [pupil_id]).fetchone()
    return row[0] if row else None


# --- EHCNA requests --------------------------------------------------------------------------


def requests_for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(
        db.query("SELECT * FROM ehcna_requests WHERE pupil_id = ? ORDER BY sent_on DESC, id DESC", [pupil_id])
    )


def exceptions_for(db: sqlite_utils.Database, request_ids: Iterable[int]) -> dict[int, list[dict]]:
    ids = list(request_ids)
    found: dict[int, list[dict]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    for row in db.query(f"SELECT * FROM ehcna_exceptions WHERE request_id IN ({marks}) ORDER BY id", ids):
        found[row["request_id"]].append(row)
    return found


def add_exception(db: sqlite_utils.Database, request_id: int, values: dict[str, Any], username: str) -> int:
    row = {**values, "request_id": request_id, "recorded_at": now_iso(), "recorded_by": username}
    return new_id(db.table("ehcna_exceptions").insert(row).last_pk)


def delete_exception(db: sqlite_utils.Database, exception_id: int) -> None:
    db.execute("DELETE FROM ehcna_exceptions WHERE id = ?", [exception_id])


def open_requests(db: sqlite_utils.Database) -> list[dict]:
    """Requests still running, pupils on roll only, with the pupil's name and year."""
    return list(
        db.query(
            f"SELECT r.*, {PUPIL_NAME} AS pupil_name, p.year_group FROM ehcna_requests r "
            "JOIN pupils p ON p.id = r.pupil_id WHERE p.left_on IS NULL AND r.withdrawn_on IS NULL "
            "AND r.final_plan_on IS NULL AND r.no_plan_on IS NULL AND COALESCE(r.will_assess, 1) = 1"
        )
    )


# --- Consultations -------------------------------------------------------------------------

_CONSULTATIONS = (
    f"SELECT c.*, CASE WHEN p.id IS NULL THEN c.child_name ELSE {PUPIL_NAME} END AS pupil_name, "
    "p.year_group FROM consultations c LEFT JOIN pupils p ON p.id = c.pupil_id "
)


def consultations(db: sqlite_utils.Database, *, open_only: bool = False) -> list[dict]:
    where = "WHERE c.sent_on IS NULL AND (p.id IS NULL OR p.left_on IS NULL) " if open_only else ""
    return list(db.query(_CONSULTATIONS + where + "ORDER BY c.received_on DESC, c.id DESC"))


def consultation(db: sqlite_utils.Database, consultation_id: int) -> dict | None:
    return next(iter(db.query(_CONSULTATIONS + "WHERE c.id = ?", [consultation_id])), None)


# --- EHC plans -----------------------------------------------------------------------------


def plans_for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(
        db.query("SELECT * FROM ehc_plans WHERE pupil_id = ? ORDER BY plan_date DESC, id DESC", [pupil_id])
    )


def current_plan_id(db: sqlite_utils.Database, pupil_id: int) -> int | None:
    row = db.execute(
        "SELECT id FROM ehc_plans WHERE pupil_id = ? AND status = 'current'", [pupil_id]
    ).fetchone()
    return row[0] if row else None


PLAN_LISTS = {"B": "plan_needs", "E": "plan_outcomes", "F": "plan_provision"}


def plan_items(db: sqlite_utils.Database, plan_id: int, section: str | None = None) -> list[dict]:
    """Rows of Sections B, E and F (each with its section letter), in order."""
    sections = [section] if section else list(PLAN_LISTS)
    sql = " UNION ALL ".join(
        f"SELECT *, '{code}' AS section FROM {PLAN_LISTS[code]} WHERE plan_id = :plan" for code in sections
    )
    return list(db.query(f"SELECT * FROM ({sql}) ORDER BY section, position, id", {"plan": plan_id}))


def save_plan_items(db: sqlite_utils.Database, plan_id: int, section: str, items: list[dict]) -> None:
    """Make the section's list equal to `items`: rows with an id are updated in place (links to
    them survive), rows without are added, rows no longer listed are removed."""
    table = PLAN_LISTS[section]
    existing = {r["id"] for r in db.query(f"SELECT id FROM {table} WHERE plan_id = ?", [plan_id])}
    kept = set()
    for position, item in enumerate(items):
        values = {"area": item["area"], "text": item["text"], "detail": item["detail"], "position": position}
        if item.get("id") in existing:
            db.table(table).update(item["id"], values)
            kept.add(item["id"])
        else:
            db.table(table).insert({**values, "plan_id": plan_id})
    for gone in existing - kept:
        db.execute(f"DELETE FROM {table} WHERE id = ?", [gone])


def current_plans(db: sqlite_utils.Database) -> list[dict]:
    """Every current plan of a pupil on roll, with the pupil's name and year group."""
    return list(
        db.query(
            f"SELECT e.id, e.pupil_id, e.plan_date, {PUPIL_NAME} AS pupil_name, p.year_group"
            " FROM ehc_plans e "
            "JOIN pupils p ON p.id = e.pupil_id WHERE e.status = 'current' AND p.left_on IS NULL"
        )
    )


# --- Annual reviews --------------------------------------------------------------------------


def reviews_for_plans(db: sqlite_utils.Database, plan_ids: Iterable[int] | None = None) -> list[dict]:
    """Reviews of the given plans (all current plans' reviews when None), oldest meeting first."""
    if plan_ids is None:
        return list(
            db.query(
                "SELECT r.* FROM annual_reviews r JOIN ehc_plans e ON e.id = r.plan_id "
                "WHERE e.status = 'current' ORDER BY r.plan_id, r.meeting_on, r.id"
            )
        )
    ids = list(plan_ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return list(
        db.query(
            f"SELECT * FROM annual_reviews WHERE plan_id IN ({marks}) ORDER BY plan_id, meeting_on, id", ids
        )
    )


def invitations_for(db: sqlite_utils.Database, review_ids: Iterable[int]) -> dict[int, list[dict]]:
    ids = list(review_ids)
    found: dict[int, list[dict]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    for row in db.query(f"SELECT * FROM review_invitations WHERE review_id IN ({marks}) ORDER BY id", ids):
        found[row["review_id"]].append(row)
    return found


def replace_invitations(db: sqlite_utils.Database, review_id: int, rows: list[dict]) -> None:
    db.execute("DELETE FROM review_invitations WHERE review_id = ?", [review_id])
    for row in rows:
        db.table("review_invitations").insert({**row, "review_id": review_id})
