"""`sencodesk deadlines`: every statutory date across the school, overdue first, then the next
weeks; optionally written to an .ics calendar file (initials only, no UPN)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..domain.codes import year_label
from ..domain.plural import plural
from . import add_common, add_overwrite, days_ahead, open_for

RECORDS = {
    "ehcna_request": "EHCNA request",
    "ehc_plan": "EHC plan",
    "annual_review": "Annual review",
    "consultation": "Consultation",
    "parent_meetings": "Meetings with parents",
}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "deadlines",
        help="statutory deadlines (EHCNA requests, EHC plans, annual "
        "reviews, consultations): overdue first, then coming up",
    )
    add_common(p)
    p.add_argument(
        "--within",
        type=int,
        metavar="DAYS",
        help="how many days ahead to list (default: the next 8 weeks)",
    )
    p.add_argument(
        "--ics",
        type=Path,
        metavar="FILE",
        help="also write them to this calendar file for Outlook (pupils' initials only)",
    )
    add_overwrite(p, "ics")
    p.set_defaults(handler=run)


def _when(step, today: date) -> str:
    if step.overdue(today):
        return step.state(today).upper()
    if step.lifted:
        return "limit lifted"
    if step.actual:
        return f"booked {step.actual:%d/%m/%Y}"
    left = step.days_left(today)
    return "due today" if left == 0 else f"in {plural(left, 'day')}"


def run(args: argparse.Namespace) -> int:
    from ..services import deadlines

    within = deadlines.DEFAULT_WITHIN_DAYS if args.within is None else days_ahead(args.within)
    today = date.today()
    actor = open_for(args)
    try:
        items = deadlines.deadlines(actor, within_days=within, today=today)
        written = deadlines.export_ics(actor, args.ics, within_days=within, today=today) if args.ics else None
    finally:
        actor.close()
    rows = [
        (
            f"{d.step.due:%d/%m/%Y}",
            _when(d.step, today),
            d.step.what,
            d.pupil_name + ("" if d.year_group is None else f" ({year_label(d.year_group)})"),
            RECORDS.get(d.record, d.record),
            f"owed by {d.step.owed_by}",
        )
        for d in items
    ]
    header = ("Due", "Status", "What", "Pupil", "Record", "Who")
    if rows:
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        for r in [header, *rows]:
            print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    overdue = sum(d.step.overdue(today) for d in items)
    coming = len(items) - overdue
    print(f"{plural(len(items), 'deadline')}: {overdue} overdue, {coming} in the next {within} days.")
    if written is not None:
        print(f"Calendar written to {args.ics} ({plural(written, 'event')}, initials only).")
    return 0
