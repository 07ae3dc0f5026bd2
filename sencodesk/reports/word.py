"""Word documents (.docx): the one way a pack is written for a school to finish or share in Word.

Built on python-docx. What every document gets, so that a screen reader and Word's navigation
pane see its structure as the PDF's reader sees its look:
- real heading styles (Title, Heading 1/2/3), not bold body text;
- real tables, each with its header row marked to repeat on every page (w:tblHeader), and an
  optional caption (w:tblCaption) for screen readers;
- alt text on every picture (wp:docPr descr; a picture without it is refused);
- the document's title, author, subject and language (en-GB) in its core properties;
- the school and the title in the page header; the marking (when the document has one), the
  date printed and "Page X of Y" in the footer, as the PDF theme prints them;
- A4 with the PDF theme's margins; the file written atomically, as the PDFs are.

The marking is decided per document: a pack about a pupil passes `theme.MARKING`
("OFFICIAL-SENSITIVE: contains special category data"); a document the school publishes (the
inclusion strategy: counts only) passes None.

How a pack builds one:

    from . import word

    doc = word.WordDocument(
        title="EHC needs assessment request for Amy Smith",
        school="Oak Tree Primary",
        subject="EHC needs assessment request",
        printed_on=date.today(),
        marking=theme.MARKING,
    )
    doc.title("EHC needs assessment request")
    doc.heading("1. About the child", 1)
    doc.facts([("Name", "Amy Smith"), ("Year group", "Year 3")])
    doc.paragraph(text_the_school_typed)          # line breaks kept, nothing escaped away
    doc.table(["Provision", "Cost a year"], rows, widths=[3, 1], total_row=True,
              caption="Provision this year and what it costs")
    doc.picture(logo_path, alt="Oak Tree Primary's logo", width_mm=25)
    doc.save(path)                                # atomic, like theme.build_pdf
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor

from .. import outputs
from . import theme

FONT = "Arial"  # on every school PC; DejaVu Sans (the PDFs' font) is not
LANGUAGE = "en-GB"
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)  # the PDF theme's accent
MARKING_INK = RGBColor(0x8A, 0x1C, 0x14)
NOTE_INK = RGBColor(0x3D, 0x4A, 0x57)
MISSING_INK = RGBColor(0x5A, 0x5A, 0x5A)
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 18
CONTENT_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM


class WordDocument:
    """One .docx being built; call its methods in reading order, then save()."""

    def __init__(
        self,
        *,
        title: str,
        school: str,
        subject: str,
        printed_on: date,
        marking: str | None,
        author: str | None = None,
    ):
        self.doc = Document()
        self.printed_on = printed_on
        self._page_setup()
        self._styles()
        props = self.doc.core_properties
        props.title = title
        props.author = author or school or "SENCO desk"
        props.subject = subject
        props.language = LANGUAGE
        props.last_modified_by = "SENCO desk"
        props.comments = "Made with SENCO desk"
        props.keywords = marking or ""
        # the day printed, not the template's 2013 date (and the same bytes' meaning each time)
        stamp = datetime(printed_on.year, printed_on.month, printed_on.day)
        props.created = props.modified = stamp
        props.revision = 1
        self._header_footer(school, title, marking)

    # ---- set-up ---------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(4)
        _set_east_asia_font(normal.element, FONT)
        for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11.5)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT if name != "Heading 3" else RGBColor(0x1B, 0x27, 0x33)
            _set_east_asia_font(style.element, FONT)
        # the language every run inherits, so Word checks spelling in UK English
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), LANGUAGE)

    def _header_footer(self, school: str, title: str, marking: str | None) -> None:
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        run = head.add_run(school or "")
        run.bold = True
        run.font.color.rgb = ACCENT
        head.add_run(f"\n{title}").font.size = Pt(9.5)
        foot = section.footer.paragraphs[0]
        if marking:
            mark = foot.add_run(marking)
            mark.bold = True
            mark.font.size = Pt(8.5)
            mark.font.color.rgb = MARKING_INK
            foot.add_run("    ")
        printed = foot.add_run(f"Printed {self.printed_on:%d/%m/%Y}    Page ")
        printed.font.size = Pt(8.5)
        _field(foot, "PAGE")
        foot.add_run(" of ").font.size = Pt(8.5)
        _field(foot, "NUMPAGES")

    # ---- content --------------------------------------------------------------------------
    def title(self, text: str) -> None:
        self.doc.add_heading(text, level=0)  # the Title style

    def heading(self, text: str, level: int = 1) -> None:
        if level not in (1, 2, 3):
            raise ValueError("Word headings here are level 1, 2 or 3")
        self.doc.add_heading(text, level=level)

    def paragraph(self, text: str, *, style: str = "body") -> None:
        """Plain text as typed: each line break kept (a soft break inside one paragraph).
        style: body, note (smaller, grey) or missing (italic: 'Not yet recorded')."""
        p = self.doc.add_paragraph()
        lines = str(text).replace("\r\n", "\n").split("\n")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
            if style == "note":
                run.font.size = Pt(10)
                run.font.color.rgb = NOTE_INK
            elif style == "missing":
                run.italic = True
                run.font.color.rgb = MISSING_INK

    def facts(self, pairs: Iterable[tuple[str, object]], *, caption: str = "") -> None:
        """Label / value pairs as a two-column table; an empty value reads 'Not yet recorded'."""
        rows = list(pairs)
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for (label, value), row in zip(rows, table.rows, strict=True):
            _cell_text(row.cells[0], label, bold=True)
            shown = "" if value is None else str(value)
            _cell_text(row.cells[1], shown or theme.NOT_RECORDED, italic=not shown)
        _widths(table, [1, 2])
        if caption:
            _caption(table, caption)
        self._gap()

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        total_row: bool = False,
        caption: str = "",
    ) -> None:
        """A data table: the header row repeats on every page and is marked as the header for
        screen readers; total_row makes the last row bold (it holds the totals)."""
        body = [["" if c is None else str(c) for c in row] for row in rows]
        table = self.doc.add_table(rows=1 + len(body), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _cell_text(cell, text, bold=True)
            _shade(cell, "DCE8F2")
        mark_header_row(table.rows[0])
        for i, (row, values) in enumerate(zip(table.rows[1:], body, strict=True), start=1):
            last = total_row and i == len(body)
            for cell, text in zip(row.cells, values, strict=True):
                _cell_text(cell, text, bold=last)
        _widths(table, widths or [1] * len(header))
        if caption:
            _caption(table, caption)
        self._gap()

    def picture(self, path: Path | str, *, alt: str, width_mm: float = 40, title: str = "") -> None:
        """A picture with its alt text (what a screen reader says instead of showing it)."""
        if not alt.strip():
            raise ValueError("every picture needs alt text")
        shape = self.doc.add_picture(str(path), width=Mm(width_mm))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", title or alt)

    def banner(self, headline: str, detail: str = "") -> None:
        """A boxed warning across the page, in words (DRAFT, consent not recorded), as the PDF's."""
        table = self.doc.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        cell = table.rows[0].cells[0]
        _cell_text(cell, headline, bold=True)
        if detail:
            run = cell.add_paragraph().add_run(detail)
            run.font.size = Pt(10)
        _shade(cell, "FBE3E0")
        _widths(table, [1])
        self._gap()

    def signature(self, role: str, name: str) -> None:
        """Role and name, then room to sign and date (a line to write a name the record lacks)."""
        table = self.doc.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        rows = [(role, name.strip() or theme.SIGN_NAME_LINE), ("Signature", ""), ("Date", "")]
        for (label, value), row in zip(rows, table.rows, strict=True):
            _cell_text(row.cells[0], label, bold=label == role)
            _cell_text(row.cells[1], value)
            row.height = Mm(12 if label == "Signature" else 8)
            row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        _widths(table, [3, 7])
        self._gap()

    def page_break(self) -> None:
        self.doc.add_page_break()

    def _gap(self) -> None:
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    # ---- writing --------------------------------------------------------------------------
    def save(self, path: Path | str) -> Path:
        """Write the .docx through outputs.write_atomic (never over the school's data, a failed
        write leaves the old file or nothing). The zip's comment carries outputs.DOCX_MARKER,
        so the next export may replace a file SENCO desk made without asking."""

        return save_docx(self.doc.save, path)


def save_docx(save: Callable[[BinaryIO], object], path: Path | str) -> Path:
    """Write a Word file that `save(stream)` produces (python-docx's or docxtpl's save) the one
    guarded way: outputs.write_atomic, with outputs.DOCX_MARKER in the zip's comment."""

    def render(stream: BinaryIO) -> None:
        buffer = io.BytesIO()
        save(buffer)
        with zipfile.ZipFile(buffer, "a") as archive:  # the comment is stored uncompressed
            archive.comment = outputs.DOCX_MARKER
        stream.write(buffer.getvalue())

    return outputs.write_atomic(path, render, marker=outputs.DOCX_MARKER)


def mark_header_row(row) -> None:
    """w:tblHeader on the row: Word repeats it on each page and reads it as the table's header."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):  # the schema's order; the header is never split
        if tr_pr.find(qn(tag)) is None:
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            tr_pr.append(element)


def _element(tag: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _cell_text(cell, text: object, *, bold: bool = False, italic: bool = False) -> None:
    p = cell.paragraphs[0]  # a new cell holds one empty paragraph, with no runs
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    lines = str(text).split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(10)
        if i < len(lines) - 1:
            run.add_break()


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _widths(table, widths: Sequence[float]) -> None:
    total = sum(widths)
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Mm(CONTENT_MM * w / total)


def _caption(table, text: str) -> None:
    """The table's caption for assistive technology (Word: Table Properties, Alt Text)."""
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", text), ("w:tblDescription", text)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)


def _field(paragraph, instruction: str) -> None:
    """A field Word fills in when it lays the page out (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_east_asia_font(style_element, font: str) -> None:
    """python-docx sets w:ascii/w:hAnsi only; set every script so Word shows one font."""
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
