"""Staff accounts and sign-in: create, list, disable, reset (SENCO), change own password.

Sign-in checks a scrypt hash; after LOCKOUT_AFTER wrong passwords in a row the account is
locked for LOCKOUT_MINUTES. Every sign-in, failed or not, is audited. A school with no accounts
yet (fresh, or made before accounts existed) is opened as the built-in local SENCO until the
first-run dialog creates the SENCO account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain import keywrap, passwords
from ..domain.accounts import Account, check_passphrase, check_password, clean_account, lock_until
from ..domain.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from ..domain.school import clean_school
from ..domain.users import ROLES, User
from ..store import keyfile
from ..store import users as store
from ..store.rows import now_iso
from . import _keyslots, encryption
from .actor import Actor, open_school
from .settings import save_school

SIGN_IN_FAILED = "That user name and password do not match. Check them and try again."


def _account(row: dict) -> Account:
    return Account(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        active=bool(row["active"]),
        locked_until=row["locked_until"],
        last_sign_in=row["last_sign_in"],
        must_change_password=bool(row["must_change_password"]),
        version=row["version"],
    )


def _user(row: dict) -> User:
    return User(id=row["id"], username=row["username"], display_name=row["display_name"], role=row["role"])


def has_accounts(actor: Actor) -> bool:
    """True once any staff account exists: from then on everyone must sign in."""
    return store.count(actor.db) > 0


def _find(actor: Actor, username: str) -> dict:
    row = store.by_username(actor.db, username.strip())
    if row is None:
        raise NotFound(f"There is no account with the user name {username.strip()!r}.")
    return row


def list_users(actor: Actor) -> list[Account]:
    actor.require("users.admin")
    return [_account(r) for r in store.all_accounts(actor.db)]


def create_user(actor: Actor, form: dict, *, must_change_password: bool = True) -> int:
    """A new staff account. The SENCO sets a first password the person changes at sign-in."""
    actor.require("users.admin")
    values = clean_account(form)
    with actor.write() as db:
        if store.by_username(db, values["username"]):
            raise ValidationError(
                {
                    "username": f"The user name {values['username']} is taken; "
                    "choose another (e.g. add an initial)."
                }
            )
        user_id = store.insert(
            db,
            values,
            passwords.hash_password(values["password"]),
            actor.user.display_name,
            must_change=must_change_password,
        )
        _keyslots.set_user_slot(actor, values["username"], values["password"])
        actor.audit(
            "create",
            "user",
            user_id,
            summary=f"created the account {values['username']} for "
            f"{values['display_name']} ({ROLES[values['role']]})",
            changes={k: [None, values[k]] for k in ("username", "display_name", "role")},
        )
    return user_id


def set_active(actor: Actor, username: str, active: bool) -> None:
    """Disable a leaver's account (kept for the history) or enable it again."""
    actor.require("users.admin")
    with actor.write() as db:
        row = _find(actor, username)
        if bool(row["active"]) == active:
            return
        if not active and row["id"] == actor.user.id:
            raise PermissionDenied("You cannot disable your own account.")
        if not active and row["role"] == "senco" and store.active_sencos(db) <= 1:
            raise PermissionDenied(
                "This is the only SENCO account: create another SENCO "
                "account before disabling it, or nobody could manage accounts."
            )
        store.update(
            db,
            row["id"],
            {"active": int(active), "disabled_at": None if active else now_iso()},
            actor.user.display_name,
        )
        if not active:  # their password no longer opens the encrypted school
            _keyslots.drop_user_slot(actor, row["username"])
        actor.audit(
            "update",
            "user",
            row["id"],
            summary=f"{'enabled' if active else 'disabled'} the account {row['username']}",
            changes={"active": [bool(row["active"]), active]},
        )


def disable_user(actor: Actor, username: str) -> None:
    set_active(actor, username, False)


def enable_user(actor: Actor, username: str) -> None:
    set_active(actor, username, True)


def reset_password(actor: Actor, username: str, new_password: str) -> None:
    """The SENCO gives someone a new password (forgotten, or locked out); they change it next."""
    actor.require("users.admin")
    check_password(new_password, username)
    with actor.write() as db:
        row = _find(actor, username)
        store.update(
            db,
            row["id"],
            {
                "password_hash": passwords.hash_password(new_password),
                "must_change_password": 1,
                "failed_attempts": 0,
                "locked_until": None,
            },
            actor.user.display_name,
        )
        _keyslots.set_user_slot(actor, row["username"], new_password)
        actor.audit(
            "update", "user", row["id"], summary=f"reset the password of {row['username']} (and unlocked it)"
        )


def change_own_password(actor: Actor, old_password: str, new_password: str) -> None:
    """Anyone signed in (the Headteacher too) may change their own password."""
    if actor.user.id is None:
        raise UserError("Create the SENCO account first (Settings): the built-in SENCO has no password.")
    row = store.by_id(actor.db, actor.user.id)
    if row is None or not passwords.verify_password(old_password, row["password_hash"]):
        raise ValidationError({"old_password": "Your current password is not right."})
    check_password(new_password, row["username"], field="new_password")
    if new_password == old_password:
        raise ValidationError({"new_password": "Choose a password different from the current one."})
    with actor.write() as db:
        if not store.update(
            db,
            row["id"],
            {"password_hash": passwords.hash_password(new_password), "must_change_password": 0},
            actor.user.display_name,
            version=row["version"],
        ):
            raise Conflict("Your account was changed by the SENCO a moment ago. Sign in again.")
        _keyslots.set_user_slot(actor, row["username"], new_password)
        actor.audit("update", "user", row["id"], summary="changed their own password")


def must_change_password(actor: Actor) -> bool:
    """True after a reset: the GUI asks for a new password before anything else."""
    row = store.by_id(actor.db, actor.user.id) if actor.user.id is not None else None
    return bool(row and row["must_change_password"])


def _parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _locked_message(row: dict, now: datetime) -> str | None:
    until = _parse_time(row["locked_until"])
    if until and until > now:
        return (
            f"Too many wrong passwords: the account {row['username']} is locked until "
            f"{until.strftime('%H:%M')}. Wait, or ask the SENCO to reset your password."
        )
    return None


def _check_sign_in(actor: Actor, username: str, password: str) -> User:
    """Verify, record the attempt and audit it in one transaction; raise if refused.

    The refusal is raised after the commit, so a failed attempt and its audit row are kept.
    """
    now = datetime.now().astimezone()
    name = username.strip()
    refusal = None
    with actor.write() as db:
        row = store.by_username(db, name)
        locked = _locked_message(row, now) if row else None
        if locked:
            refusal, reason = locked, "account locked"
        elif (
            row is None or not row["active"] or not passwords.verify_password(password, row["password_hash"])
        ):
            refusal = SIGN_IN_FAILED
            reason = (
                "no such user"
                if row is None
                else "account disabled"
                if not row["active"]
                else "wrong password"
            )
            if row is not None:
                failures = row["failed_attempts"] + 1
                until = lock_until(failures, now)
                store.record_attempt(
                    db, row["id"], failures, until.replace(microsecond=0).isoformat() if until else None, None
                )
                reason += f", {failures} in a row" + (", account now locked" if until else "")
        if refusal:
            # nobody is signed in: the row must not read as if the account's owner acted
            actor.user = User(None, name, f"{name} (not signed in)", "")
            actor.audit(
                "sign_in_failed",
                "user",
                row["id"] if row else None,
                summary=f"failed sign-in as {name!r} ({reason})",
            )
        else:
            assert row is not None  # no refusal: the account was found and the password is right
            store.record_attempt(db, row["id"], 0, None, now_iso())
            if passwords.needs_rehash(row["password_hash"]):
                db.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?",
                    [passwords.hash_password(password), row["id"]],
                )
            actor.user = _user(row)
            actor.audit("sign_in", "user", row["id"], summary="signed in")
    if not refusal and actor.lock is not None:
        actor.lock.rename(actor.user.display_name)
    if refusal:
        raise PermissionDenied(refusal)
    return actor.user


def _record_key_failure(data_dir: Path, name: str, reason: str) -> None:
    """A failed unlock of an encrypted school: counted in the key file, audited at next opening."""
    now = datetime.now().astimezone()
    data = keyfile.load(data_dir)
    entry = data["failures"].get(name.lower(), {"count": 0, "locked_until": None})
    entry["count"] += 1
    until = lock_until(entry["count"], now)
    entry["locked_until"] = until.replace(microsecond=0).isoformat() if until else None
    data["failures"][name.lower()] = entry
    data["pending_audit"].append(
        {
            "at": now_iso(),
            "username": name,
            "action": "sign_in_failed",
            "summary": f"failed sign-in as {name!r} ({reason}, {entry['count']} in a row)",
        }
    )
    keyfile.save(data_dir, data)


def _unlock(data_dir: Path, name: str, password: str, passphrase: str | None) -> tuple[bytes, bool]:
    """The database key of an encrypted school from the person's password (or, the first time
    after encryption, the school passphrase). Returns (key, needs_enrolling)."""
    data = keyfile.load(data_dir)
    failures = data["failures"].get(name.lower())
    if failures and failures.get("locked_until"):
        until = _parse_time(failures["locked_until"])
        if until and until > datetime.now().astimezone():
            raise PermissionDenied(
                f"Too many wrong passwords: the account {name} is locked until "
                f"{until.strftime('%H:%M')}. Wait, or ask the SENCO to reset your password."
            )
    label = _keyslots.user_label(name)
    if label in data["slots"]:
        key = keywrap.unwrap(data["slots"][label], password, label)
        if key is None:
            _record_key_failure(data_dir, name, "wrong password")
            raise PermissionDenied(SIGN_IN_FAILED)
        enrol = False
    elif passphrase is None:
        raise PassphraseNeeded(
            "This is your first sign-in since the school's data was encrypted: type the school "
            "passphrase as well, once (ask the SENCO for it)."
        )
    else:
        key = keywrap.unwrap(data["slots"][_keyslots.SCHOOL], passphrase, _keyslots.SCHOOL)
        if key is None:
            _record_key_failure(data_dir, name, "wrong school passphrase")
            raise PermissionDenied("That is not the school passphrase.")
        enrol = True
    if failures:
        data["failures"].pop(name.lower(), None)
        keyfile.save(data_dir, data)
    return key, enrol


def sign_in(data_dir: Path, username: str, password: str, *, passphrase: str | None = None) -> Actor:
    """Open the school in `data_dir` as `username`. Wrong password, lockout: PermissionDenied.

    For an encrypted school the password also unwraps the database key; `passphrase` is needed
    only on someone's first sign-in after the school was encrypted (PassphraseNeeded says so).
    """
    key, enrol = (None, False)
    if encryption.is_encrypted(data_dir):
        key, enrol = _unlock(Path(data_dir), username.strip(), password, passphrase)
    actor = open_school(data_dir, key=key)
    try:
        _keyslots.flush_pending_audit(actor)
        _check_sign_in(actor, username, password)
        if enrol:
            with actor.write():
                _keyslots.set_user_slot(actor, actor.user.username, password)
                actor.audit(
                    "update",
                    "user",
                    actor.user.id,
                    summary="unlocked the encrypted school with their own password for the first time",
                )
    except BaseException:
        actor.close()
        raise
    return actor


class PassphraseNeeded(PermissionDenied):
    """An encrypted school, and this person has no key slot yet: ask for the school passphrase."""


@dataclass(frozen=True)
class FirstRun:
    user_id: int
    recovery_key: str | None  # shown once, to print and keep in the school safe


def set_up_school(actor: Actor, school: dict, senco: dict, *, passphrase: str | None = None) -> FirstRun:
    """First run: the school's details and the SENCO's own account, saved together (or neither).

    With a school `passphrase` the data file is then encrypted and the SENCO's password enrolled;
    the recovery key comes back to be shown once. Everything is checked before anything is saved.
    """
    actor.require("settings.edit")
    if has_accounts(actor):
        raise PermissionDenied("This school already has accounts: sign in as the SENCO instead.")
    form = dict(senco, role="senco")
    clean_account(form)
    clean_school(school)
    if passphrase is not None:
        check_passphrase(passphrase)
    with actor.write():
        save_school(actor, school)
        user_id = create_user(actor, form, must_change_password=False)
    recovery = None
    if passphrase is not None:
        acting = actor.user
        created = store.by_id(actor.db, user_id)
        assert created is not None  # made just above
        actor.user = _user(created)
        try:
            recovery = encryption.encrypt_school(actor, passphrase, senco_password=form["password"])
        finally:
            actor.user = acting
    return FirstRun(user_id, recovery)


IDLE_MINUTES_DEFAULT = 10


def idle_minutes(actor: Actor) -> int:
    """Minutes without keyboard or mouse before the app locks (Settings; default 10)."""
    from .settings import get_settings

    try:
        return int(get_settings(actor).get("idle_minutes") or IDLE_MINUTES_DEFAULT)
    except (TypeError, ValueError):
        return IDLE_MINUTES_DEFAULT


def save_idle_minutes(actor: Actor, minutes) -> int:
    """The SENCO sets the idle lock for everyone on this school (1 to 60 minutes)."""
    from ..store import settings as settings_store

    actor.require("settings.edit")
    text = str(minutes).strip()
    if not text.isdigit() or not 1 <= int(text) <= 60:
        raise ValidationError({"idle_minutes": "Lock after a whole number of minutes from 1 to 60."})
    before = idle_minutes(actor)
    with actor.write() as db:
        settings_store.save(db, {"idle_minutes": int(text)})
        actor.audit(
            "update",
            "settings",
            None,
            summary=f"set the idle lock to {int(text)} minutes",
            changes={"idle_minutes": [before, int(text)]},
        )
    return int(text)


def confirm_password(actor: Actor, password: str) -> None:
    """Unlocking after the idle lock: the signed-in person types their password again.

    Counted like a sign-in (wrong ones lock the account for a while) and audited either way.
    """
    now = datetime.now().astimezone()
    refusal = None
    with actor.write() as db:
        row = store.by_id(db, actor.user.id) if actor.user.id is not None else None
        if row is None:
            refusal = "This account is no longer in SENCO desk. Close SENCO desk and sign in again."
        elif _locked_message(row, now):
            refusal = _locked_message(row, now)
        elif not row["active"] or not passwords.verify_password(password, row["password_hash"]):
            failures = row["failed_attempts"] + 1
            until = lock_until(failures, now)
            store.record_attempt(
                db, row["id"], failures, until.replace(microsecond=0).isoformat() if until else None, None
            )
            refusal = (
                f"Too many wrong passwords: the account {row['username']} is locked until "
                f"{until.strftime('%H:%M')}."
                if until
                else "That password is not right. Try again."
            )
            actor.audit(
                "sign_in_failed",
                "user",
                row["id"],
                summary=f"wrong password unlocking after the idle lock ({failures} in a row)",
            )
        else:
            store.record_attempt(db, row["id"], 0, None, now_iso())
            actor.audit("sign_in", "user", row["id"], summary="unlocked after the idle lock")
    if refusal:
        raise PermissionDenied(refusal)
