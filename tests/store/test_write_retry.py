"""store.db.write waits for another writer, and never shows "database is locked" to a person."""

import sqlite3
import threading
import time

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.store.db import connect, db_path, write


def hold_write_lock(path, seconds):
    other = sqlite3.connect(str(path), check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(seconds, lambda: (other.rollback(), other.close()))
    timer.start()
    return timer


def test_write_waits_for_the_other_writer(actor):
    path = db_path(actor.data_dir)
    timer = hold_write_lock(path, 0.4)
    start = time.monotonic()
    with write(actor.db) as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('waited', '1')")
    assert time.monotonic() - start >= 0.3
    timer.join()
    assert actor.db.execute("SELECT value FROM settings WHERE key = 'waited'").fetchone() == ("1",)


def test_a_writer_that_never_finishes_gives_plain_words(actor):
    db = connect(db_path(actor.data_dir))
    db.execute("PRAGMA busy_timeout = 20")
    timer = hold_write_lock(db_path(actor.data_dir), 1.5)
    with pytest.raises(UserError) as e, write(db, retries=2):
        pass
    assert "locked" not in e.value.message and "try saving again" in e.value.message
    timer.join()
    db.close()
