"""The audit trail is append-only: no UPDATE, no DELETE except the retention path."""

import sqlite3

import pytest

from sencodesk.store import audit
from sencodesk.store.db import write


def rows_for(actor, pupil_id):
    return actor.db.execute("SELECT COUNT(*) FROM audit WHERE pupil_id = ?", [pupil_id]).fetchone()[0]


def test_update_and_delete_are_refused(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        actor.db.execute("UPDATE audit SET summary = 'nothing happened'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        actor.db.execute("DELETE FROM audit WHERE pupil_id = ?", [pid])
    with pytest.raises(sqlite3.IntegrityError), write(actor.db):
        actor.db.execute("DELETE FROM audit")
    assert rows_for(actor, pid) == 1


def test_retention_path_deletes_one_pupils_rows_and_closes_the_gate(actor, add_pupil):
    gone, kept = add_pupil(), add_pupil()
    with write(actor.db) as db:
        assert audit.delete_for_pupil(db, gone) == 1
    assert rows_for(actor, gone) == 0 and rows_for(actor, kept) == 1
    assert actor.db.execute("SELECT open FROM audit_retention_gate").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):
        actor.db.execute("DELETE FROM audit WHERE pupil_id = ?", [kept])


def test_retention_path_needs_a_transaction(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(RuntimeError):
        audit.delete_for_pupil(actor.db, pid)
    assert rows_for(actor, pid) == 1


def test_rolled_back_retention_keeps_the_rows(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(RuntimeError, match="the rest of the erasure failed"), write(actor.db) as db:
        audit.delete_for_pupil(db, pid)
        raise RuntimeError("the rest of the erasure failed")
    assert rows_for(actor, pid) == 1
