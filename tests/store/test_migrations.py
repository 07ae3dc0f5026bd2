"""Migrations: applied once, idempotent, all-or-nothing, with a backup before touching a file."""

import sqlite3

import pytest

from sencodesk.store import db as store_db
from sencodesk.store import migrations


@pytest.fixture
def path(tmp_path):
    return tmp_path / store_db.DB_FILENAME


@pytest.fixture
def db(path):
    d = store_db.connect(path)
    yield d
    d.close()


@pytest.fixture
def extra_migration(monkeypatch):
    """Register one more migration for a test only (the real set is left as it was)."""
    registered = list(migrations.migrations._migrations)
    monkeypatch.setattr(migrations.migrations, "_migrations", registered)

    def add(func, name):
        migrations.migrations(name=name)(func)

    return add


def test_fresh_file_gets_every_migration_once(db, path):
    applied = migrations.apply(db, path)
    assert applied[0] == "0001_register"
    assert {"settings", "users", "pupils", "sen_history", "contacts", "audit"} <= set(db.table_names())
    assert migrations.apply(db, path) == []  # idempotent
    assert migrations.migrations.pending(db) == []
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations").fetchall()]
    assert names.count("0001_register") == 1


def test_no_backup_for_a_brand_new_file(db, path):
    migrations.apply(db, path)
    assert not (path.parent / "backups").exists()


def test_backup_taken_before_migrating_an_existing_file(db, path, extra_migration):
    migrations.apply(db, path)
    db.execute("INSERT INTO settings (key, value) VALUES ('school_name', '\"Oak\"')")

    def m9999_test(d):
        d.execute("CREATE TABLE later_issue (id INTEGER PRIMARY KEY)")

    extra_migration(m9999_test, "9999_test")
    assert migrations.apply(db, path) == ["9999_test"]
    backups = list((path.parent / "backups").glob("*before-migration*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "pupils" in tables and "later_issue" not in tables  # the state BEFORE migrating
        assert copy.execute("SELECT value FROM settings").fetchone() == ('"Oak"',)
    finally:
        copy.close()


def test_failing_migration_leaves_nothing_and_stays_pending(db, path, extra_migration):
    migrations.apply(db, path)

    def m9998_broken(d):
        d.execute("CREATE TABLE half_made (id INTEGER PRIMARY KEY)")
        d.execute("INSERT INTO no_such_table VALUES (1)")

    extra_migration(m9998_broken, "9998_broken")
    with pytest.raises(sqlite3.OperationalError):
        migrations.apply(db, path)
    assert "half_made" not in db.table_names()
    assert [m.name for m in migrations.migrations.pending(db)] == ["9998_broken"]
    assert not db.conn.in_transaction


def test_every_migration_has_a_unique_numbered_name():
    names = [m.name for m in migrations.migrations._migrations]
    assert len(names) == len(set(names))
    assert all(n[:4].isdigit() and n[4] == "_" for n in names)
    assert names == sorted(names)
