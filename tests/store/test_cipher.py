"""SQLCipher under sqlite-utils: the key comes first, and the exception-class caveat is pinned."""

import contextlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest
import sqlite_utils

from sencodesk.domain.keywrap import new_db_key
from sencodesk.store import cipher
from sencodesk.store.db import WrongKey, backup_to, connect


@pytest.fixture
def encrypted(tmp_path):
    key = new_db_key()
    db = connect(tmp_path / "enc.db", key=key)
    db["pupils"].insert({"id": 1, "name": "Zara Ahmed"})
    db.close()
    return tmp_path / "enc.db", key


def test_encrypted_file_needs_its_key(encrypted):
    path, key = encrypted
    assert not cipher.is_plain_sqlite(path)
    assert b"Zara Ahmed" not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(str(path)).execute("SELECT * FROM pupils").fetchall()
    with pytest.raises(WrongKey):
        connect(path, key=new_db_key())
    assert list(connect(path, key=key).query("SELECT name FROM pupils")) == [{"name": "Zara Ahmed"}]


def test_caveat_sqlite_utils_misses_sqlcipher_errors_without_the_alias(encrypted):
    """If this starts failing, sqlite-utils changed how it picks its exception classes."""
    path, key = encrypted
    db = connect(path, key=key)
    assert not issubclass(cipher.cipher_dbapi.OperationalError, sqlite3.OperationalError)
    with pytest.raises(cipher.cipher_dbapi.OperationalError):
        db["no_such_table"].drop(ignore=True)  # sqlite-utils only catches stdlib's class
    with contextlib.suppress(cipher.OPERATIONAL_ERRORS):  # what the app catches instead: both hierarchies
        db.execute("SELECT * FROM no_such_table")
    plain = sqlite_utils.Database(sqlite3.connect(":memory:"))
    plain["no_such_table"].drop(ignore=True)  # plain connections (and every fixture) unaffected


def test_the_alias_makes_sqlite_utils_catch_sqlcipher_errors(tmp_path):
    script = textwrap.dedent(
        """
        from sencodesk.store import cipher   # imports no sqlite_utils
        cipher.install_pysqlite3_alias()
        import sqlite_utils
        conn = cipher.connect("%s", b"k" * 32, timeout=1)
        sqlite_utils.Database(conn)["no_such_table"].drop(ignore=True)
        print("ok")
    """
        % (tmp_path / "alias.db")
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_alias_refused_once_sqlite_utils_is_imported():
    with pytest.raises(RuntimeError):
        cipher.install_pysqlite3_alias()


def test_backup_of_an_encrypted_file_is_encrypted_with_the_same_key(encrypted, tmp_path):
    path, key = encrypted
    backup_to(path, tmp_path / "copy.db", key=key)
    assert not cipher.is_plain_sqlite(tmp_path / "copy.db")
    assert connect(tmp_path / "copy.db", key=key).execute("SELECT name FROM pupils").fetchone() == (
        "Zara Ahmed",
    )


def test_a_failed_open_prints_only_our_sentence(encrypted):
    """SQLCipher logs every failed page decrypt to stderr (about 155 lines for one damaged file);
    none of it may reach the terminal: a person sees one plain sentence."""
    path, key = encrypted
    raw = bytearray(path.read_bytes())
    raw[4096 + 100 : 4096 + 164] = b"\xff" * 64  # 64 corrupted bytes in the second page
    path.write_bytes(bytes(raw))
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from sencodesk.store.db import connect, quick_check, DamagedDatabase, WrongKey
        try:
            quick_check(connect(Path({str(path)!r}), key=bytes.fromhex({key.hex()!r})))
        except DamagedDatabase as e:
            print("damaged")
        try:
            connect(Path({str(path)!r}), key=b"k" * 32)
        except WrongKey:
            print("wrong key")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["damaged", "wrong", "key"]
    assert done.stderr == ""
