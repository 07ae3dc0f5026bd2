"""`sencodesk audit [--upn UPN] [--format table|csv]`: the audit trail (SENCO, Headteacher)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from ..domain.dates import uk
from . import add_common, open_for

COLUMNS = ["when", "who", "action", "what", "pupil", "summary", "changes"]


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="the audit trail: who changed what, and when")
    add_common(p)
    p.add_argument("--upn", help="only this pupil's trail")
    p.add_argument("--format", choices=["table", "csv"], default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import audit

    actor = open_for(args)
    try:
        rows = audit.audit_trail(actor, upn=args.upn, export=args.format == "csv")
        names = audit.pupil_names(actor, {r.pupil_id for r in rows if r.pupil_id})
    finally:
        actor.close()
    records = [
        {
            "when": f"{uk(r.at)} {r.at[11:16]}",
            "who": r.who,
            "action": r.action,
            "what": r.entity + (f" {r.entity_id}" if r.entity_id is not None else ""),
            "pupil": names.get(r.pupil_id, "") if r.pupil_id else "",
            "summary": r.summary,
            "changes": json.dumps(r.changes, ensure_ascii=False) if r.changes else "",
        }
        for r in rows
    ]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return 0
    for r in records:
        pupil = f" [{r['pupil']}]" if r["pupil"] else ""
        print(f"{r['when']}  {r['who']}: {r['summary'] or r['action']}{pupil}")
    print(f"{len(records)} entr{'y' if len(records) == 1 else 'ies'}")
    return 0
