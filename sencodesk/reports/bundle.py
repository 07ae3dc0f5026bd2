"""One PDF for the LA: the pack, an index page, then each attached document, with a bookmark
(PDF outline entry) for each, so a caseworker can go straight to the EP's report.

The index gives the page of this file each part starts on, as a PDF viewer counts them (the
pack's own footer counts only its own pages). A Word document cannot become pages here (there
is no LibreOffice in SENCO desk): the index lists it as sent separately. A picture becomes one
A4 page, turned the way the camera held it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from ..domain.dates import uk
from . import theme
from .models import AttachedReport

# A picture's page: its long side drawn at up to 200 dpi on A4 (plenty to read a letter), so a
# 12-megapixel phone photo does not put 30 MB into the bundle.
IMAGE_LONG_SIDE = 2339
IMAGE_MARGIN = 12 * mm


@dataclass(frozen=True)
class BundlePart:
    """One attached document as it goes in: its listing, and its pages (None: sent separately)."""

    report: AttachedReport
    pdf: bytes | None


@dataclass(frozen=True)
class BundleIndex:
    school: str
    pack_title: str  # "EHC needs assessment request: Amy Smith" (its bookmark and index line)
    what: str  # "the EHC needs assessment request for Amy Smith", for the index's sentences
    printed_on: date
    logo_path: str | None = None


def image_pdf(data: bytes, file_type: str) -> bytes:
    """A JPEG or PNG picture as one A4 page (landscape for a landscape picture), fitted within
    the margins and turned upright as the camera recorded."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        picture = ImageOps.exif_transpose(opened)
        picture.thumbnail((IMAGE_LONG_SIDE, IMAGE_LONG_SIDE))
        if file_type == "jpeg":  # kept a JPEG, embedded as it is (not re-packed as raw pixels)
            encoded = io.BytesIO()
            picture.convert("RGB").save(encoded, "JPEG", quality=85)
            source = ImageReader(io.BytesIO(encoded.getvalue()))
        else:
            source = ImageReader(picture.copy())
        width, height = picture.size
    page = landscape(A4) if width > height else A4
    room_w, room_h = page[0] - 2 * IMAGE_MARGIN, page[1] - 2 * IMAGE_MARGIN
    scale = min(room_w / width, room_h / height)
    w, h = width * scale, height * scale
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page, invariant=1)
    canvas.setCreator("SENCO desk")
    canvas.drawImage(source, (page[0] - w) / 2, (page[1] - h) / 2, w, h, mask="auto")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from ..formats.documents import open_pdf

    reader = open_pdf(pdf)
    if reader is None:  # checked when it was attached; a locked one never gets here
        raise ValueError("a PDF that needs a password cannot be bundled")
    return len(reader.pages)


def _ranges(pack_pages: int, index_pages: int, parts: list[BundlePart]) -> list[str]:
    """Where each part starts and ends in the bundle: ['1-12', '13', '14-21', 'Sent separately']."""

    def span(first: int, count: int) -> str:
        return str(first) if count == 1 else f"{first}-{first + count - 1}"

    out = [span(1, pack_pages), span(pack_pages + 1, index_pages)]
    at = pack_pages + index_pages + 1
    for part in parts:
        if part.pdf is None:
            out.append("Sent separately (Word document)")
            continue
        count = part.report.pages or page_count(part.pdf)
        out.append(span(at, count))
        at += count
    return out


def _index_story(index: BundleIndex, parts: list[BundlePart], ranges: list[str]) -> list[Flowable]:
    s = theme.make_styles()
    rows = [
        ["01", index.pack_title, index.school, uk(index.printed_on), ranges[0]],
        ["", "This index", "", "", ranges[1]],
    ]
    rows += [
        [
            f"{p.report.number:02d}",
            f"{p.report.title} ({p.report.kind})",
            p.report.author,
            uk(p.report.document_date) or "Not dated",
            where,
        ]
        for p, where in zip(parts, ranges[2:], strict=True)
    ]
    story: list[Flowable] = [
        theme.para("Documents in this file", s["title"]),
        theme.para(
            f"This PDF holds {index.what} and the documents sent with it, in the order below. "
            "Page numbers are this file's own, as a PDF viewer counts them; each document is also "
            "a bookmark, to go straight to it.",
            s["body"],
        ),
        Spacer(1, 6),
        theme.table(["No.", "Document", "Written by", "Dated", "Pages"], rows, s, widths=[1.3, 6, 4, 2.8, 3]),
    ]
    if any(p.pdf is None for p in parts):
        story += [
            Spacer(1, 6),
            theme.para(
                "A Word document cannot be put into this PDF, so it is sent separately, as it is, "
                "under the same number.",
                s["note"],
            ),
        ]
    return story


def _index_pdf(index: BundleIndex, parts: list[BundlePart], pack_pages: int, *, invariant: bool) -> bytes:
    """The index, laid out until the page numbers it prints agree with its own length (a long
    list of documents may take two pages, which moves every document after it)."""
    title = f"Index of the documents sent with {index.what}"
    info = theme.PageInfo(index.school, title, index.printed_on, index.logo_path)
    pages = 1
    for _ in range(4):
        story = _index_story(index, parts, _ranges(pack_pages, pages, parts))
        pdf = theme.pdf_bytes(story, info, subject="Index of the documents sent", invariant=invariant)
        made = page_count(pdf)
        if made == pages:
            return pdf
        pages = made
    raise RuntimeError("the bundle's index would not settle on a page count")


def assemble(pack: bytes, index: BundleIndex, parts: list[BundlePart], *, invariant: bool = False) -> bytes:
    """The pack, the index, then every part that has pages, with a bookmark for each."""
    from pypdf import PdfWriter

    from ..formats.documents import open_pdf

    pack_pages = page_count(pack)
    index_pdf = _index_pdf(index, parts, pack_pages, invariant=invariant)
    writer = PdfWriter()
    marks: list[tuple[str, int]] = []
    pieces: list[tuple[str, bytes]] = [(f"01 {index.pack_title}", pack), ("Index of this file", index_pdf)]
    pieces += [(_bookmark(p.report), p.pdf) for p in parts if p.pdf is not None]
    for title, pdf in pieces:
        reader = open_pdf(pdf)
        if reader is None:
            raise ValueError("a PDF that needs a password cannot be bundled")
        marks.append((title, len(writer.pages)))
        for page in reader.pages:
            writer.add_page(page)
    for title, first_page in marks:
        writer.add_outline_item(title=title, page_number=first_page)
    writer.page_mode = "/UseOutlines"  # the viewer opens with the bookmarks showing
    writer.add_metadata(
        {
            "/Title": index.pack_title,
            "/Author": index.school or "SENCO desk",
            "/Creator": "SENCO desk",  # outputs.PDF_MARKER: a file SENCO desk made
            "/Subject": "A request and the documents sent with it",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bookmark(report: AttachedReport) -> str:
    """'02 EP report - Dr S Jones (15/03/2026)'."""
    who = f" - {report.author}" if report.author else ""
    when = f" ({uk(report.document_date)})" if report.document_date else ""
    return f"{report.number:02d} {report.title}{who}{when}"
