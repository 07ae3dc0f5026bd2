"""The command line: `sencodesk [--data-dir DIR] [COMMAND ...]`. Talks to services only.

With no command it opens the GUI. Each sub-command lives in its own module here and adds
itself through a `register(subparsers)` function listed in COMMANDS. Every module is imported to
build the parser, so each imports its services inside its handler: a script's `sencodesk pupils`
must not pay for reportlab and the packs it never uses.
Exit codes: 0 ok, 1 a problem the person must fix (plain words on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from .. import __version__
from ..domain.errors import UserError, ValidationError

log = logging.getLogger(__name__)

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
    "attach",
    "meetings",
    "users",
    "passphrase",
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
    add_common(parser)
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


def add_common(parser: argparse.ArgumentParser) -> None:
    """--data-dir and --user, taken before the sub-command or after it alike."""
    add_data_dir(parser)
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help="sign in as this user (default: $SENCODESK_USER); the password is "
        "asked for, or taken from $SENCODESK_PASSWORD",
    )


def add_overwrite(parser: argparse.ArgumentParser, *outputs: str) -> None:
    """--overwrite for a command writing the files named by the options `outputs` (dests)."""
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the output file if it already exists (a file SENCO desk made itself is "
        "replaced anyway; never a file in the data folder, a folder or a device)",
    )
    parser.set_defaults(output_options=outputs)


MAX_DAYS_AHEAD = 3660  # ten years: further than any statutory date or review is planned


def days_ahead(days: int) -> int:
    """A --within value: a number of days from today, 0 to ten years."""
    if not 0 <= days <= MAX_DAYS_AHEAD:
        raise UserError(
            f"--within is a number of days from today, from 0 to {MAX_DAYS_AHEAD:,} (ten years); "
            "for example --within 56 for the next 8 weeks."
        )
    return days


def ask_secret(env: str, prompt: str) -> str:
    """A password or passphrase: from the environment variable `env` (scripts), else asked for
    without echo. With no terminal to ask in (a scheduled task), say which variable to set."""
    import getpass

    value = os.environ.get(env)
    if value is not None:
        return value
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise UserError(
            f"{prompt.rstrip(': ')} is needed and there is no terminal to ask in: set {env} for scripts."
        ) from None


def data_dir_of(args: argparse.Namespace) -> Path:
    return getattr(args, "data_dir", None) or default_data_dir()


def no_school_here(data_dir: Path) -> UserError:
    """A mistyped --data-dir must not quietly create an empty school and report "0 pupils"."""
    return UserError(
        f"There is no SENCO desk school in {data_dir}. Check the folder name "
        f'(or make a demo school there with: sencodesk demo --data-dir "{data_dir}").'
    )


def open_for(args: argparse.Namespace, *, must_exist: bool = True):
    """The Actor a command acts as: the data folder and the person acting.

    Every sub-command opens its Actor here, so sign-in (--user, SENCODESK_USER) is one place.
    The password comes from SENCODESK_PASSWORD (scripts) or a prompt that does not echo; an
    encrypted school asks once per person for its passphrase (SENCODESK_PASSPHRASE). A school
    with no accounts yet (fresh, or the demo before its accounts) acts as the built-in local
    SENCO, as it did before accounts existed. A mistyped --data-dir must not quietly create an
    empty school and report "0 pupils" (must_exist).
    """
    from ..services import encryption
    from ..services.actor import open_school, school_exists
    from ..services.backup_files import missing_data_file
    from ..services.users import PassphraseNeeded, has_accounts, sign_in

    data_dir = data_dir_of(args)
    if data_dir.exists() and not data_dir.is_dir():
        raise UserError(
            f"{data_dir} is a file, not a folder: --data-dir (or SENCODESK_DATA) names the folder "
            "that holds the school's data (sencodesk.db)."
        )
    # A keys file without its data file: sign-in unwraps the key, then names the latest backup.
    if must_exist and not school_exists(data_dir) and not encryption.is_encrypted(data_dir):
        missing = missing_data_file(data_dir)
        if missing is not None:
            raise missing
        raise no_school_here(data_dir)
    username = getattr(args, "user", None) or os.environ.get("SENCODESK_USER")
    if not username:
        key = None
        if encryption.is_encrypted(data_dir):
            key = encryption.unlock_with_passphrase(
                data_dir, ask_secret("SENCODESK_PASSPHRASE", "School passphrase: ")
            )
        actor = open_school(data_dir, key=key)
        if has_accounts(actor):
            actor.close()
            raise UserError(
                "This school has staff accounts: sign in with --user NAME (or set SENCODESK_USER)."
            )
        return _noted(actor)
    password = ask_secret("SENCODESK_PASSWORD", f"Password for {username}: ")
    try:  # a passphrase already in the environment goes with the first try (one try, one count)
        actor = sign_in(data_dir, username, password, passphrase=os.environ.get("SENCODESK_PASSPHRASE"))
    except PassphraseNeeded as e:
        print(e.message, file=sys.stderr)
        actor = sign_in(
            data_dir, username, password, passphrase=ask_secret("SENCODESK_PASSPHRASE", "School passphrase: ")
        )
    try:
        _signed_in(actor, password)
    except BaseException:
        actor.close()
        raise
    return _noted(actor)


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


def _noted(actor):
    """A read-only school can be read, but what is done cannot be audited: say so first."""
    if actor.readonly:
        print(
            f"Note: the school's data folder ({actor.data_dir}) is read-only. SENCO desk can show "
            "and export its data but change nothing, and this sign-in and any export cannot be "
            "written to its audit trail.",
            file=sys.stderr,
        )
    return actor


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
        _confirm_outputs(args)
        return args.handler(args) or 0
    except UserError as e:
        from ..outputs import NotReplaced

        if isinstance(e, NotReplaced):
            return fail(f"{e.left_as_it_is} Choose another name, or add --overwrite to replace it.")
        return fail(e.message)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sencodesk due | head`: the reader stopped listening; not an error
        sys.stdout = None
        return 0
    except Exception as e:
        # A full disk, a read-only folder, a folder where a file should be: plain words (and the
        # details in the log). Anything else is a bug: its traceback is shown and logged.
        from ..environment import explain

        words = explain(e, folder=getattr(args, "data_dir", None))
        if words is None:
            log.exception("unexpected error in sencodesk %s", args.command)
            raise
        log.warning("sencodesk %s: %s", args.command, words, exc_info=True)
        return fail(words)


def _confirm_outputs(args: argparse.Namespace) -> None:
    """--overwrite: the person has said yes to replacing the files this command writes."""
    if getattr(args, "overwrite", False):
        from ..outputs import confirm_replace

        for option in getattr(args, "output_options", ()):
            if getattr(args, option, None):
                confirm_replace(getattr(args, option))


if __name__ == "__main__":
    sys.exit(main())
