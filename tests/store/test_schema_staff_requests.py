"""Schema 0019: requests for staff observations and each recipient's answer."""

import sqlite3

import pytest


def test_migration_registered_with_its_tables_and_keys(actor):
    names = [r[0] for r in actor.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0019_staff_requests" in names
    assert names.index("0015_inclusion_strategy") < names.index("0019_staff_requests")
    for table, parent in (("staff_requests", "pupils"), ("staff_request_recipients", "staff_requests")):
        sql = actor.db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert f"REFERENCES {parent} (id) ON DELETE CASCADE" in sql  # deleted with the pupil
        assert {"version", "updated_at", "updated_by"} <= set(actor.db[table].columns_dict)


def _pupil(actor) -> int:
    return (
        actor.db["pupils"]
        .insert(
            {
                "upn": "A938200118001",
                "legal_surname": "Smith",
                "legal_forename": "Amy",
                "dob": "2018-04-03",
                "gender": "F",
                "year_group": "3",
                "created_at": "x",
                "updated_at": "x",
            }
        )
        .last_pk
    )


def test_purposes_statuses_and_one_row_per_person_asked_are_held_by_the_database(actor):
    pupil = _pupil(actor)
    user = (
        actor.db["users"]
        .insert({"username": "t", "display_name": "T", "role": "teacher", "created_at": "x"})
        .last_pk
    )
    row = {
        "pupil_id": pupil,
        "asked_on": "2026-11-20",
        "due_on": "2026-12-04",
        "created_at": "x",
        "updated_at": "x",
    }
    with pytest.raises(sqlite3.IntegrityError):
        actor.db["staff_requests"].insert(row | {"purpose": "gossip"})
    request = actor.db["staff_requests"].insert(row | {"purpose": "ehcna"}).last_pk
    asked = {"request_id": request, "user_id": user, "created_at": "x", "updated_at": "x"}
    actor.db["staff_request_recipients"].insert(asked)
    with pytest.raises(sqlite3.IntegrityError):
        actor.db["staff_request_recipients"].insert(asked)  # asked once
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute("UPDATE staff_request_recipients SET status = 'ignored'")
    actor.db.conn.rollback()
