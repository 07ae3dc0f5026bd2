"""`sencodesk export case-sample` and `sencodesk check --inspection` on a real data folder."""

from __future__ import annotations

from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.services import pupils


def test_check_inspection_lists_the_gaps_and_exits_1_then_0(actor, add_pupil, data_dir, capsys):
    add_pupil(legal_surname="Clear", sen_status="N")
    gappy = add_pupil(legal_surname="Gappy", sen_status="K", primary_need="SLCN", sen_start_date="01/03/2025")
    upn = pupils.get_pupil(actor, gappy).upn
    assert main(["check", "--inspection", "--data-dir", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "The one pupil on the register has a gap an inspector would find." in out
    assert "Amy Gappy (Year 3, 3B; SEN support):" in out
    assert "  - No assess-plan-do-review cycle is recorded (on the register since 01/03/2025)." in out
    assert "    To close: Start a cycle on the pupil's Support tab" in out
    assert "Clear" not in out and upn not in out  # only pupils with a gap; never a UPN
    pupils.change_sen_status(actor, gappy, "N", "01/11/2026")
    assert main(["check", "--inspection", "--data-dir", str(data_dir)]) == 0
    assert "Nobody is on the SEN register." in capsys.readouterr().out


def test_export_case_sample_lists_its_gaps_and_writes_the_pdf(actor, add_pupil, data_dir, tmp_path, capsys):
    pid = add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/03/2025")
    upn = pupils.get_pupil(actor, pid).upn
    out = tmp_path / "case.pdf"
    assert main(["export", "case-sample", "--upn", upn, "--out", str(out), "--data-dir", str(data_dir)]) == 0
    captured = capsys.readouterr()
    assert f"Saved {out}" in captured.out
    assert "Not yet recorded: No assess-plan-do-review cycle is recorded" in captured.err
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Inclusion case sample: Amy Smith" in text and upn not in text
