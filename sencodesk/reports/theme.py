"""The look every pack shares, and the one way a pack reaches the disk.

A4; DejaVu Sans embedded (readable, and it has every character a name can hold: Helvetica's
standard-14 metrics do not); school name, logo and document title in the header; "Page X of Y",
the date printed and the OFFICIAL-SENSITIVE marking in the footer (every pack about a pupil;
not a document the school publishes); tables that repeat their header row and wrap their
cells; files written atomically.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import outputs
from ..resources import asset

FONT = "SencoSans"
FONT_BOLD = "SencoSans-Bold"
FONT_ITALIC = "SencoSans-Oblique"
FONT_BOLD_ITALIC = "SencoSans-BoldOblique"

MARKING = "OFFICIAL-SENSITIVE: contains special category data"
NOT_RECORDED = "Not yet recorded"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_HEIGHT = 20 * mm
FOOTER_HEIGHT = 12 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = colors.HexColor("#1b2733")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#9fb3c8")
HEADER_FILL = colors.HexColor("#dce8f2")
BANNER_FILL = colors.HexColor("#fde2e1")
BANNER_INK = colors.HexColor("#8a1c14")

# Tables set a cell font even when every cell is a Paragraph; reportlab's default is Helvetica.
BASE_TABLE = [("FONTNAME", (0, 0), (-1, -1), FONT)]


def register_fonts() -> None:
    """Register the embedded family once per process (reportlab keeps a global registry)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(asset("fonts", file))))
    # baseFontFor: the canvas and the charts otherwise start every page/drawing in Helvetica
    pdfmetrics.registerFontFamily(  # type: ignore[call-arg]  # baseFontFor is reportlab's; the stubs miss it
        FONT,
        normal=FONT,
        bold=FONT_BOLD,
        italic=FONT_ITALIC,
        boldItalic=FONT_BOLD_ITALIC,
        baseFontFor="canvas graphics",
    )


def make_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    """Paragraph styles; `scale` enlarges everything (the one-page profile uses large type)."""
    register_fonts()

    def style(name: str, size: float, **kw) -> ParagraphStyle:
        kw.setdefault("fontName", FONT)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size * scale, leading=size * scale * 1.3, **kw)

    return {
        "body": style("body", 10.5, spaceAfter=4),
        "cell": style("cell", 10),
        "cell_head": style("cell_head", 10, fontName=FONT_BOLD),
        "label": style("label", 10, fontName=FONT_BOLD),
        "missing": style(
            "missing", 10.5, fontName=FONT_ITALIC, textColor=colors.HexColor("#5a5a5a"), spaceAfter=4
        ),
        "title": style("title", 18, fontName=FONT_BOLD, textColor=ACCENT, spaceAfter=6),
        "h1": style("h1", 14, fontName=FONT_BOLD, textColor=ACCENT, spaceBefore=10, spaceAfter=5),
        "h2": style("h2", 11.5, fontName=FONT_BOLD, spaceBefore=6, spaceAfter=3),
        "banner": style("banner", 12, fontName=FONT_BOLD, textColor=BANNER_INK, alignment=TA_CENTER),
        "note": style("note", 10, textColor=colors.HexColor("#3d4a57"), spaceAfter=4),
    }


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: escaped (a name with '&' or '<' must print as typed) and with
    line breaks kept, so what a person typed reads the way they typed it."""
    safe = escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")
    return Paragraph(safe, style)


def text_or_missing(text: str | None, styles: dict, missing: str = NOT_RECORDED) -> Paragraph:
    return para(text, styles["body"]) if text and str(text).strip() else para(missing, styles["missing"])


def not_recorded(styles: dict, what: str = "") -> Paragraph:
    """The plain words a reader sees where evidence is missing: the pack still builds."""
    return para(f"{NOT_RECORDED}: {what}" if what else f"{NOT_RECORDED}.", styles["missing"])


def banner(text: str, styles: dict, detail: str = "") -> Table:
    """A boxed warning across the page (words, not only colour, carry the meaning)."""
    rows = [[para(text, styles["banner"])]]
    if detail:
        rows.append([para(detail, styles["cell"])])
    t = Table(rows, colWidths=[CONTENT_WIDTH])
    t.setStyle(
        TableStyle(
            [
                *BASE_TABLE,
                ("BACKGROUND", (0, 0), (-1, -1), BANNER_FILL),
                ("BOX", (0, 0), (-1, -1), 1.5, BANNER_INK),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    styles: dict,
    widths: Sequence[float] | None = None,
) -> Table:
    """A data table: header row repeated on every page, every cell a wrapping Paragraph, and
    rows allowed to split across pages so a very long entry is never cut off."""
    body = [
        [c if isinstance(c, Flowable) else para("" if c is None else c, styles["cell"]) for c in row]
        for row in rows
    ]
    data: list[list[Flowable]] = [[para(h, styles["cell_head"]) for h in header], *body]
    if widths is None:
        widths = [CONTENT_WIDTH / len(header)] * len(header)
    else:
        total = sum(widths)
        widths = [w * CONTENT_WIDTH / total for w in widths]
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                *BASE_TABLE,
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def facts(pairs: Iterable[tuple[str, object]], styles: dict, label_width: float = 0.34) -> Table:
    """Label / value pairs as a two-column table; an empty value reads 'Not yet recorded'."""
    rows = []
    for label, value in pairs:
        shown = (
            value
            if isinstance(value, Flowable)
            else (
                para(value, styles["cell"])
                if value not in (None, "")
                else para(NOT_RECORDED, styles["missing"])
            )
        )
        rows.append([para(label, styles["label"]), shown])
    t = Table(
        rows,
        colWidths=[CONTENT_WIDTH * label_width, CONTENT_WIDTH * (1 - label_width)],
        splitInRow=1,
        hAlign="LEFT",
    )
    t.setStyle(
        TableStyle(
            [
                *BASE_TABLE,
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f1f5f9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def heading(text: str, styles: dict, level: str = "h1") -> Paragraph:
    return para(text, styles[level])


def with_heading(head: Flowable, content: list[Flowable]) -> list[Flowable]:
    """A heading kept on the same page as the start of its content.

    A KeepTogether nested in another one makes reportlab push the whole block to a new page
    even when it fits, leaving a blank half page; so a first block that is itself kept
    together is opened up and merged into this one.
    """
    return [KeepTogether([head, *opened(content[0])]), *content[1:]]


def opened(flowable: Flowable) -> list[Flowable]:
    """A KeepTogether's own flowables (to merge into another one), or any other flowable alone."""
    if isinstance(flowable, KeepTogether):
        return list(flowable._content)  # type: ignore[attr-defined]  # reportlab has no public accessor
    return [flowable]


def kept_together(*blocks: list[Flowable]) -> list[Flowable]:
    """Several blocks (each a list of flowables) kept on one page, as one KeepTogether.

    Inner KeepTogethers are opened up first (a nested one pushes the whole block to a new page
    even when it fits). Used for a pack's last section: it travels with the one before, so the
    last page never holds a section, or a signature, on its own.
    """
    flat: list[Flowable] = []
    for block in blocks:
        for f in block:
            flat += opened(f)
    return [KeepTogether(flat)]


def numbered_sections(sections: list[tuple[str, list[Flowable]]], styles: dict) -> list[Flowable]:
    """Sections headed "1. …", "2. …", each heading kept with its content; the last section (consent,
    a signature: short) kept on the page with the end of the one before it, so it never sits alone
    on the last page (a long previous section still flows; only its last block travels)."""
    blocks = [
        with_heading(heading(f"{number}. {head}", styles), content)
        for number, (head, content) in enumerate(sections, start=1)
    ]
    story = [flowable for block in blocks[:-2] for flowable in block]
    previous, last = blocks[-2], blocks[-1]
    return story + previous[:-1] + kept_together(previous[-1:], last)


SIGN_NAME_LINE = "Name (please print): " + "_" * 40


def signature_block(role: str, name: str, styles: dict) -> KeepTogether:
    """Role and name, then room to sign and date. A name the school has not recorded prints a
    line to write it on (an empty box beside the role read as a fault in the pack)."""
    named = bool(name and name.strip())
    rows: list[list[object]] = [
        [
            para(f"{role}", styles["label"]),
            para(name, styles["cell"]) if named else para(SIGN_NAME_LINE, styles["cell"]),
        ],
        [para("Signature", styles["cell"]), ""],
        [para("Date", styles["cell"]), ""],
    ]
    t = Table(
        rows,
        colWidths=[CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.7],
        rowHeights=[None if named else 10 * mm, 14 * mm, 9 * mm],
    )
    t.setStyle(
        TableStyle(
            [
                *BASE_TABLE,
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *([] if named else [("VALIGN", (0, 0), (-1, 0), "BOTTOM")]),
            ]
        )
    )  # the line at writing height
    return KeepTogether([t, Spacer(1, 4 * mm)])


def _nice_max(values: Sequence[float]) -> float:
    top = max([v for v in values if v is not None] + [0])
    return 1 if top <= 0 else top * 1.15


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    width: float = CONTENT_WIDTH,
    height: float = 55 * mm,
    caption: str = "",
) -> Drawing:
    """Bars with their value printed above each one; the value axis always starts at 0."""
    register_fonts()
    d = Drawing(width, height)
    c = VerticalBarChart()
    # the stubs type a chart's size as int; reportlab measures in (float) points
    c.x, c.y, c.width, c.height = 30, 28, width - 45, height - 45  # type: ignore[assignment]
    c.data = [list(values)]
    slanted = len(labels) > 8
    room = 30 * mm if slanted else c.width / max(len(labels), 1) - 4
    c.categoryAxis.categoryNames = [chart_label(str(x), room) for x in labels]
    c.categoryAxis.labels.fontName = FONT
    c.categoryAxis.labels.fontSize = 8
    c.categoryAxis.labels.angle = 30 if slanted else 0
    c.categoryAxis.labels.boxAnchor = "ne" if slanted else "n"
    c.valueAxis.valueMin = 0
    c.valueAxis.valueMax = _nice_max(values)
    c.valueAxis.labels.fontName = FONT
    c.valueAxis.labels.fontSize = 8
    c.bars[0].fillColor = ACCENT
    c.barLabelFormat = "%s"
    c.barLabels.fontName = FONT
    c.barLabels.fontSize = 8
    c.barLabels.nudge = 6
    d.add(c)
    if caption:
        d.add(String(0, height - 10, caption, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    return d


CHART_FONT_SIZE = 8


def chart_label(label: str, room: float) -> str:
    """A category name that fits under its bar: 'SLCN - Speech, language and ...' becomes its
    code 'SLCN' (the table above the chart spells it out); anything else still too wide is
    shortened with '...', so neighbouring labels never print over each other."""
    register_fonts()
    if pdfmetrics.stringWidth(label, FONT, CHART_FONT_SIZE) <= room:
        return label
    if " - " in label:
        label = label.split(" - ", 1)[0]
    return _fit(label, FONT, CHART_FONT_SIZE, room)


def line_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    width: float = CONTENT_WIDTH,
    height: float = 50 * mm,
    caption: str = "",
    from_zero: bool = True,
) -> Drawing:
    """A line over time. from_zero=False fits the axis to the values (scores of 78 to 88 then
    show their rise instead of a flat line at the top of a 0-100 axis)."""
    register_fonts()
    d = Drawing(width, height)
    c = HorizontalLineChart()
    names = [str(x) for x in labels]
    # many dates side by side print over each other: slant them, and lift the axis to make room
    widest = max((pdfmetrics.stringWidth(n, FONT, CHART_FONT_SIZE) for n in names), default=0)
    slanted = widest + 4 > (width - 45) / max(len(names), 1)
    lift = 16 if slanted else 0
    # the stubs type a chart's size as int; reportlab measures in (float) points
    c.x, c.y, c.width, c.height = 30, 25 + lift, width - 45, height - 42 - lift  # type: ignore[assignment]
    c.data = [list(values)]
    c.categoryAxis.categoryNames = names
    c.categoryAxis.labels.fontName = FONT
    c.categoryAxis.labels.fontSize = CHART_FONT_SIZE
    if slanted:
        c.categoryAxis.labels.angle = 30
        c.categoryAxis.labels.boxAnchor = "ne"
    if from_zero:
        c.valueAxis.valueMin = 0
        c.valueAxis.valueMax = _nice_max(values)
    else:
        lo, hi = min(values), max(values)
        margin = max((hi - lo) * 0.3, 1)
        c.valueAxis.valueMin = math.floor(lo - margin)
        c.valueAxis.valueMax = math.ceil(hi + margin)
    c.lines[0].symbol = makeMarker("FilledCircle", size=4)
    c.valueAxis.labels.fontName = FONT
    c.valueAxis.labels.fontSize = 8
    c.lines[0].strokeColor = ACCENT
    c.lines[0].strokeWidth = 2
    c.joinedLines = 1
    d.add(c)
    if caption:
        d.add(String(0, height - 10, caption, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    return d


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer print on every page."""

    school: str
    title: str
    printed_on: date
    logo_path: str | None = None
    # decided per document: a pack about a pupil carries it; a document the school publishes
    # (the inclusion strategy: counts only) passes "" and its footer has no marking
    marking: str = MARKING


def _usable_logo(path: str | None) -> ImageReader | None:
    """The school's logo, or None when it is not set or cannot be read (the pack still builds)."""
    if not path:
        return None
    try:
        return ImageReader(path)
    except Exception:  # noqa: BLE001 - a bad image file must not stop an export
        return None


def _canvas_class(info: PageInfo) -> type[Canvas]:
    """A canvas that holds each page until the end, so the footer can say 'Page X of Y'."""
    printed = info.printed_on.strftime("%d/%m/%Y")

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # as reportlab's own showPage does

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            y = MARGIN - 8 * mm
            self.setStrokeColor(RULE)
            self.line(MARGIN, y + 5 * mm, PAGE_WIDTH - MARGIN, y + 5 * mm)
            if info.marking:
                self.setFillColor(BANNER_INK)
                self.setFont(FONT_BOLD, 8.5)
                self.drawString(MARGIN, y, info.marking)
            self.setFillColor(INK)
            self.setFont(FONT, 8.5)
            self.drawCentredString(PAGE_WIDTH / 2 + 18 * mm, y, f"Printed {printed}")
            self.drawRightString(PAGE_WIDTH - MARGIN, y, f"Page {number} of {total}")

    return NumberedCanvas


def _header(info: PageInfo, logo: ImageReader | None) -> Callable:
    def draw(canvas: Canvas, doc) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - MARGIN + 6 * mm
        right = PAGE_WIDTH - MARGIN
        if logo is not None:
            w, h = logo.getSize()
            box = 14 * mm
            scale = min(box / w, box / h)
            canvas.drawImage(logo, right - w * scale, top - h * scale, w * scale, h * scale, mask="auto")
            right -= box + 3 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(MARGIN, top - 4 * mm, _fit(info.school, FONT_BOLD, 11, right - MARGIN))
        canvas.setFillColor(INK)
        canvas.setFont(FONT, 9.5)
        canvas.drawString(MARGIN, top - 9 * mm, _fit(info.title, FONT, 9.5, right - MARGIN))
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, top - 12 * mm, PAGE_WIDTH - MARGIN, top - 12 * mm)
        canvas.restoreState()

    return draw


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a one-line header text with '...' rather than run off the page."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "...", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "..."


def build_pdf(
    path: Path | str, story: list[Flowable], info: PageInfo, *, subject: str, invariant: bool = False
) -> Path:
    """Lay out `story` and write it to `path` atomically. Returns the path written."""

    def render(stream: BinaryIO) -> None:
        render_pdf(stream, story, info, subject=subject, invariant=invariant)

    return outputs.write_atomic(path, render, marker=outputs.PDF_MARKER)


def pdf_bytes(story: list[Flowable], info: PageInfo, *, subject: str, invariant: bool = False) -> bytes:
    """The PDF in memory: a bundle puts the pack and its attachments in one file, written once."""
    buffer = io.BytesIO()
    render_pdf(buffer, story, info, subject=subject, invariant=invariant)
    return buffer.getvalue()


def render_pdf(
    stream: BinaryIO, story: list[Flowable], info: PageInfo, *, subject: str, invariant: bool = False
) -> None:
    """Lay out `story` with the house page (header, footer, marking) into `stream`."""
    register_fonts()
    logo = _usable_logo(info.logo_path)
    doc = BaseDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT - 8 * mm,
        bottomMargin=MARGIN + FOOTER_HEIGHT - 8 * mm,
        title=info.title,
        author=info.school or "SENCO desk",
        subject=subject,
        creator="SENCO desk",  # outputs.PDF_MARKER: a file SENCO desk made
        lang="en-GB",
        invariant=int(invariant),
        # the canvas otherwise starts in Helvetica, which would be listed in every page
        initialFontName=FONT,
        initialFontSize=10,
        initialLeading=13,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_header(info, logo))])
    doc.build(story, canvasmaker=_canvas_class(info))


def count_pages(
    story: list[Flowable],
    *,
    top: float = MARGIN + HEADER_HEIGHT - 8 * mm,
    bottom: float = MARGIN + FOOTER_HEIGHT - 8 * mm,
) -> int:
    """How many pages `story` fills with the house margins (a trial layout in memory)."""
    import io

    register_fonts()
    doc = BaseDocTemplate(
        io.BytesIO(), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top, bottomMargin=bottom
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(frames=[frame])])
    doc.build(list(story))
    return doc.page
