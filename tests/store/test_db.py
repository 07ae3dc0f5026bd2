"""The connection factory, the write transaction, the integrity checks and backups."""

import sqlite3

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.store import db as store_db
from sencodesk.store import migrations


@pytest.fixture
def path(tmp_path):
    return tmp_path / store_db.DB_FILENAME


@pytest.fixture
def db(path):
    d = store_db.connect(path)
    migrations.apply(d, path)
    yield d
    d.close()


def pupil_row(upn="H801200001001", **extra):
    return {
        "upn": upn,
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": "2018-04-03",
        "gender": "F",
        "year_group": "3",
        "created_at": "x",
        "updated_at": "x",
    } | extra


def count(db, table):
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_foreign_keys_on_busy_timeout_and_wal(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError), store_db.write(db):
        db.execute("INSERT INTO contacts (pupil_id, name) VALUES (999, 'Nobody')")


def test_deleting_a_pupil_cascades_to_their_records(db):
    with store_db.write(db):
        pid = db["pupils"].insert(pupil_row()).last_pk
        db.execute("INSERT INTO contacts (pupil_id, name) VALUES (?, 'Sarah')", [pid])
    with store_db.write(db):
        db.execute("DELETE FROM pupils WHERE id = ?", [pid])
    assert count(db, "contacts") == 0


def test_write_commits(db):
    with store_db.write(db):
        db["pupils"].insert(pupil_row())
    assert count(db, "pupils") == 1
    assert not db.conn.in_transaction


def test_write_rolls_back_whole(db):
    with pytest.raises(RuntimeError), store_db.write(db):
        db["pupils"].insert(pupil_row())
        db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise RuntimeError("half way")
    assert count(db, "pupils") == 0 and count(db, "settings") == 0
    assert not db.conn.in_transaction


def test_nested_write_joins_the_outer_transaction(db):
    with pytest.raises(RuntimeError), store_db.write(db):
        with store_db.write(db):
            db["pupils"].insert(pupil_row())
        raise RuntimeError("after the inner block")
    assert count(db, "pupils") == 0


def test_write_begins_immediate_so_a_second_writer_waits_then_gets_a_plain_message(path, db):
    other = store_db.connect(path)
    other.execute("PRAGMA busy_timeout = 10")
    try:
        with store_db.write(db):
            db["pupils"].insert(pupil_row())
            with pytest.raises(UserError) as e, store_db.write(other, retries=1):
                pass
        assert "Someone else is saving" in e.value.message
    finally:
        other.close()


def test_audit_rows_cannot_be_updated(db):
    with store_db.write(db):
        db.execute(
            "INSERT INTO audit (at, username, action, entity) VALUES ('t', 'SENCO', 'create', 'pupil')"
        )
    with pytest.raises(sqlite3.DatabaseError, match="audit trail cannot be changed"), store_db.write(db):
        db.execute("UPDATE audit SET username = 'someone else'")
    assert db.execute("SELECT username FROM audit").fetchone()[0] == "SENCO"


def test_upn_unique_even_for_leavers(db):
    with store_db.write(db):
        db["pupils"].insert(pupil_row(left_on="2025-07-20"))
    with pytest.raises(sqlite3.IntegrityError), store_db.write(db):
        db["pupils"].insert(pupil_row())


def test_quick_check_passes_a_sound_file(db):
    store_db.quick_check(db)
    assert store_db.integrity_check(db) == ["ok"]


def _damage(path):
    """Overwrite part of the last page (an index page) of a closed file."""
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - page + 100, len(data) - page + 1000):
        data[offset] = 0x55
    path.write_bytes(bytes(data))


def test_damaged_file_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "damaged.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)")
    conn.execute("CREATE INDEX ta ON t (a)")
    conn.executemany("INSERT INTO t (a) VALUES (?)", [(f"value {i:05d}",) for i in range(3000)])
    conn.commit()
    conn.close()
    _damage(path)
    db = store_db.connect(path)
    try:
        with pytest.raises(store_db.DamagedDatabase) as e:
            store_db.quick_check(db)
        assert "damaged" in e.value.message and "Restore the latest backup" in e.value.message
        assert len(e.value.message) < 400  # SQLite lists hundreds of cells; a person needs a line
        assert store_db.integrity_check(db) != ["ok"]
    finally:
        db.close()


def test_a_file_that_is_not_a_database_is_refused_in_plain_words(tmp_path):
    path = tmp_path / store_db.DB_FILENAME
    path.write_bytes(b"not a database " * 500)
    with pytest.raises(store_db.DamagedDatabase, match="damaged"):
        store_db.connect(path)


def test_backup_copy_is_a_consistent_copy(path, db):
    with store_db.write(db):
        db["pupils"].insert(pupil_row())
    target = store_db.backup_copy(path, "manual")
    assert target.parent == path.parent / "backups" and "manual" in target.name
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT upn FROM pupils").fetchall() == [("H801200001001",)]
    copy.close()
    assert not list(target.parent.glob("*.part"))


def test_no_backup_of_a_file_that_does_not_exist(tmp_path):
    assert store_db.backup_copy(tmp_path / "none.db", "x") is None
