"""Key-file helpers the account and encryption services call AFTER their own permission checks.

A private module (leading underscore): these are not use cases and take no decision about who
may act, so nothing outside sencodesk.services calls them.

Counting wrong tries before the database is open. On an encrypted school nothing in the
database can be read until a key is unwrapped, so wrong passwords and passphrases are counted in
the keys file's plain metadata (additive keys, ignored by older versions):
- "failures": {typed user name: {"count", "last_at", "locked_until"}}, for every name typed,
  real or invented, so a lock says nothing about whether the name exists;
- "passphrase_failures": {"count", "last_at", "locked_until"}: the school passphrase, counted
  for the whole school whatever name was typed with it (domain.accounts sets the growing lock);
- "pending_audit": refused sign-ins, moved into the audit trail at the next opening.

What this protects against, and what it does not: it stops someone at the sign-in screen (or
running the command line) from trying passphrases or passwords one after another. It lives in
the keys file itself, not in a side file, because deleting the keys file is no way round it:
without it nothing opens the school. Someone who can edit or copy the keys file can reset the
count, but they can equally copy the file and try guesses on their own computer, where no
counter reaches; against that the only defence is scrypt's cost per guess (keywrap: 16 MiB and
about 50 ms each) and a long passphrase (domain.accounts.MIN_PASSPHRASE). The keys file is
re-read just before each count is written, so two computers counting at once lose nothing but
in a window of milliseconds.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import keywrap
from ..domain.accounts import failures_in_a_row, lock_until, passphrase_lock_until
from ..domain.errors import PermissionDenied
from ..domain.plural import plural
from ..domain.users import User
from ..store import keyfile
from ..store.rows import now_iso
from .actor import Actor

log = logging.getLogger(__name__)

SCHOOL, RECOVERY = "school", "recovery"
PASSPHRASE_FAILURES = "passphrase_failures"
# A flood of guesses must not grow the keys file without bound: past this many waiting audit
# rows the rest are only counted, in one last row ("... more failed sign-ins").
PENDING_AUDIT_MAX = 500

KeyData = dict[str, Any]


def now() -> datetime:
    """The time every count and lock here is measured by (tests move it)."""
    return datetime.now().astimezone()


def parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _stamp(moment: datetime | None) -> str | None:
    return moment.replace(microsecond=0).isoformat() if moment else None


def user_label(username: str) -> str:
    return f"user:{username.strip().lower()}"


def update_slots(actor: Actor, change) -> None:
    """Apply `change(slots)` to the key file of an encrypted school (nothing for a plain one).

    Called inside the caller's transaction, so a failed key-file write rolls the change back.
    """
    if actor.key is None:
        return
    data = keyfile.load(actor.data_dir)
    change(data["slots"])
    keyfile.save(actor.data_dir, data)


def set_user_slot(actor: Actor, username: str, password: str) -> None:
    """A new password opens the school; earlier wrong tries (a lockout) are forgotten."""
    if actor.key is None:
        return
    label = user_label(username)
    data = keyfile.load(actor.data_dir)
    data["slots"][label] = keywrap.wrap(actor.key, password, label)
    data["failures"].pop(username.strip().lower(), None)
    keyfile.save(actor.data_dir, data)


def drop_user_slot(actor: Actor, username: str) -> None:
    update_slots(actor, lambda slots: slots.pop(user_label(username), None))


def flush_pending_audit(actor: Actor) -> None:
    """Events from before the database could be opened (failed sign-ins...) join the trail."""
    if actor.key is None or actor.readonly:  # read-only: they wait for a writable opening
        return
    data = keyfile.load(actor.data_dir)
    if not data["pending_audit"]:
        return
    acting = actor.user
    with actor.write():
        try:
            for event in data["pending_audit"]:
                actor.user = User(None, event["username"], event["username"], "")
                actor.audit(
                    event.get("action", "update"),
                    "user",
                    None,
                    summary=f"{event['summary']} (at {event['at'][11:16]} on {event['at'][:10]})",
                    changes=event.get("changes"),
                )
        finally:
            actor.user = acting
        _edit(actor.data_dir, lambda fresh: fresh.__setitem__("pending_audit", []))


# -- wrong tries before the database is open -------------------------------------------------


def _edit(data_dir: Path, change: Callable[[KeyData], None]) -> None:
    """Re-read the keys file, change it and save it: counts from two computers both survive."""
    data = keyfile.load(data_dir)
    change(data)
    try:
        keyfile.save(data_dir, data)
    except OSError as e:  # a read-only copy of a school: the refusal stands, only the count is lost
        log.warning("could not record a sign-in attempt in the keys file: %s", e)


def _name(username: str) -> str:
    return username.strip().lower()


def name_locked_until(data: KeyData, username: str) -> datetime | None:
    until = parse_time((data["failures"].get(_name(username)) or {}).get("locked_until"))
    return until if until and until > now() else None


def passphrase_locked_until(data: KeyData) -> datetime | None:
    until = parse_time((data.get(PASSPHRASE_FAILURES) or {}).get("locked_until"))
    return until if until and until > now() else None


def has_slot(data: KeyData, username: str) -> bool:
    return user_label(username) in data["slots"]


def unwrap_user(data: KeyData, username: str, password: str) -> bytes | None:
    """The database key from a person's own password, or None. A name with no key slot (invented,
    disabled, or not yet enrolled) is tried against a slot no secret opens, with the same scrypt
    cost, so the time a refusal takes does not tell which names have slots."""
    label = user_label(username)
    slot = data["slots"].get(label) or _dummy_slot(data["slots"][SCHOOL])
    return keywrap.unwrap(slot, password, label)


def _dummy_slot(like: dict) -> dict:
    def noise(n: int) -> str:
        return base64.b64encode(os.urandom(n)).decode("ascii")

    return {**like, "salt": noise(16), "nonce": noise(12), "wrapped": noise(48)}


def unwrap_school(data_dir: Path, passphrase: str, username: str | None) -> bytes | None:
    """The database key from the school passphrase, or None; wrong ones are counted for the school
    (and against the name typed with it; None: the passphrase alone, with no user name).

    While the passphrase is locked it is not even tried (PermissionDenied saying until when), so
    a guess made then learns nothing; the lock is the school's, so saying so reveals no name.
    """
    data = keyfile.load(data_dir)
    until = passphrase_locked_until(data)
    if until is not None:
        record_refusal(data_dir, username, "the school passphrase is locked; not checked", passphrase=True)
        raise PermissionDenied(passphrase_locked_message(until))
    key = keywrap.unwrap(data["slots"][SCHOOL], passphrase, SCHOOL)
    if key is None:
        record_refusal(data_dir, username, "wrong school passphrase", passphrase=True, count=True)
    elif data.get(PASSPHRASE_FAILURES):
        _edit(data_dir, lambda fresh: fresh.pop(PASSPHRASE_FAILURES, None))
    return key


def shown_time(moment: datetime) -> str:
    """14:30 today, or 14:30 on 05/03/2027 (a passphrase lock may run into another day)."""
    return moment.strftime("%H:%M") if moment.date() == now().date() else moment.strftime("%H:%M on %d/%m/%Y")


def passphrase_locked_message(until: datetime) -> str:
    return (
        f"The school passphrase was typed wrongly too many times: it cannot be used to sign in "
        f"until {shown_time(until)}. If you have signed in since the school's data was encrypted, your own "
        "password alone is enough; otherwise ask the SENCO to reset your password."
    )


def record_refusal(
    data_dir: Path, username: str | None, reason: str, *, passphrase: bool = False, count: bool = False
) -> None:
    """A refused sign-in before the database is open: audited at the next opening, and with
    `count` a wrong try against the typed name (and, for a passphrase, against the school)."""
    name = username.strip() if username is not None else None
    moment = now()

    def change(data: KeyData) -> None:
        summary = f"failed sign-in as {name!r} ({reason}" if name else f"failed opening ({reason}"
        if count and name:
            summary += _count_name(data, name, moment)
        if count and passphrase:
            summary += _count_passphrase(data, moment)
        _prune(data, moment)
        _add_pending(data, name or "school passphrase alone", summary + ")", passphrase)

    _edit(data_dir, change)


def _count_name(data: KeyData, name: str, moment: datetime) -> str:
    entry = data["failures"].get(_name(name)) or {}
    failures = failures_in_a_row(entry.get("count", 0), parse_time(entry.get("last_at")), moment)
    until = lock_until(failures, moment)
    data["failures"][_name(name)] = {
        "count": failures,
        "last_at": _stamp(moment),
        "locked_until": _stamp(until),
    }
    return f", {failures} in a row for this name" + (", now locked" if until else "")


def _count_passphrase(data: KeyData, moment: datetime) -> str:
    entry = data.get(PASSPHRASE_FAILURES) or {}
    failures = failures_in_a_row(entry.get("count", 0), parse_time(entry.get("last_at")), moment)
    until = passphrase_lock_until(failures, moment)
    data[PASSPHRASE_FAILURES] = {"count": failures, "last_at": _stamp(moment), "locked_until": _stamp(until)}
    return f"; {plural(failures, 'wrong school passphrase')} in a row" + (
        f", the passphrase now locked until {until.strftime('%H:%M on %d/%m/%Y')}" if until else ""
    )


def _prune(data: KeyData, moment: datetime) -> None:
    """Names whose run of wrong tries is over and forgotten (so invented names do not pile up)."""
    for name, entry in list(data["failures"].items()):
        until, last = parse_time(entry.get("locked_until")), parse_time(entry.get("last_at"))
        if (until is None or until <= moment) and (last is None or failures_in_a_row(1, last, moment) == 1):
            del data["failures"][name]


def _add_pending(data: KeyData, name: str, summary: str, passphrase: bool) -> None:
    pending = data["pending_audit"]
    if len(pending) >= PENDING_AUDIT_MAX:
        last = pending[-1]
        if last.get("more"):
            last["changes"]["attempts"] += 1
            last["changes"]["passphrase"] += int(passphrase)
            last["summary"] = f"{last['changes']['attempts']} more failed sign-ins, not listed one by one"
            return
        pending.append(
            {
                "at": now_iso(),
                "username": "sign-in",
                "action": "sign_in_failed",
                "more": True,
                "summary": "1 more failed sign-in, not listed one by one",
                "changes": {"attempts": 1, "passphrase": int(passphrase)},
            }
        )
        return
    pending.append(
        {
            "at": now_iso(),
            "username": f"{name} (not signed in)",
            "action": "sign_in_failed",
            "summary": summary,
            "changes": {"attempts": 1, "passphrase": int(passphrase)},
        }
    )


def count_wrong_try(data_dir: Path, username: str) -> None:
    """A wrong try against the typed name whose audit row is already in the database."""

    def change(data: KeyData) -> None:
        _count_name(data, username.strip(), now())

    _edit(data_dir, change)


def forget_failures(data_dir: Path, username: str) -> None:
    """A good sign-in: the name's run of wrong tries is over."""
    if _name(username) in keyfile.load(data_dir)["failures"]:
        _edit(data_dir, lambda data: data["failures"].pop(_name(username), None))
