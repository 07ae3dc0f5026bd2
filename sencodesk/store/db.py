"""The one way to open the data file, and the one way to write to it.

Every connection: foreign keys on, a busy timeout, and (on a local disk) WAL so readers never
wait for a writer. Every write is one transaction begun with BEGIN IMMEDIATE: a deferred
transaction that reads and then writes fails at once with "database is locked" when another
process holds the write lock, ignoring the busy timeout (reference/engineering.md §7).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlite_utils

from ..domain.errors import UserError
from ..domain.plural import noun, plural
from ..environment import explain
from . import cipher

log = logging.getLogger(__name__)

DB_FILENAME = "sencodesk.db"
BUSY_TIMEOUT_MS = 5000


class DamagedDatabase(UserError):
    """The data file failed its integrity check (or cannot be used at all: DataFileMissing).

    `advice`, when the caller could find it: what to do, naming the latest good backup."""

    def __init__(self, message: str, advice: str = ""):
        super().__init__(f"{message} {advice}".strip())
        self.advice = advice


class DataFileMissing(DamagedDatabase):
    """An encrypted school's keys file is there but its data file is not: never start afresh."""


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


class WrongKey(UserError):
    """The key given does not open this (encrypted) data file."""


# What opening a file to check it can raise: the wrong key, or a file that is no database.
_OPEN_ERRORS: tuple[type[BaseException], ...] = (WrongKey, *cipher.DB_ERRORS)
# What reading a file can raise when it is no database or its schema text is damaged (the
# driver decodes the table list as text).
_READ_ERRORS: tuple[type[BaseException], ...] = (*cipher.DB_ERRORS, UnicodeDecodeError)


def read_only(data_dir: Path) -> bool:
    """True when the data folder or its data file cannot be written: a read-only disk or share,
    or a copy IT has locked. Such a school is opened read-only (connect(readonly=True))."""
    path = db_path(data_dir)
    return not os.access(data_dir, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def _raw_connect(path: Path, readonly: bool, key: bytes | None):
    if not readonly:
        return _open(str(path), False, key)
    uri = Path(path).resolve().as_uri()
    try:
        return _open(f"{uri}?mode=ro", True, key)
    except cipher.OPERATIONAL_ERRORS as e:
        if "unable to open" not in str(e):
            raise
        # A WAL database needs its shared-memory file, which a read-only folder cannot hold. There
        # nobody can change the file, so SQLite may read it as immutable.
        return _open(f"{uri}?mode=ro&immutable=1", True, key)


def _open(target: str, uri: bool, key: bytes | None):
    timeout = BUSY_TIMEOUT_MS / 1000
    if key is None:
        conn = sqlite3.connect(target, uri=uri, timeout=timeout, check_same_thread=False)
        if uri:  # read-only: find out now whether it can be read at all
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                conn.close()
                raise
        return conn
    conn = cipher.connect(target, key, timeout=timeout, uri=uri)
    try:
        # Reads page 1 only: a wrong key fails there. Damage further in is not a wrong key (the
        # schema itself spans several pages), and is the integrity check's to find and name.
        conn.execute("PRAGMA user_version").fetchone()
    except cipher.DB_ERRORS as e:
        conn.close()
        if explain(e) is not None:  # a full disk or an unopenable folder, not a wrong key
            raise
        raise WrongKey("That key does not open this SENCO desk data file.") from e
    return conn


def connect(
    path: Path, *, readonly: bool = False, network: bool = False, key: bytes | None = None
) -> sqlite_utils.Database:
    """Open the data file with the house pragmas. Use this for every connection.

    `network`: the file is on a share, where WAL does not work and locking is unreliable, so
    use the rollback journal with full syncs (one person at a time is enforced by the lock file).
    `key`: the school's database key (SQLCipher); applied before anything else is read.
    """
    try:
        conn = _raw_connect(path, readonly, key)
    except UnicodeDecodeError as e:  # a read-only open reads the schema: damaged text fails there
        raise DamagedDatabase(_DAMAGED.format(detail="its table list cannot be read")) from e
    try:
        # sqlite-utils reads the schema as it starts: damaged schema text fails to decode there
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly and network:
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
        elif not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except _READ_ERRORS as e:
        # A file that is not a database at all (copied over, truncated) fails here, before any
        # integrity check can run: say so in words rather than crash with a traceback.
        conn.close()
        if isinstance(e, cipher.OPERATIONAL_ERRORS) and "locked" in str(e):
            raise
        if explain(e) is not None:  # a full disk or a read-only folder: the file itself is fine
            raise
        detail = "its table list cannot be read" if isinstance(e, UnicodeDecodeError) else str(e)
        raise DamagedDatabase(_DAMAGED.format(detail=detail)) from e
    return db


_DAMAGED = (
    "The SENCO desk data file is damaged ({detail}). Nothing has been changed. "
    "Restore the latest backup, or ask IT for help."
)


def quick_check(db: sqlite_utils.Database) -> None:
    try:
        rows = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
    except cipher.DB_ERRORS as e:
        raise DamagedDatabase(_DAMAGED.format(detail=str(e))) from e
    if rows != ["ok"]:
        raise DamagedDatabase(_DAMAGED.format(detail=first_problems(rows)))


def first_problems(rows: list[str], limit: int = 2) -> str:
    """SQLite reports damage as one row holding hundreds of lines: keep a readable start."""
    lines = [ln.strip() for row in rows for ln in row.splitlines() if ln.strip() and not ln.startswith("***")]
    more = f"; and {plural(len(lines) - limit, 'more problem')}" if len(lines) > limit else ""
    return "; ".join(lines[:limit]) + more


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


BACKUP_FOLDER_POINTER = "backup-folder.txt"


def backups_folder(data_dir: Path) -> Path:
    """Where backups go: data_dir/backups, or the folder chosen in Settings (e.g. another drive).

    The choice is kept in a small file beside the database as well as in the settings, so it is
    found before the database is opened (migrations) and when the database is damaged."""
    pointer = Path(data_dir) / BACKUP_FOLDER_POINTER
    if pointer.is_file():
        text = pointer.read_text(encoding="utf-8").strip()
        if text:
            return Path(text)
    return Path(data_dir) / "backups"


def new_backup_name(folder: Path, reason: str) -> Path:
    """sencodesk_2026-12-03_170000_manual.db: a new backup's name in `folder`. Several in one
    second (an import straight after start-up) are numbered across kinds, -2, -3..., so the
    number orders them (domain.backup_rotation.backup_order)."""
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    n = len(list(folder.glob(f"sencodesk_{stamp}_*.db*"))) + 1
    target = folder / (f"sencodesk_{stamp}_{reason}.db" if n == 1 else f"sencodesk_{stamp}_{reason}-{n}.db")
    while target.exists():
        n += 1
        target = folder / f"sencodesk_{stamp}_{reason}-{n}.db"
    return target


def backup_copy(
    path: Path, reason: str, folder: Path | None = None, *, key: bytes | None = None
) -> Path | None:
    """Consistent copy of the data file into the backups folder, before risky work.

    Encrypted with the school's key when `key` is given (SQLCipher cannot back up an encrypted
    database to an unkeyed file: reference/engineering.md §2, caveat 2)."""
    if not path.exists():
        return None
    folder = Path(folder) if folder else backups_folder(path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    target = new_backup_name(folder, reason)
    backup_to(path, target, key=key)
    log.info("backup taken before %s: %s", reason, target)
    return target


def _plain_or_keyed(path: Path, key: bytes | None):
    """A connection to a copy being written: keyed like its source, or plain."""
    if key is None:
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    return cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000)


def backup_to(src_path: Path, target_path: Path, *, key: bytes | None = None) -> Path:
    """Copy the live data file to `target_path` with SQLite's backup API (never a file copy of a
    live database), via a temporary file beside the target, fsynced, then renamed into place.

    Every copy of the live file goes through here. With the school's `key` the copy is
    encrypted with it too."""
    target_path = Path(target_path)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = target_path.with_name(target_path.name + ".part")
    tmp.unlink(missing_ok=True)
    # read-only when its folder is (a read-only school can still be backed up elsewhere)
    src = _raw_connect(Path(src_path), read_only(Path(src_path).parent), key)
    try:
        dst = _plain_or_keyed(tmp, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    _fsync(tmp)
    os.replace(tmp, target_path)
    return target_path


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def check_file(path: Path, key: bytes | None = None) -> list[str]:
    """What is wrong with a database file (a backup before restoring it): [] when it is sound.

    integrity_check covers pages, indexes and constraints; foreign_key_check the links between
    tables, which integrity_check does not (reference/engineering.md §7)."""
    path = Path(path)
    if not path.is_file():
        return ["the file does not exist"]
    try:
        conn = _raw_connect(path, True, key)
    except _OPEN_ERRORS as e:
        return [getattr(e, "message", None) or str(e)]
    except UnicodeDecodeError:  # the read-only open reads the schema: its text is damaged
        return ["its table list cannot be read"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return rows[:5]
        bad_links = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad_links:
            return [
                f"{plural(len(bad_links), 'row')} {noun(len(bad_links), 'points', 'point')} at rows that do "
                f"not exist (first: table {bad_links[0][0]})"
            ]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "pupils" not in names:
            return ["it is not a SENCO desk data file (it has no pupils table)"]
    except _READ_ERRORS as e:
        return [str(e)]
    finally:
        conn.close()
    return []


def quick_check_file(path: Path, key: bytes | None = None) -> list[str]:
    """The start-up check on the live file, without migrating or changing anything: [] when sound.

    An encrypted file cannot be read without its key: with no key it is not judged here (the
    opened school's own quick_check runs once sign-in has unlocked it)."""
    if key is None and Path(path).is_file() and not cipher.is_plain_sqlite(Path(path)):
        from . import keyfile

        if keyfile.exists(Path(path).parent):
            return []
    try:
        conn = _raw_connect(path, True, key)
    except _OPEN_ERRORS as e:
        return [getattr(e, "message", None) or str(e)]
    except UnicodeDecodeError:  # the read-only open reads the schema: its text is damaged
        return ["its table list cannot be read"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        return [] if rows == ["ok"] else rows[:5]
    except _READ_ERRORS as e:
        return [str(e)]
    finally:
        conn.close()


def restore_from(backup_path: Path, live_path: Path, key: bytes | None = None) -> Path | None:
    """Replace the live data file's content with a backup's, with the backup API.

    No connection may be open on the live file. A damaged live file is moved aside first (with
    its -wal/-shm, which belong to it), since the backup API cannot write into a broken file.
    Returns where a damaged file was moved, if it was."""
    live_path = Path(live_path)
    moved = None
    if live_path.exists() and quick_check_file(live_path, key):
        stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(live_path) + suffix)
            if part.exists():
                os.replace(part, live_path.with_name(f"{live_path.stem}_damaged_{stamp}.db{suffix}"))
        moved = live_path.with_name(f"{live_path.stem}_damaged_{stamp}.db")
    src = _raw_connect(Path(backup_path), True, key)
    try:
        dst = _plain_or_keyed(live_path, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()
    return moved


def secure_delete(db: sqlite_utils.Database) -> None:
    """Before deleting personal data for good: freed content is overwritten with zeros."""
    db.execute("PRAGMA secure_delete = ON")


def erase_traces(db: sqlite_utils.Database) -> bool:
    """After a deletion for good: leave none of the deleted bytes in the file.

    The WAL is checkpointed into the file and truncated, and VACUUM rebuilds the file so no old
    page survives. Runs outside any transaction. False when another SENCO desk on this computer
    holds the file open and the rebuild must wait (the deleted rows are gone either way)."""
    secure_delete(db)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except cipher.OPERATIONAL_ERRORS as e:
        log.warning("file not rebuilt after a deletion: %s", e)
        return False
    return busy == 0


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    """The full PRAGMA integrity_check (slower than quick_check): ['ok'] when the file is sound,
    else one problem per item."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return rows
    return [ln.strip() for row in rows for ln in row.splitlines() if ln.strip() and not ln.startswith("***")]
