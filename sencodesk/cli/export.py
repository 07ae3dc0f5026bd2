"""`sencodesk export ehcna|referral|profile|summary|annual-review|transfer|strategy`: write a pack
(a PDF; the EHCNA request, a referral and the inclusion strategy as a PDF or a Word .docx, by
the file's ending; `export ehcna --la-form` fills the LA profile's own Word form).

What the reader needs but is not recorded is listed on stderr first (the pack still builds
and says so in the section); for an EHCNA request the LA profile's checklist is shown too, and
what to resolve before it is sent (contradictions with the record, vague wording: every pack).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.dates import parse_date
from ..domain.referrals import SERVICES
from . import add_common, add_overwrite, open_for

if TYPE_CHECKING:
    from ..services.actor import Actor
    from ..services.packs import ExportResult


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="write a PDF pack (EHCNA request, referral, profile, summary, annual review, "
        "leaver's transfer file; the request and a referral as Word .docx too) or the inclusion "
        "strategy (PDF or .docx)",
    )
    kinds = p.add_subparsers(dest="kind", metavar="PACK", required=True)

    def pack(name: str, help_text: str, with_upn: bool = True, word: bool = False) -> argparse.ArgumentParser:
        k = kinds.add_parser(name, help=help_text)
        add_common(k)
        if with_upn:
            k.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
        out = "the file to write: FILE.pdf or FILE.docx (Word)" if word else "the PDF file to write"
        k.add_argument("--out", required=True, type=Path, help=out)
        add_overwrite(k, "out")
        k.set_defaults(handler=run)
        return k

    e = pack("ehcna", "EHC needs assessment request for the LA (PDF or Word)", word=True)
    e.add_argument(
        "--cycles",
        type=int,
        default=None,
        help="how many recent cycles to include (0: all; default: at least 3, and as many as hold "
        "the reviewed cycles the LA profile asks for)",
    )
    e.add_argument("--profile", help="LA profile to use (default: the one chosen in Settings)")
    e.add_argument(
        "--la-form",
        action="store_true",
        help="fill the LA profile's own Word form (its word_form) instead: --out FILE.docx",
    )
    r = pack("referral", "referral to an outside service (the pupil's latest to that service)", word=True)
    r.add_argument("--service", required=True, choices=list(SERVICES))
    pack("profile", "one-page profile (no UPN)")
    pack("annual-review", "the school's report for the annual review of the pupil's EHC plan (latest review)")
    pack("transfer", "a leaver's whole SEN file for their next school (prints the UPN)")
    s = pack("summary", "headteacher's summary for governors (numbers only)", with_upn=False)
    s.add_argument("--from", dest="date_from", help="start of the period, DD/MM/YYYY (default: 1 September)")
    s.add_argument("--to", dest="date_to", help="end of the period, DD/MM/YYYY (default: 31 August)")
    s.add_argument("--named", action="store_true", help="add an appendix naming the pupils on the register")
    st = kinds.add_parser("strategy", help="the inclusion strategy for the school website (PDF or Word)")
    add_common(st)
    st.add_argument("--out", required=True, type=Path, help="the file to write: FILE.pdf or FILE.docx")
    st.add_argument("--year", help="the school year, e.g. 2026/27 (default: this one)")
    add_overwrite(st, "out")
    st.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    actor = open_for(args)
    try:
        result = _export(actor, args)
    finally:
        actor.close()
    for item in result.missing:
        print(f"Not yet recorded: {item}", file=sys.stderr)
    for check in result.checklist:
        print(
            f"LA checklist: [{'met' if check.met else 'NOT MET'}] {check.label} - {check.detail}",
            file=sys.stderr,
        )
    for finding in result.findings:
        print(f"To resolve: {finding.line}", file=sys.stderr)
        if finding.quote and finding.quote not in finding.message:
            print(f"    ({finding.quote})", file=sys.stderr)
    if result.draft:
        print("Marked DRAFT on every page until what is listed above is recorded.", file=sys.stderr)
    print(f"Saved {result.path}")
    return 0


def _export(actor: Actor, args: argparse.Namespace) -> ExportResult:
    from ..services import annual_review_pack, inclusion_strategy, packs, pupils, referrals, transfer

    if args.kind == "strategy":
        return inclusion_strategy.export_strategy(actor, args.out, year=args.year)
    if args.kind == "summary":
        return packs.export_summary(
            actor,
            args.out,
            date_from=parse_date(args.date_from, "from", label="--from"),
            date_to=parse_date(args.date_to, "to", label="--to"),
            named=args.named,
        )
    pupil = pupils.find_pupil_by_upn(actor, args.upn)
    if args.kind == "ehcna":
        cycles = "profile" if args.cycles is None else (args.cycles or None)
        return packs.export_ehcna(
            actor, pupil.id, args.out, cycles=cycles, profile_key=args.profile, la_form=args.la_form
        )
    if args.kind == "transfer":
        return transfer.export_transfer_pack(actor, pupil.id, args.out)
    if args.kind == "annual-review":
        return annual_review_pack.export_annual_review(actor, pupil.id, args.out)
    if args.kind == "referral":
        referral = referrals.latest_referral(actor, pupil.id, args.service)
        return packs.export_referral(actor, referral.id, args.out)
    return packs.export_profile(actor, pupil.id, args.out)
