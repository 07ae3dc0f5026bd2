"""Who has the school open on this computer: one small record per open school, in data/in-use/.

Several staff may run SENCO desk on one computer (a shared office PC, a remote-desktop server),
all on the one database. A restore, or encrypting the file, replaces the file under them, so it
must know who else has it open. Each opening writes `in-use/open-<pid>-<random>.json` (name,
computer, process id, since) and holds an operating-system lock on it (fcntl elsewhere, msvcrt on
Windows) until it closes. The OS releases that lock when the process dies however it dies, so a
record whose lock can be taken belongs to nobody and is removed; a record whose lock cannot be
taken belongs to a live opening.

A restore (or encryption) writes its own record, of kind `exclusive`, and then looks for any other
live record: if there is one, it refuses, naming who. An opening writes its record first and then
looks for a live exclusive record: if there is one, it leaves again and says a restore is under
way. Each writes before it looks, so of two that start at once at least one sees the other
(neither goes ahead unseen). On a network share the folder lock (lockfile.py) already lets one
computer in at a time; records written by another computer are judged by it and not here.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import UserError

FOLDER = "in-use"
LOCK_AT = 1 << 20  # Windows locks block reading the locked bytes: lock one far past the record
BORN_GRACE = 5.0  # seconds: an empty record this young is an opening still writing it


@dataclass(frozen=True)
class Visitor:
    """Someone who has the school open (or is restoring it), as their record says."""

    name: str
    host: str
    pid: int
    since: str
    kind: str  # open, exclusive
    doing: str = ""  # for an exclusive record: "restore", "encrypt the data"
    path: Path | None = None

    def describe(self) -> str:
        try:
            when = datetime.fromisoformat(self.since)
            day = "" if when.date() == datetime.now().date() else when.strftime(" on %d/%m/%Y")
            since = f" since {when:%H:%M}{day}"
        except ValueError:
            since = ""
        return f"{self.name} ({self.host}) has this school open{since}"


class SchoolInUse(UserError):
    """Others have the school open: a restore (or encryption) must wait for them to close it."""

    def __init__(self, others: list[Visitor], doing: str):
        names = "; ".join(v.describe() for v in others)
        ask = "ask them to close SENCO desk" if len(others) == 1 else "ask each of them to close SENCO desk"
        super().__init__(f"{names}: {ask}, then {doing}. Nothing has been changed.")
        self.others = others


class ExclusiveUnderWay(UserError):
    """A restore or encryption is replacing the data file right now: do not open it meanwhile."""

    def __init__(self, by: Visitor):
        what = {"encrypt the data": "encrypted"}.get(by.doing, "restored from a backup")
        super().__init__(
            f"This school's data is being {what} right now (by {by.name} on {by.host}). "
            "Wait a minute, then open SENCO desk again."
        )
        self.by = by


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / FOLDER


# --- the operating system's lock on one open file -------------------------------------------


def _try_lock(fd: int) -> bool:
    """Take this file's lock without waiting: False when someone holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


# --- this opening's record -------------------------------------------------------------------


class Presence:
    """This opening's record, locked while it lasts."""

    def __init__(self, path: Path, fd: int, record: dict):
        self.path, self.fd, self.record = path, fd, record

    @classmethod
    def enter(cls, data_dir: Path, name: str, *, kind: str = "open", doing: str = "") -> Presence | None:
        """Write and lock this opening's record; None when the folder cannot be written (a
        read-only school can still be read, and nothing can be restored into it)."""
        try:
            where = folder(data_dir)
            where.mkdir(exist_ok=True)
            for _ in range(5):
                path = where / f"{kind}-{os.getpid()}-{secrets.token_hex(4)}.json"
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
                if _try_lock(fd) and _still_there(path, fd):
                    break
                os.close(fd)  # a look-over judged it stale before the lock was on: start again
            else:
                return None
        except OSError:
            return None
        record = {
            "name": name,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().replace(microsecond=0).isoformat(),
            "kind": kind,
            "doing": doing,
        }
        me = cls(path, fd, record)
        me._write()
        return me

    def _write(self) -> None:
        data = json.dumps(self.record).encode("utf-8")
        with suppress(OSError):
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)
            os.ftruncate(self.fd, len(data))

    def rename(self, name: str) -> None:
        """After sign-in: others are told the person's name, not the computer account's."""
        self.record["name"] = name
        self._write()

    def leave(self) -> None:
        if self.fd < 0:
            return
        fd, self.fd = self.fd, -1
        if sys.platform == "win32":  # an open file cannot be removed there
            _unlock(fd)
            os.close(fd)
            with suppress(OSError):
                self.path.unlink(missing_ok=True)
        else:  # removed while still locked, so no look-over meets it half gone
            with suppress(OSError):
                self.path.unlink(missing_ok=True)
            os.close(fd)


def _still_there(path: Path, fd: int) -> bool:
    if sys.platform == "win32":
        return True  # nobody can remove a file this process has open
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


# --- looking at the others -------------------------------------------------------------------


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_bytes() or b"null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def live(data_dir: Path, *, kind: str | None = None, mine: Presence | None = None) -> list[Visitor]:
    """The live records (of `kind`, when given) other than `mine`. Records left by a process
    that died are removed on the way."""
    where = folder(data_dir)
    try:
        names = sorted(where.iterdir())
    except OSError:
        return []
    found = []
    here = socket.gethostname()
    for path in names:
        if path.suffix != ".json" or (kind and not path.name.startswith(f"{kind}-")):
            continue
        if mine is not None and path == mine.path:
            continue
        record = _read(path)
        if record is not None and record.get("host") not in (None, here):
            continue  # another computer's: the share's folder lock speaks for it
        if _is_live(path, record):
            record = record or {}
            found.append(
                Visitor(
                    name=str(record.get("name") or "Someone"),
                    host=str(record.get("host") or here),
                    pid=int(record.get("pid") or 0),
                    since=str(record.get("since") or ""),
                    kind=str(record.get("kind") or path.name.split("-")[0]),
                    doing=str(record.get("doing") or ""),
                    path=path,
                )
            )
    return found


def _is_live(path: Path, record: dict | None) -> bool:
    """True when the record's lock is held (its opening is alive). A dead one is removed."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False  # gone already (closed meanwhile)
    try:
        if not _try_lock(fd):
            return True
        if record is None and time.time() - os.fstat(fd).st_mtime < BORN_GRACE:
            return False  # an opening still writing its record: it looks for us next, not we for it
        if sys.platform != "win32":
            with suppress(OSError):
                path.unlink()
    finally:
        _unlock(fd)
        os.close(fd)
    if sys.platform == "win32":
        with suppress(OSError):
            path.unlink()
    return False


def check_none_exclusive(data_dir: Path, mine: Presence | None) -> None:
    """For an opening that has just written its record: refuse while a restore is under way."""
    if mine is None:
        return
    for attempt in range(3):
        running = live(data_dir, kind="exclusive", mine=mine)
        if not running:
            return
        if attempt < 2:
            time.sleep(0.1)  # two look-overs meeting on a dead record see it held for a moment
    mine.leave()
    raise ExclusiveUnderWay(running[0])


@contextmanager
def exclusive(data_dir: Path, name: str, doing: str, *, mine: Presence | None = None) -> Iterator[Presence]:
    """Nobody else may have the school open while the block runs (nor open it meanwhile).

    `mine`: the caller's own opening, which does not count (encryption runs in an open school).
    `doing` says what waits, in the refusal: "restore", "encrypt the data"."""
    me = Presence.enter(data_dir, name, kind="exclusive", doing=doing)
    if me is None:
        raise UserError(
            f"SENCO desk cannot write in the data folder {data_dir}, so it cannot {doing} there. "
            "Ask IT to give you permission to change files in it."
        )
    try:
        for attempt in range(3):
            others = live(data_dir, mine=me)
            others = [v for v in others if mine is None or v.path != mine.path]
            if not others:
                break
            if attempt < 2:
                time.sleep(0.1)
        else:
            raise SchoolInUse(others, doing)
        yield me
    finally:
        me.leave()
