"""Sending a pack with chosen documents from the pupil's record: one PDF (the pack, an index
page, then each document, with bookmarks), or for an LA portal that wants separate files a
.zip or a folder of the pack and each document, named so they read in order.

Called by services.packs inside an export's audited transaction, after its permission checks;
each document sent gets its own audit row (when it left, in which file).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .. import outputs
from ..domain.attachments import IMAGES, export_name
from ..domain.errors import ValidationError
from ..domain.plural import plural
from ..reports.models import AttachedReport, SchoolInfo
from .actor import Actor
from .attachments import Attachment, attachment_bytes, chosen_attachments

# The forms a pack can go in with its documents (None: the pack alone).
BUNDLES: dict[str, str] = {
    "pdf": "as one PDF",
    "zip": "as a .zip of separate files",
    "folder": "as a folder of separate files",
}
ZIP_MARKER = b"Made by SENCO desk"  # the zip's comment, as a Word file's (outputs.DOCX_MARKER)


@dataclass(frozen=True)
class Sending:
    """The documents going with a pack, and how."""

    bundle: str | None
    chosen: list[Attachment]
    reports: list[AttachedReport]
    note: str


def sending(actor: Actor, pupil_id: int, ids: Sequence[int], bundle: str | None) -> Sending:
    """What goes with the pack: refused in words when the choice does not hang together."""
    if bundle is not None and bundle not in BUNDLES:
        raise ValidationError({"bundle": "Send the documents as one PDF, a .zip or a folder."})
    if ids and bundle is None:
        raise ValidationError(
            {"bundle": "Choose how to send the chosen documents with it: as one PDF, a .zip or a folder."}
        )
    if bundle is not None and not ids:
        raise ValidationError(
            {
                "attachments": "Choose at least one document from the record to send with it, "
                "or export it alone."
            }
        )
    chosen = chosen_attachments(actor, pupil_id, ids) if ids else []
    reports = [
        AttachedReport(
            number=number,
            title=a.title,
            kind=a.kind_label,
            author=a.author,
            document_date=a.document_date,
            file_type=a.file_label,
            pages=a.pages,
            sent_separately=bundle == "pdf" and a.is_word,
        )
        for number, a in enumerate(chosen, start=2)  # the pack itself is 01
    ]
    return Sending(bundle, chosen, reports, _note(bundle, chosen))


def _note(bundle: str | None, chosen: list[Attachment]) -> str:
    if not chosen:
        return ""
    if bundle == "pdf":
        note = (
            "These documents follow in this PDF, after an index page that gives the page each one "
            "starts on; each is also a bookmark."
        )
        if any(a.is_word for a in chosen):
            note += " A Word document cannot be put into a PDF, so it is sent separately, as it is."
        return note
    return "These documents are sent with this as separate files, numbered as here (this is file 01)."


def with_words(s: Sending) -> str:
    """', with 2 documents from the record, as one PDF' for the export's audit row."""
    if s.bundle is None:
        return ""
    return f", with {plural(len(s.chosen), 'document')} from the record, {BUNDLES[s.bundle]}"


def check_target(path: Path, bundle: str | None) -> Path:
    """The path a bundle is written to, refused before anything is made when it is not the kind
    of place its form needs (the pack alone is written where it is told, as ever)."""
    if bundle is None:
        return path
    if bundle not in BUNDLES:
        raise ValidationError({"bundle": "Send the documents as one PDF, a .zip or a folder."})
    if bundle == "folder":
        if path.exists() and not path.is_dir():
            raise ValidationError(
                {"out": f"{path} is a file: give the name of a folder to put the files in."}
            )
        return path
    ending = ".zip" if bundle == "zip" else ".pdf"
    if path.suffix.lower() != ending:
        kind = "a .zip file" if bundle == "zip" else "a PDF (.pdf)"
        raise ValidationError(
            {"out": f"This is saved as {kind}: give a name ending {ending}, not '{path.name}'."}
        )
    return path


def write(
    actor: Actor,
    path: Path,
    s: Sending,
    *,
    pack: bytes,
    pack_name: str,
    pack_title: str,
    pack_what: str,
    school: SchoolInfo,
    printed_on: date,
    invariant: bool = False,
) -> Path:
    """Write the bundle to `path` (a .pdf, a .zip or a folder); audit each document sent."""
    from ..reports import bundle as bundle_pdf

    assert s.bundle is not None
    contents = [(a, attachment_bytes(actor, a.id)) for a in s.chosen]
    first = export_name(1, pack_name)
    if s.bundle == "pdf":
        parts = [
            bundle_pdf.BundlePart(report, _pages(a, data))
            for (a, data), report in zip(contents, s.reports, strict=True)
        ]
        made = bundle_pdf.assemble(
            pack,
            bundle_pdf.BundleIndex(school.name, pack_title, pack_what, printed_on, school.logo_path),
            parts,
            invariant=invariant,
        )
        written = outputs.write_atomic(path, lambda f: f.write(made), marker=outputs.PDF_MARKER)
    elif s.bundle == "zip":
        written = outputs.write_atomic(path, lambda f: _zip(f, first, pack, contents), marker=ZIP_MARKER)
    else:
        written = _folder(
            path, [(first, pack), *((a.export_name(n), d) for n, (a, d) in enumerate(contents, 2))]
        )
    for number, (a, _) in enumerate(contents, start=2):
        actor.audit(
            "export",
            "attachment",
            a.id,
            pupil_id=a.pupil_id,
            summary=f"sent the document {a.title} with {pack_what} ({BUNDLES[s.bundle]}, "
            f"as number {number:02d}) to {written.name}",
            changes={"file": [None, str(written)]},
        )
    return written


def _pages(a: Attachment, data: bytes) -> bytes | None:
    """The document as PDF pages: a PDF as it is, a picture as one page, a Word file none."""
    from ..reports import bundle as bundle_pdf

    if a.file_type == "pdf":
        return data
    if a.file_type in IMAGES:
        return bundle_pdf.image_pdf(data, a.file_type)
    return None


def _zip(stream: BinaryIO, first: str, pack: bytes, contents: list[tuple[Attachment, bytes]]) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.comment = ZIP_MARKER
        z.writestr(first, pack)
        for number, (a, data) in enumerate(contents, start=2):
            z.writestr(a.export_name(number), data)


def _folder(folder: Path, files: list[tuple[str, bytes]]) -> Path:
    """Each file into the folder (made if need be); every target is checked before any is
    written, and a failure part-way takes back the files this export wrote."""
    made_folder = not folder.exists()
    targets = [outputs.check_target(folder / name, make_folder=True) for name, _ in files]
    written: list[Path] = []
    try:
        for target, (_, data) in zip(targets, files, strict=True):
            written.append(outputs.write_atomic(target, _writer(data)))
    except BaseException:
        for done in written:
            with suppress(OSError):
                done.unlink()
        if made_folder:
            with suppress(OSError):
                folder.rmdir()
        raise
    return folder


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda stream: stream.write(data)
