"""`sencodesk restore FILE`: put a backup back (checked first; the current file is kept).

A sound school signs in first, as every command does (only the SENCO may restore). A damaged or
missing data file cannot be opened to sign in, which is exactly when a restore is needed: then
an encrypted school's key is unwrapped from the keys file alone, with the person's password, the
school passphrase or (--recovery-key) the recovery key (services/restore_access.py says who may).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ..domain.errors import UserError
from ..services import backups, encryption, restore_access
from ..services.actor import Actor, open_school
from . import _signed_in, add_common, data_dir_of


def register(subparsers) -> None:
    p = subparsers.add_parser("restore", help="restore the data file from a backup")
    add_common(p)
    p.add_argument(
        "--recovery-key",
        action="store_true",
        help="the data file is damaged or missing and no password opens the school: use the recovery "
        "key from the school safe (asked for, or taken from $SENCODESK_RECOVERY_KEY)",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    p.set_defaults(handler=run)


class _Secrets:
    """What the person types, asked for once each (or taken from the environment, for scripts)."""

    def __init__(self, username: str | None):
        self.username = username
        self._given: dict[str, str] = {}

    def get(self, env: str, prompt: str) -> str:
        if env not in self._given:
            value = os.environ.get(env)
            if value is None:
                try:
                    value = getpass.getpass(prompt)
                except EOFError:  # no terminal to ask in (a script, a scheduled task)
                    raise UserError(
                        f"{prompt.rstrip(': ')} is needed and there is no terminal to ask in: "
                        f"set {env} for scripts."
                    ) from None
            self._given[env] = value
        return self._given[env]

    def password(self) -> str | None:
        return self.get("SENCODESK_PASSWORD", f"Password for {self.username}: ") if self.username else None

    def passphrase(self) -> str:
        return self.get("SENCODESK_PASSPHRASE", "School passphrase: ")

    def recovery_key(self) -> str:
        return self.get("SENCODESK_RECOVERY_KEY", "Recovery key: ")


def run(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args)
    asked = _Secrets(getattr(args, "user", None) or os.environ.get("SENCODESK_USER"))
    actor = None
    if not args.recovery_key and not restore_access.data_file_unusable(data_dir):
        try:
            actor = _sign_in(data_dir, asked)
        except restore_access.DamagedDatabase:
            actor = None  # an encrypted file found damaged once its key was unwrapped
    if actor is not None:
        # Signed in: then the connection is closed, since the file must not be open while replaced.
        user, key, how = actor.user, actor.key, ""
        actor.close()
    else:
        print(
            "The data file is damaged or missing, so SENCO desk restores without opening it.",
            file=sys.stderr,
        )
        restorer = restore_access.authorise_restore(
            data_dir,
            args.file,
            username=asked.username,
            password=asked.password()
            if encryption.is_encrypted(data_dir) and not args.recovery_key
            else None,
            passphrase=_passphrase_if_needed(data_dir, asked, args.recovery_key),
            recovery_key=asked.recovery_key() if args.recovery_key else None,
        )
        user, key, how = restorer.user, restorer.key, restorer.how
    kept = backups.restore_backup(data_dir, args.file, user, key=key, how=how)
    print(f"Restored {args.file}.")
    if kept:
        print(f"The data as it was before is kept as {kept}")
    return 0


def _passphrase_if_needed(data_dir: Path, asked: _Secrets, recovery: bool) -> str | None:
    """Without a user name (or recovery key) an encrypted school's key needs the passphrase."""
    if recovery or asked.username or not encryption.is_encrypted(data_dir):
        return None
    return asked.passphrase()


def _sign_in(data_dir: Path, asked: _Secrets) -> Actor:
    """The usual sign-in (as every command's), with the answers kept for a restore without it."""
    from ..services.users import PassphraseNeeded, has_accounts, sign_in

    if asked.username:
        password = asked.password() or ""
        try:
            actor = sign_in(data_dir, asked.username, password)
        except PassphraseNeeded as e:
            print(e.message, file=sys.stderr)
            actor = sign_in(data_dir, asked.username, password, passphrase=asked.passphrase())
        try:  # as every command: a password the SENCO set must be changed first
            _signed_in(actor, password)
        except BaseException:
            actor.close()
            raise
        return actor
    key = None
    if encryption.is_encrypted(data_dir):
        key = encryption.unlock_with_passphrase(data_dir, asked.passphrase())
    actor = open_school(data_dir, key=key)
    if has_accounts(actor):
        actor.close()
        raise UserError("This school has staff accounts: sign in with --user NAME (or set SENCODESK_USER).")
    return actor
