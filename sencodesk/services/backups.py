"""Backups and restore: never lose a day's work.

- `daily_backup(data_dir)`: the app calls it at start; the first start of each day backs up.
- `backup_before(actor, reason)`: before an import (migrations back up in store.migrations).
- `take_backup(actor, to=None)`: `sencodesk backup` and the Settings button.
- `restore_backup(data_dir, file)`: checks the backup first, keeps the current file as a backup;
  refused while anyone else has the school open (store/presence.py names them).
- `startup_check(data_dir)`: a damaged (or missing) data file is reported with the latest good
  backup to offer. An encrypted file cannot be read before sign-in: it is checked once the key is
  unwrapped, when the school opens (a damaged one then raises DamagedDatabase naming the latest
  good backup; restore_access.py lets the person restore it with the key from the keys file).
- `on_app_start(data_dir)`: the two above in the right order, for the app's start-up.

Every copy goes through store.db (the SQLite backup API), never a file copy of a live database.
The backups folder can be elsewhere (another drive); its location is kept in the settings and
also in a small file beside the database, so it can be found when the database cannot be read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import outputs
from ..domain import backup_rotation as rotation
from ..domain.errors import PermissionDenied, UserError, ValidationError
from ..domain.users import LOCAL_SENCO, User
from ..environment import explain
from ..store import db as store_db
from ..store import presence
from ..store import settings as settings_store
from ..store.location import is_network_path
from ..store.lockfile import FolderLock
from .actor import Actor, open_school, settle_interrupted_conversion
from .backup_files import BackupInfo, backups_folder, check_backup, latest_good, list_backups

log = logging.getLogger(__name__)

SETTING = "backup_folder"


@dataclass(frozen=True)
class StartupCheck:
    ok: bool
    problems: list[str]
    latest_good: BackupInfo | None = None
    missing: bool = False  # no data file, but backups (or a keys file) say there was a school
    checked: bool = True  # False: encrypted, so checked after sign-in instead

    @property
    def message(self) -> str:
        if self.ok:
            return "The data file is sound." if self.checked else "The data file is checked after sign-in."
        text = (
            "The SENCO desk data file is missing from its folder (nothing has been changed)."
            if self.missing
            else "The SENCO desk data file is damaged, so it was not opened (nothing has been changed)."
        )
        if self.latest_good:
            return text + f" The latest good backup is from {self.latest_good.day_and_time}: restore it?"
        return text + " No good backup was found: ask IT for help before doing anything else."


def set_backup_folder(actor: Actor, folder: str | Path | None) -> Path:
    """Settings: keep backups in `folder` (e.g. another drive); None or '' for the default."""
    actor.require("settings.edit")
    before = str(backups_folder(actor.data_dir))
    text = str(folder or "").strip()
    if text:
        target = Path(text).expanduser()
        try:
            target.mkdir(parents=True, exist_ok=True)
            probe = target / ".sencodesk-write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as e:
            raise ValidationError(
                {
                    SETTING: f"SENCO desk cannot save backups in {target}: "
                    f"{e.strerror or e}. Choose another folder."
                }
            ) from e
    pointer = actor.data_dir / store_db.BACKUP_FOLDER_POINTER
    with actor.write() as db:
        settings_store.save(db, {SETTING: text})
        actor.audit(
            "update",
            "settings",
            None,
            summary="changed where backups are kept",
            changes={SETTING: [before, text or str(actor.data_dir / "backups")]},
        )
        if text:
            pointer.write_text(str(Path(text).expanduser().resolve()), encoding="utf-8")
        else:
            pointer.unlink(missing_ok=True)
    return backups_folder(actor.data_dir)


def backup_before(actor: Actor, reason: str) -> Path | None:
    """A backup before risky work (an import, a restore)."""
    # Only for people who may do that work: it writes a copy of the whole school.
    if not (actor.user.can("backup.run") or actor.user.can("import.roll")):
        actor.require("backup.run")
    path = store_db.backup_copy(
        store_db.db_path(actor.data_dir), reason, backups_folder(actor.data_dir), key=actor.key
    )
    rotate(actor.data_dir)
    return path


def take_backup(actor: Actor, to: str | Path | None = None) -> Path:
    """Back up now: into the backups folder, or to the file `to` (e.g. on a memory stick)."""
    actor.require("backup.run")
    live = store_db.db_path(actor.data_dir)
    target: Path | None = None
    if to:
        target = Path(to).expanduser()
        if target.is_dir():
            target = target / f"sencodesk_{datetime.now():%Y-%m-%d_%H%M%S}_manual.db"
        # Never over the data file, its key file, a device or someone's document (outputs.py).
        target = outputs.check_target(target, own="backups", make_folder=True)
        where = target
    else:
        where = backups_folder(actor.data_dir)
    try:
        if target is not None:
            made: Path | None = store_db.backup_to(live, target, key=actor.key)
        else:
            made = store_db.backup_copy(live, "manual", where, key=actor.key)
    except Exception as e:
        # a full or read-only disk: say where, naming the backup (not its temporary file)
        words = explain(e, folder=where if target is None else where.parent, path=where)
        if words is None:
            raise
        raise UserError(f"The backup could not be written to {where}. {words}") from e
    if made is None:  # only when there is no data file, which an open school has
        raise UserError("SENCO desk found no data file to back up.")
    path = made
    with actor.write():
        # A backup is a copy of every pupil's data: who took it and where it went is audited.
        actor.audit("export", "backup", None, summary=f"took a backup to {path}", changes={"file": str(path)})
    return path


def daily_backup(
    data_dir: Path, *, now: datetime | None = None, key: bytes | None = None, checked: bool = False
) -> Path | None:
    """Called by the app at start: the first start of a day takes that day's backup and thins
    out old ones. Returns the new backup, or None when today's is already there (or no data).

    An encrypted school is backed up (encrypted) once sign-in has given its `key`; without the
    key it cannot be read, so nothing is done. `checked`: the caller has just run the quick
    check on this file and it passed (at 2,000 pupils the check reads the whole file, about
    0.1 s, so start-up runs it once, not once per step)."""
    now = now or datetime.now()
    live = store_db.db_path(Path(data_dir))
    if key is None and encryption_key_needed(data_dir):
        return None
    if not live.exists():
        return None
    # Today's backup already there (every start after the day's first): nothing to check.
    if any(b.kind == "daily" and b.when.date() == now.date() for b in list_backups(data_dir)):
        return None
    if not checked and store_db.quick_check_file(live, key):
        return None  # a damaged file is startup_check's business: never back it up over good ones
    target = backups_folder(data_dir) / f"sencodesk_{now:%Y-%m-%d_%H%M%S}_daily.db"
    path = store_db.backup_to(live, target, key=key)
    log.info("daily backup taken: %s", path)
    rotate(data_dir)
    return path


def rotate(data_dir: Path) -> list[Path]:
    """Delete backups the rotation no longer keeps: 14 daily, 8 weekly, the newest 20 others."""
    backups = list_backups(data_dir)
    daily = [b for b in backups if b.kind == "daily"]
    keep_days = rotation.daily_to_keep([b.when.date() for b in daily])
    removed, seen_days = [], set()
    for b in daily:  # newest first: the first backup of a kept day is the one kept
        day = b.when.date()
        if day in keep_days and day not in seen_days:
            seen_days.add(day)
            continue
        removed.append(b.path)
    others = [b for b in backups if b.kind != "daily"]
    removed += [b.path for b in others[rotation.EVENT_KEEP :]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def encryption_key_needed(data_dir: Path) -> bool:
    """True for an encrypted school (its key file is beside the database)."""
    from ..store import keyfile

    return keyfile.exists(Path(data_dir))


def restore_backup(
    data_dir: Path,
    backup_file: str | Path,
    user: User = LOCAL_SENCO,
    key: bytes | None = None,
    *,
    how: str = "",
) -> Path | None:
    """Put a backup back as the data file. The backup is checked first (integrity and links);
    a damaged one is refused and nothing changes. The current file is kept as a backup (or,
    when it is damaged itself, moved aside). Returns where the previous data was kept.

    Nobody else may have the school open meanwhile, on this computer (presence) or, on a share,
    another (the folder lock): they would carry on over the restored file, and new pupils would
    reuse ids. The refusal names them. The app's own restore closes its connection first.
    `how`: for the audit, how the person showed they may restore when nobody could sign in."""
    if not user.can("backup.run"):
        raise PermissionDenied(f"{user.display_name} is not allowed to restore a backup. Ask the SENCO.")
    backup_file = Path(backup_file).expanduser()
    problems = check_backup(backup_file, key)
    if problems:
        raise UserError(
            f"{backup_file.name} cannot be restored: it is damaged or not a SENCO desk "
            f"backup ({'; '.join(problems[:2])}). Nothing has been changed. Choose an "
            "earlier backup."
        )
    data_dir = Path(data_dir)
    with presence.exclusive(data_dir, user.display_name, "restore"):
        lock = FolderLock(data_dir, user.display_name).acquire() if is_network_path(data_dir) else None
        try:
            kept = _put_back(data_dir, backup_file, key)
        finally:
            if lock is not None:
                lock.release()
    # Opened once the restore is done: this migrates a backup from an older version.
    actor = open_school(data_dir, user, key=key)
    try:
        with actor.write():
            actor.audit(
                "restore",
                "backup",
                None,
                summary=f"restored the backup {backup_file.name}" + (f" ({how})" if how else ""),
                changes={"file": str(backup_file), "previous_file_kept_as": str(kept or "")},
            )
    finally:
        actor.close()
    log.info("restored %s (previous data kept as %s)", backup_file, kept)
    return kept


def _put_back(data_dir: Path, backup_file: Path, key: bytes | None) -> Path | None:
    live = store_db.db_path(data_dir)
    kept = None
    if live.exists() and not store_db.quick_check_file(live, key):
        kept = store_db.backup_copy(live, "before-restore", backups_folder(data_dir), key=key)
    moved = store_db.restore_from(backup_file, live, key)
    return kept or moved


def startup_check(data_dir: Path, key: bytes | None = None) -> StartupCheck:
    """The quick integrity check at start; when it fails, the newest backup that passes the full
    check is found for the app to offer (it does not restore by itself)."""
    live = store_db.db_path(Path(data_dir))
    if key is None and encryption_key_needed(data_dir):
        # Neither the file nor its backups can be read without the key: they are checked once
        # sign-in has unwrapped it, before the file is used (open_school).
        return StartupCheck(True, [], checked=False)
    if not live.exists():
        if list_backups(data_dir):  # there was a school here: do not quietly start a new one
            log.error("data file missing from %s", data_dir)
            return StartupCheck(False, ["the data file is missing"], latest_good(data_dir, key), missing=True)
        return StartupCheck(True, [])
    problems = store_db.quick_check_file(live, key)
    if not problems:
        return StartupCheck(True, [])
    log.error("data file failed its quick check: %s", problems)
    return StartupCheck(False, problems, latest_good(data_dir, key))


def on_app_start(data_dir: Path, *, now: datetime | None = None, key: bytes | None = None) -> StartupCheck:
    """Start-up, before the school opens: check the file; when it is sound, take the day's
    first backup. A damaged file is left alone for the person to decide (restore the backup
    offered, or get help)."""
    here = presence.Presence.enter(Path(data_dir), "SENCO desk starting")
    try:
        presence.check_none_exclusive(Path(data_dir), here)
        settle_interrupted_conversion(Path(data_dir))  # before anything looks at the files
    finally:
        if here is not None:
            here.leave()
    check = startup_check(data_dir, key)
    if check.ok:
        daily_backup(data_dir, now=now, key=key, checked=True)  # startup_check has just checked it
    return check
