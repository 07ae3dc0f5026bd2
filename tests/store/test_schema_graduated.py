"""Migration 0002: the tables, the database-held rules, and the indexes the screens rely on."""

from __future__ import annotations

import sqlite3

import pytest

from sencodesk.store import migrations


def test_migration_recorded_after_register(actor):
    names = [r["name"] for r in actor.db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names.index("0002_graduated") == names.index("0001_register") + 1
    assert migrations.migrations.pending(actor.db) == []


def test_database_refuses_a_second_open_cycle(actor, add_pupil):
    pupil_id = add_pupil()
    row = {"pupil_id": pupil_id, "status": "open", "created_at": "x", "updated_at": "x"}
    actor.db["cycles"].insert(row | {"number": 1})
    with pytest.raises(sqlite3.IntegrityError):
        actor.db["cycles"].insert(row | {"number": 2})
    actor.db["cycles"].insert(row | {"number": 2, "status": "reviewed"})


def test_pupil_delete_cascades_to_cycles(actor, add_pupil):
    pupil_id = add_pupil()
    actor.db["cycles"].insert({"pupil_id": pupil_id, "number": 1, "created_at": "x", "updated_at": "x"})
    actor.db.execute("DELETE FROM pupils WHERE id = ?", [pupil_id])
    assert actor.db["cycles"].count == 0


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM cycles WHERE status = 'open' AND review_date <= '2026-12-01'",
        "SELECT COUNT(*) FROM sessions WHERE allocation_id = 1 AND attended = 1",
        "SELECT cycle_id FROM cycle_staff WHERE user_id = 1",
        "SELECT * FROM concerns WHERE status = 'open' ORDER BY raised_on",
    ],
)
def test_screens_queries_use_an_index(actor, sql):
    plan = " ".join(r[3] for r in actor.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
    assert "USING" in plan and "INDEX" in plan, plan
