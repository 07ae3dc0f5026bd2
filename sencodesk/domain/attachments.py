"""Documents attached to a pupil's record: professional reports, the EHC plan, letters, a
parent's "about me". What they may be, how big, who may see them, and the names they go out by.

Plain rules only: reading a file's bytes to check what it really is (formats/documents.py) and
keeping it (store/attachments.py) are elsewhere.

Size. Each file is held inside the school's data file (encrypted with everything else, backed
up and restored with it, deleted with the pupil at retention). So every megabyte attached is a
megabyte in every backup: the app keeps 14 daily and 8 weekly backups, plus those taken before
imports and migrations. Hence two limits:
- 20 MB a file: a scanned 40-page report at a readable 200 dpi is 5-15 MB; anything bigger is
  almost always a scan at photo resolution, which the SENCO can rescan or compress;
- 100 MB a pupil: an EHC needs assessment request with the EP's, speech therapist's, OT's and
  paediatrician's reports, the plan and its reviews comes to 20-50 MB even scanned; 100 MB
  leaves room, and stops one pupil's file from making the school's file (and its 22+ backups)
  unmanageable. 200 pupils at 25 MB each already make a 5 GB data file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .dates import parse_date
from .errors import ValidationError
from .text_limits import direction_words, one_line

MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB
MAX_PUPIL_BYTES = 100 * MB

# What a document is: the pack's "Reports attached" and the Documents tab say it in these words.
KINDS: dict[str, str] = {
    "report": "Professional report",
    "ehc_plan": "EHC plan",
    "letter": "Letter",
    "about_me": 'Parent\'s "about me"',
    "other": "Other document",
}

# The kinds of file accepted, told from their content (never the name), and the ending each
# goes out with. A short list a caseworker's portal takes and SENCO desk can check:
# - PDF (what reports come as), appended page by page to a one-PDF bundle;
# - Word .docx (letters, a parent's "about me"): no LibreOffice here to make it a PDF, so a
#   bundle lists it as sent separately and a folder or zip carries it as it is;
# - JPEG and PNG (a photographed letter or drawing): each becomes one page of a bundle.
# Refused: old .doc (its container is shared by Excel, Outlook messages and others, so the
# content cannot be told apart safely), .docm (macros), HEIC (iPhone photos: nothing here can
# turn one into a PDF page), and anything else.
FILE_TYPES: dict[str, str] = {"pdf": "PDF", "docx": "Word document", "jpeg": "JPEG image", "png": "PNG image"}
EXTENSIONS: dict[str, str] = {"pdf": ".pdf", "docx": ".docx", "jpeg": ".jpg", "png": ".png"}
IMAGES = ("jpeg", "png")
ACCEPTED = "a PDF, a Word document (.docx), or a JPEG or PNG picture"

TITLE_LIMIT = 120
AUTHOR_LIMIT = 120
NAME_LIMIT = 255  # the original file name, as kept


@dataclass(frozen=True)
class AttachmentDetails:
    """What the SENCO says about a document (the file itself is checked apart)."""

    title: str  # a few words: "EP report", "Speech and language therapy report"
    kind: str  # a KINDS key
    author: str  # who wrote it: "Dr A Jones (educational psychologist)", "Mrs Smith (mother)"
    document_date: date  # the date on the document
    visibility: str  # a field_access.ATTACHMENT_AUDIENCES key


def _line(form: Mapping[str, object], key: str, label: str, limit: int, errors: dict[str, str]) -> str:
    cleaned = one_line(form.get(key))
    if cleaned.direction:
        errors[key] = direction_words(label.lower())
    elif len(cleaned.text) > limit:
        errors[key] = f"{label} is too long ({limit} characters at most; this has {len(cleaned.text)})."
    return cleaned.text


def clean_details(
    form: Mapping[str, object], audiences: Mapping[str, object], *, today: date
) -> AttachmentDetails:
    """The details as kept, or a ValidationError with a sentence per field. `audiences`: the
    visibility levels there are (field_access.ATTACHMENT_AUDIENCES)."""
    errors: dict[str, str] = {}
    title = _line(form, "title", "What the document is", TITLE_LIMIT, errors)
    if not title and "title" not in errors:
        errors["title"] = 'Say in a few words what the document is, for example "EP report".'
    author = _line(form, "author", "Who wrote it", AUTHOR_LIMIT, errors)
    if not author and "author" not in errors:
        errors["author"] = 'Say who wrote the document, for example "Dr A Jones, educational psychologist".'
    kind = str(form.get("kind") or "")
    if kind not in KINDS:
        errors["kind"] = "Choose what kind of document it is: " + ", ".join(KINDS.values()).lower() + "."
    visibility = str(form.get("visibility") or "")
    if visibility not in audiences:
        errors["visibility"] = "Choose who may see the document."
    day: date | None = None
    raw = form.get("document_date")
    try:
        day = parse_date(
            raw if isinstance(raw, str | date) else None, "document_date", label="Date of the document"
        )
    except ValidationError as e:
        errors |= e.field_errors
    if day is None and "document_date" not in errors:
        errors["document_date"] = (
            "Give the date on the document (or the date it was received), as DD/MM/YYYY."
        )
    elif day is not None and day > today:
        errors["document_date"] = f"The date of the document ({day:%d/%m/%Y}) is in the future."
    if errors:
        raise ValidationError(errors)
    assert day is not None
    return AttachmentDetails(title, kind, author, day, visibility)


def title_from_name(name: str) -> str:
    """A first guess at what a document is, from its file name: 'EP_report-final.pdf' ->
    'EP report final'. The SENCO corrects it; it is never left blank."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.strip())
    words = " ".join(re.sub(r"[_\-.]+", " ", stem).split())
    return words[:TITLE_LIMIT]


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _safe(text: str) -> str:
    """A part of a file name Windows, a Mac and an LA portal all accept."""
    return " ".join(_UNSAFE.sub(" ", text).split()).strip(" .")


def export_name(
    number: int | None, title: str, author: str = "", day: date | None = None, ending: str = ".pdf"
) -> str:
    """A clear name for one file of a folder or zip bundle, in sending order:
    '02 EP report - Dr Jones - 12-03-2026.pdf' (no number: a copy saved on its own). Dates as
    DD-MM-YYYY: a '/' cannot be in a name."""
    parts = [_safe(title)[:80] or "Document"]
    if author.strip():
        parts.append(_safe(author)[:60])
    if day is not None:
        parts.append(day.strftime("%d-%m-%Y"))
    prefix = "" if number is None else f"{number:02d} "
    return prefix + " - ".join(p for p in parts if p) + ending


def size_words(size: int) -> str:
    """'820 KB', '2.4 MB': how big a file is, as a person reads it."""
    if size < MB:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"
