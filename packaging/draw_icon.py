"""Draws SENCO desk's app icon: a register page with ticked rows on a blue rounded square.

    python packaging/draw_icon.py        (writes assets/icons/sencodesk-{16..512}.png, .ico, .icns)

The mark is drawn from shapes, not a font, so it is the same on every computer. Small sizes
(16-32 px) get their own simpler drawing: three ticked rows turn to mush at 16 px, so there the
page carries one bold tick. Each size is drawn 4x larger and scaled down for smooth edges.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"
BLUE = (31, 95, 168, 255)  # a calm, high-contrast blue (white on it passes WCAG AA)
PAGE = (255, 255, 255, 255)
LINE = (120, 144, 172, 255)
TICK = (233, 126, 22, 255)  # orange: stands out from the blue for people with most colour
SMALL = 32  # this size and below use the simple drawing
SUPERSAMPLE = 4
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]


def _tick(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, width: int) -> None:
    """A tick whose box is `size` square with its top-left at (x, y)."""
    points = [(x, y + size * 0.55), (x + size * 0.38, y + size * 0.9), (x + size, y + size * 0.1)]
    draw.line(points, fill=TICK, width=width, joint="curve")
    r = width / 2  # round the ends so the tick does not look clipped
    for px, py in (points[0], points[-1]):
        draw.ellipse((px - r, py - r, px + r, py + r), fill=TICK)


def _draw(size: int) -> Image.Image:
    s = size * SUPERSAMPLE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 0.2, fill=BLUE)
    # The page: portrait, centred, a little corner rounding.
    left, top, right, bottom = s * 0.22, s * 0.14, s * 0.78, s * 0.86
    d.rounded_rectangle((left, top, right, bottom), radius=s * 0.05, fill=PAGE)
    if size <= SMALL:
        _tick(d, left + s * 0.08, top + s * 0.2, (right - left) - s * 0.16, width=round(s * 0.11))
        return img.resize((size, size), Image.LANCZOS)
    row_gap = (bottom - top) / 3.6
    box = s * 0.1
    for row in range(3):
        y = top + row_gap * (0.55 + row)
        d.rectangle(
            (left + s * 0.06, y, left + s * 0.06 + box, y + box), outline=LINE, width=max(1, round(s * 0.012))
        )
        d.line(
            (left + s * 0.22, y + box / 2, right - s * 0.07, y + box / 2), fill=LINE, width=round(s * 0.03)
        )
        _tick(d, left + s * 0.055, y - box * 0.35, box * 1.35, width=round(s * 0.035))
    return img.resize((size, size), Image.LANCZOS)


def main(out: Path = OUT) -> int:
    out.mkdir(parents=True, exist_ok=True)
    drawn = {size: _draw(size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    for size in PNG_SIZES:
        drawn[size].save(out / f"sencodesk-{size}.png", optimize=True)
    # Each size is handed over as drawn; otherwise Pillow scales the largest one down and the
    # 16 px icon loses its simple design.
    biggest = drawn[max(ICO_SIZES)]
    biggest.save(
        out / "sencodesk.ico",
        sizes=[(n, n) for n in ICO_SIZES],
        append_images=[drawn[n] for n in ICO_SIZES if n != max(ICO_SIZES)],
    )
    drawn[max(ICNS_SIZES)].save(out / "sencodesk.icns", append_images=[drawn[n] for n in ICNS_SIZES[:-1]])
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
