"""Staff accounts and sign-in: create, list, disable, reset (SENCO), change own password.

Sign-in checks a scrypt hash; after LOCKOUT_AFTER wrong passwords in a row the account is
locked for LOCKOUT_MINUTES. Every sign-in, failed or not, is audited, and a refusal never says
which part was wrong, by its words or by the work done (SIGN_IN_FAILED). On an encrypted school
the wrong tries made before the database can be opened are counted in the keys file, those of
the school passphrase for the whole school (_keyslots says what that protects against).
A school with no accounts yet (fresh, or made before accounts existed) is opened as the
built-in local SENCO until the first-run dialog creates the SENCO account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain import passwords
from ..domain.accounts import (
    LOCKOUT_AFTER,
    LOCKOUT_MINUTES,
    Account,
    check_passphrase,
    check_password,
    clean_account,
    lock_until,
)
from ..domain.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from ..domain.plural import plural
from ..domain.school import clean_school
from ..domain.users import ROLES, User
from ..store import keyfile
from ..store import users as store
from ..store.rows import now_iso
from . import _keyslots, encryption
from .actor import Actor, open_school
from .settings import save_school

# One reply for every refused sign-in, whatever was wrong: an unknown user name, a wrong
# password, a disabled account or a locked one. Saying "locked" only to someone who typed the
# right password would tell a guesser, while the lock lasts, which guess was right (the lock would
# then stop nothing); saying "locked" to any locked name would tell that the name exists (only
# real accounts lock, on a plain school). So the words name the lock rule instead: the real person
# knows how many times they mistyped, and the SENCO sees the lock (Users, audit trail, and the
# notice at their next sign-in) and can reset the password at once.
LOCK_RULE = (
    f"After {LOCKOUT_AFTER} wrong passwords in a row an account is locked for {LOCKOUT_MINUTES} "
    "minutes, or until the SENCO resets its password."
)
SIGN_IN_FAILED = f"That user name and password do not match. Check them and try again. {LOCK_RULE}"
# An encrypted school cannot tell "no key slot yet" (first sign-in since encryption: the
# passphrase is needed once) from "wrong password" without telling a guesser which names have
# slots, so both get these words, and the form shows the passphrase box.
PASSPHRASE_NEEDED = (
    "That user name and password do not open this school's data. If this is your first sign-in "
    "since the school's data was encrypted, type the school passphrase as well, once (ask the "
    f"SENCO for it); otherwise check them and try again. {LOCK_RULE}"
)
# A right passphrase with a wrong name or password gets the same words as a wrong passphrase,
# so the passphrase cannot be guessed with invented names (it is also counted for the school).
SIGN_IN_FAILED_WITH_PASSPHRASE = (
    f"That user name, password and school passphrase do not match. Check all three and try again. {LOCK_RULE}"
)
SIGNED_IN = "signed in"  # the audit summary of a sign-in (sign_in_notice counts from the last one)


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
        can_sign_in=bool(row["can_sign_in"]),
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
    """The idle lock's words for a locked account (that person is signed in: nothing to hide)."""
    until = _parse_time(row["locked_until"])
    if until and until > now:
        return (
            f"Too many wrong passwords: the account {row['username']} is locked until "
            f"{until.strftime('%H:%M')}. Wait, or ask the SENCO to reset your password."
        )
    return None


def _check_sign_in(actor: Actor, name: str, password: str) -> User:
    """Verify, record the attempt and audit it in one transaction; raise SIGN_IN_FAILED if refused.

    The refusal is raised after the commit, so a failed attempt and its audit row are kept.
    Exactly one scrypt check runs whatever the case, against the real hash only when the account
    could sign in: an unknown name, a disabled or a locked account takes as long as a wrong
    password, and a locked account's password is never tested (see SIGN_IN_FAILED for why).
    """
    now = datetime.now().astimezone()
    refused = True
    with actor.write() as db:
        row = store.by_username(db, name)
        locked = row is not None and _locked_message(row, now) is not None
        usable = row is not None and bool(row["active"]) and not locked
        right = passwords.verify_password(password, row["password_hash"] if row and usable else None)
        if row is not None and usable and right:
            if not actor.readonly:  # a read-only school is read as it is
                store.record_attempt(db, row["id"], 0, None, now_iso())
            if passwords.needs_rehash(row["password_hash"]) and not actor.readonly:
                db.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?",
                    [passwords.hash_password(password), row["id"]],
                )
            actor.user = _user(row)
            actor.audit("sign_in", "user", row["id"], summary=SIGNED_IN)
            refused = False
        else:
            reason = (
                "no such user"
                if row is None
                else "account locked; password not checked"
                if locked
                else "account disabled"
                if not row["active"]
                else "wrong password"
            )
            if row is not None and not locked and not actor.readonly:  # a read-only school keeps no count
                failures = row["failed_attempts"] + 1
                until = lock_until(failures, now)
                store.record_attempt(
                    db, row["id"], failures, until.replace(microsecond=0).isoformat() if until else None, None
                )
                reason += f", {failures} in a row" + (", account now locked" if until else "")
            # nobody is signed in: the row must not read as if the account's owner acted
            actor.user = User(None, name, f"{name} (not signed in)", "")
            actor.audit(
                "sign_in_failed",
                "user",
                row["id"] if row else None,
                summary=f"failed sign-in as {name!r} ({reason})",
                changes={"attempts": 1, "passphrase": 0},
            )
    if refused:
        raise PermissionDenied(SIGN_IN_FAILED)
    actor.signed_in()
    return actor.user


def _refused(passphrase: str | None) -> PermissionDenied:
    """The one reply to every refusal at an encrypted school. It depends only on whether a
    passphrase was typed, never on which secret was wrong or whether the name exists."""
    if passphrase is None:
        return PassphraseNeeded(PASSPHRASE_NEEDED)
    return PermissionDenied(SIGN_IN_FAILED_WITH_PASSPHRASE)


def _unlock(data_dir: Path, name: str, password: str, passphrase: str | None) -> tuple[bytes, bool]:
    """The database key of an encrypted school from the person's password (or, the first time
    after encryption, the school passphrase). Returns (key, via the passphrase).

    The work done is the same for every name: one scrypt for the person's slot (a dummy slot if
    the name has none), and with a passphrase one more for the school's slot and one for the
    password check that a right passphrase leads to (a dummy one when it was wrong). A right
    passphrase also opens the database, a few milliseconds more than a wrong one; what that could
    tell a guesser is bounded by the school's passphrase count (a dozen or so tries a day).
    """
    data = keyfile.load(data_dir)
    if _keyslots.name_locked_until(data, name):
        # not tried while locked, so a guess made now cannot learn that it was right
        _keyslots.record_refusal(data_dir, name, "locked after too many wrong tries; not checked")
        raise _refused(passphrase)
    key = _keyslots.unwrap_user(data, name, password)
    if key is not None:
        return key, False
    if passphrase is None:
        reason = (
            "wrong password"
            if _keyslots.has_slot(data, name)
            else "no key slot: an unknown name, or a first sign-in without the school passphrase"
        )
        _keyslots.record_refusal(data_dir, name, reason, count=True)
        raise _refused(passphrase)
    key = _keyslots.unwrap_school(data_dir, passphrase, name)
    if key is None:
        passwords.verify_password(password, None)
        raise _refused(passphrase)
    return key, True


def sign_in(data_dir: Path, username: str, password: str, *, passphrase: str | None = None) -> Actor:
    """Open the school in `data_dir` as `username`. Any refusal: PermissionDenied, in words
    that never say which part was wrong (see SIGN_IN_FAILED).

    For an encrypted school the password also unwraps the database key; `passphrase` is needed
    only on someone's first sign-in after the school was encrypted (PassphraseNeeded asks for it;
    an empty one counts as none).
    """
    name = username.strip()
    passphrase = passphrase or None
    if not encryption.is_encrypted(data_dir):
        actor = open_school(data_dir)
        try:
            _check_sign_in(actor, name, password)
        except BaseException:
            actor.close()
            raise
        return actor
    key, via_passphrase = _unlock(Path(data_dir), name, password, passphrase)
    actor = open_school(data_dir, key=key)
    try:
        _keyslots.flush_pending_audit(actor)
        try:
            _check_sign_in(actor, name, password)  # audits a refusal in the database itself
        except PermissionDenied:
            if via_passphrase:  # the password was not the one of a slot: a wrong try for the name
                _keyslots.count_wrong_try(actor.data_dir, name)
            raise _refused(passphrase) from None
        _keyslots.forget_failures(actor.data_dir, name)
        if via_passphrase:
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
    """An encrypted school, and this person's password opened no key slot: perhaps they have
    none yet, so ask for the school passphrase as well (the words say it may just be wrong)."""


def sign_in_notice(actor: Actor) -> str | None:
    """What the SENCO is told on signing in: failed sign-ins since their previous sign-in (and a
    locked school passphrase). None for anyone else, or when there were none."""
    if actor.user.role != "senco" or actor.user.id is None:
        return None
    mine = store.sign_in_ids(actor.db, actor.user.id, SIGNED_IN)
    if not mine:
        return None
    failed = store.failed_sign_ins_between(actor.db, mine[1] if len(mine) > 1 else 0, mine[0])
    attempts = sum(int(counts.get("attempts", 1)) for counts in failed)
    passphrase = sum(int(counts.get("passphrase", 0)) for counts in failed)
    locked = _keyslots.passphrase_locked_until(keyfile.load(actor.data_dir)) if actor.key else None
    if not attempts and not locked:
        return None
    text = f"Since your last sign-in there {'was' if attempts == 1 else 'were'} " + plural(
        attempts, "failed sign-in attempt"
    )
    if passphrase:
        text += f", {passphrase} of them with a wrong school passphrase"
    text += ". The audit trail lists each one: the user name typed, and when."
    if locked:
        text += (
            f" The school passphrase cannot be used to sign in until {_keyslots.shown_time(locked)}, "
            "after repeated wrong guesses: anyone who still needs it can be given a new password "
            "instead (Users, reset)."
        )
    return text


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
