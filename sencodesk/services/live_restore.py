"""Restoring a backup while the app has the school open.

`backups.restore_backup` needs the data file closed; the app's windows all hold the one Session,
so the Actor's connection is closed, the backup restored, and a fresh connection put back
into the same Actor object. If the restore is refused (a damaged backup, or another person has
the school open), the current file is reopened untouched.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import UserError
from . import backup_files, backups
from .actor import Actor, open_school


def restore_while_open(actor: Actor, backup_file: str | Path) -> Path | None:
    """Put `backup_file` back as the data file. Returns where the previous data was kept."""
    actor.require("backup.run")
    problems = backup_files.check_backup(backup_file, actor.key)
    if problems:  # checked before the connection closes, so a bad file costs nothing
        raise UserError(
            f"{Path(backup_file).name} cannot be restored: it is damaged or not a SENCO "
            f"desk backup ({'; '.join(problems[:2])}). Nothing has been changed."
        )
    actor.close()
    try:
        kept = backups.restore_backup(actor.data_dir, backup_file, actor.user, key=actor.key)
    finally:
        fresh = open_school(actor.data_dir, actor.user, key=actor.key)
        actor.db, actor.lock, actor.presence = fresh.db, fresh.lock, fresh.presence
        actor.signed_in()  # others are told the person's name again, not the computer account's
        actor.cache.clear()
    return kept
