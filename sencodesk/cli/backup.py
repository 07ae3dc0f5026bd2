"""`sencodesk backup [--to FILE]`: back up the data file now (SQLite backup API)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_common, add_overwrite, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help="back up the data file now")
    add_common(p)
    p.add_argument(
        "--to",
        type=Path,
        metavar="FILE",
        help="write the backup to this file or folder (default: the backups folder)",
    )
    add_overwrite(p, "to")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import backups

    actor = open_for(args)
    try:
        path = backups.take_backup(actor, args.to)
    finally:
        actor.close()
    print(f"Backup saved: {path}")
    return 0
