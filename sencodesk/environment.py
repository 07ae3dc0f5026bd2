"""What the machine, not the person, can make go wrong, in words a school can act on.

A full disk, a read-only folder, a folder where a file should be, a file the account may not
touch: the operating system and SQLite report these as OSError numbers and driver messages. This
is the one place they become sentences, for the command line and for the file writer
(sencodesk/outputs.py). Anything not listed here is a programming error and is left alone, so it
still shows its traceback (and reaches the log): `explain` returns None for it.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import sys
from pathlib import Path

# SQLite's own words for the same failures (stdlib sqlite3 and sqlcipher3 word them alike).
_DB_FULL = "database or disk is full"
_DB_READ_ONLY = ("attempt to write a readonly database", "readonly database")
_DB_CANNOT_OPEN = "unable to open database file"
_DB_IO = "disk i/o error"

FULL = (
    "The disk is full{where}, so nothing was saved and nothing was changed. "
    "Free some space (or ask IT to), then try again."
)
READ_ONLY = (
    "{what} is read-only, so nothing was saved and nothing was changed. "
    "Ask IT to make it writable, or use a copy of the school that is."
)
NOT_ALLOWED = (
    "This computer account is not allowed to write {what}, so nothing was saved. "
    "Ask IT to give it permission, or choose another place."
)
CANNOT_OPEN = (
    "SENCO desk cannot open the school's data file in {folder}: the folder may be full, "
    "read-only or not open to this computer account. Nothing was changed. Ask IT to check it."
)
DISK_ERROR = (
    "The disk reported an error{where}. Nothing more was saved. Check the disk (or ask IT), "
    "then try again; if it keeps happening, restore the latest backup on another disk."
)


def _db_error_types() -> tuple[type[BaseException], ...]:
    # sqlcipher3 is asked for only if something already loaded it: this module must stay cheap.
    types: tuple[type[BaseException], ...] = (sqlite3.Error,)
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        types += (cipher.Error,)
    return types


def explain(exc: BaseException, *, folder: Path | None = None, path: Path | None = None) -> str | None:
    """The sentence for an environmental failure, or None when `exc` is not one (a bug).

    `folder`: where a database error happened (the data folder; SQLite does not say). `path`:
    the file to name instead of the one the OSError names (the file the person chose, not the
    temporary file beside it)."""
    if isinstance(exc, OSError):
        return _os_words(exc, str(path) if path else exc.filename)
    if isinstance(exc, _db_error_types()):
        return _db_words(str(exc).lower(), folder)
    return None


def _os_words(exc: OSError, name: str | None) -> str | None:
    where = f" where {name} is" if name else ""
    what = str(name) if name else "That place"
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return FULL.format(where=where)
    if code == errno.EROFS:
        return READ_ONLY.format(what=f"The disk holding {name}" if name else "The disk")
    if isinstance(exc, PermissionError):
        return NOT_ALLOWED.format(what=str(name) if name else "there")
    if isinstance(exc, IsADirectoryError):
        return f"{what} is a folder, not a file: give the name of a file. Nothing was changed."
    if isinstance(exc, NotADirectoryError):
        return f"{what}: part of that path is a file, not a folder. Check the path. Nothing was changed."
    if isinstance(exc, FileNotFoundError):
        return f"{what} does not exist. Check the path. Nothing was changed."
    if code == errno.EIO:
        return DISK_ERROR.format(where=where)
    if code == errno.ENAMETOOLONG:
        return f"The name {what} is too long for this disk. Choose a shorter one. Nothing was changed."
    return None


def _db_words(message: str, folder: Path | None) -> str | None:
    where = str(folder) if folder else "the school's data folder"
    if _DB_FULL in message or (_db_vague(message) and _nearly_full(folder)):
        return FULL.format(where=f" holding {where}")
    if any(m in message for m in _DB_READ_ONLY):
        return READ_ONLY.format(what=f"The school's data ({where})")
    if _DB_CANNOT_OPEN in message:
        return CANNOT_OPEN.format(folder=where)
    if _DB_IO in message:
        return DISK_ERROR.format(where=f" in {where}")
    return None


def _db_vague(message: str) -> bool:
    # SQLite says only "disk I/O error" or "unable to open" when a full disk refuses the WAL's
    # shared-memory file: the free space tells which it was.
    return _DB_IO in message or _DB_CANNOT_OPEN in message


FULL_BELOW = 1024 * 1024  # bytes free: a disk this close to full cannot take a transaction


def _nearly_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False
