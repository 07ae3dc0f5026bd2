"""`sencodesk backup [--to FILE]`: back up the data file now (SQLite backup API)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..services import backups
from . import add_data_dir, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help="back up the data file now")
    add_data_dir(p)
    p.add_argument(
        "--to",
        type=Path,
        metavar="FILE",
        help="write the backup to this file or folder (default: the backups folder)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    actor = open_for(args)
    try:
        path = backups.take_backup(actor, args.to)
    finally:
        actor.close()
    print(f"Backup saved: {path}")
    return 0
