"""SQLCipher (the sqlcipher3 package) for encrypted schools; plain schools keep stdlib sqlite3.

Caveat 1 (reference/engineering.md §2): sqlite-utils catches the exception classes of ONE
driver, chosen when it is first imported: stdlib sqlite3, or `pysqlite3` if importable.
sqlcipher3's classes are a separate hierarchy. `install_pysqlite3_alias()` makes sqlite-utils
use sqlcipher3's classes; it is NOT installed app-wide, because plain schools (and every test
fixture) use stdlib connections whose errors sqlite-utils would then stop recognising. The app
instead (a) catches both hierarchies itself through DB_ERRORS / LOCKED_ERRORS, and (b) avoids
the two sqlite-utils calls that rely on catching them (`table.drop(ignore=True)` and
`db.query("... RETURNING ...")`). tests/store/test_cipher.py pins the caveat so an upgrade that
changes it is noticed.
Caveat 2: a backup from an encrypted database must go to a keyed target.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

try:
    import sqlcipher3
    from sqlcipher3 import dbapi2 as cipher_dbapi
except ImportError:  # encryption unavailable: plain schools still work
    sqlcipher3 = None
    cipher_dbapi = None


def _quiet_sqlcipher() -> None:
    """SQLCipher writes each failed page decrypt to stderr itself ("ERROR CORE ... hmac check
    failed", about 155 lines for one damaged file): noise in a terminal and in the frozen app's
    log. The level is global to the library, so it is set once here; our own message says what
    happened."""
    if sqlcipher3 is None:
        return
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet_sqlcipher()

DB_ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError,) + (
    (cipher_dbapi.DatabaseError,) if cipher_dbapi else ()
)
OPERATIONAL_ERRORS: tuple[type[BaseException], ...] = (sqlite3.OperationalError,) + (
    (cipher_dbapi.OperationalError,) if cipher_dbapi else ()
)


def available() -> bool:
    return sqlcipher3 is not None


def install_pysqlite3_alias() -> None:
    """Make sqlite-utils use sqlcipher3's exception classes. Only before sqlite_utils is imported."""
    if "sqlite_utils" in sys.modules:
        raise RuntimeError("the pysqlite3 alias must be installed before sqlite_utils is imported")
    sys.modules["pysqlite3"] = sqlcipher3
    sys.modules["pysqlite3.dbapi2"] = cipher_dbapi


def key_pragma(key: bytes) -> str:
    # a raw 256-bit key (x'..'): SQLCipher then skips its own passphrase KDF
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: str | Path, key: bytes, *, timeout: float, uri: bool = False):
    if sqlcipher3 is None:
        raise RuntimeError("SQLCipher (the sqlcipher3 package) is not installed")
    conn = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=False, uri=uri)
    conn.execute(key_pragma(key))  # the key must be the first statement on the connection
    return conn


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable text)."""
    with open(path, "rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def export(src_conn, target: Path, key: bytes) -> None:
    """Copy an open database (plain or encrypted, on a sqlcipher3 connection) into an encrypted file."""
    src_conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", [str(target)])
    try:
        src_conn.execute("SELECT sqlcipher_export('enc')")
        version = src_conn.execute("PRAGMA user_version").fetchone()[0]
        src_conn.execute(f"PRAGMA enc.user_version = {int(version)}")
    finally:
        src_conn.execute("DETACH DATABASE enc")
