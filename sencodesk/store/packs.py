"""Whole-school reads for the governors' summary: one query per table, filtered in memory."""

from __future__ import annotations

import sqlite_utils


def pupils_for_summary(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(
            "SELECT id,"
            " CASE WHEN preferred_surname != '' THEN preferred_surname ELSE legal_surname END AS surname,"
            " CASE WHEN preferred_forename != '' THEN preferred_forename ELSE legal_forename END AS forename,"
            " year_group, gender, sen_status, primary_need, pupil_premium, eal, looked_after,"
            " admission_date, left_on FROM pupils"
        )
    )


def sen_history_all(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT pupil_id, start_date, status FROM sen_history ORDER BY start_date, id"))


def allocations_for_years(db: sqlite_utils.Database, pupil_id: int, start: str, end: str) -> list[dict]:
    """A pupil's allocations running between start and end (ISO), with their cycle's review day
    (so a pack can place each in its academic year without a query per year), and the catalogue's
    costing columns (the LA's rules cost them afresh)."""
    return list(
        db.query(
            "SELECT a.id, a.cycle_id, COALESCE(a.start_date, c.plan_start) AS runs_from,"
            " COALESCE(a.end_date, r.held_on) AS runs_to, p.name AS provision_name, p.staff_role,"
            " p.fixed_cost, p.fixed_cost_note,"
            " COALESCE(a.group_size, p.group_size) AS eff_group_size,"
            " COALESCE(a.session_minutes, p.session_minutes) AS eff_minutes,"
            " COALESCE(a.sessions_per_week, p.sessions_per_week) AS eff_per_week,"
            " COALESCE(a.weeks, p.weeks) AS eff_weeks"
            " FROM allocations a JOIN cycles c ON c.id = a.cycle_id"
            " JOIN provisions p ON p.id = a.provision_id"
            " LEFT JOIN reviews r ON r.cycle_id = c.id"
            " WHERE c.pupil_id = ? AND COALESCE(a.start_date, c.plan_start) <= ?"
            " AND COALESCE(a.end_date, r.held_on, '9999') >= ? ORDER BY p.name, a.id",
            [pupil_id, end, start],
        )
    )


def reviews_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict]:
    """Reviews held in [start, end] with the date each was due, and the ratings given then."""
    return list(
        db.query(
            "SELECT r.cycle_id, r.held_on, c.review_date FROM reviews r JOIN cycles c ON c.id = r.cycle_id"
            " WHERE r.held_on BETWEEN ? AND ?",
            [start, end],
        )
    )


def ratings_reviewed_between(db: sqlite_utils.Database, start: str, end: str) -> list[str | None]:
    return [
        r[0]
        for r in db.execute(
            "SELECT o.rating FROM outcomes o JOIN reviews r ON r.cycle_id = o.cycle_id"
            " WHERE r.held_on BETWEEN ? AND ?",
            [start, end],
        ).fetchall()
    ]


def open_concern_count(db: sqlite_utils.Database, as_of: str) -> int:
    """Concerns raised by `as_of` and not closed (still open, or being monitored)."""
    return db.execute(
        "SELECT COUNT(*) FROM concerns WHERE status != 'closed' AND raised_on <= ?", [as_of]
    ).fetchone()[0]


def ehcna_requests_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict]:
    # a request later withdrawn was still made: it counts (and was not agreed)
    return list(
        db.query(
            "SELECT pupil_id, will_assess FROM ehcna_requests WHERE sent_on BETWEEN ? AND ?", [start, end]
        )
    )


def recorded_attendance(db: sqlite_utils.Database, start: str, end: str) -> dict[int, float]:
    """Attendance % where the school has recorded it for the period [start, end] (ISO): the
    pupil's record when its figure was taken in the period, else (a record with no figure) the one
    typed on the pupil's EHCNA request details, where it was kept before the record held it."""
    return {
        r[0]: r[1]
        for r in db.execute(
            "SELECT p.id,"
            " CASE WHEN p.attendance_pct IS NOT NULL THEN p.attendance_pct ELSE d.attendance_pct END"
            " FROM pupils p LEFT JOIN ehcna_drafts d ON d.pupil_id = p.id"
            " WHERE (p.attendance_pct IS NOT NULL AND p.attendance_as_at BETWEEN ? AND ?)"
            " OR (p.attendance_pct IS NULL AND d.attendance_pct IS NOT NULL)",
            [start, end],
        ).fetchall()
    }
