"""Who may restore a school whose data file cannot be opened (damaged, or missing).

Normally a restore signs in first and only the SENCO may do it. A damaged or missing file cannot
be opened to sign in or to read anyone's role, so:
- an encrypted school: the database key is unwrapped from the keys file alone, with the person's
  own password, the school passphrase or the recovery key. Holding one of the school's secrets is
  the authority; with a password, the person's role is read from the backup being put back (it
  must be the SENCO's). A wrong secret is counted in the keys file and audited at the next opening.
- a plain school: there is nothing to check a password against (and the file could be read or
  copied by anyone at this computer account anyway), so whoever is at the computer may put a
  checked backup back; the damaged file is kept. The restore is audited as theirs.
Either way the restore is written into the audit trail of the restored file as it opens.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from ..domain import keywrap
from ..domain.errors import PermissionDenied, UserError
from ..domain.users import User
from ..store import db as store_db
from ..store import keyfile
from ..store import users as users_store
from ..store.db import DamagedDatabase  # what the ui and cli catch to offer a restore
from ..store.rows import now_iso
from . import backup_files
from ._keyslots import RECOVERY, SCHOOL, user_label
from .actor import computer_user
from .users import SIGN_IN_FAILED

__all__ = ["DamagedDatabase", "Restorer", "authorise_restore", "data_file_unusable"]


@dataclass(frozen=True)
class Restorer:
    """Who restores, with which key, and how they showed they may (for the audit)."""

    user: User
    key: bytes | None
    how: str
    backup: backup_files.BackupInfo | None  # the latest good backup, to offer


def data_file_unusable(data_dir: Path, key: bytes | None = None) -> bool:
    """True when the data file is missing or fails its quick check (an encrypted one, read with
    `key`; without the key an encrypted file cannot be judged and False is returned)."""
    live = store_db.db_path(Path(data_dir))
    if not live.exists():
        return True
    if key is None and keyfile.exists(Path(data_dir)):
        return False
    return bool(store_db.quick_check_file(live, key))


def authorise_restore(
    data_dir: Path,
    backup_file: str | Path | None = None,
    *,
    username: str | None = None,
    password: str | None = None,
    passphrase: str | None = None,
    recovery_key: str | None = None,
) -> Restorer:
    """The person who may restore this school although its data file cannot be opened.

    `backup_file`: the backup they chose (its accounts give the person's role); None for the
    latest good one. Refused when the data file can be opened after all: then sign in as usual."""
    data_dir = Path(data_dir)
    key, how = _key(data_dir, username, password, passphrase, recovery_key)
    if not data_file_unusable(data_dir, key):
        raise UserError("The data file is sound: sign in as usual to restore a backup.")
    good = backup_files.latest_good(data_dir, key)
    chosen = Path(backup_file).expanduser() if backup_file else (good.path if good else None)
    if key is None:
        user = _at_this_computer()
        how = "no one could sign in: the data file could not be opened"
    elif how == "password":
        user = _role_from_backup(chosen, key, username or "")
        how = "signed in with their own password to the keys file: the data file could not be opened"
    else:
        name = f"{username} " if username else "Someone "
        user = User(None, username or how, f"{name}({how})", "senco")
        how = f"{how}: the data file could not be opened"
    return Restorer(user, key, how, good)


def _key(
    data_dir: Path,
    username: str | None,
    password: str | None,
    passphrase: str | None,
    recovery_key: str | None,
) -> tuple[bytes | None, str]:
    """The database key (None for a plain school) and which secret gave it."""
    if not keyfile.exists(data_dir):
        return None, ""
    slots = keyfile.load(data_dir)["slots"]
    if recovery_key:
        tried = (RECOVERY, keywrap.normalise_recovery_key(recovery_key), "with the recovery key")
    elif username and password and user_label(username) in slots:
        tried = (user_label(username), password, "password")
    elif passphrase:
        tried = (SCHOOL, passphrase, "with the school passphrase")
    else:
        raise UserError(
            "This school's data is encrypted: to restore it, give your user name and password, "
            "the school passphrase, or the recovery key from the school safe."
        )
    label, secret, how = tried
    key = keywrap.unwrap(slots[label], secret, label) if label in slots else None
    if key is None:
        _record_refusal(data_dir, username or "?", how)
        if label == RECOVERY:
            raise PermissionDenied("That recovery key does not open this school's data.")
        if label == SCHOOL:
            raise PermissionDenied("That is not the school passphrase.")
        raise PermissionDenied(SIGN_IN_FAILED)
    return key, how


def _record_refusal(data_dir: Path, name: str, how: str) -> None:
    """Audited at the next opening, as failed sign-ins before the file can be opened are."""
    data = keyfile.load(data_dir)
    data["pending_audit"].append(
        {
            "at": now_iso(),
            "username": name,
            "action": "sign_in_failed",
            "summary": f"refused a restore as {name!r} (wrong secret: {how.removeprefix('with ')})",
        }
    )
    keyfile.save(data_dir, data)


def _role_from_backup(backup_file: Path | None, key: bytes, username: str) -> User:
    """The person's account as the backup being put back has it: it must be an active SENCO's."""
    if backup_file is None or backup_files.check_backup(backup_file, key):
        raise UserError(
            "No good backup was found to restore, so nobody's role can be checked: ask IT for help "
            "before doing anything else."
        )
    db = store_db.connect(backup_file, readonly=True, key=key)
    try:
        has_users = "users" in db.table_names()
        row = users_store.by_username(db, username.strip()) if has_users else None
    finally:
        db.close()
    if row is None or not row["active"]:
        raise PermissionDenied(
            f"{username} has no active account in that backup. Restore it with the school passphrase "
            "or the recovery key instead."
        )
    user = User(row["id"], row["username"], row["display_name"], row["role"])
    if not user.can("backup.run"):
        raise PermissionDenied(f"{user.display_name} is not allowed to restore a backup. Ask the SENCO.")
    return user


def _at_this_computer() -> User:
    account = computer_user()
    return User(None, account, f"{account} on {socket.gethostname()} (not signed in)", "senco")
