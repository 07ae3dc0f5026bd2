"""Before the school opens: check the data file and take the day's backup.

A damaged (or missing) file is never opened: the person is told so in plain words and offered
the latest good backup, which is restored while nothing has the file open. Without a good backup
the app says so and closes rather than crash on a damaged file. An encrypted file cannot be read
before sign-in: it is checked as sign-in opens it, and found damaged there the same offer is made,
with the key the person's password (or the passphrase) has just unwrapped from the keys file.
"""

from __future__ import annotations

import logging
import tkinter
from pathlib import Path

import ttkbootstrap as ttk

from ..domain.errors import UserError
from ..services import backup_files, backups, restore_access, users
from ..services.actor import Actor
from . import dialogs

log = logging.getLogger(__name__)


def check_data_file(folder: Path) -> bool:
    """True when the data file may be opened (sound, or restored from a good backup just now)."""
    try:
        check = backups.on_app_start(folder)
    except Exception:  # the day's backup failing (backups drive unplugged, a file
        # it cannot read) must never stop the school opening; opening checks the file itself.
        log.exception("start-up check or backup could not run")
        return True
    if check.ok:
        return True
    return _with_root(lambda root: _offer_restore(root, folder, check))


def _offer_restore(root: tkinter.Misc, folder: Path, check: backups.StartupCheck) -> bool:
    if check.latest_good is None:
        dialogs.show_error(root, check.message)
        return False
    if not dialogs.confirm(root, check.message, yes="Restore the backup", no="Close SENCO desk"):
        return False
    try:
        restorer = restore_access.authorise_restore(folder, check.latest_good.path)
        kept = backups.restore_backup(
            folder, check.latest_good.path, restorer.user, restorer.key, how=restorer.how
        )
    except UserError as e:
        dialogs.show_error(root, e.message)
        return False
    _restored(root, check.latest_good, kept)
    return True


def _restored(root: tkinter.Misc, backup: backup_files.BackupInfo, kept) -> None:
    where = f" The damaged file was kept as {kept}, in case IT can recover more from it." if kept else ""
    dialogs.show_info(
        root,
        f"The backup from {backup.day_and_time} is back in place. Anything saved after then needs "
        f"to be entered again.{where}",
    )


def sign_in_or_restore(
    root: tkinter.Misc, folder: Path, name: str, password: str, passphrase: str | None
) -> Actor:
    """Sign in; when the (encrypted) file turns out damaged or missing once its key is unwrapped,
    offer the latest good backup, restore it with that key, then sign in to it."""
    try:
        return users.sign_in(folder, name, password, passphrase=passphrase)
    except restore_access.DamagedDatabase as damaged:
        try:
            restorer = restore_access.authorise_restore(
                folder, None, username=name, password=password, passphrase=passphrase
            )
        except UserError as refused:  # a teacher may not restore: still told what is wrong
            raise UserError(f"{damaged.message} {refused.message}") from damaged
        if restorer.backup is None:
            raise
        what = "missing from its folder" if "missing" in damaged.message else "damaged"
        if not dialogs.confirm(
            root,
            f"The SENCO desk data file is {what}, so it was not opened (nothing has been changed). "
            f"The latest good backup is from {restorer.backup.day_and_time}: restore it?",
            yes="Restore the backup",
            no="Not now",
        ):
            raise
        kept = backups.restore_backup(
            folder, restorer.backup.path, restorer.user, restorer.key, how=restorer.how
        )
        _restored(root, restorer.backup, kept)
    return users.sign_in(folder, name, password, passphrase=passphrase)


def _with_root(ask):
    """Dialogs need a root; at start-up there is none yet, so a hidden one is made and then
    destroyed (ttkbootstrap allows a new root after the first is destroyed)."""
    root = tkinter._default_root
    made = root is None
    if made:
        root = ttk.App(title="SENCO desk")
        root.withdraw()
    try:
        return ask(root)
    finally:
        if made:
            root.destroy()


def backup_after_sign_in(actor) -> None:
    """An encrypted school cannot be read before sign-in, so its day's (encrypted) backup is
    taken once sign-in has unlocked it. A failed backup never stops the school opening."""
    if actor.key is None:
        return
    try:
        # Opening the school has just run the quick check on the file: not again.
        backups.daily_backup(actor.data_dir, key=actor.key, checked=True)
    except Exception:  # logged; the person carries on
        log.exception("the day's backup of an encrypted school could not be taken")
