"""Restoring a backup while the app has the school open.

`backups.restore_backup` needs the data file closed; the app's windows all hold the one Session,
so the session's connection is closed, the backup restored, and a fresh connection put back
into the same Session object. If the restore is refused (a damaged backup), the current file
is reopened untouched.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import UserError
from . import backups
from .session import Session, open_session


def restore_while_open(session: Session, backup_file: str | Path) -> Path | None:
    """Put `backup_file` back as the data file. Returns where the previous data was kept."""
    session.require("backup.run")
    problems = backups.check_backup(backup_file, session.key)
    if problems:  # checked before the session closes, so a bad file costs nothing
        raise UserError(
            f"{Path(backup_file).name} cannot be restored: it is damaged or not a SENCO "
            f"desk backup ({'; '.join(problems[:2])}). Nothing has been changed."
        )
    session.close()
    try:
        kept = backups.restore_backup(session.data_dir, backup_file, session.user, key=session.key)
    finally:
        fresh = open_session(session.data_dir, session.user, key=session.key)
        session.db, session.lock = fresh.db, fresh.lock
        session.cache.clear()
    return kept
