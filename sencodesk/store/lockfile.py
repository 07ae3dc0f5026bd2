"""One person at a time on a shared data folder: a lock file that says who holds it.

The file (sencodesk.lock beside the database) is created atomically (O_EXCL) and holds the
person's name, the computer, the process id and when they opened it, so others are told
"In use by J Smith on OFFICE-PC-2 since 10:42". It is removed on close and at exit. A lock left
by a crash is taken over when it is provably dead (same computer, process gone) or older than
STALE_AFTER (another computer's crash cannot be checked from here).
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.errors import UserError

LOCK_FILENAME = "sencodesk.lock"
# A school day: a lock older than this was left by a computer that crashed or was switched off.
STALE_AFTER = timedelta(hours=12)


@dataclass(frozen=True)
class Holder:
    name: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        when = datetime.fromisoformat(self.since)
        day = "" if when.date() == datetime.now().date() else when.strftime(" on %d/%m/%Y")
        return f"In use by {self.name} on {self.host} since {when.strftime('%H:%M')}{day}"


class InUse(UserError):
    def __init__(self, holder: Holder):
        super().__init__(
            f"{holder.describe()}. The SENCO desk data folder is on a network share, "
            "so only one person can have it open at a time. Ask them to close "
            "SENCO desk, then try again."
        )
        self.holder = holder


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


def read_holder(data_dir: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(data_dir).read_text(encoding="utf-8"))
        return Holder(
            name=str(data["name"]), host=str(data["host"]), pid=int(data["pid"]), since=str(data["since"])
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # a half-written or damaged lock file protects nothing: treat it as stale
        return Holder(name="someone", host="?", pid=0, since="1970-01-01T00:00:00")


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


def is_stale(holder: Holder, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    try:
        since = datetime.fromisoformat(holder.since)
    except ValueError:
        return True
    if now - since.replace(tzinfo=None) > STALE_AFTER:
        return True
    return holder.host == socket.gethostname() and not _pid_alive(holder.pid)


def _mine(holder: Holder) -> bool:
    return holder.host == socket.gethostname() and holder.pid == os.getpid()


class FolderLock:
    """The lock this process holds on a shared data folder."""

    def __init__(self, data_dir: Path, name: str):
        self.data_dir = Path(data_dir)
        self.name = name
        self.held = False

    def acquire(self) -> FolderLock:
        path = lock_path(self.data_dir)
        for _ in range(2):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if path.is_dir():  # not a lock anyone took: it cannot be taken over either
                    raise UserError(
                        f"{path} is a folder, where SENCO desk keeps the lock file that says who has "
                        "this shared school open. Nothing was changed. Ask IT to remove that folder "
                        "(nobody's lock is in it), then try again."
                    ) from None
                holder = read_holder(self.data_dir)
                if holder is None:
                    continue  # released between our two looks
                if not (_mine(holder) or is_stale(holder)):
                    raise InUse(holder) from None
                path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(self._record())
                f.flush()
                os.fsync(f.fileno())
            self.held = True
            atexit.register(self.release)
            return self
        raise InUse(read_holder(self.data_dir) or Holder(self.name, "?", 0, datetime.now().isoformat()))

    def _record(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "since": datetime.now().replace(microsecond=0).isoformat(),
            }
        )

    def rename(self, name: str) -> None:
        """After sign-in: others see the person's name, not the computer account's."""
        if not self.held:
            return
        self.name = name
        holder = read_holder(self.data_dir)
        since = holder.since if holder else datetime.now().replace(microsecond=0).isoformat()
        tmp = lock_path(self.data_dir).with_suffix(".lock.part")
        tmp.write_text(
            json.dumps({"name": name, "host": socket.gethostname(), "pid": os.getpid(), "since": since}),
            encoding="utf-8",
        )
        os.replace(tmp, lock_path(self.data_dir))

    def release(self) -> None:
        if not self.held:
            return
        holder = read_holder(self.data_dir)
        if holder is not None and _mine(holder):
            lock_path(self.data_dir).unlink(missing_ok=True)
        self.held = False
