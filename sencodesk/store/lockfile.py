"""One person at a time on a shared data folder: a lock file that says who holds it.

The file (sencodesk.lock beside the database) is created atomically (O_EXCL) and holds the
person's name, the computer, the process id (with that process's start time and the computer's
boot) and when they opened it, so others are told "In use by J Smith on OFFICE-PC-2 since 10:42".
It is removed on close and at exit. After writing it, the holder reads it back: only the one whose
record is there holds it.

When is a lock left by a crash ("stale") taken over? The rule, in order:
1. Same computer: the lock is live exactly while its process runs. A process id that is alive but
   belongs to a process started at another time (ids are reused), or a lock written before this
   computer last restarted, is stale at once, whatever its time says.
2. Another computer (whose processes cannot be seen from here): stale once older than STALE_AFTER
   (a school day). A lock dated more than FUTURE_SLACK ahead of this computer's clock was written
   by a computer whose clock is wrong, so its age is taken from the file's modification time
   (the share's own clock) instead; if that is in the future too, nothing about its age can be
   trusted and it is stale, rather than blocking until the wrong clock's day comes round.
3. A lock file that cannot be read (half written, damaged) is read again for a moment (a new
   holder may be writing it), then is stale: it protects nothing.

Taking a stale lock over is atomic: a take-over token (sencodesk.lock.takeover, created O_EXCL)
lets one opener at a time re-read the lock and remove it only if it is still the stale record it
judged; every opener then competes for the lock itself with O_EXCL, so exactly one holds it. A
token left by a crash in that moment is removed once it has sat unchanged for TOKEN_STALE_AFTER.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import socket
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.errors import UserError

LOCK_FILENAME = "sencodesk.lock"
# A school day: a lock older than this was left by a computer that crashed or was switched off.
STALE_AFTER = timedelta(hours=12)
# Clocks of the school's computers differ a little; more than this ahead is a wrong clock.
FUTURE_SLACK = timedelta(minutes=10)
# A take-over takes milliseconds: a token unchanged for this long was left by a crash.
TOKEN_STALE_AFTER = 5.0
# A holder writes its record straight after creating the file: an unreadable file is read again
# for this long before it is judged damaged.
HALF_WRITTEN_GRACE = 0.5


@dataclass(frozen=True)
class Holder:
    name: str
    host: str
    pid: int
    since: str
    started: str | None = None  # the holding process's start, as this computer's OS reports it
    boot: str | None = None  # which boot of the holding computer
    nonce: str | None = None  # tells two records apart (every acquire writes a new one)
    written: float | None = None  # the file's modification time (the share's clock)

    def describe(self) -> str:
        when = datetime.fromisoformat(self.since)
        day = "" if when.date() == datetime.now().date() else when.strftime(" on %d/%m/%Y")
        return f"In use by {self.name} on {self.host} since {when.strftime('%H:%M')}{day}"

    def same_record(self, other: Holder | None) -> bool:
        """The same lock record (not merely the same person): compared without the file time."""
        return other is not None and (self.name, self.host, self.pid, self.since, self.nonce) == (
            other.name,
            other.host,
            other.pid,
            other.since,
            other.nonce,
        )


class InUse(UserError):
    def __init__(self, holder: Holder):
        super().__init__(
            f"{holder.describe()}. The SENCO desk data folder is on a network share, "
            "so only one person can have it open at a time. Ask them to close "
            "SENCO desk, then try again."
        )
        self.holder = holder


class LockUnavailable(UserError):
    """The lock file cannot be made at all (a folder in its place, no permission to write)."""


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


def _token_path(data_dir: Path) -> Path:
    return Path(data_dir) / (LOCK_FILENAME + ".takeover")


_DAMAGED = Holder(name="someone", host="?", pid=0, since="1970-01-01T00:00:00")


def _parse(path: Path) -> Holder | None:
    """The record in a lock (or token) file; None when there is no file; _DAMAGED when unreadable."""
    deadline = time.monotonic() + HALF_WRITTEN_GRACE
    while True:
        try:
            text = path.read_text(encoding="utf-8")
            written = path.stat().st_mtime
            data = json.loads(text)
            return Holder(
                name=str(data["name"]),
                host=str(data["host"]),
                pid=int(data["pid"]),
                since=str(data["since"]),
                started=data.get("started"),
                boot=data.get("boot"),
                nonce=data.get("nonce"),
                written=written,
            )
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise _not_a_file(path) from None
        except PermissionError:
            if path.is_dir():  # Windows says "permission denied" for a folder
                raise _not_a_file(path) from None
            return _DAMAGED
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            if time.monotonic() > deadline:
                return _DAMAGED  # a damaged lock file protects nothing: treat it as stale
            time.sleep(0.02)


def _not_a_file(path: Path) -> LockUnavailable:
    return LockUnavailable(
        f"SENCO desk cannot take its lock on the shared data folder: {path} is a folder, where "
        "SENCO desk keeps a small lock file. Ask IT to move that folder out of the way (SENCO desk "
        "keeps nothing in it), then try again."
    )


def read_holder(data_dir: Path) -> Holder | None:
    return _parse(lock_path(data_dir))


# --- this computer's processes -------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def process_started(pid: int) -> str | None:
    """When process `pid` started, as an opaque text that differs for a reused id; None when
    this computer cannot say (then only whether the id is alive counts)."""
    try:
        if sys.platform.startswith("linux"):
            stat = Path(f"/proc/{pid}/stat").read_text()
            # the command name (field 2) may hold spaces: count fields after its closing bracket
            return "ticks:" + stat[stat.rindex(")") + 2 :].split()[19]
        if sys.platform == "win32":
            return _windows_process_started(pid)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _windows_process_started(pid: int) -> str | None:
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        return f"filetime:{(times[0].dwHighDateTime << 32) | times[0].dwLowDateTime}"
    finally:
        kernel32.CloseHandle(handle)


def boot_id() -> str | None:
    """Which boot of this computer (a lock from before a restart is stale at once)."""
    try:
        if sys.platform.startswith("linux"):
            return "linux:" + Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        if sys.platform == "win32":
            import ctypes

            ctypes.windll.kernel32.GetTickCount64.restype = ctypes.c_ulonglong
            booted = time.time() - ctypes.windll.kernel32.GetTickCount64() / 1000
            return f"win:{int(booted) // 60}"  # to the minute: the two clocks drift a little
    except (OSError, AttributeError):
        return None
    return None


def _live_here(holder: Holder) -> bool:
    """A lock written on this computer: is its process still the one that wrote it?"""
    if holder.boot and boot_id() and holder.boot != boot_id():
        return False  # written before this computer last restarted
    if not _pid_alive(holder.pid):
        return False
    if holder.started and (now_started := process_started(holder.pid)) is not None:
        return now_started == holder.started  # a reused process id is another program
    return True


def is_stale(holder: Holder, now: datetime | None = None) -> bool:
    """The rule in the module's docstring."""
    if holder.host == "?" and holder.pid == 0:  # unreadable
        return True
    if holder.host == socket.gethostname():
        return not _live_here(holder)
    now = now or datetime.now()
    try:
        since = datetime.fromisoformat(holder.since).replace(tzinfo=None)
    except ValueError:
        return True
    if since > now + FUTURE_SLACK:  # the other computer's clock is wrong: ask the file's
        if holder.written is None:
            return True
        since = datetime.fromtimestamp(holder.written)
        if since > now + FUTURE_SLACK:
            return True
    return now - since > STALE_AFTER


def _mine(holder: Holder) -> bool:
    return holder.host == socket.gethostname() and holder.pid == os.getpid()


# --- taking and giving back ----------------------------------------------------------------


def _record(name: str, since: str | None = None) -> dict:
    pid = os.getpid()
    return {
        "name": name,
        "host": socket.gethostname(),
        "pid": pid,
        "since": since or datetime.now().replace(microsecond=0).isoformat(),
        "started": process_started(pid),
        "boot": boot_id(),
        "nonce": secrets.token_hex(8),
    }


def _create(path: Path, record: dict) -> bool:
    """Create `path` holding `record`, only if nothing is there (O_EXCL). False when something is."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.is_dir():
            raise _not_a_file(path) from None
        return False
    except IsADirectoryError:
        raise _not_a_file(path) from None
    except OSError as e:
        raise LockUnavailable(
            f"SENCO desk cannot write its lock file in the shared data folder {path.parent} "
            f"({e.strerror or e}). Ask IT to give you permission to change files there."
        ) from e
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(record))  # one write: readers retry a half-written file for a moment
        f.flush()
        os.fsync(f.fileno())
    return True


class FolderLock:
    """The lock this process holds on a shared data folder."""

    def __init__(self, data_dir: Path, name: str):
        self.data_dir = Path(data_dir)
        self.name = name
        self.held = False
        self.nonce: str | None = None
        self._token_seen: tuple[str | None, float] | None = None

    def acquire(self) -> FolderLock:
        path = lock_path(self.data_dir)
        # Only openers racing for a stale lock loop at all, a few milliseconds a turn; long enough
        # for a token left by a crash to be judged stale and cleared.
        deadline = time.monotonic() + TOKEN_STALE_AFTER + 2
        while time.monotonic() < deadline:
            record = _record(self.name)
            if _create(path, record):
                self.nonce = record["nonce"]
                # Read back: only the one whose record is there holds the lock.
                now_there = read_holder(self.data_dir)
                if now_there is None or now_there.nonce != self.nonce:
                    raise InUse(now_there or _DAMAGED)
                self.held = True
                atexit.register(self.release)
                return self
            holder = read_holder(self.data_dir)
            if holder is None:
                continue  # released between our two looks
            if not (_mine(holder) or is_stale(holder)):
                raise InUse(holder)
            self._take_over(holder)
            time.sleep(0.002 + secrets.randbelow(8) / 1000)  # let the opener that removed it create it
        raise InUse(read_holder(self.data_dir) or _DAMAGED)

    def _take_over(self, judged: Holder) -> None:
        """Remove the stale lock `judged`, if it is still the one there, holding the token."""
        token = _token_path(self.data_dir)
        record = _record(self.name)
        if not _create(token, record):
            self._clear_stale_token(token)
            return
        self._token_seen = None
        try:
            if judged.same_record(read_holder(self.data_dir)):
                lock_path(self.data_dir).unlink(missing_ok=True)
        finally:
            there = _parse(token)
            if there is not None and there.nonce == record["nonce"]:
                token.unlink(missing_ok=True)

    def _clear_stale_token(self, token: Path) -> None:
        """A token that has sat unchanged for TOKEN_STALE_AFTER (by this computer's own clock)
        was left by an opener that crashed while taking over: remove that one, not a newer one."""
        there = _parse(token)
        if there is None:
            return
        if self._token_seen is None or self._token_seen[0] != there.nonce:
            self._token_seen = (there.nonce, time.monotonic())
            return
        if time.monotonic() - self._token_seen[1] < TOKEN_STALE_AFTER:
            return
        claim = token.with_name(f"{token.name}.{secrets.token_hex(4)}")
        try:
            os.replace(token, claim)
        except FileNotFoundError:
            return
        if not there.same_record(_parse(claim)):  # a new token replaced it meanwhile: put it back
            with suppress(OSError):  # another token is there now: it serialises take-overs as well
                os.link(claim, token)
        claim.unlink(missing_ok=True)
        self._token_seen = None

    def rename(self, name: str) -> None:
        """After sign-in: others see the person's name, not the computer account's."""
        if not self.held:
            return
        self.name = name
        holder = read_holder(self.data_dir)
        record = _record(name, since=holder.since if holder else None) | {"nonce": self.nonce}
        tmp = lock_path(self.data_dir).with_suffix(".lock.part")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, lock_path(self.data_dir))

    def release(self) -> None:
        if not self.held:
            return
        try:
            holder = read_holder(self.data_dir)
        except LockUnavailable:
            holder = None
        if holder is not None and _mine(holder) and holder.nonce == self.nonce:
            lock_path(self.data_dir).unlink(missing_ok=True)
        self.held = False
