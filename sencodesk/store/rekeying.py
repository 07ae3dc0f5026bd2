"""Encrypting (or re-keying) a school on disk, so that a crash at any moment loses nothing and
leaves no plain copy behind.

The conversion (services/encryption.py) never changes a file in place. It writes:
1. the new keys file as `sencodesk.keys.new` (the old one, if any, stays in force);
2. the data file and every backup under the new key, each beside itself as `NAME.encrypting`;
3. then commits with one rename, `sencodesk.keys.new` -> `sencodesk.keys`;
4. then puts each `.encrypting` file in place of its original (roll_forward), removing the old
   file's -wal/-shm (plain pages) first, and any plain backup that could not be encrypted.
Before the commit the school is exactly as it was (plain, or under its old key) and no plain
copy was made; after it, only renames remain, which need no key. So the next start, before
anyone signs in, can always settle it (finish_interrupted): with `sencodesk.keys.new` still there
the conversion is undone (its files removed), without it the renames are finished.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from . import cipher, keyfile
from .db import DB_FILENAME, backups_folder, db_path

log = logging.getLogger(__name__)

SUFFIX = ".encrypting"
NEW_KEYS = keyfile.KEY_FILENAME + ".new"


def new_keys_path(data_dir: Path) -> Path:
    return Path(data_dir) / NEW_KEYS


def pending_path(path: Path) -> Path:
    """Where the copy of `path` under the new key is written."""
    return path.with_name(path.name + SUFFIX)


def _pending(data_dir: Path) -> list[Path]:
    """Every file (or SQLite journal of one) written under the new key and not yet in place."""
    found = [p for p in Path(data_dir).glob(f"{DB_FILENAME}{SUFFIX}*")]
    folder = backups_folder(data_dir)
    if folder.is_dir():
        found += list(folder.glob(f"*{SUFFIX}*"))
    return found


def plain_copies(data_dir: Path) -> list[Path]:
    """Plain SQLite files that an encrypted school must not keep: backups in the backups folder
    and damaged copies a restore moved aside (which cannot be encrypted: they are damaged)."""
    data_dir = Path(data_dir)
    candidates = list(data_dir.glob("sencodesk_damaged_*.db*"))
    folder = backups_folder(data_dir)
    if folder.is_dir():
        candidates += [p for p in folder.glob("sencodesk_*.db*") if not p.name.endswith(SUFFIX)]
    return [p for p in candidates if p.is_file() and _is_plain(p)]


def _is_plain(path: Path) -> bool:
    if path.name.endswith(("-wal", "-shm", "-journal")):
        return True  # beside a plain damaged copy: its pages are plain too
    try:
        return cipher.is_plain_sqlite(path)
    except OSError:
        return False


def undo(data_dir: Path) -> None:
    """Before the commit: remove what the conversion wrote. The school is as it was."""
    for path in _pending(data_dir):
        with suppress(FileNotFoundError):
            path.unlink()
    new_keys_path(data_dir).unlink(missing_ok=True)
    Path(str(new_keys_path(data_dir)) + ".part").unlink(missing_ok=True)


def roll_forward(data_dir: Path, step: Callable[[str], None] = lambda name: None) -> None:
    """After the commit: put each file written under the new key in place of its original."""
    live = db_path(data_dir)
    for journal in (live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
        journal.unlink(missing_ok=True)  # the old file's: plain (or old-key) pages
    step("journal removed")
    pending_live = pending_path(live)
    if pending_live.exists():
        os.replace(pending_live, live)  # Windows refuses while another program has it open
    step("data file in place")
    for path in _pending(data_dir):
        if path.name.endswith(SUFFIX):
            os.replace(path, path.with_name(path.name[: -len(SUFFIX)]))
        else:
            path.unlink(missing_ok=True)  # an export's finished journal
    step("backups in place")
    for plain in plain_copies(data_dir):
        log.warning("removed a plain copy the encrypted school cannot keep: %s", plain)
        plain.unlink(missing_ok=True)


def finish_interrupted(data_dir: Path) -> str | None:
    """At start (before sign-in): settle a conversion a crash interrupted. Returns "undone" or
    "finished" when there was one, else None. Run only when no conversion is running (the
    caller holds its presence record, and the conversion an exclusive one)."""
    data_dir = Path(data_dir)
    if new_keys_path(data_dir).exists():
        undo(data_dir)
        log.warning("an encryption interrupted before it took effect was undone: the school is as it was")
        return "undone"
    if not _pending(data_dir):
        return None
    if not keyfile.exists(data_dir):  # under a key no keys file holds: of no use to anyone
        undo(data_dir)
        return "undone"
    roll_forward(data_dir)
    log.warning("an encryption interrupted after it took effect was finished")
    return "finished"
