"""`sencodesk demo`: make a fictional school to try SENCO desk on (never over a real one)."""

from __future__ import annotations

import argparse
import os
import sys

from ..domain.plural import plural
from . import add_data_dir, data_dir_of


def register(subparsers) -> None:
    p = subparsers.add_parser("demo", help="create a demo school with made-up pupils in an empty folder")
    add_data_dir(p)
    p.add_argument(
        "--phase",
        choices=["primary", "secondary"],
        default="primary",
        help="primary (Nursery to Year 6, about 210 pupils) or secondary (about 1,000)",
    )
    p.add_argument(
        "--pupils",
        type=_pupil_count,
        metavar="N",
        help="how many pupils (0 gives a set-up school with an empty register)",
    )
    p.add_argument("--seed", type=int, metavar="S", help="the same seed makes the same school")
    p.set_defaults(handler=run, usage=p.format_usage())


def _pupil_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 5000:
        raise argparse.ArgumentTypeError("choose from 0 to 5000 pupils")
    return value


def run(args: argparse.Namespace) -> int:
    # The demo opens the school itself: it must first make sure the folder holds no school.
    from ..demo import build_demo

    if not (getattr(args, "data_dir", None) or os.environ.get("SENCODESK_DATA")):
        # Never fall back to this computer's real data folder: fictional pupils do not belong
        # where the school's own register will live.
        print(
            args.usage + "sencodesk demo: say which folder to make the demo school in, "
            "e.g. sencodesk demo --data-dir demo-school",
            file=sys.stderr,
            end="\n",
        )
        return 2
    from ..services import encryption

    made = build_demo(
        data_dir_of(args),
        phase=args.phase,
        pupils=args.pupils,
        seed=args.seed,
        encrypt=encryption.available(),
    )
    print(f'Made the demo school "{made["school_name"]}" in {made["data_dir"]}')
    leavers = made["leavers"]
    print(f"  {made['on_roll']} pupils on roll ({made['phase']}), {plural(leavers, 'leaver')}")
    print(f"  {made['sen_support']} on SEN support (K), {made['ehc_plans']} with an EHC plan (E)")
    print(f"  seed {made['seed']} (use --seed {made['seed']} to make the same school again)")
    print(
        "  sign in as senco, teacher, head or office, each with the password demo"
        + (" (the school passphrase is demo too)" if made["encrypted"] else "")
    )
    print(f'Open it with: sencodesk --data-dir "{made["data_dir"]}"')
    return 0
