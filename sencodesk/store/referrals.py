"""Queries on referrals, consents, outside involvements and EHCNA request drafts."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from . import versioned


def get_row(db: sqlite_utils.Database, table: str, row_id: int) -> dict[str, Any] | None:
    return versioned.get(db, table, row_id)


def insert_referral(db, values: dict, username: str) -> int:
    return versioned.insert(db, "referrals", values, username)


def update_referral(db, referral_id: int, version: int, values: dict, username: str) -> bool:
    return versioned.update(db, "referrals", referral_id, version, values, username)


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
    return versioned.insert(db, "consents", values, username)


def consents_for_referrals(db, referral_ids: list[int]) -> list[dict]:
    if not referral_ids:
        return []
    marks = ", ".join("?" for _ in referral_ids)
    return list(
        db.query(f"SELECT * FROM consents WHERE referral_id IN ({marks}) ORDER BY given_on, id", referral_ids)
    )


def insert_involvement(db, values: dict, username: str) -> int:
    return versioned.insert(db, "involvements", values, username)


def update_involvement(db, involvement_id: int, version: int, values: dict, username: str) -> bool:
    return versioned.update(db, "involvements", involvement_id, version, values, username)


def involvements_for_pupil(db, pupil_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM involvements WHERE pupil_id = ? ORDER BY started_on IS NULL, started_on, id",
            [pupil_id],
        )
    )


def ehcna_draft(db, pupil_id: int) -> dict[str, Any] | None:
    return versioned.get(db, "ehcna_drafts", pupil_id, key="pupil_id")


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
