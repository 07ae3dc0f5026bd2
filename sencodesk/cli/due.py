"""`sencodesk due`: reviews overdue and due soon, one line each (no UPN: it gets printed); for a
teacher/TA also the SENCO's requests for their observations not yet answered."""

from __future__ import annotations

import argparse
from datetime import date

from ..domain.plural import plural
from . import add_common, days_ahead, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "due", help="list reviews overdue and due soon (and, for a teacher, requests for their observations)"
    )
    add_common(p)
    p.add_argument(
        "--within",
        type=int,
        metavar="DAYS",
        help="also list reviews due in the next DAYS days (default: the next 2 weeks, as on the dashboard)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import dashboard, staff_requests

    within = dashboard.DUE_WITHIN_DAYS if args.within is None else days_ahead(args.within)
    actor = open_for(args)
    try:
        overdue, due = dashboard.reviews_due(actor, within=within)
        asked = staff_requests.my_requests(actor) if actor.user.can("observations.answer") else []
    finally:
        actor.close()
    for item in overdue + due:
        print(item.line)
    print(f"{len(overdue)} overdue, {len(due)} due in the next {plural(within, 'day')}")
    if asked:  # answered in the app, at any school PC where they sign in
        today = date.today()
        print()
        print(f"Requests for your observations ({len(asked)}), to answer in SENCO desk:")
        for request in asked:
            print(request.line(today))
    return 0
