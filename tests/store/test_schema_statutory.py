"""Schema 0006: tables, constraints and cascades on a real temporary file."""

import sqlite3

import pytest

from sencodesk.services import ehc_plans, ehcna_requests

PLAN = {
    "plan_date": "10/12/2024",
    "needs": [{"text": "Language"}],
    "outcomes": [{"text": "Talk"}],
    "provision": [{"text": "Therapy"}],
}


def test_migration_registered_and_tables_indexed(actor):
    names = [r[0] for r in actor.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0006_statutory" in names
    tables = set(actor.db.table_names())
    assert {
        "ehcna_requests",
        "ehcna_exceptions",
        "consultations",
        "ehc_plans",
        "plan_needs",
        "plan_outcomes",
        "plan_provision",
        "annual_reviews",
        "review_invitations",
    } <= tables
    indexes = {r[0] for r in actor.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {
        "ehcna_requests_pupil",
        "ehc_plans_one_current",
        "annual_reviews_plan",
        "consultations_open",
    } <= indexes


def test_one_current_plan_per_pupil_enforced_by_the_database(actor, add_pupil):
    pupil_id = add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2023")
    ehc_plans.issue_plan(actor, pupil_id, PLAN)
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute(
            "INSERT INTO ehc_plans (pupil_id, plan_date, status, created_at, updated_at) "
            "VALUES (?, '2025-01-01', 'current', 'x', 'x')",
            [pupil_id],
        )
    actor.db.conn.rollback()


def test_deleting_a_pupil_removes_their_statutory_records(actor, add_pupil):
    pupil_id = add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2023")
    request_id = ehcna_requests.record_request(
        actor, pupil_id, {"requested_by": "school", "sent_on": "01/09/2024"}
    )
    ehcna_requests.add_exception(actor, request_id, {"kind": "personal", "note": "Illness"})
    ehc_plans.issue_plan(actor, pupil_id, PLAN, request_id=request_id)
    actor.db.execute("DELETE FROM pupils WHERE id = ?", [pupil_id])
    for table in (
        "ehcna_requests",
        "ehcna_exceptions",
        "ehc_plans",
        "plan_needs",
        "plan_outcomes",
        "plan_provision",
    ):
        assert actor.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_consultation_needs_a_pupil_or_a_name(actor):
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute(
            "INSERT INTO consultations (la_name, received_on, due_on, created_at, updated_at) "
            "VALUES ('Kent', '2026-11-01', '2026-11-15', 'x', 'x')"
        )
    actor.db.conn.rollback()
