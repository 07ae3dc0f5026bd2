"""`sencodesk passphrase reset --recovery-key`: a forgotten school passphrase, reset with the
recovery key from the school safe (nobody signs in: holding the key is the authority). The
SENCO who knows the passphrase changes it in the app (Accounts)."""

from __future__ import annotations

import argparse
import os

from . import add_data_dir, ask_secret, data_dir_of, no_school_here


def register(subparsers) -> None:
    p = subparsers.add_parser("passphrase", help="reset a forgotten school passphrase with the recovery key")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    reset = actions.add_parser(
        "reset", help="set a new school passphrase with the recovery key from the school safe"
    )
    add_data_dir(reset)
    reset.add_argument(
        "--recovery-key",
        action="store_true",
        required=True,
        help="use the recovery key (asked for, or taken from $SENCODESK_RECOVERY_KEY); the new "
        "passphrase is asked for twice, or taken from $SENCODESK_NEW_PASSPHRASE",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..domain.errors import UserError
    from ..services import encryption
    from ..services.actor import school_exists

    data_dir = data_dir_of(args)
    if data_dir.exists() and not data_dir.is_dir():
        raise UserError(f"{data_dir} is a file, not a folder: --data-dir names the school's data folder.")
    if not encryption.is_encrypted(data_dir):  # said before any secret is asked for
        raise UserError(encryption.NOT_ENCRYPTED) if school_exists(data_dir) else no_school_here(data_dir)
    recovery_key = ask_secret("SENCODESK_RECOVERY_KEY", "Recovery key: ")
    new = ask_secret("SENCODESK_NEW_PASSPHRASE", "New school passphrase: ")
    if (
        "SENCODESK_NEW_PASSPHRASE" not in os.environ
        and ask_secret("SENCODESK_NEW_PASSPHRASE", "Type it again: ") != new
    ):
        raise UserError("The two passphrases were different. Nothing was changed.")
    encryption.reset_passphrase_with_recovery_key(data_dir, recovery_key, new)
    print(
        "The school passphrase is changed. Staff who have signed in since the school was encrypted "
        "carry on with their own password; anyone signing in for the first time types the new one."
    )
    return 0
