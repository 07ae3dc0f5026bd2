"""Whole-school reads for the governors' summary: one query per table, filtered in memory."""
from __future__ import annotations

import sqlite_utils

from .referrals import referrals_between  # noqa: F401  (the summary's referral counts)


def pupils_for_summary(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(
        "SELECT id, CASE WHEN preferred_surname != '' THEN preferred_surname ELSE legal_surname END AS surname,"
        " CASE WHEN preferred_forename != '' THEN preferred_forename ELSE legal_forename END AS forename,"
        " year_group, gender, sen_status, primary_need, pupil_premium, eal, looked_after,"
        " admission_date, left_on FROM pupils"))


def sen_history_all(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT pupil_id, start_date, status FROM sen_history ORDER BY start_date, id"))
