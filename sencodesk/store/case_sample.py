"""The facts the inclusion case sample's gap rules read: one query per kind of fact, for one pupil
or for every pupil on the register at once (the whole-school list at 2,000 pupils stays one
query a kind, never one a pupil). Free text is not fetched: only whether it was written."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .overview import _PUPIL

REGISTER = "p.left_on IS NULL AND p.sen_status IN ('K', 'E')"


def _scope(pupil_id: int | None) -> tuple[str, list[Any]]:
    """One pupil (on the register or not: an inspector may sample a pupil who left SEN support),
    else everyone on the register."""
    return ("p.id = ?", [pupil_id]) if pupil_id is not None else (REGISTER, [])


def _rows(db: sqlite_utils.Database, sql: str, pupil_id: int | None) -> list[dict]:
    where, params = _scope(pupil_id)
    return list(db.query(sql.format(where=where), params))


def pupils(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    return _rows(
        db,
        f"SELECT {_PUPIL}, p.sen_start_date FROM pupils p WHERE {{where}} ORDER BY surname, forename",
        pupil_id,
    )


def cycles(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """Each cycle with its review, as yes/no facts: assessed, views given, parents told."""
    return _rows(
        db,
        "SELECT c.id, c.pupil_id, c.number, c.status, substr(c.created_at, 1, 10) AS started_on,"
        " c.plan_start, c.review_date, r.held_on,"
        " (c.assess_date IS NOT NULL OR trim(c.needs_ci || c.needs_cl || c.needs_semh || c.needs_sp"
        "  || c.attainment) != '' OR EXISTS (SELECT 1 FROM assessments a WHERE a.cycle_id = c.id))"
        "  AS assessed,"
        " trim(c.pupil_views) != '' AS pupil_views, trim(c.parent_views) != '' AS parent_views,"
        " (c.parents_told_on IS NOT NULL OR c.parents_agreed_on IS NOT NULL) AS parents_told,"
        " COALESCE(r.pupil_present = 1 OR trim(r.pupil_views) != '', 0) AS pupil_at_review,"
        " COALESCE(r.parent_present = 1 OR trim(r.parent_views) != '', 0) AS parents_at_review"
        " FROM cycles c JOIN pupils p ON p.id = c.pupil_id LEFT JOIN reviews r ON r.cycle_id = c.id"
        " WHERE {where} ORDER BY c.pupil_id, c.number",
        pupil_id,
    )


def outcome_counts(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    return _rows(
        db,
        "SELECT o.cycle_id, COUNT(*) AS outcomes, COUNT(o.rating) AS rated,"
        " SUM(o.rating IN ('met', 'exceeded')) AS met"
        " FROM outcomes o JOIN cycles c ON c.id = o.cycle_id JOIN pupils p ON p.id = c.pupil_id"
        " WHERE {where} GROUP BY o.cycle_id",
        pupil_id,
    )


def allocations(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """Each allocation, with the number of sessions logged (counted on the covering index)."""
    return _rows(
        db,
        "SELECT a.cycle_id, pr.name, a.start_date,"
        " (SELECT COUNT(*) FROM sessions s WHERE s.allocation_id = a.id) AS sessions"
        " FROM allocations a JOIN provisions pr ON pr.id = a.provision_id"
        " JOIN cycles c ON c.id = a.cycle_id JOIN pupils p ON p.id = c.pupil_id"
        " WHERE {where} ORDER BY a.cycle_id, a.id",
        pupil_id,
    )


def advice(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """Outside professionals' advice: an involvement with a report, or with advice written down."""
    return _rows(
        db,
        "SELECT i.pupil_id, i.service, i.professional,"
        " COALESCE(i.latest_report_on, i.started_on) AS advised_on"
        " FROM involvements i JOIN pupils p ON p.id = i.pupil_id"
        " WHERE {where} AND (i.latest_report_on IS NOT NULL OR trim(i.summary) != '')"
        " AND COALESCE(i.latest_report_on, i.started_on) IS NOT NULL",
        pupil_id,
    )


def specialist_counts(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """How many specialists each pupil has had: involvements, and referrals that left the school."""
    return _rows(
        db,
        "SELECT p.id AS pupil_id,"
        " (SELECT COUNT(*) FROM involvements i WHERE i.pupil_id = p.id)"
        " + (SELECT COUNT(*) FROM referrals r WHERE r.pupil_id = p.id AND r.status != 'draft')"
        " AS specialists FROM pupils p WHERE {where}",
        pupil_id,
    )


def plan_reviews(db: sqlite_utils.Database, pupil_id: int | None = None) -> list[dict]:
    """Each current EHC plan, once per annual review meeting (meeting_on NULL: none yet)."""
    return _rows(
        db,
        "SELECT e.pupil_id, e.plan_date, ar.meeting_on FROM ehc_plans e JOIN pupils p ON p.id = e.pupil_id"
        " LEFT JOIN annual_reviews ar ON ar.plan_id = e.id"
        " WHERE {where} AND e.status = 'current' ORDER BY e.pupil_id, ar.meeting_on",
        pupil_id,
    )
