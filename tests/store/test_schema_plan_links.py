"""Schema 0007: the cycle outcome's link to a plan outcome, and the review report table."""

import sqlite3

import pytest


def test_migration_registered_with_column_index_and_table(actor):
    names = [r[0] for r in actor.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0007_plan_links" in names and names.index("0006_statutory") < names.index("0007_plan_links")
    assert "plan_outcome_id" in actor.db["outcomes"].columns_dict
    indexes = {r[0] for r in actor.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"outcomes_plan_outcome", "review_reports_pupil"} <= indexes
    [fk] = [f for f in actor.db["outcomes"].foreign_keys if f.column == "plan_outcome_id"]
    assert fk.other_table == "plan_outcomes"
    sql = actor.db.execute("SELECT sql FROM sqlite_master WHERE name = 'outcomes'").fetchone()[0]
    assert "ON DELETE SET NULL" in sql.split("plan_outcome_id")[1]


def test_a_link_to_no_plan_outcome_is_refused_by_the_database(actor):
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute("UPDATE outcomes SET plan_outcome_id = 999 WHERE 1")  # no rows: no error
        actor.db.execute("INSERT INTO outcomes (cycle_id, text, plan_outcome_id) VALUES (999, 'x', 999)")
    actor.db.conn.rollback()


def test_one_report_per_review(actor):
    cols = actor.db["review_reports"].columns_dict
    assert {
        "review_id",
        "pupil_id",
        "pupil_views",
        "parent_views",
        "progress_summary",
        "proposed_amendments",
        "version",
        "updated_at",
        "updated_by",
    } <= set(cols)
    sql = actor.db.execute("SELECT sql FROM sqlite_master WHERE name = 'review_reports'").fetchone()[0]
    assert "review_id INTEGER NOT NULL UNIQUE" in sql and sql.count("ON DELETE CASCADE") == 2
