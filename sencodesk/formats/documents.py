"""What a file given to attach really is, told from its content (never its name), and whether
SENCO desk can send it on: a damaged or password-protected PDF is refused here, at the door, so
it is never appended to a bundle the LA then cannot open.

Each refusal is one plain sentence naming the file, for the SENCO who chose it.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.attachments import ACCEPTED, FILE_TYPES, IMAGES, MAX_FILE_BYTES, size_words
from ..domain.errors import UserError

if TYPE_CHECKING:  # pypdf and Pillow load when a file is checked, not when the app starts
    from pypdf import PdfReader

# A Word file whose parts unpack to more than this is refused (a "zip bomb" looks like a
# small .docx); real ones with photos in them are well under it.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A PDF's last line is %%EOF: a file cut short (a download or an e-mail stopped part-way) has
# none. Some writers add a little after it, so the end is looked for in the last 4 KB.
EOF_WINDOW = 4096
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files: .doc, .xls, .ppt, Outlook .msg
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis")


@dataclass(frozen=True)
class Inspected:
    file_type: str  # a domain.attachments.FILE_TYPES key
    pages: int | None  # a PDF's pages; 1 for a picture; None for a Word file


def file_type_of(data: bytes) -> str | None:
    """'pdf', 'docx', 'jpeg' or 'png' from the first bytes (a .docx: a zip holding a Word
    document), else None."""
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-"):
        return "pdf"  # at the start: a zip or a program holding a PDF somewhere is not one
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(ZIP) and "word/document.xml" in _zip_names(data):
        return "docx"
    return None


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []


def _seems(data: bytes) -> str:
    """What a refused file looks like, to say so: ' (it is a program, not a document)'."""
    if data.startswith(b"MZ") or data.startswith(b"\x7fELF"):
        return " It is a program, not a document"
    if data.startswith(OLE2):
        return (
            " It is an older Office file (such as a .doc): open it in Word and save it as a .docx "
            "or a PDF, then attach that"
        )
    if data[4:8] == b"ftyp" and data[8:12] in HEIC_BRANDS:
        return (
            " It is an iPhone photo (HEIC): save or send it as a JPEG first (on the iPhone, Settings, "
            "Camera, Formats, Most Compatible)"
        )
    if data.startswith(ZIP):
        return " It is a zip file: take the documents out of it and attach each one"
    return ""


def inspect(data: bytes, name: str) -> Inspected:
    """What the file is and how many pages it has, or a UserError saying why it cannot be
    attached (empty, too big, not an accepted kind, damaged, locked with a password)."""
    if not data:
        raise UserError(f"{name} is empty (0 bytes): there is nothing in it to attach.")
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            f"{name} is {size_words(len(data))}; a document can be at most {size_words(MAX_FILE_BYTES)}. "
            "Scan it again at a lower resolution (200 dpi is plenty), or compress it, then attach it."
        )
    kind = file_type_of(data)
    if kind is None:
        seems = _seems(data)
        raise UserError(
            f"{name} cannot be attached: it is not {ACCEPTED}.{seems + '.' if seems else ''} "
            "SENCO desk looks at what a file holds, not at its name."
        )
    if kind == "pdf":
        return Inspected(kind, pdf_pages(data, name))
    if kind in IMAGES:
        _check_image(data, name, kind)
        return Inspected(kind, 1)
    _check_docx(data, name)
    return Inspected(kind, None)


def _damaged(name: str, what: str) -> UserError:
    return UserError(
        f"{name} looks like a {what} but is damaged, so it cannot be attached (a bundle would not open "
        "at the LA). Ask for a fresh copy, or open it and save it again, then attach that."
    )


def pdf_pages(data: bytes, name: str) -> int:
    """The PDF's page count, after a trial of what a bundle does with it (every page copied into
    a new PDF); a UserError if it is damaged or needs a password to open."""
    from pypdf import PdfWriter
    from pypdf.errors import DependencyError, PyPdfError

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise UserError(
            f"{name} is an incomplete PDF (it stops part-way, as when a download or an e-mail is cut "
            "short), so it cannot be attached. Ask for a fresh copy, then attach that."
        )
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its repair notes about odd but readable files are not ours to log
    try:
        reader = open_pdf(data)
        if reader is None:
            raise UserError(
                f"{name} is protected with a password, so it cannot be attached: SENCO desk could not "
                "send it on, nor could the LA open it. Ask the sender for a copy without a password."
            )
        pages = len(reader.pages)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.write(io.BytesIO())
    except UserError:
        raise
    except (PyPdfError, DependencyError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise _damaged(name, "PDF") from e
    except RecursionError as e:  # a file whose objects point at each other without end
        raise _damaged(name, "PDF") from e
    finally:
        quiet.setLevel(level)
    if pages == 0:
        raise UserError(f"{name} is a PDF with no pages, so there is nothing in it to attach.")
    return pages


def open_pdf(data: bytes) -> PdfReader | None:
    """A reader for the PDF, decrypted if it is locked only against changes (it opens with no
    password, as many official reports do); None when it needs a password to open."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return None
    return reader


def _check_image(data: bytes, name: str, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # the file's structure
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # and every pixel: a photo cut short fails here
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
        raise _damaged(name, f"{FILE_TYPES[kind]}") from e


def _check_docx(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise UserError(
                    f"{name} is a Word file with macros in it (.docm), which LAs and SENCO desk do not "
                    "accept. Open it in Word and save it as a .docx or a PDF, then attach that."
                )
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED_BYTES:
                raise _damaged(name, "Word document")
            if z.testzip() is not None:  # each part read through and its checksum checked
                raise _damaged(name, "Word document")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise _damaged(name, "Word document") from e
