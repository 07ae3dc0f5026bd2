"""The Actor: the acting person in an opened school (data folder + database).

Every service function takes one as its first argument: who is acting (for permissions and the
audit trail) and where (the school's database). It was called Session until December 2026;
"session" now means only a delivered session of an intervention (domain vocabulary).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from ..domain.errors import PermissionDenied, UserError
from ..domain.users import LOCAL_SENCO, ROLES, User
from ..store import access, keyfile, migrations
from ..store import audit as audit_store
from ..store import db as store_db
from ..store.location import is_network_path
from ..store.lockfile import FolderLock

log = logging.getLogger(__name__)


@dataclass
class Actor:
    db: sqlite_utils.Database
    user: User
    data_dir: Path
    cache: dict[str, Any] = field(default_factory=dict)  # read caches while this school is open (settings)
    lock: FolderLock | None = None  # held while open when the data folder is on a network share
    key: bytes | None = field(default=None, repr=False)  # the SQLCipher key of an encrypted school

    def require(self, permission: str) -> None:
        if not self.user.can(permission):
            raise PermissionDenied(
                f"{self.user.display_name} ({ROLES.get(self.user.role, self.user.role)}) "
                f"is not allowed to do this. Ask the SENCO."
            )

    def require_pupil(self, pupil_id: int, permission: str) -> None:
        """As require(), and for a teacher/TA also: this is one of their pupils."""
        self.require(permission)
        if self.user.role == "teacher" and not access.is_teachers_pupil(self.db, self.user.id, pupil_id):
            raise PermissionDenied(
                "This pupil is not one of yours in SENCO desk (no cycle or provision names you). "
                "Ask the SENCO if you need to see their record."
            )

    def visible_pupil_ids(self) -> set[int] | None:
        """None when every pupil is visible; else the ids this person may see."""
        if self.user.role == "teacher":
            return access.teacher_pupil_ids(self.db, self.user.id)
        return None

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction for a whole use case; anything raised rolls all of it back."""
        with store_db.write(self.db) as db:
            yield db
        self.cache.clear()

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        pupil_id: int | None = None,
        summary: str = "",
        changes: dict[str, Any] | None = None,
    ) -> None:
        audit_store.add(
            self.db,
            user_id=self.user.id,
            username=self.user.display_name,
            action=action,
            entity=entity,
            entity_id=entity_id,
            pupil_id=pupil_id,
            summary=summary,
            changes=changes or {},
        )

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()


def prepare_data_dir(data_dir: Path) -> Path:
    data_dir = Path(data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):  # not every file system has Unix permissions
        os.chmod(data_dir, 0o700)  # SEN data: only this account on a shared Unix machine
    return data_dir


def school_exists(data_dir: Path) -> bool:
    """True when the folder already holds a SENCO desk data file (it may still be empty)."""
    return store_db.db_path(Path(data_dir).expanduser()).exists()


class SchoolLocked(UserError):
    """The school's data is encrypted and no key was given: sign in (or use the passphrase)."""


def open_school(
    data_dir: Path, user: User = LOCAL_SENCO, key: bytes | None = None, *, check: bool = True
) -> Actor:
    """Open (creating if new) the school in `data_dir`: integrity check, then migrations.

    An encrypted school (it has a key file) needs its database `key`, which sign-in unwraps.
    `check=False` skips the quick check (it reads the whole file: about 0.1 s at 2,000 pupils)
    for a short look that another opening checks anyway; never for a school people work in.
    """
    data_dir = prepare_data_dir(data_dir)
    path = store_db.db_path(data_dir)
    if key is None and keyfile.exists(data_dir):
        raise SchoolLocked("This school's data is encrypted: sign in to open it.")
    network = is_network_path(data_dir)
    # On a share, take the one-person lock before touching the file (InUse names the holder).
    lock = FolderLock(data_dir, _computer_user()).acquire() if network else None
    try:
        db = store_db.connect(path, network=network, key=key)
    except Exception:
        if lock:
            lock.release()
        raise
    try:
        if check:
            store_db.quick_check(db)
        applied = migrations.apply(db, path, key)
    except Exception:
        db.close()
        if lock:
            lock.release()
        raise
    if applied:
        log.info("migrations applied: %s", ", ".join(applied))
    return Actor(db=db, user=user, data_dir=data_dir, lock=lock, key=key)


def _computer_user() -> str:
    """Who holds a shared folder before anyone signs in: the computer account's name."""
    import getpass

    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):  # no user name in the environment (some service accounts)
        return "someone"
