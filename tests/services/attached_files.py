"""Files to attach in tests, made on the spot: real PDFs, pictures and Word files, and the
broken and disguised ones an upload must refuse."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

_serial = itertools.count(1)


def pdf(pages: int = 2, text: str = "Educational psychology report") -> bytes:
    """A real PDF of `pages` pages, different every call (so never a duplicate of another)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    serial = next(_serial)
    for n in range(1, pages + 1):
        c.drawString(72, 760, f"{text} (copy {serial}), page {n} of {pages}")
        c.showPage()
    c.save()
    return buffer.getvalue()


def locked_pdf(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf(1))))
    writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def restricted_pdf() -> bytes:
    """Locked against changes only: it opens with no password, as many official reports do."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf(3))))
    writer.encrypt("", owner_password="the-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def picture(kind: str = "JPEG", size: tuple[int, int] = (640, 480)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    colour = (next(_serial) * 37 % 256, 90, 160)
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def word(text: str = "All about me") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"{text} ({next(_serial)})")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def program() -> bytes:
    """What a Windows program starts with: 'MZ', then its header."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(2000)


def put(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


DETAILS = {
    "title": "EP report",
    "kind": "report",
    "author": "Dr A Jones, educational psychologist",
    "document_date": "12/03/2026",
    "visibility": "teachers",
}
