"""`sencodesk sar --upn UPN --out DIR`: everything held about one pupil, as JSON and PDF (subject access)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_common, add_overwrite, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("sar", help="export everything held about a pupil (subject access request)")
    add_common(p)
    p.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the export into")
    add_overwrite(p, "out")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import pupils, subject_access_pack

    actor = open_for(args)
    try:
        pupil = pupils.find_pupil_by_upn(actor, args.upn)
        # both forms, as the app and the README give them: JSON for machines, a PDF to read
        json_path, pdf_path = subject_access_pack.export_everything(actor, pupil.id, args.out)
    finally:
        actor.close()
    print(f"Subject access export saved: {json_path}")
    print(f"The same as a PDF to read: {pdf_path}")
    return 0
