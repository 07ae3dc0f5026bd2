"""A picture sent in a bundle becomes one A4 page, the way up the camera recorded."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from sencodesk.reports.bundle import image_pdf


def page_of(data: bytes, kind: str):
    [page] = PdfReader(io.BytesIO(image_pdf(data, kind))).pages
    return float(page.mediabox.width), float(page.mediabox.height)


def photo(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation  # as a phone writes it: the pixels sideways, the tag says so
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_taken_upright_is_a_portrait_page_even_when_its_pixels_lie_sideways():
    width, height = page_of(photo((1200, 900), orientation=6), "jpeg")
    assert round(width) == 595 and round(height) == 842  # A4 portrait


def test_a_landscape_picture_gets_a_landscape_page_and_a_png_stays_a_png():
    width, height = page_of(photo((1200, 900)), "jpeg")
    assert width > height
    out = io.BytesIO()
    Image.new("RGBA", (300, 500), (0, 0, 0, 0)).save(out, "PNG")
    width, height = page_of(out.getvalue(), "png")
    assert width < height
