"""`sencodesk pupils`: list the register (table, CSV or JSON)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from ..domain import codes
from ..domain.plural import plural
from . import add_common, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("pupils", help="list the pupils on roll (the register)")
    add_common(p)
    p.add_argument("--status", choices=["K", "E", "N"], help="only pupils with this SEN status")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--leavers", action="store_true", help="include pupils who have left")
    p.add_argument(
        "--upn",
        action="store_true",
        help="add each pupil's UPN (what export and sar take); keep such a list inside the school",
    )
    p.set_defaults(handler=run)


COLUMNS = ["surname", "forename", "year", "class", "sen_status", "primary_need", "secondary_need"]


def run(args: argparse.Namespace) -> int:
    from ..services import pupils

    actor = open_for(args)
    try:
        rows = pupils.list_register(actor, include_leavers=args.leavers, sen_status=args.status)
    finally:
        actor.close()
    columns = (["upn"] if args.upn else []) + COLUMNS
    records = [
        ({"upn": r.upn} if args.upn else {})
        | {
            "surname": r.surname,
            "forename": r.forename,
            "year": codes.year_label(r.year_group),
            "class": r.class_name,
            "sen_status": r.sen_status,
            "primary_need": r.primary_need or "",
            "secondary_need": r.secondary_need or "",
        }
        for r in rows
    ]
    if args.format == "json":
        json.dump(records, sys.stdout, indent=2)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        widths = {c: max([len(c)] + [len(str(r[c])) for r in records]) for c in columns}
        print("  ".join(c.ljust(widths[c]) for c in columns))
        for r in records:
            print("  ".join(str(r[c]).ljust(widths[c]) for c in columns))
        print(plural(len(records), "pupil"))
    return 0
