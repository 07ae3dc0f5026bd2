"""Schema 0015: the inclusion strategy's words, one row per school year."""

import sqlite3

import pytest

from sencodesk.store import inclusion_strategy as store


def test_migration_registered_with_its_table(actor):
    names = [r[0] for r in actor.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0015_inclusion_strategy" in names
    assert names.index("0008_pupil_extra") < names.index("0015_inclusion_strategy")
    cols = actor.db["inclusion_strategies"].columns_dict
    assert {"academic_year", "words", "activities", "published_on", "version", "updated_by"} <= set(cols)


def test_one_strategy_a_year_and_its_json_round_trips(actor):
    store.insert(actor.db, {"academic_year": "2026/27", "words": {"about": "Ours"}, "activities": []}, "Ms K")
    row = store.get(actor.db, "2026/27")
    assert row["words"] == {"about": "Ours"} and row["version"] == 1 and row["updated_by"] == "Ms K"
    with pytest.raises(sqlite3.IntegrityError):
        store.insert(actor.db, {"academic_year": "2026/27"}, "Ms K")
    actor.db.conn.rollback()
    assert not store.update(actor.db, row["id"], 7, {"years": 2}, "Mr B")  # stale: nothing written
    assert store.update(actor.db, row["id"], 1, {"years": 2}, "Mr B")
    assert store.get(actor.db, "2026/27")["version"] == 2


def test_the_latest_earlier_year_with_words_is_found(actor):
    store.insert(actor.db, {"academic_year": "2024/25", "words": {"about": "Old"}}, "x")
    store.insert(actor.db, {"academic_year": "2025/26", "words": {}}, "x")  # started, nothing written
    assert store.latest_before(actor.db, "2026/27")["academic_year"] == "2024/25"
    assert store.latest_before(actor.db, "2024/25") is None
    assert store.years(actor.db) == ["2024/25", "2025/26"]
