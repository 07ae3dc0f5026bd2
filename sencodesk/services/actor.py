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

from ..domain import field_access
from ..domain.errors import PermissionDenied, UserError
from ..domain.users import LOCAL_SENCO, ROLES, User
from ..environment import explain
from ..store import access, cipher, keyfile, migrations, rekeying
from ..store import audit as audit_store
from ..store import db as store_db
from ..store import presence as presence_store
from ..store.location import is_network_path
from ..store.lockfile import FolderLock
from .backup_files import restore_advice

log = logging.getLogger(__name__)


@dataclass
class Actor:
    db: sqlite_utils.Database
    user: User
    data_dir: Path
    cache: dict[str, Any] = field(default_factory=dict)  # read caches while this school is open (settings)
    lock: FolderLock | None = None  # held while open when the data folder is on a network share
    key: bytes | None = field(default=None, repr=False)  # the SQLCipher key of an encrypted school
    # This opening's record in data/in-use/, so a restore knows who has the school open.
    presence: presence_store.Presence | None = field(default=None, repr=False)
    # The data folder cannot be written (a read-only share, a locked copy): the school can be
    # read and exported, nothing changed, and audit rows cannot be kept (they go to the log).
    readonly: bool = False

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

    def may_read(self, field: str) -> bool:
        """This role may read the field ("table.column"): domain.field_access decides."""
        return field_access.may_read(self.user.role, field)

    def may_write(self, field: str) -> bool:
        return field_access.may_write(self.user.role, field)

    def require_table(self, table: str, what: str) -> None:
        """Refuse a read of records none of whose fields this role may read: even a list of
        them would say what exists (a referral to CAMHS). `what` names them for the message."""
        if not field_access.may_read_table(self.user.role, table):
            raise PermissionDenied(
                f"{what} are kept by the SENCO: your role ({ROLES.get(self.user.role, self.user.role)}) "
                "does not see them."
            )

    def visible_pupil_ids(self) -> set[int] | None:
        """None when every pupil is visible; else the ids this person may see."""
        if self.user.role == "teacher":
            return access.teacher_pupil_ids(self.db, self.user.id)
        return None

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction for a whole use case; anything raised rolls all of it back.

        A full disk or a read-only folder met on the way is a UserError in plain words (the
        transaction is rolled back first, so nothing is half saved)."""
        try:
            if self.readonly:  # nothing can be written: a write below fails with the words why
                yield self.db
                return
            with store_db.write(self.db) as db:
                yield db
        except cipher.DB_ERRORS as e:
            words = explain(e, folder=self.data_dir)
            if words is None:
                raise
            raise UserError(words) from e
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
        if self.readonly:
            log.warning("not in the audit trail (read-only school): %s %s: %s", action, entity, summary)
            return
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

    def signed_in(self) -> None:
        """Others who are told this school is open (the share's lock, a refused restore) see the
        signed-in person's name from now on, not the computer account's."""
        if self.lock is not None:
            self.lock.rename(self.user.display_name)
        if self.presence is not None:
            self.presence.rename(self.user.display_name)

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()
        if self.presence is not None:
            self.presence.leave()


def prepare_data_dir(data_dir: Path) -> Path:
    data_dir = Path(data_dir).expanduser().resolve()
    if data_dir.exists() and not data_dir.is_dir():
        raise UserError(
            f"{data_dir} is a file, not a folder: the school's data lives in a folder of its own "
            "(it holds sencodesk.db). Choose a folder."
        )
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
    A read-only data folder opens read-only: readable and exportable, nothing changed.
    """
    data_dir = prepare_data_dir(data_dir)
    path = store_db.db_path(data_dir)
    if key is None and keyfile.exists(data_dir):
        raise SchoolLocked("This school's data is encrypted: sign in to open it.")
    if key is not None and not path.exists():  # a keys file but no data: restore, never start afresh
        raise _with_advice(
            store_db.DataFileMissing(f"The SENCO desk data file is missing from {data_dir}."), data_dir, key
        )
    readonly = path.exists() and store_db.read_only(data_dir)
    network = is_network_path(data_dir)
    # On a share, take the one-person lock before touching the file (InUse names the holder).
    # A read-only folder can hold no lock or presence record, and nobody can write there (nor
    # restore over the file) to need one.
    lock = FolderLock(data_dir, computer_user()).acquire() if network and not readonly else None
    # Written before the file is touched, then checked: no opening while a restore replaces it.
    here = None if readonly else presence_store.Presence.enter(data_dir, computer_user())
    try:
        if here is not None:
            presence_store.check_none_exclusive(data_dir, here)
            settle_interrupted_conversion(data_dir)
        db = store_db.connect(path, network=network, key=key, readonly=readonly)
    except Exception as e:
        _leave(lock, here)
        if isinstance(e, store_db.WrongKey):
            # The key came out of the keys file sound (it is authenticated), so a file it does not
            # open is damaged at its start, or another file was put in its place.
            e = store_db.DamagedDatabase(
                "The SENCO desk data file is damaged (its first page does not open with the school's "
                "key), or another file was put in its place. Nothing has been changed."
            )
        if isinstance(e, store_db.DamagedDatabase):
            raise _with_advice(e, data_dir, key) from e
        raise
    try:
        if check:
            store_db.quick_check(db)
        if readonly and migrations.migrations.pending(db):
            raise UserError(
                f"The school's data folder ({data_dir}) is read-only, and its data file must first "
                "be updated to this version of SENCO desk. Open it once where it can be written."
            )
        applied = [] if readonly else migrations.apply(db, path, key)
    except Exception as e:
        db.close()
        _leave(lock, here)
        if isinstance(e, store_db.DamagedDatabase):
            raise _with_advice(e, data_dir, key) from e
        raise
    if applied:
        log.info("migrations applied: %s", ", ".join(applied))
    return Actor(db=db, user=user, data_dir=data_dir, lock=lock, key=key, presence=here, readonly=readonly)


def settle_interrupted_conversion(data_dir: Path) -> None:
    """An encryption a crash interrupted is undone or finished before the file is used (no key
    is needed: store/rekeying.py). Call while holding a presence record, so none is running."""
    try:
        rekeying.finish_interrupted(data_dir)
    except OSError as e:  # a read-only folder: nothing can be settled, and nothing was written
        log.warning("an interrupted encryption could not be settled: %s", e)


def _with_advice(e: store_db.DamagedDatabase, data_dir: Path, key: bytes | None) -> store_db.DamagedDatabase:
    """A damaged (or missing) data file: the refusal names the latest good backup and its date."""
    if e.advice:
        return e
    try:
        advice = restore_advice(data_dir, key)
    except Exception:  # the advice must never hide the refusal itself
        log.exception("no backup could be named for a damaged data file")
        return e
    return type(e)(e.message, advice)


def _leave(lock: FolderLock | None, here: presence_store.Presence | None) -> None:
    if lock:
        lock.release()
    if here:
        here.leave()


def computer_user() -> str:
    """Who is at this computer before anyone signs in (who holds a shared folder, who restores a
    file nobody can sign in to): the computer account's name."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment (service accounts)
        return "someone"
