"""The Word (.docx) foundation the packs share: real headings, tables whose header row repeats,
alt text on pictures, core properties, the marking decided per document, atomic writing."""

from __future__ import annotations

import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from sencodesk.reports import theme, word


def make(marking: str | None = theme.MARKING) -> word.WordDocument:
    return word.WordDocument(
        title="EHC needs assessment request for Amy Smith",
        school="Oak & Tree <Primary>",
        subject="EHC needs assessment request",
        printed_on=date(2026, 11, 29),
        marking=marking,
    )


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGB", (60, 30), "navy").save(path)
    return path


def test_headings_are_real_heading_styles(tmp_path):
    d = make()
    d.title("EHC needs assessment request")
    d.heading("1. About the child", 1)
    d.heading("Their needs", 2)
    d.heading("Communication", 3)
    d.paragraph("Line one\nLine two & <three>")
    read = docx.Document(d.save(tmp_path / "h.docx"))
    styles = [(p.style.name, p.text) for p in read.paragraphs if p.text]
    assert styles[:4] == [
        ("Title", "EHC needs assessment request"),
        ("Heading 1", "1. About the child"),
        ("Heading 2", "Their needs"),
        ("Heading 3", "Communication"),
    ]
    assert ("Normal", "Line one\nLine two & <three>") in styles  # as typed, the break kept
    with pytest.raises(ValueError):
        d.heading("Too deep", 4)


def test_tables_mark_their_header_row_to_repeat(tmp_path):
    d = make()
    d.table(
        ["Provision", "Cost"],
        [["Phonics", "£92.50"], ["Total", "£92.50"]],
        widths=[3, 1],
        total_row=True,
        caption="Provision this year",
    )
    d.facts([("Name", "Amy Smith"), ("Year group", "")])
    read = docx.Document(d.save(tmp_path / "t.docx"))
    data, facts = read.tables
    header = data.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert data.rows[1]._tr.trPr is None or data.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert [c.text for c in data.rows[0].cells] == ["Provision", "Cost"]
    assert data.rows[2].cells[0].paragraphs[0].runs[0].bold  # the totals in bold
    assert data._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Provision this year"
    assert facts.rows[1].cells[1].text == theme.NOT_RECORDED


def test_pictures_carry_alt_text_and_one_without_is_refused(tmp_path, logo):
    d = make()
    d.picture(logo, alt="Oak Tree Primary's logo", width_mm=20)
    with pytest.raises(ValueError, match="alt text"):
        d.picture(logo, alt="  ")
    read = docx.Document(d.save(tmp_path / "p.docx"))
    [shape] = read.inline_shapes
    assert shape._inline.docPr.get("descr") == "Oak Tree Primary's logo"


def test_core_properties_say_what_and_whose_it_is(tmp_path):
    props = docx.Document(make().save(tmp_path / "c.docx")).core_properties
    assert props.title == "EHC needs assessment request for Amy Smith"
    assert props.author == "Oak & Tree <Primary>" and props.subject == "EHC needs assessment request"
    assert props.language == "en-GB" and props.created.date() == date(2026, 11, 29)


def _footer_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))


def test_the_marking_is_decided_per_document(tmp_path):
    marked = _footer_xml(make().save(tmp_path / "m.docx"))
    assert theme.MARKING in marked and 'w:instr="PAGE"' in marked and 'w:instr="NUMPAGES"' in marked
    assert "Printed 29/11/2026" in marked
    published = _footer_xml(make(marking=None).save(tmp_path / "n.docx"))
    assert "OFFICIAL" not in published and "special category" not in published


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    d = make()
    target = tmp_path / "f.docx"

    def broken(stream):
        stream.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(d.doc, "save", broken)
    with pytest.raises(OSError):
        d.save(target)
    assert not list(tmp_path.iterdir())  # neither the file nor its temporary part
