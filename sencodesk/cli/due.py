"""`sencodesk due`: reviews overdue and due soon, one line each (no UPN: it gets printed)."""

from __future__ import annotations

import argparse

from ..domain.plural import plural
from ..services import dashboard
from . import add_data_dir, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("due", help="list reviews overdue and due soon")
    add_data_dir(p)
    p.add_argument(
        "--within",
        type=int,
        default=dashboard.DUE_WITHIN_DAYS,
        metavar="DAYS",
        help=f"also list reviews due in the next DAYS days (default {dashboard.DUE_WITHIN_DAYS})",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.within < 0:
        from ..domain.errors import UserError

        raise UserError("--within is a number of days from today: 0 or more.")
    actor = open_for(args)
    try:
        overdue, due = dashboard.reviews_due(actor, within=args.within)
    finally:
        actor.close()
    for item in overdue + due:
        print(item.line)
    print(f"{len(overdue)} overdue, {len(due)} due in the next {plural(args.within, 'day')}")
    return 0
