"""The one helper for versioned records: a new record starts at version 1, a save that names the
version it read moves it on, and a save that lost the race writes nothing."""

import pytest

from sencodesk.store import db as store_db
from sencodesk.store import migrations, versioned


@pytest.fixture
def db(tmp_path):
    path = tmp_path / store_db.DB_FILENAME
    d = store_db.connect(path)
    migrations.apply(d, path)
    yield d
    d.close()


def _provision(db) -> int:
    values = {
        "name": "Phonics",
        "area": "CL",
        "description": "",
        "group_size": 4,
        "session_minutes": 20,
        "sessions_per_week": 3,
        "weeks": 10,
        "staff_role": "ta",
        "fixed_cost": 0,
        "fixed_cost_note": "",
        "active": 1,
    }
    return versioned.insert(db, "provisions", values, "Ms R Khan")


def test_a_new_record_starts_at_version_1_stamped_by_who_made_it(db):
    row = versioned.get(db, "provisions", _provision(db))
    assert row["version"] == 1 and row["updated_by"] == "Ms R Khan"
    assert row["created_at"] == row["updated_at"]


def test_a_save_naming_the_version_it_read_moves_it_on(db):
    pid = _provision(db)
    assert versioned.update(db, "provisions", pid, 1, {"weeks": 12}, "Mr T Jones")
    row = versioned.get(db, "provisions", pid)
    assert (row["weeks"], row["version"], row["updated_by"]) == (12, 2, "Mr T Jones")


def test_a_save_that_lost_the_race_writes_nothing(db):
    pid = _provision(db)
    assert versioned.update(db, "provisions", pid, 1, {"weeks": 12}, "Mr T Jones")
    assert not versioned.update(db, "provisions", pid, 1, {"weeks": 6}, "Ms R Khan")
    row = versioned.get(db, "provisions", pid)
    assert (row["weeks"], row["version"], row["updated_by"]) == (12, 2, "Mr T Jones")


def test_without_a_version_the_save_goes_ahead_and_still_moves_the_version_on(db):
    pid = _provision(db)
    assert versioned.update(db, "provisions", pid, None, {"weeks": 8}, "Ms R Khan")
    assert versioned.get(db, "provisions", pid)["version"] == 2


def test_no_record_is_none_and_nothing_is_written_to_it(db):
    assert versioned.get(db, "provisions", 999) is None
    assert not versioned.update(db, "provisions", 999, 1, {"weeks": 8}, "Ms R Khan")
