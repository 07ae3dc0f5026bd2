"""`sencodesk restore FILE`: put a backup back (checked first; the current file is kept)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..services import backups
from . import add_data_dir, data_dir_of


def register(subparsers) -> None:
    p = subparsers.add_parser("restore", help="restore the data file from a backup")
    add_data_dir(p)
    p.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # No session is opened first: the data file must not be open while it is replaced.
    kept = backups.restore_backup(data_dir_of(args), args.file)
    print(f"Restored {args.file}.")
    if kept:
        print(f"The data as it was before is kept as {kept}")
    return 0
