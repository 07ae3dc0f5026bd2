"""The one way to open the data file, and the one way to write to it.

Every connection: foreign keys on, a busy timeout, and (on a local disk) WAL so readers never
wait for a writer. Every write is one transaction begun with BEGIN IMMEDIATE: a deferred
transaction that reads and then writes fails at once with "database is locked" when another
process holds the write lock, ignoring the busy timeout (reference/engineering.md §7).
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

import sqlite_utils

from ..domain.errors import UserError
from . import cipher

log = logging.getLogger(__name__)

DB_FILENAME = "sencodesk.db"
BUSY_TIMEOUT_MS = 5000


class DamagedDatabase(UserError):
    """The data file failed its integrity check."""


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


class WrongKey(UserError):
    """The key given does not open this (encrypted) data file."""


def _raw_connect(path: Path, readonly: bool, key: bytes | None):
    timeout = BUSY_TIMEOUT_MS / 1000
    target, uri = (f"file:{path}?mode=ro", True) if readonly else (str(path), False)
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
    conn = cipher.connect(target, key, timeout=timeout, uri=uri)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DB_ERRORS as e:
        conn.close()
        raise WrongKey("That key does not open this SENCO desk data file.") from e
    return conn


def connect(path: Path, *, readonly: bool = False, network: bool = False,
            key: bytes | None = None) -> sqlite_utils.Database:
    """Open the data file with the house pragmas. Use this for every connection.

    `network`: the file is on a share, where WAL does not work and locking is unreliable, so
    use the rollback journal with full syncs (one person at a time is enforced by the lock file).
    `key`: the school's database key (SQLCipher); applied before anything else is read.
    """
    conn = _raw_connect(path, readonly, key)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not readonly and network:
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
    elif not readonly:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def quick_check(db: sqlite_utils.Database) -> None:
    rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise DamagedDatabase(
            "The SENCO desk data file is damaged (" + "; ".join(rows[:3]) + "). "
            "Nothing has been changed. Restore the latest backup, or ask IT for help."
        )


@contextmanager
def write(db: sqlite_utils.Database, *, retries: int = 4) -> Iterator[sqlite_utils.Database]:
    """One write transaction (BEGIN IMMEDIATE). Rolled back whole if anything raises.

    Nested use joins the outer transaction, so a service can call another service's helper.
    """
    if db.conn.in_transaction:
        yield db
        return
    for attempt in range(retries):
        try:
            db.execute("BEGIN IMMEDIATE")
            break
        except cipher.OPERATIONAL_ERRORS as e:
            if "locked" not in str(e) or attempt == retries - 1:
                raise UserError(
                    "Someone else is saving to SENCO desk right now and it took too long. "
                    "Your changes are still on screen; try saving again in a moment."
                ) from e
            time.sleep(0.2 * (attempt + 1))
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


def copy_database(path: Path, target: Path, key: bytes | None = None) -> None:
    """Consistent copy (SQLite backup API) of a live data file to `target`.

    With a key, source and target are both encrypted with it: SQLCipher cannot back up an
    encrypted database to an unkeyed file (reference/engineering.md §2, caveat 2).
    """
    src = _raw_connect(path, False, key)
    try:
        if key is None:
            dst = sqlite3.connect(str(target))
        else:
            dst = cipher.connect(target, key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_copy(path: Path, reason: str, key: bytes | None = None) -> Path | None:
    """Consistent copy of the data file into backups/, before risky work (encrypted if keyed)."""
    if not path.exists():
        return None
    folder = path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"sencodesk_{stamp}_{reason}.db"
    tmp = target.with_suffix(".part")
    copy_database(path, tmp, key)
    shutil.move(str(tmp), str(target))
    log.info("backup taken before %s: %s", reason, target)
    return target
