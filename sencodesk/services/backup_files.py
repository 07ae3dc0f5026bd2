"""The backups folder as files: where it is, which backups it holds, which of them is sound, and
what to tell a school whose data file is damaged. Nothing here opens a school or needs an Actor,
so opening a school (actor.py) can name the latest good backup; taking and restoring backups
(backups.py) builds on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain import backup_rotation as rotation
from ..store import db as store_db


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: datetime
    kind: str  # daily, manual, before-import, before-migration, before-restore

    @property
    def label(self) -> str:
        kinds = {"daily": "daily backup", "manual": "backup taken by hand"}
        return f"{self.when:%d/%m/%Y %H:%M}: {kinds.get(self.kind, self.kind.replace('-', ' '))}"

    @property
    def day_and_time(self) -> str:
        """ "Tuesday 01/12/2026 07:58": the day's name helps a person recall what was done since."""
        return f"{self.when:%A %d/%m/%Y %H:%M}"


def backups_folder(data_dir: Path) -> Path:
    return store_db.backups_folder(Path(data_dir))


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups in the backups folder, newest first."""
    folder = backups_folder(data_dir)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            parsed = rotation.parse_backup_name(path.name)
            if parsed and path.is_file():
                found.append(BackupInfo(path, parsed[0], parsed[1]))
    return sorted(found, key=lambda b: rotation.backup_order(b.path.name), reverse=True)


def check_backup(path: str | Path, key: bytes | None = None) -> list[str]:
    """What is wrong with a backup file, in words; [] when it is sound. An encrypted school's
    backups are read with its key."""
    return store_db.check_file(Path(path), key)


def latest_good(data_dir: Path, key: bytes | None = None) -> BackupInfo | None:
    """The newest backup that passes the full check (an encrypted school's, read with its key)."""
    return next((b for b in list_backups(data_dir) if not check_backup(b.path, key)), None)


def restore_advice(data_dir: Path, key: bytes | None = None) -> str:
    """What to do about a damaged or missing data file, naming the latest good backup."""
    good = latest_good(data_dir, key)
    if good is None:
        return "No good backup was found: ask IT for help before doing anything else."
    return (
        f"The latest good backup is from {good.day_and_time}: start SENCO desk to restore it, "
        f'or: sencodesk restore "{good.path}"'
    )


def missing_data_file(data_dir: Path) -> store_db.DataFileMissing | None:
    """The refusal for a plain school whose data file is gone while its backups are still here
    (a fresh empty school must never quietly take its place), naming the latest good backup.
    None when the file is there or the folder never held a school. An encrypted school's backups
    cannot be read before sign-in: its refusal comes as sign-in opens it (actor.open_school)."""
    data_dir = Path(data_dir)
    if store_db.db_path(data_dir).exists() or not list_backups(data_dir):
        return None
    return store_db.DataFileMissing(
        f"The SENCO desk data file is missing from {data_dir}.", restore_advice(data_dir)
    )
