"""`sencodesk meetings list|add` and `sencodesk export parent-copy|invitation|plan-json` on a real
data folder, each output read back."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import docx
from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.services import concerns, cycles, provision, pupils, support_plan
from tests.services.json_schema import validate

SCHEMA = json.loads((Path(__file__).parents[2] / support_plan.SCHEMA_FILE).read_text(encoding="utf-8"))


def on_support(actor, add_pupil) -> str:
    """Maja on SEN support since 1 September this school year, with a plan; her mother speaks
    Polish and needs an interpreter. Returns her UPN."""
    today = date.today()
    start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    mother = {
        "name": "Anna Kowalska",
        "relationship": "Mother",
        "first_language": "Polish",
        "interpreter_needed": True,
    }
    pupil_id = add_pupil(legal_forename="Maja", legal_surname="Kowalska", contacts=[mother])
    concern = concerns.raise_concern(
        actor, pupil_id, {"raised_on": start.strftime("%d/%m/%Y"), "seen": "Reading"}
    )
    triage = {"decision": "sen_support", "start_date": start.strftime("%d/%m/%Y"), "primary_need": "SPLD"}
    cycle_id = concerns.triage_concern(
        actor, concern, 1, triage | {"parents_told_on": start.strftime("%d/%m/%Y")}
    )
    phonics = next(p.id for p in provision.list_provisions(actor) if p.name == "Phonics catch-up")
    plan = {
        "plan_start": start.strftime("%d/%m/%Y"),
        "outcomes": [{"text": "Maja will read ten new words", "measure": "Weekly check"}],
        "allocations": [{"provision_id": phonics}],
        "at_home": "Read with Maja each night.",
    }
    cycles.save_plan(actor, cycle_id, 1, plan)
    return pupils.get_pupil(actor, pupil_id).upn


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_meetings_add_then_list(data_dir, actor, add_pupil, capsys):
    upn = on_support(actor, add_pupil)
    code, out, _ = run(capsys, "meetings", "list", "--data-dir", str(data_dir))
    assert code == 0 and "Maja Kowalska (Year 3, 3B): 0 of 3 this school year" in out and "not met yet" in out
    assert "1 pupil on SEN support with fewer than three meetings" in out
    today = date.today().strftime("%d/%m/%Y")
    argv = (
        "meetings",
        "add",
        "--data-dir",
        str(data_dir),
        "--upn",
        upn,
        "--on",
        today,
        "--who",
        "Mrs Kowalska",
    )
    code, out, _ = run(capsys, *argv, "--agreed", "Reading at home", "--how", "phone")
    assert code == 0 and "Meetings with them this school year: 1 of 3." in out
    code, out, _ = run(capsys, "meetings", "list", "--data-dir", str(data_dir))
    assert "1 of 3 this school year" in out and f"last met {today}" in out
    tomorrow = (date.today() + timedelta(days=1)).strftime("%d/%m/%Y")
    code, _, err = run(
        capsys, "meetings", "add", "--data-dir", str(data_dir), "--upn", upn, "--on", tomorrow, "--who", "Mum"
    )
    assert code == 1 and "has not happened yet" in err


def test_export_the_parent_copy_and_an_invitation(data_dir, actor, add_pupil, tmp_path, capsys):
    upn = on_support(actor, add_pupil)
    copy = tmp_path / "copy.docx"
    code, out, _ = run(
        capsys, "export", "parent-copy", "--data-dir", str(data_dir), "--upn", upn, "--out", str(copy)
    )
    assert code == 0 and f"Saved {copy}" in out
    assert "Read with Maja each night." in [p.text for p in docx.Document(str(copy)).paragraphs]
    invite = tmp_path / "invite.pdf"
    day = (date.today() + timedelta(days=30)).strftime("%d/%m/%Y")
    argv = ["export", "invitation", "--data-dir", str(data_dir), "--upn", upn, "--out", str(invite)]
    code, out, _ = run(capsys, *argv, "--date", day, "--time", "3.30pm", "--place", "the library")
    assert code == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(invite)).pages)
    assert "Interpreter needed: Polish" in text and "at 3.30pm" in text and "in the library" in text
    code, _, err = run(
        capsys, *argv, "--meeting", "annual-review", "--time", "3pm", "--place", "x", "--overwrite"
    )
    assert code == 1 and "Maja has no current EHC plan" in err


def test_export_plan_json_fits_its_schema(data_dir, actor, add_pupil, tmp_path, capsys):
    upn = on_support(actor, add_pupil)
    out_file = tmp_path / "maja.json"
    code, out, _ = run(
        capsys, "export", "plan-json", "--data-dir", str(data_dir), "--upn", upn, "--out", str(out_file)
    )
    assert code == 0 and f"Saved {out_file} (sencodesk-support-plan/1)" in out
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert validate(data, SCHEMA) == [] and data["pupil"]["upn"] == upn
    assert data["current_plan"]["at_home"] == "Read with Maja each night."
