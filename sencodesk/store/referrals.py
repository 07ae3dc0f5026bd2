"""Queries on referrals, consents, outside involvements and EHCNA request drafts."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .rows import now_iso


def _stamp(username: str) -> dict[str, Any]:
    stamp = now_iso()
    return {"version": 1, "created_at": stamp, "updated_at": stamp, "updated_by": username}


def _update(
    db: sqlite_utils.Database, table: str, row_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Versioned update: False (nothing written) when someone saved since `version` was read."""
    assignments = ", ".join(f"{k} = ?" for k in values)
    cur = db.execute(
        f"UPDATE {table} SET {assignments}, version = version + 1, updated_at = ?, updated_by = ? "
        "WHERE id = ? AND version = ?",
        [*values.values(), now_iso(), username, row_id, version],
    )
    return cur.rowcount == 1


def get_row(db: sqlite_utils.Database, table: str, row_id: int) -> dict | None:
    return next(iter(db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id])), None)


def insert_referral(db, values: dict, username: str) -> int:
    return db["referrals"].insert(values | _stamp(username)).last_pk


def update_referral(db, referral_id: int, version: int, values: dict, username: str) -> bool:
    return _update(db, "referrals", referral_id, version, values, username)


def referrals_for_pupil(db, pupil_id: int) -> list[dict]:
    return list(
        db.query("SELECT * FROM referrals WHERE pupil_id = ? ORDER BY referred_on DESC, id DESC", [pupil_id])
    )


def referrals_between(db, start: str, end: str) -> list[dict]:
    """Referrals dated in [start, end] (ISO): service and status only, for the summary counts."""
    return list(
        db.query("SELECT service, status FROM referrals WHERE referred_on BETWEEN ? AND ?", [start, end])
    )


def insert_consent(db, values: dict, username: str) -> int:
    return db["consents"].insert(values | _stamp(username)).last_pk


def consents_for_referrals(db, referral_ids: list[int]) -> list[dict]:
    if not referral_ids:
        return []
    marks = ", ".join("?" for _ in referral_ids)
    return list(
        db.query(f"SELECT * FROM consents WHERE referral_id IN ({marks}) ORDER BY given_on, id", referral_ids)
    )


def insert_involvement(db, values: dict, username: str) -> int:
    return db["involvements"].insert(values | _stamp(username)).last_pk


def update_involvement(db, involvement_id: int, version: int, values: dict, username: str) -> bool:
    return _update(db, "involvements", involvement_id, version, values, username)


def involvements_for_pupil(db, pupil_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM involvements WHERE pupil_id = ? ORDER BY started_on IS NULL, started_on, id",
            [pupil_id],
        )
    )


def ehcna_draft(db, pupil_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM ehcna_drafts WHERE pupil_id = ?", [pupil_id])), None)


def insert_ehcna_draft(db, values: dict, username: str) -> int:
    return db["ehcna_drafts"].insert(values | _stamp(username)).last_pk


def update_ehcna_draft(db, draft_id: int, version: int, values: dict, username: str) -> bool:
    return _update(db, "ehcna_drafts", draft_id, version, values, username)


def ehcna_consents(db, pupil_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM consents WHERE pupil_id = ? AND purpose = 'ehcna' ORDER BY given_on, id",
            [pupil_id],
        )
    )


def latest_referral(db, pupil_id: int, service: str) -> dict | None:
    return next(
        iter(
            db.query(
                "SELECT * FROM referrals WHERE pupil_id = ? AND service = ? "
                "ORDER BY referred_on DESC, id DESC LIMIT 1",
                [pupil_id, service],
            )
        ),
        None,
    )
