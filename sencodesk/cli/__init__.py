"""The command line: `sencodesk [--data-dir DIR] [COMMAND ...]`. Talks to services only.

With no command it opens the GUI. Each sub-command lives in its own module here and adds
itself through a `register(subparsers)` function listed in COMMANDS.
Exit codes: 0 ok, 1 a problem the person must fix (plain words on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from .. import __version__
from ..domain.errors import UserError, ValidationError

# Sub-command modules (sencodesk/cli/<name>.py), in the order `--help` lists them.
COMMANDS = [
    "pupils",
    "demo",
    "check",
    "due",
    "deadlines",
    "importing",
    "backup",
    "restore",
    "sar",
    "export",
    "users",
    "audit",
]


def default_data_dir() -> Path:
    from ..paths import user_data_dir

    return Path(os.environ.get("SENCODESK_DATA") or user_data_dir())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sencodesk",
        description="SENCO desk: the SEN register, graduated approach and EHC evidence packs.",
    )
    parser.add_argument("--version", action="version", version=f"SENCO desk {__version__}")
    add_data_dir(parser)
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help="sign in as this user (default: $SENCODESK_USER); the password is "
        "asked for, or taken from $SENCODESK_PASSWORD",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a fresh demo school in a temporary folder"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a temporary demo school (database, PDF, "
        "main window) and exit 0 only if all is well",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder holding the school's data (default: $SENCODESK_DATA or "
        "this computer's user data folder)",
    )


def data_dir_of(args: argparse.Namespace) -> Path:
    return getattr(args, "data_dir", None) or default_data_dir()


def open_for(args: argparse.Namespace, *, must_exist: bool = True):
    """The Actor a command acts as: the data folder and the person acting.

    Every sub-command opens its Actor here, so sign-in (--user, SENCODESK_USER) is one place.
    The password comes from SENCODESK_PASSWORD (scripts) or a prompt that does not echo; an
    encrypted school asks once per person for its passphrase (SENCODESK_PASSPHRASE). A school
    with no accounts yet (fresh, or the demo before its accounts) acts as the built-in local
    SENCO, as it did before accounts existed. A mistyped --data-dir must not quietly create an
    empty school and report "0 pupils" (must_exist).
    """
    import getpass

    from ..services import encryption
    from ..services.actor import open_school, school_exists
    from ..services.users import PassphraseNeeded, has_accounts, sign_in

    def secret(env: str, prompt: str) -> str:
        value = os.environ.get(env)
        if value is not None:
            return value
        try:
            return getpass.getpass(prompt)
        except EOFError:  # no terminal to ask in (a script, a scheduled task)
            raise UserError(
                f"{prompt.rstrip(': ')} is needed and there is no terminal to ask in: set {env} for scripts."
            ) from None

    data_dir = data_dir_of(args)
    if must_exist and not school_exists(data_dir):
        raise UserError(
            f"There is no SENCO desk school in {data_dir}. Check the folder name "
            f'(or make a demo school there with: sencodesk demo --data-dir "{data_dir}").'
        )
    username = getattr(args, "user", None) or os.environ.get("SENCODESK_USER")
    if not username:
        key = None
        if encryption.is_encrypted(data_dir):
            key = encryption.unlock_with_passphrase(
                data_dir, secret("SENCODESK_PASSPHRASE", "School passphrase: ")
            )
        actor = open_school(data_dir, key=key)
        if has_accounts(actor):
            actor.close()
            raise UserError(
                "This school has staff accounts: sign in with --user NAME (or set SENCODESK_USER)."
            )
        return actor
    password = secret("SENCODESK_PASSWORD", f"Password for {username}: ")
    try:  # a passphrase already in the environment goes with the first try (one try, one count)
        actor = sign_in(data_dir, username, password, passphrase=os.environ.get("SENCODESK_PASSPHRASE"))
    except PassphraseNeeded as e:
        print(e.message, file=sys.stderr)
        actor = sign_in(
            data_dir, username, password, passphrase=secret("SENCODESK_PASSPHRASE", "School passphrase: ")
        )
    try:
        _signed_in(actor, password)
    except BaseException:
        actor.close()
        raise
    return actor


def _signed_in(actor, password: str) -> None:
    """After a good sign-in: the SENCO's notice of failed sign-ins, and a new password first
    when the SENCO set this one (as the app asks): from SENCODESK_NEW_PASSWORD (the variable
    `users add` and `users reset` read too), or typed twice at a terminal, or refused in words."""
    import getpass

    from ..services.users import change_own_password, must_change_password, sign_in_notice

    notice = sign_in_notice(actor)
    if notice:
        print(f"sencodesk: {notice}", file=sys.stderr)
    if not must_change_password(actor):
        return
    who = actor.user.username
    must = f"The SENCO has set a password for {who}, and it must be changed before anything else."
    new = os.environ.get("SENCODESK_NEW_PASSWORD")
    if new is None:
        try:
            print(f"The SENCO has set a password for {who}: choose your own now.", file=sys.stderr)
            new = getpass.getpass(f"New password for {who}: ")
            if getpass.getpass("Type it again: ") != new:
                raise UserError("The two new passwords were different. Nothing was changed.")
        except EOFError:  # no terminal to ask in (a script, a scheduled task)
            raise UserError(
                f"{must} Choose your own by signing in to the SENCO desk app, or by running this "
                "command at a terminal; a script can set SENCODESK_NEW_PASSWORD."
            ) from None
    try:
        change_own_password(actor, password, new)
    except ValidationError as e:
        raise UserError(f"{must} The new one was not accepted: {e.message}") from None
    print("Your password is changed.", file=sys.stderr)


def fail(message: str) -> int:
    print(f"sencodesk: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..logs import setup_logging

    try:
        if args.self_test:
            from ..selftest import run_self_test

            return run_self_test()
        if args.command is None:
            from ..ui.app import run

            return run(data_dir=None if args.demo else data_dir_of(args), demo=args.demo)
        setup_logging(data_dir_of(args), console=False)
        return args.handler(args) or 0
    except UserError as e:
        return fail(e.message)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sencodesk due | head`: the reader stopped listening; not an error
        sys.stdout = None
        return 0


if __name__ == "__main__":
    sys.exit(main())
