"""`sencodesk pupils`: list the register (table, CSV or JSON)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from ..domain import codes
from ..domain.plural import plural
from ..services import pupils
from . import add_data_dir, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("pupils", help="list the pupils on roll (the register)")
    add_data_dir(p)
    p.add_argument("--status", choices=["K", "E", "N"], help="only pupils with this SEN status")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--leavers", action="store_true", help="include pupils who have left")
    p.set_defaults(handler=run)


COLUMNS = ["surname", "forename", "year", "class", "sen_status", "primary_need", "secondary_need"]


def run(args: argparse.Namespace) -> int:
    actor = open_for(args)
    try:
        rows = [
            r
            for r in pupils.list_register(actor, include_leavers=args.leavers)
            if not args.status or r.sen_status == args.status
        ]
    finally:
        actor.close()
    records = [
        {
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
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        widths = {c: max([len(c)] + [len(str(r[c])) for r in records]) for c in COLUMNS}
        print("  ".join(c.ljust(widths[c]) for c in COLUMNS))
        for r in records:
            print("  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS))
        print(plural(len(records), "pupil"))
    return 0
