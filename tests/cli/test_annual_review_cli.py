"""`sencodesk export annual-review --upn UPN --out FILE` end to end on a real data folder."""

from __future__ import annotations

from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.services import ehc_plans, pupils

PLAN = {
    "plan_date": "01/09/2025",
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [{"text": "Will follow two-step instructions", "area": "CI"}],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min"}],
}


def test_export_annual_review_writes_the_pack_names_gaps_and_audits(
    actor, data_dir, add_pupil, tmp_path, capsys
):
    pupil_id = add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2024")
    ehc_plans.issue_plan(actor, pupil_id, PLAN)
    upn = pupils.get_pupil(actor, pupil_id).upn
    out = tmp_path / "ar.pdf"
    assert (
        main(["export", "annual-review", "--data-dir", str(data_dir), "--upn", upn, "--out", str(out)]) == 0
    )
    captured = capsys.readouterr()
    assert f"Saved {out}" in captured.out
    assert "Not yet recorded: Cycle outcomes linked to the plan's Section E outcomes" in captured.err
    assert "Will follow two-step instructions" in "".join(p.extract_text() for p in PdfReader(str(out)).pages)
    exports = list(actor.db.query("SELECT entity FROM audit WHERE action = 'export'"))
    assert exports == [{"entity": "annual_review"}]


def test_export_annual_review_without_a_plan_says_so(actor, data_dir, add_pupil, tmp_path, capsys):
    upn = pupils.get_pupil(actor, add_pupil(sen_status="K", primary_need="SLCN")).upn
    assert (
        main(
            [
                "export",
                "annual-review",
                "--data-dir",
                str(data_dir),
                "--upn",
                upn,
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )
    assert "no current EHC plan" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
