"""The request and the referral as Word files, from the sample models every pack test uses:
each section the PDF prints, in its order and words, staff's observations and the reports
attached included."""

from __future__ import annotations

import docx

from sencodesk.reports import ehcna, pack_word, referral

from .pack_samples import make_ehcna, make_referral, pdf_text


def _headings(path, level: int = 1) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == f"Heading {level}"]


def _text(path) -> str:
    d = docx.Document(str(path))
    return "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )


def test_the_request_in_word_has_every_section_the_pdf_prints(tmp_path):
    m = make_ehcna()
    assert m.observations and m.attachments  # the sample holds both optional sections
    path = pack_word.build_request(m, tmp_path / "r.docx")
    headings = _headings(path)
    assert headings == [h for _, h in ehcna.section_headings(m)]
    pdf = pdf_text(ehcna.build(m, tmp_path / "r.pdf"))
    assert all(h.split(". ", 1)[-1] in pdf for h in headings)
    text = _text(path)
    assert "EP report" in text and "Letter from home" in text and m.attachments_note in text
    observed = m.observations[0]
    assert observed.answers[0].answer in text and observed.teacher in "\n".join(_headings(path, 2))


def test_the_referral_in_word_numbers_the_pdfs_sections(tmp_path):
    m = make_referral()
    path = pack_word.build_referral(m, tmp_path / "f.docx")
    assert _headings(path) == [f"{n}. {h}" for n, (_, h) in enumerate(referral.headings(m), start=1)]
    pdf = pdf_text(referral.build(m, tmp_path / "f.pdf"))
    assert all(h in pdf for _, h in referral.headings(m))
