"""`sencodesk attach add|list|save|remove`: documents on a pupil's record (reports, the EHC plan,
letters). `export ehcna|referral --attach ID,... --bundle pdf|zip|folder` sends them with a pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.attachments import KINDS, title_from_name
from ..domain.dates import uk
from ..domain.errors import UserError
from ..domain.field_access import AUDIENCE_LABELS, DEFAULT_AUDIENCE
from ..domain.plural import plural
from . import add_common, add_overwrite, open_for


def register(subparsers) -> None:
    p = subparsers.add_parser("attach", help="documents on a pupil's record: add, list, save a copy, remove")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="attach a document (PDF, Word .docx, JPEG or PNG) to a pupil's record"
    )
    add_common(add)
    add.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    add.add_argument("--file", required=True, type=Path, help="the document to attach")
    add.add_argument(
        "--title", help='what it is, in a few words, e.g. "EP report" (default: from the file name)'
    )
    add.add_argument("--kind", required=True, choices=list(KINDS), help="what kind of document it is")
    add.add_argument(
        "--author", required=True, help='who wrote it, e.g. "Dr A Jones, educational psychologist"'
    )
    add.add_argument("--date", required=True, help="the date on the document, DD/MM/YYYY")
    add.add_argument(
        "--visibility",
        choices=list(AUDIENCE_LABELS),
        default=DEFAULT_AUDIENCE,
        help="who may see it: senco_head (the SENCO and the headteacher, the default) or teachers "
        "(also the pupil's teachers and TAs)",
    )
    lst = actions.add_parser("list", help="list the documents on a pupil's record (the ids the others take)")
    add_common(lst)
    lst.add_argument("--upn", required=True, help="the pupil's UPN (or former UPN)")
    save = actions.add_parser("save", help="save a copy of a document")
    add_common(save)
    save.add_argument("--id", required=True, type=int, help="the document's id (attach list)")
    save.add_argument("--out", required=True, type=Path, help="the file to write")
    add_overwrite(save, "out")
    remove = actions.add_parser(
        "remove", help="remove a document from the record for good (the audit trail keeps what it was)"
    )
    add_common(remove)
    remove.add_argument("--id", required=True, type=int, help="the document's id (attach list)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services import attachments, pupils

    actor = open_for(args)
    try:
        if args.action == "add":
            pupil = pupils.find_pupil_by_upn(actor, args.upn)
            form = {
                "title": args.title or title_from_name(args.file.name),
                "kind": args.kind,
                "author": args.author,
                "document_date": args.date,
                "visibility": args.visibility,
            }
            assert pupil.id is not None
            attachment_id = attachments.add_attachment(actor, pupil.id, args.file, form)
            a = attachments.get_attachment(actor, attachment_id)
            print(f"Attached {a.title} ({a.file_label}, {a.pages_label}, {a.size_label}) as document {a.id}.")
        elif args.action == "list":
            pupil = pupils.find_pupil_by_upn(actor, args.upn)
            assert pupil.id is not None
            _print_list(attachments.list_attachments(actor, pupil.id))
        elif args.action == "save":
            print(f"Saved {attachments.save_copy(actor, args.id, args.out)}")
        else:
            a = attachments.get_attachment(actor, args.id)
            attachments.remove_attachment(actor, a.id, a.version)
            print(
                f"Removed {a.title} ({a.original_name}) from the record. Backups taken before still hold it."
            )
    finally:
        actor.close()
    return 0


def _print_list(items: list) -> None:
    if not items:
        print("No documents on this pupil's record.")
        return
    rows = [
        [
            str(a.id),
            uk(a.document_date),
            a.kind_label,
            a.title,
            a.author,
            f"{a.file_label}, {a.pages_label}, {a.size_label}",
            a.visibility_label,
        ]
        for a in items
    ]
    head = ["id", "dated", "kind", "document", "written by", "file", "who may see it"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    print(plural(len(items), "document"))


def attachment_ids(text: str | None) -> list[int]:
    """--attach 3,5,8 -> [3, 5, 8], in the order given (the order they are sent in)."""
    if not text:
        return []
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as e:
        raise UserError(
            f"--attach takes document ids separated by commas, e.g. --attach 3,5 (see sencodesk attach "
            f"list), not '{text}'."
        ) from e
