"""Queries on the SENCO's requests for staff observations and the staff's answers (schema 0019)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from . import versioned

REQUESTS = "staff_requests"
RECIPIENTS = "staff_request_recipients"

# A request with the pupil as lists show them (preferred names) and its cycle's number.
_REQUEST = (
    "SELECT r.*, p.legal_surname, p.legal_forename, p.preferred_surname, p.preferred_forename,"
    " p.year_group, p.class_name, p.left_on, c.number AS cycle_number"
    " FROM staff_requests r JOIN pupils p ON p.id = r.pupil_id LEFT JOIN cycles c ON c.id = r.cycle_id"
)
# A recipient's row with their name and the request it answers.
_RECIPIENT = (
    "SELECT s.*, u.display_name, u.password_hash != '' AS can_sign_in FROM staff_request_recipients s"
    " JOIN users u ON u.id = s.user_id"
)


def _request(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"questions": json.loads(row["questions"] or "[]")}


def _recipient(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"answers": json.loads(row["answers"] or "[]")}


def _marks(ids: Iterable[int]) -> tuple[str, list[int]]:
    keys = sorted(set(ids))
    return ", ".join("?" for _ in keys), keys


def insert_request(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    row = (
        values | {"questions": json.dumps(values["questions"]), "status": "open"} | versioned.stamp(username)
    )
    pk = db.table(REQUESTS).insert(row).last_pk
    assert pk is not None  # an INTEGER PRIMARY KEY is always set on insert
    return int(pk)


def insert_recipient(db: sqlite_utils.Database, request_id: int, user_id: int, username: str) -> int:
    row = {"request_id": request_id, "user_id": user_id, "status": "sent", "answers": "[]"} | versioned.stamp(
        username
    )
    pk = db.table(RECIPIENTS).insert(row).last_pk
    assert pk is not None
    return int(pk)


def request(db: sqlite_utils.Database, request_id: int) -> dict[str, Any] | None:
    row = next(iter(db.query(_REQUEST + " WHERE r.id = ?", [request_id])), None)
    return None if row is None else _request(row)


def for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict[str, Any]]:
    """The pupil's requests, newest first."""
    rows = db.query(_REQUEST + " WHERE r.pupil_id = ? ORDER BY r.asked_on DESC, r.id DESC", [pupil_id])
    return [_request(r) for r in rows]


def open_awaiting(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Open requests about pupils on roll that still await someone's answer, soonest due first,
    with how many staff were asked and how many have yet to answer (one query, no answers read:
    the dashboard's list)."""
    return list(
        db.query(
            "SELECT r.id, r.pupil_id, r.due_on, r.purpose, c.number AS cycle_number, p.legal_surname,"
            " p.legal_forename, p.preferred_surname, p.preferred_forename, p.year_group, p.class_name,"
            " SUM(s.status = 'sent') AS awaiting, SUM(s.status != 'withdrawn') AS asked"
            " FROM staff_requests r JOIN pupils p ON p.id = r.pupil_id"
            " JOIN staff_request_recipients s ON s.request_id = r.id LEFT JOIN cycles c ON c.id = r.cycle_id"
            " WHERE r.status = 'open' AND p.left_on IS NULL"
            " GROUP BY r.id HAVING SUM(s.status = 'sent') > 0 ORDER BY r.due_on, r.id"
        )
    )


def recipients(db: sqlite_utils.Database, request_ids: Iterable[int]) -> list[dict[str, Any]]:
    marks, keys = _marks(request_ids)
    if not keys:
        return []
    rows = db.query(
        _RECIPIENT + f" WHERE s.request_id IN ({marks}) ORDER BY u.display_name COLLATE NOCASE, s.id", keys
    )
    return [_recipient(r) for r in rows]


# A recipient's row with the request it answers and the pupil it is about: what the member of
# staff asked sees (the s.* columns renamed, so the request's own id, status and version stay).
_ASKED = (
    "SELECT s.id AS recipient_id, s.user_id, s.status AS recipient_status, s.subject, s.answers,"
    " s.answered_on, s.declined_reason, s.version AS recipient_version,"
    " s.updated_at AS recipient_updated_at, s.updated_by AS recipient_updated_by, r.*,"
    " p.legal_surname, p.legal_forename, p.preferred_surname, p.preferred_forename, p.year_group,"
    " p.class_name, p.left_on, c.number AS cycle_number FROM staff_request_recipients s"
    " JOIN staff_requests r ON r.id = s.request_id JOIN pupils p ON p.id = r.pupil_id"
    " LEFT JOIN cycles c ON c.id = r.cycle_id"
)


def _asked(row: dict[str, Any]) -> dict[str, Any]:
    return _request(row) | {"answers": json.loads(row["answers"] or "[]")}


def asked(db: sqlite_utils.Database, recipient_id: int) -> dict[str, Any] | None:
    row = next(iter(db.query(_ASKED + " WHERE s.id = ?", [recipient_id])), None)
    return None if row is None else _asked(row)


def for_user(db: sqlite_utils.Database, user_id: int, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    """What one member of staff is asked, in these statuses, on open requests about pupils on
    roll, soonest due first."""
    marks = ", ".join("?" for _ in statuses)
    rows = db.query(
        _ASKED + f" WHERE s.user_id = ? AND s.status IN ({marks}) AND r.status = 'open'"
        " AND p.left_on IS NULL ORDER BY r.due_on, s.id",
        [user_id, *statuses],
    )
    return [_asked(r) for r in rows]


def update_request(
    db: sqlite_utils.Database, request_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    return versioned.update(db, REQUESTS, request_id, version, values, username)


def update_recipient(
    db: sqlite_utils.Database, recipient_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    if "answers" in values:
        values = values | {"answers": json.dumps(values["answers"])}
    return versioned.update(db, RECIPIENTS, recipient_id, version, values, username)


def withdraw_awaiting(db: sqlite_utils.Database, request_id: int, username: str) -> int:
    """Everyone still asked is no longer asked (answers given stay). Returns how many."""
    rows = db.execute(
        "SELECT id, version FROM staff_request_recipients WHERE request_id = ? AND status = 'sent'",
        [request_id],
    ).fetchall()
    for recipient_id, version in rows:
        versioned.update(db, RECIPIENTS, recipient_id, version, {"status": "withdrawn"}, username)
    return len(rows)


def teacher_accounts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Active Teacher/TA accounts, by name: whom a request may be sent to."""
    return list(
        db.query(
            "SELECT id, display_name, password_hash != '' AS can_sign_in FROM users"
            " WHERE role = 'teacher' AND active = 1 ORDER BY display_name COLLATE NOCASE"
        )
    )


def staff_named_for(db: sqlite_utils.Database, pupil_id: int) -> list[dict[str, Any]]:
    """Staff named on the pupil's cycles (responsible) or delivering their provision: user_id,
    kind ('cycle' or 'provision'), what (the cycle's number or the provision's name), open."""
    return list(
        db.query(
            "SELECT s.user_id, 'cycle' AS kind, c.number AS what, c.status = 'open' AS open"
            " FROM cycle_staff s JOIN cycles c ON c.id = s.cycle_id WHERE c.pupil_id = :p"
            " UNION SELECT a.staff_user_id, 'provision', v.name, c.status = 'open' FROM allocations a"
            " JOIN cycles c ON c.id = a.cycle_id JOIN provisions v ON v.id = a.provision_id"
            " WHERE c.pupil_id = :p AND a.staff_user_id IS NOT NULL",
            {"p": pupil_id},
        )
    )


def staff_of_class(db: sqlite_utils.Database, pupil_id: int) -> list[dict[str, Any]]:
    """Staff named on open cycles of other pupils in this pupil's class (often the class
    teacher, in a primary school): user_id, class_name, pupils (how many)."""
    return list(
        db.query(
            "SELECT s.user_id, me.class_name, COUNT(DISTINCT c.pupil_id) AS pupils FROM pupils me"
            " JOIN pupils o ON o.class_name = me.class_name AND o.id != me.id AND o.left_on IS NULL"
            " JOIN cycles c ON c.pupil_id = o.id AND c.status = 'open'"
            " JOIN cycle_staff s ON s.cycle_id = c.id"
            " WHERE me.id = ? AND me.class_name != '' GROUP BY s.user_id, me.class_name",
            [pupil_id],
        )
    )


def awaiting_for_pupil(db: sqlite_utils.Database, pupil_id: int) -> list[dict[str, Any]]:
    """Who is already asked about this pupil and has not answered: user_id, asked_on."""
    return list(
        db.query(
            "SELECT s.user_id, r.asked_on FROM staff_request_recipients s"
            " JOIN staff_requests r ON r.id = s.request_id"
            " WHERE r.pupil_id = ? AND r.status = 'open' AND s.status = 'sent'",
            [pupil_id],
        )
    )
