"""`sencodesk restore FILE`: put a backup back (checked first; the current file is kept)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_common, data_dir_of, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("restore", help="restore the data file from a backup")
    add_common(p)
    p.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import backups

    # Sign in first (who is restoring, and an encrypted school's key); then close the connection:
    # the data file must not be open while it is replaced.
    actor = open_for(args)
    user, key = actor.user, actor.key
    actor.close()
    kept = backups.restore_backup(data_dir_of(args), args.file, user, key=key)
    print(f"Restored {args.file}.")
    if kept:
        print(f"The data as it was before is kept as {kept}")
    return 0
