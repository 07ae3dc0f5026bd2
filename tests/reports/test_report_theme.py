"""The shared theme: fonts, footer, metadata, wrapping tables, banners, atomic writing."""

from __future__ import annotations

import os
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from sencodesk.domain.errors import UserError
from sencodesk.reports import theme

from .pack_samples import fonts_used, page_count, pdf_text

INFO = theme.PageInfo("Oak & Tree <Primary>", "Test document", date(2026, 11, 29))


def build(tmp_path, story, name="t.pdf"):
    return theme.build_pdf(tmp_path / name, story, INFO, subject="A test", invariant=True)


def test_footer_numbers_pages_and_carries_the_marking_and_date(tmp_path):
    s = theme.make_styles()
    path = build(tmp_path, [theme.para("word " * 3000, s["body"])])
    pages = PdfReader(str(path)).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert theme.MARKING in text
        assert "Printed 29/11/2026" in text
        assert "Oak & Tree <Primary>" in text  # header: the school's name, escaped correctly


def test_a_published_document_carries_no_marking(tmp_path):
    s = theme.make_styles()
    info = theme.PageInfo("Oak Tree Primary", "Inclusion strategy", date(2026, 11, 29), marking="")
    path = theme.build_pdf(tmp_path / "p.pdf", [theme.para("Counts only.", s["body"])], info, subject="x")
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "OFFICIAL" not in text and "special category" not in text
    assert "Page 1 of 1" in text and "Printed 29/11/2026" in text


def test_metadata_title_author_subject_language(tmp_path):
    path = build(tmp_path, [theme.para("x", theme.make_styles()["body"])])
    reader = PdfReader(str(path))
    assert reader.metadata.title == "Test document"
    assert reader.metadata.author == "Oak & Tree <Primary>"
    assert reader.metadata.subject == "A test"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_only_the_embedded_family_is_used_never_helvetica(tmp_path):
    s = theme.make_styles()
    story = [
        theme.heading("Head", s),
        theme.table(["A"], [["b"]], s),
        theme.bar_chart(["a"], [3]),
        theme.banner("WARNING", s),
    ]
    used = fonts_used(build(tmp_path, story))
    assert used and all("DejaVuSans" in f for f in used), used  # embedded subsets, nothing else


def test_body_type_is_at_least_10pt():
    s = theme.make_styles()
    for name in ("body", "cell", "cell_head", "missing", "note", "label"):
        assert s[name].fontSize >= 10, name


def test_table_cell_longer_than_a_page_splits_and_repeats_the_header(tmp_path):
    s = theme.make_styles()
    path = build(tmp_path, [theme.table(["Outcome heading", "Rating"], [["long " * 2500, "Met"]], s)])
    pages = PdfReader(str(path)).pages
    assert len(pages) >= 3
    assert all("Outcome heading" in p.extract_text() for p in pages)


def test_unbroken_very_long_word_does_not_raise(tmp_path):
    s = theme.make_styles()
    path = build(
        tmp_path, [theme.table(["A", "B"], [["x" * 5000, "y"]], s), theme.para("z" * 5000, s["body"])]
    )
    assert page_count(path) >= 1


def test_text_is_escaped_and_keeps_line_breaks(tmp_path):
    s = theme.make_styles()
    p = theme.para("Tom & Jerry <b>not bold</b>\nsecond line", s["body"])
    assert isinstance(p, Paragraph)
    text = pdf_text(build(tmp_path, [p]))
    assert "Tom & Jerry <b>not bold</b>" in text and "second line" in text


def test_not_recorded_and_banner_words(tmp_path):
    s = theme.make_styles()
    text = pdf_text(
        build(
            tmp_path,
            [
                theme.not_recorded(s, "the child's views."),
                theme.banner("CONSENT NOT RECORDED", s, "Ask the parent."),
            ],
        )
    )
    assert "Not yet recorded: the child's views." in text
    assert "CONSENT NOT RECORDED" in text and "Ask the parent." in text


def test_chart_value_axis_starts_at_zero():
    chart = theme.bar_chart(["a", "b"], [40, 50]).contents[0]
    assert chart.valueAxis.valueMin == 0
    line = theme.line_chart(["a", "b"], [80, 83]).contents[0]
    assert line.valueAxis.valueMin == 0


def test_all_zero_chart_builds(tmp_path):
    assert (
        page_count(build(tmp_path, [theme.bar_chart(["a"], [0]), theme.line_chart(["a", "b"], [0, 0])])) == 1
    )


def test_failed_build_leaves_no_file_and_no_temp(tmp_path):
    class Boom(Paragraph):
        def wrap(self, *a):
            raise RuntimeError("layout failed")

    s = theme.make_styles()
    with pytest.raises(RuntimeError):
        build(tmp_path, [Boom("x", s["body"])])
    assert os.listdir(tmp_path) == []


def test_failed_build_keeps_the_previous_file(tmp_path):
    s = theme.make_styles()
    path = build(tmp_path, [theme.para("first version", s["body"])])
    before = path.read_bytes()

    class Boom(Paragraph):
        def wrap(self, *a):
            raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        build(tmp_path, [Boom("x", s["body"])])
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["t.pdf"]


def test_missing_folder_is_a_plain_message(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        theme.build_pdf(tmp_path / "nope" / "t.pdf", [], INFO, subject="x")


def test_replace_refused_says_the_file_is_open(tmp_path, monkeypatch):
    from sencodesk import outputs

    def refuse(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(outputs, "WINDOWS", True)  # where a viewer holding the file refuses the rename
    monkeypatch.setattr(outputs.os, "replace", refuse)
    monkeypatch.setattr(outputs.time, "sleep", lambda s: None)
    with pytest.raises(UserError, match=r"another program has it open\. Close the file in your PDF viewer"):
        build(tmp_path, [theme.para("x", theme.make_styles()["body"])])
    assert os.listdir(tmp_path) == []


def test_unreadable_logo_is_skipped_and_a_good_one_drawn(tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    s = theme.make_styles()
    info = theme.PageInfo("School", "T", date(2026, 11, 29), str(bad))
    path = theme.build_pdf(tmp_path / "a.pdf", [theme.para("x", s["body"])], info, subject="x")
    assert page_count(path) == 1
    from PIL import Image  # installed with ttkbootstrap

    good = tmp_path / "good.png"
    Image.new("RGB", (60, 30), "navy").save(good)
    info = theme.PageInfo("School", "T", date(2026, 11, 29), str(good))
    path = theme.build_pdf(tmp_path / "b.pdf", [theme.para("x", s["body"])], info, subject="x")
    assert "/XObject" in PdfReader(str(path)).pages[0]["/Resources"]


def test_heading_with_a_kept_together_block_does_not_leave_a_blank_page(tmp_path):
    from reportlab.platypus import KeepTogether

    s = theme.make_styles()
    story = [theme.para("Intro", s["body"])]
    story += theme.with_heading(
        theme.heading("Section", s),
        [KeepTogether([theme.para("kept", s["body"]), theme.table(["A"], [["b"]], s)])],
    )
    path = build(tmp_path, story)
    assert page_count(path) == 1 and "Section" in PdfReader(str(path)).pages[0].extract_text()
