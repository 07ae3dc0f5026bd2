"""Encryption at rest (SQLCipher): turning it on, unlocking, and changing the secrets.

Key scheme (see domain/keywrap.py): one random 256-bit database key, never typed by anyone,
stored only wrapped in the key file beside the database, once per secret:
- the school passphrase (chosen by the SENCO at first run; changed by the SENCO),
- the one-time recovery key (printed, kept in the school safe; opens the school if the
  passphrase is forgotten),
- each staff member's password (added when the SENCO creates or resets the account, or at
  the person's first sign-in after encryption, when they type the school passphrase once).
Signing in unwraps the key with the person's own password, so staff never need the passphrase
day to day; losing one password loses nothing (the SENCO resets it and a new slot is written).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..domain import keywrap, passwords
from ..domain.accounts import check_passphrase
from ..domain.errors import PermissionDenied, UserError, ValidationError
from ..store import cipher, keyfile, presence, rekeying
from ..store import db as store_db
from ..store import users as users_store
from ..store.rows import now_iso
from . import backup_files
from ._keyslots import (
    PASSPHRASE_FAILURES,
    RECOVERY,
    SCHOOL,
    record_refusal,
    unwrap_school,
    update_slots,
    user_label,
)
from .actor import Actor


def available() -> bool:
    """True when SQLCipher (the sqlcipher3 package) is installed, so schools can be encrypted."""
    return cipher.available()


def is_encrypted(data_dir: Path) -> bool:
    return keyfile.exists(data_dir)


def _require_encrypted(actor: Actor) -> bytes:
    """The school's database key, for the SENCO of an encrypted school."""
    actor.require("users.admin")
    if actor.key is None:
        raise UserError("This school's data is not encrypted yet.")
    return actor.key


def encrypt_school(
    actor: Actor,
    passphrase: str,
    *,
    senco_password: str | None = None,
    demo_passwords: dict[str, str] | None = None,
) -> str:
    """Encrypt an existing plain data file in place, a backup taken first. Returns the recovery key.

    Do this when nobody else has SENCO desk open. The signed-in SENCO's password (if given) is
    enrolled now; other staff enrol at their next sign-in with the passphrase, or on a reset.
    `demo_passwords` is for the demo school only (demo/accounts.py): its accounts are enrolled
    now with their known passwords, and its passphrase is not held to the length rule.
    """
    actor.require("users.admin")
    if not cipher.available():
        raise UserError("Encryption needs the SQLCipher component, which is not installed.")
    if actor.key is not None or keyfile.exists(actor.data_dir):
        raise UserError("This school's data is already encrypted.")
    if demo_passwords is None:
        check_passphrase(passphrase)
    db_key, recovery, slots = _new_key_slots(actor, passphrase, senco_password)
    for username, password in (demo_passwords or {}).items():
        slots[user_label(username)] = keywrap.wrap(db_key, password, user_label(username))

    _convert(actor, db_key, slots)
    with actor.write():
        actor.audit(
            "update",
            "settings",
            None,
            summary="encrypted the school's data file and its backups (recovery key issued)",
        )
    return recovery


def _new_key_slots(actor: Actor, passphrase: str, senco_password: str | None) -> tuple[bytes, str, dict]:
    """A new database key and recovery key, wrapped by the school passphrase, the recovery key and
    (when given and right) the acting SENCO's own password, so they stay signed in after the change."""
    me = users_store.by_id(actor.db, actor.user.id) if actor.user.id is not None else None
    if senco_password is not None and (
        me is None or not passwords.verify_password(senco_password, me["password_hash"])
    ):
        raise ValidationError({"senco_password": "Your password is not right."})
    db_key, recovery = keywrap.new_db_key(), keywrap.new_recovery_key()
    slots = {
        SCHOOL: keywrap.wrap(db_key, passphrase, SCHOOL),
        RECOVERY: keywrap.wrap(db_key, recovery, RECOVERY),
    }
    if me is not None and senco_password is not None:
        slots[user_label(me["username"])] = keywrap.wrap(db_key, senco_password, user_label(me["username"]))
    return db_key, recovery, slots


def _open_for_export(path: Path, key: bytes | None):
    """A sqlcipher3 connection to a plain file (no key: read as it is) or an encrypted one."""
    if key is None:
        return cipher.sqlcipher3.connect(str(path))
    return cipher.connect(path, key, timeout=store_db.BUSY_TIMEOUT_MS / 1000)


def _step(name: str) -> None:
    """Marks each step of a conversion; the kill tests stop the process at each (crash safety)."""


def _convert(actor: Actor, db_key: bytes, slots: dict) -> None:
    """Rewrite the live data file and every backup under `db_key` (from plain, or the Actor's key).

    Nobody else may have the school open meanwhile (the refusal names them). Nothing is changed
    in place and no plain copy is made: store/rekeying.py writes everything under the new key
    beside the old files, commits with one rename of the keys file, then renames the files into
    place, so a crash at any step is undone or finished at the next start.
    """
    data_dir = actor.data_dir
    path = store_db.db_path(data_dir)
    old_key = actor.key
    with presence.exclusive(data_dir, actor.user.display_name, "encrypt the data", mine=actor.presence):
        actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _step("checkpointed")
        keyfile.save(data_dir, _new_keys(data_dir, slots), path=rekeying.new_keys_path(data_dir))
        _step("new keys written")
        try:
            _write_under_new_key(actor, path, old_key, db_key)
        except BaseException:
            rekeying.undo(data_dir)
            raise
        network = actor.lock is not None
        actor.db.close()
        # Again just before the commit: refusals counted at other computers meanwhile are kept.
        keyfile.save(data_dir, _new_keys(data_dir, slots), path=rekeying.new_keys_path(data_dir))
        os.replace(rekeying.new_keys_path(data_dir), keyfile.key_path(data_dir))  # the commit
        _step("committed")
        try:
            rekeying.roll_forward(data_dir, _step)
        except OSError as e:  # Windows: another program (a backup tool, antivirus) has the file open
            raise UserError(
                "The data is encrypted, but another program on this computer has the data file open, "
                "so SENCO desk could not finish. Close SENCO desk; it finishes when it next starts."
            ) from e
        actor.db = store_db.connect(path, network=network, key=db_key)
        actor.key = db_key
    _step("done")


def _new_keys(data_dir: Path, slots: dict) -> dict:
    """The new keys file: the new slots, and all the one in force holds besides its keys (failed
    sign-ins waiting for the audit trail, each name's and the passphrase's wrong tries and locks,
    _keyslots), so a re-key forgets no refusal and lifts no lock."""
    kept = keyfile.load(data_dir) if keyfile.exists(data_dir) else {}
    kept = {k: v for k, v in kept.items() if k not in ("version", "cipher", "slots")}
    return kept | {"version": 1, "cipher": "sqlcipher4+aes-256-gcm-wrapped-key", "slots": slots}


def _write_under_new_key(actor: Actor, path: Path, old_key: bytes | None, db_key: bytes) -> None:
    """The data file, a backup of it (the safety net), and every backup, each under `db_key`
    beside itself; nothing is in force until the commit."""
    pending = rekeying.pending_path(path)
    pending.unlink(missing_ok=True)
    source = _open_for_export(path, old_key)
    try:
        cipher.export(source, pending, db_key)
    finally:
        source.close()
    _verify_copy(actor, pending, db_key)
    _step("data file written")
    folder = backup_files.backups_folder(actor.data_dir)
    existing = sorted(folder.glob("*.db")) if folder.is_dir() else []
    reason = "before-encryption" if old_key is None else "before-rekey"
    folder.mkdir(parents=True, exist_ok=True)
    safety = store_db.new_backup_name(folder, reason)
    # A copy of the verified, encrypted, closed file (not of a live database): the backup first.
    shutil.copyfile(pending, rekeying.pending_path(safety))
    _fsync(rekeying.pending_path(safety))
    _step("safety backup written")
    for backup in existing:
        _reencrypt(backup, old_key, db_key)
    _fsync(pending)
    _step("backups written")


def _reencrypt(backup: Path, old_key: bytes | None, key: bytes) -> None:
    """A backup under the new key, beside it: plain ones would undo the point of encrypting, and
    ones under a replaced key could no longer be restored. One that cannot be read (damaged, or
    under no key of this school) is left; if plain, it is removed at the commit (rekeying)."""
    plain = cipher.is_plain_sqlite(backup)
    if not plain and old_key is None:
        return  # encrypted, and there was no other key: already under the current one
    pending = rekeying.pending_path(backup)
    pending.unlink(missing_ok=True)
    source = _open_for_export(backup, None if plain else old_key)
    try:
        cipher.export(source, pending, key)
    except cipher.DB_ERRORS:
        pending.unlink(missing_ok=True)
        return
    finally:
        source.close()
    _fsync(pending)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _verify_copy(actor: Actor, copy: Path, key: bytes) -> None:
    check = store_db.connect(copy, key=key)
    try:
        store_db.quick_check(check)
        for table in ("pupils", "audit", "users"):
            mine = actor.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            theirs = check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            if mine != theirs:
                raise UserError("The encrypted copy did not match the data file; nothing was changed.")
        check.execute("PRAGMA journal_mode = DELETE")  # no -wal beside it: it is renamed into place
    finally:
        check.close()


def rekey_database(actor: Actor, passphrase: str, *, senco_password: str | None = None) -> str:
    """A new database key (if the old one may have leaked): file and backups rewritten.

    Staff key slots wrapped the old key, so each person types the school passphrase once at
    their next sign-in (the SENCO's own password, if given, is enrolled now). Returns the new
    recovery key: the old printout stops working.
    """
    _require_encrypted(actor)
    data = keyfile.load(actor.data_dir)
    if keywrap.unwrap(data["slots"][SCHOOL], passphrase, SCHOOL) != actor.key:
        raise ValidationError({"passphrase": "The school passphrase is not right."})
    db_key, recovery, slots = _new_key_slots(actor, passphrase, senco_password)
    _convert(actor, db_key, slots)
    with actor.write():
        actor.audit(
            "update",
            "settings",
            None,
            summary="re-keyed the school's data file and backups (new recovery key issued)",
        )
    return recovery


def change_passphrase(actor: Actor, current: str, new: str) -> None:
    """The SENCO changes the school passphrase (re-wraps the key: quick, no data rewritten)."""
    key = _require_encrypted(actor)
    data = keyfile.load(actor.data_dir)
    if keywrap.unwrap(data["slots"][SCHOOL], current, SCHOOL) != key:
        raise ValidationError({"current_passphrase": "The current school passphrase is not right."})
    check_passphrase(new, "new_passphrase")
    with actor.write():
        data["slots"][SCHOOL] = keywrap.wrap(key, new, SCHOOL)
        keyfile.save(actor.data_dir, data)
        actor.audit("update", "settings", None, summary="changed the school passphrase")


def replace_recovery_key(actor: Actor) -> str:
    """A new recovery key (the old one stops working): print it and keep it in the safe."""
    key = _require_encrypted(actor)
    recovery = keywrap.new_recovery_key()
    with actor.write():
        update_slots(actor, lambda slots: slots.__setitem__(RECOVERY, keywrap.wrap(key, recovery, RECOVERY)))
        actor.audit("update", "settings", None, summary="issued a new recovery key")
    return recovery


NOT_ENCRYPTED = "This school's data is not encrypted, so it has no school passphrase to reset."


def reset_passphrase_with_recovery_key(data_dir: Path, recovery_key: str, new_passphrase: str) -> None:
    """The passphrase is forgotten: the recovery key from the safe sets a new one.

    No one is signed in: holding the recovery key is the authority. Audited at the next opening,
    a wrong recovery key too. The new passphrase starts unlocked: five wrong guesses at the
    forgotten one are usually why the recovery key came out of the safe.
    """
    data_dir = Path(data_dir)
    if not is_encrypted(data_dir):
        raise UserError(NOT_ENCRYPTED)
    data = keyfile.load(data_dir)
    db_key = keywrap.unwrap(data["slots"][RECOVERY], keywrap.normalise_recovery_key(recovery_key), RECOVERY)
    if db_key is None:
        record_refusal(data_dir, None, "wrong recovery key: the school passphrase was not reset")
        raise PermissionDenied("That recovery key does not open this school's data.")
    check_passphrase(new_passphrase, "new_passphrase")
    data = keyfile.load(data_dir)  # again: a refusal counted meanwhile (scrypt took a while) is kept
    data["slots"][SCHOOL] = keywrap.wrap(db_key, new_passphrase, SCHOOL)
    data.pop(PASSPHRASE_FAILURES, None)
    data["pending_audit"].append(
        {
            "at": now_iso(),
            "username": "recovery key",
            "summary": "set a new school passphrase with the recovery key",
        }
    )
    keyfile.save(data_dir, data)


def unlock_with_passphrase(data_dir: Path, passphrase: str) -> bytes:
    """The database key from the school passphrase alone (a school with no accounts yet).

    Wrong ones are counted for the school and lock the passphrase like sign-in's (_keyslots).
    """
    key = unwrap_school(Path(data_dir), passphrase, None)
    if key is None:
        raise PermissionDenied("That is not the school passphrase.")
    return key
