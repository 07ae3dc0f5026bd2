"""`sencodesk users add|list|disable|enable|reset`: staff accounts (SENCO only)."""

from __future__ import annotations

import argparse

from ..domain.dates import uk
from ..domain.plural import plural
from ..domain.users import ROLES
from . import add_common, ask_secret, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("users", help="staff accounts: add, list, disable, enable, reset")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create an account")
    add_common(add)
    add.add_argument("username")
    add.add_argument("--name", required=True, help="the person's name as the history shows it")
    add.add_argument("--role", required=True, choices=sorted(ROLES))
    lst = actions.add_parser("list", help="list the accounts")
    add_common(lst)
    for name, text in (
        ("disable", "stop an account signing in (kept for the history)"),
        ("enable", "let a disabled account sign in again"),
        ("reset", "give someone a new password (and unlock them)"),
    ):
        a = actions.add_parser(name, help=text)
        add_common(a)
        a.add_argument("username")
    p.set_defaults(handler=run)


def _new_password(prompt_for: str) -> str:
    """SENCODESK_NEW_PASSWORD for scripts, else asked twice without echo (no terminal: say so)."""
    import os

    first = ask_secret("SENCODESK_NEW_PASSWORD", f"New password for {prompt_for}: ")
    if (
        "SENCODESK_NEW_PASSWORD" not in os.environ
        and ask_secret("SENCODESK_NEW_PASSWORD", "Type it again: ") != first
    ):
        from ..domain.errors import UserError

        raise UserError("The two passwords were different. Nothing was changed.")
    return first


def run(args: argparse.Namespace) -> int:
    from ..services import users

    actor = open_for(args)
    try:
        if args.action == "list":
            rows = users.list_users(actor)
            print(f"{'user name':<16}{'name':<24}{'role':<14}{'status':<12}last sign-in")
            for a in rows:
                status = (
                    "disabled"
                    if not a.active
                    else "no sign-in"  # named on records; never given a password
                    if not a.can_sign_in
                    else "locked"
                    if a.locked_until
                    else "active"
                )
                print(
                    f"{a.username:<16}{a.display_name:<24}{a.role_label:<14}{status:<12}"
                    f"{uk(a.last_sign_in) + ' ' + a.last_sign_in[11:16] if a.last_sign_in else 'never'}"
                )
            print(plural(len(rows), "account"))
            if any(not a.can_sign_in for a in rows):
                print(
                    '"no sign-in": staff named on records, with no password yet. '
                    "To let one sign in: sencodesk users reset USERNAME"
                )
        elif args.action == "add":
            actor.require("users.admin")  # before asking for a password nobody may set
            users.create_user(
                actor,
                {
                    "username": args.username,
                    "display_name": args.name,
                    "role": args.role,
                    "password": _new_password(args.username),
                },
            )
            print(f"Account {args.username} created. They choose their own password at first sign-in.")
        elif args.action == "reset":
            actor.require("users.admin")
            users.reset_password(actor, args.username, _new_password(args.username))
            print(f"Password of {args.username} reset; they choose a new one at next sign-in.")
        else:
            users.set_active(actor, args.username, args.action == "enable")
            print(f"Account {args.username} {args.action}d.")
    finally:
        actor.close()
    return 0
