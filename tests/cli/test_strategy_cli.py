"""`sencodesk export strategy --out FILE.pdf|FILE.docx [--year 2026/27]` on a real data folder."""

from __future__ import annotations

import docx
from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.services import inclusion_strategy


def test_export_the_strategy_as_pdf_and_word(data_dir, actor, tmp_path, capsys):
    inclusion_strategy.save_strategy(actor, "2026/27", 0, {"words": {"about": "Our strategy."}})
    inclusion_strategy.save_budgets(actor, "2026/27", {"notional_sen": "84000", "imf": "14000"})
    pdf, word = tmp_path / "s.pdf", tmp_path / "s.docx"
    for out in (pdf, word):
        code = main(
            ["export", "strategy", "--data-dir", str(data_dir), "--out", str(out), "--year", "2026/27"]
        )
        assert code == 0
        captured = capsys.readouterr()
        assert f"Saved {out}" in captured.out
        assert "Not yet recorded: The school's own words under:" in captured.err
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Inclusion strategy 2026/27" in text and "Our strategy." in text and "£84,000.00" in text
    assert "Our strategy." in [p.text for p in docx.Document(str(word)).paragraphs]


def test_a_wrong_year_or_file_type_is_said_in_words(data_dir, actor, tmp_path, capsys):
    assert main(["export", "strategy", "--data-dir", str(data_dir), "--out", str(tmp_path / "s.txt")]) == 1
    assert ".pdf or a .docx" in capsys.readouterr().err
    out = str(tmp_path / "s.pdf")
    assert main(["export", "strategy", "--data-dir", str(data_dir), "--out", out, "--year", "2026/28"]) == 1
    assert "Type it as 2026/27" in capsys.readouterr().err
