"""`sencodesk import pupils FILE` (a roll from the MIS, CSV or Excel) and `sencodesk import ctf
FILE.xml` (a Common Transfer File). `--dry-run` shows the same report and saves nothing.
A roll re-import keeps SEN fields changed in SENCO desk since unless `--take-mis-sen`.

Exit codes of `import pupils`, for scripts (README, "Command line"): 0 every row imported;
3 some rows not imported (each listed in the report with its reason, and counted on stderr);
1 nothing imported, because of a problem explained on stderr; 2 a usage error. A dry run
exits as the import would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.plural import plural
from . import add_common, add_overwrite, open_for

ROWS_NOT_IMPORTED = 3  # the exit code when any row of the roll was not (or would not be) imported


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="import the roll (CSV/Excel) or a Common Transfer File")
    add_common(p)
    kinds = p.add_subparsers(dest="kind", metavar="WHAT", required=True)
    roll = kinds.add_parser("pupils", help="the roll exported from the MIS (.csv or .xlsx)")
    add_common(roll)
    roll.add_argument("file", type=Path, metavar="FILE")
    roll.add_argument("--dry-run", action="store_true", help="show what would happen; save nothing")
    roll.add_argument(
        "--take-mis-sen",
        action="store_true",
        help="take the file's SEN status, start date and needs even for pupils whose "
        "SEN was changed in SENCO desk since (kept by default, and listed)",
    )
    roll.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="also save the report (.csv: every row's outcome; otherwise text)",
    )
    add_overwrite(roll, "report")
    roll.set_defaults(handler=run_pupils)
    ctf = kinds.add_parser("ctf", help="a Common Transfer File (.xml) from another school")
    add_common(ctf)
    ctf.add_argument("file", type=Path, metavar="FILE")
    ctf.add_argument("--dry-run", action="store_true", help="show what would happen; save nothing")
    ctf.set_defaults(handler=run_ctf)


def _progress(done: int, total: int) -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        print(f"\r{done}/{total} rows", end="" if done < total else "\n", file=sys.stderr)


def run_pupils(args: argparse.Namespace) -> int:
    from ..services import importing

    actor = open_for(args)
    try:
        plan = importing.import_roll_file(
            actor, args.file, dry_run=args.dry_run, progress=_progress, take_mis_sen=args.take_mis_sen
        )
    finally:
        actor.close()
    print("\n".join(importing.report_lines(plan)))
    if args.report:
        print(f"Report saved: {importing.save_report(plan, args.report)}")
    if not plan.bad:
        return 0
    left_out = plural(len(plan.bad), "row")
    verb = "would not be" if not plan.applied else ("was not" if len(plan.bad) == 1 else "were not")
    print(
        f"sencodesk: {left_out} of {len(plan.outcomes)} {verb} imported; each is listed in the "
        "report with the reason.",
        file=sys.stderr,
    )
    return ROWS_NOT_IMPORTED


def run_ctf(args: argparse.Namespace) -> int:
    from ..services import ctf_import

    actor = open_for(args)
    try:
        result = ctf_import.import_ctf(actor, args.file, dry_run=args.dry_run)
    finally:
        actor.close()
    print("\n".join(ctf_import.report_lines(result)))
    return 0
