"""`sencodesk meetings list|add`: meetings with parents (Code of Practice 6.65: at least three a
year for a pupil on SEN support). `list` names the pupils on SEN support whose parents have been
met fewer than three times this school year (no UPN: it gets printed); `add` records a meeting."""

from __future__ import annotations

import argparse

from ..domain.codes import year_label
from ..domain.dates import uk
from ..domain.parent_meetings import HOW
from ..domain.plural import plural
from . import add_common, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "meetings", help="meetings with parents: who is short of three this year; record one"
    )
    kinds = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = kinds.add_parser(
        "list", help="pupils on SEN support whose parents were met fewer than three times this school year"
    )
    add_common(listing)
    listing.set_defaults(handler=run_list)
    add = kinds.add_parser("add", help="record a meeting held with a pupil's parents or carers")
    add_common(add)
    add.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    add.add_argument("--on", required=True, dest="held_on", help="the day it was held, DD/MM/YYYY")
    add.add_argument("--who", required=True, help="who was there, e.g. 'Mrs Kowalska (mother), Miss Patel'")
    add.add_argument("--agreed", default="", help="what was agreed")
    add.add_argument(
        "--how", choices=list(HOW), default="in_person", help="in person (default), phone or video"
    )
    add.set_defaults(handler=run_add)


def run_list(args: argparse.Namespace) -> int:
    from datetime import date

    from ..services import parent_meetings

    today = date.today()
    actor = open_for(args)
    try:
        short = parent_meetings.meetings_short(actor, today=today)
    finally:
        actor.close()
    for item in short:
        p = item.pupil
        where = ", ".join(x for x in (year_label(p.year_group), p.class_name) if x)
        last = f"last met {uk(item.year.last)}" if item.year.last else "not met yet"
        print(f"{p.name} ({where}): {item.year.words(today)}; {last}")
    terms = (
        " (terms: the typical pattern; set the school's in Settings)"
        if short and short[0].year.approximate
        else ""
    )
    print(
        f"{plural(len(short), 'pupil')} on SEN support with fewer than three meetings this school year{terms}"
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    from ..services import parent_meetings, pupils

    actor = open_for(args)
    try:
        pupil = pupils.find_pupil_by_upn(actor, args.upn)
        assert pupil.id is not None  # a pupil read from the school has its id
        form = {"held_on": args.held_on, "attendees": args.who, "agreed": args.agreed, "how": args.how}
        parent_meetings.record_meeting(actor, pupil.id, form)
        count = parent_meetings.pupil_meetings(actor, pupil.id).year
    finally:
        actor.close()
    print(f"Recorded the meeting with {pupil.display_name}'s parents on {args.held_on}.")
    print(f"Meetings with them this school year: {count.count} of 3.")
    return 0
