"""`sencodesk export ehcna|referral|profile|summary|annual-review|transfer|case-sample|strategy|
parent-copy|invitation|plan-json`: write a pack (a PDF; the inclusion strategy, the parent's copy
of the plan and an invitation as a PDF or a Word .docx, by the file's ending; a pupil's plan as a
JSON file).

What the reader needs but is not recorded is listed on stderr first (the pack still builds
and says so in the section); for an EHCNA request the LA profile's checklist is shown too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.dates import parse_date
from ..domain.referrals import SERVICES
from . import add_common, add_overwrite, open_for
from .attach import attachment_ids

if TYPE_CHECKING:
    from ..services.actor import Actor
    from ..services.packs import ExportResult


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="write a PDF pack (EHCNA request, referral, profile, summary, annual review, "
        "leaver's transfer file) or the inclusion strategy (PDF or .docx)",
    )
    kinds = p.add_subparsers(dest="kind", metavar="PACK", required=True)

    def pack(name: str, help_text: str, with_upn: bool = True) -> argparse.ArgumentParser:
        k = kinds.add_parser(name, help=help_text)
        add_common(k)
        if with_upn:
            k.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
        k.add_argument("--out", required=True, type=Path, help="the PDF file to write")
        add_overwrite(k, "out")
        k.set_defaults(handler=run)
        return k

    e = pack("ehcna", "EHC needs assessment request for the LA")
    e.add_argument("--cycles", type=int, default=3, help="how many recent cycles to include (0: all)")
    e.add_argument("--profile", help="LA profile to use (default: the one chosen in Settings)")
    r = pack("referral", "referral to an outside service (the pupil's latest to that service)")
    r.add_argument("--service", required=True, choices=list(SERVICES))
    for k in (e, r):
        k.add_argument(
            "--attach",
            metavar="ID,...",
            help="documents on the record to send with it, in this order (ids from sencodesk attach list)",
        )
        k.add_argument(
            "--bundle",
            choices=["pdf", "zip", "folder"],
            help="how they go: pdf (one PDF: the pack, an index, then each document; the default), "
            "zip or folder (separate files, for an LA portal; --out is then the .zip or the folder)",
        )
    pack("profile", "one-page profile (no UPN)")
    pack("annual-review", "the school's report for the annual review of the pupil's EHC plan (latest review)")
    pack("transfer", "a leaver's whole SEN file for their next school (prints the UPN)")
    pack("case-sample", "the pupil's SEN record as an inspector samples it, with its gaps (no UPN)")
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
    c = kinds.add_parser("parent-copy", help="the parent's copy of the plan, in plain words (PDF or Word)")
    add_common(c)
    c.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    c.add_argument("--out", required=True, type=Path, help="the file to write: FILE.pdf or FILE.docx")
    add_overwrite(c, "out")
    c.set_defaults(handler=run)
    i = kinds.add_parser(
        "invitation", help="a letter inviting parents to a review meeting, from the school's template"
    )
    add_common(i)
    i.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    i.add_argument("--out", required=True, type=Path, help="the file to write: FILE.pdf or FILE.docx")
    i.add_argument(
        "--meeting",
        choices=["review", "annual-review"],
        default="review",
        help="a review of the plan (default), or the annual review of an EHC plan",
    )
    i.add_argument("--date", help="the meeting's date, DD/MM/YYYY (default: the review date on record)")
    i.add_argument("--time", required=True, help="the meeting's time, e.g. 3.30pm")
    i.add_argument("--place", required=True, help="where it is, e.g. 'the school library'")
    add_overwrite(i, "out")
    i.set_defaults(handler=run)
    j = kinds.add_parser(
        "plan-json",
        help="a pupil's plan as a JSON file for their next school "
        "(its schema: docs/schemas/support-plan.schema.json)",
    )
    add_common(j)
    j.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    j.add_argument("--out", required=True, type=Path, help="the JSON file to write")
    add_overwrite(j, "out")
    j.set_defaults(handler=run_plan_json)


def run(args: argparse.Namespace) -> int:
    actor = open_for(args)
    try:
        result = _export(actor, args)
    finally:
        actor.close()
    for item in result.missing:
        print(f"Not yet recorded: {item}", file=sys.stderr)
    for note in result.notes:
        print(f"Check: {note}", file=sys.stderr)
    for check in result.checklist:
        print(
            f"LA checklist: [{'met' if check.met else 'NOT MET'}] {check.label} - {check.detail}",
            file=sys.stderr,
        )
    print(f"Saved {result.path}")
    return 0


def run_plan_json(args: argparse.Namespace) -> int:
    from ..services import pupils, support_plan

    actor = open_for(args)
    try:
        path = support_plan.export_support_plan(actor, pupils.find_pupil_by_upn(actor, args.upn).id, args.out)
    finally:
        actor.close()
    print(f"Saved {path} ({support_plan.SCHEMA})")
    return 0


def _export(actor: Actor, args: argparse.Namespace) -> ExportResult:
    from ..services import (
        annual_review_pack,
        case_sample,
        inclusion_strategy,
        packs,
        pupils,
        referrals,
        transfer,
    )

    if args.kind in ("parent-copy", "invitation"):
        return _letter(actor, args)
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
    attached = attachment_ids(getattr(args, "attach", None))
    bundle = getattr(args, "bundle", None) or ("pdf" if attached else None)
    if args.kind == "ehcna":
        return packs.export_ehcna(
            actor,
            pupil.id,
            args.out,
            cycles=args.cycles or None,
            profile_key=args.profile,
            attachments=attached,
            bundle=bundle,
        )
    if args.kind == "transfer":
        return transfer.export_transfer_pack(actor, pupil.id, args.out)
    if args.kind == "case-sample":
        return case_sample.export_case_sample(actor, pupil.id, args.out)
    if args.kind == "annual-review":
        return annual_review_pack.export_annual_review(actor, pupil.id, args.out)
    if args.kind == "referral":
        referral = referrals.latest_referral(actor, pupil.id, args.service)
        return packs.export_referral(actor, referral.id, args.out, attachments=attached, bundle=bundle)
    return packs.export_profile(actor, pupil.id, args.out)


def _letter(actor: Actor, args: argparse.Namespace) -> ExportResult:
    """The two letters to parents: a PDF unless the file ends .docx."""
    from datetime import date

    from ..domain.dates import uk
    from ..domain.errors import UserError
    from ..services import invitations, parent_copy, pupils

    pupil = pupils.find_pupil_by_upn(actor, args.upn)
    if args.kind == "parent-copy":
        return parent_copy.export_parent_copy(actor, pupil.id, args.out)
    meeting = args.meeting.replace("-", "_")
    day = args.date
    if not day:
        on_record = invitations.default_meeting(actor, pupil.id, meeting)
        if on_record is None and meeting == "annual_review":  # no EHC plan: the service says so
            return invitations.export_invitation(actor, pupil.id, args.out, {"meeting": meeting})
        if on_record is None or on_record < date.today():
            said = f" (the date on record, {uk(on_record)}, has passed)" if on_record else ""
            raise UserError(f"Give the meeting's date with --date DD/MM/YYYY{said}.")
        day = uk(on_record)
    form = {"meeting": meeting, "meeting_date": day, "meeting_time": args.time, "place": args.place}
    return invitations.export_invitation(actor, pupil.id, args.out, form)
