"""Schema 0008: home language and attendance columns on pupils."""

import sqlite3

import pytest


def test_migration_registered_after_0007_with_its_columns(actor):
    names = [r[0] for r in actor.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names.index("0007_plan_links") < names.index("0008_pupil_extra")
    cols = actor.db["pupils"].columns_dict
    assert {"home_language", "attendance_pct", "attendance_as_at"} <= set(cols)


def test_database_refuses_attendance_over_100(actor, add_pupil):
    pupil_id = add_pupil()
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute("UPDATE pupils SET attendance_pct = 100.5 WHERE id = ?", [pupil_id])
    actor.db.conn.rollback()
    row = actor.db.execute(
        "SELECT home_language, attendance_pct FROM pupils WHERE id = ?", [pupil_id]
    ).fetchone()
    assert row == ("", None)
