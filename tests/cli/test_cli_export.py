"""`sencodesk export ...` end to end on a real data folder."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.domain.upn import check_letter
from sencodesk.services import pupils, referrals
from sencodesk.services.actor import open_school

UNKNOWN_UPN = check_letter("938200118999") + "938200118999"


@pytest.fixture
def upn(actor, add_pupil) -> str:
    """A school with one pupil on SEN support who has a draft SALT referral."""
    pid = add_pupil(
        sen_status="K", primary_need="SLCN", contacts=[{"name": "Jo Smith", "relationship": "Mother"}]
    )
    referrals.add_referral(actor, pid, {"service": "salt", "referred_on": "20/11/2026", "reason": "Speech"})
    return pupils.get_pupil(actor, pid).upn


def test_export_every_pack(data_dir, upn, tmp_path, capsys):
    for args in (
        ["ehcna", "--upn", upn, "--cycles", "0"],
        ["referral", "--upn", upn, "--service", "salt"],
        ["profile", "--upn", upn],
        ["summary", "--from", "01/09/2026", "--to", "31/12/2026", "--named"],
    ):
        out = tmp_path / f"{args[0]}.pdf"
        assert main(["export", *args, "--data-dir", str(data_dir), "--out", str(out)]) == 0, args
        assert len(PdfReader(str(out)).pages) >= 1
        captured = capsys.readouterr()
        assert f"Saved {out}" in captured.out
    assert "Not yet recorded: Consent to the referral" not in captured.err  # the summary's own list
    s = open_school(data_dir)
    assert [r["action"] for r in s.db.query("SELECT action FROM audit WHERE action = 'export'")] == [
        "export"
    ] * 4
    s.close()


def test_missing_items_and_checklist_go_to_stderr(data_dir, upn, tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "ehcna",
                "--data-dir",
                str(data_dir),
                "--upn",
                upn,
                "--profile",
                "example_northmoor",
                "--out",
                str(tmp_path / "e.pdf"),
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "Not yet recorded: The child's views" in err
    assert "LA checklist: [NOT MET] Three reviewed SEN support plans" in err


def test_plain_errors_exit_1(data_dir, upn, tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "referral",
                "--data-dir",
                str(data_dir),
                "--upn",
                upn,
                "--service",
                "ot",
                "--out",
                str(tmp_path / "r.pdf"),
            ]
        )
        == 1
    )
    assert "No occupational therapy referral is recorded" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "profile",
                "--data-dir",
                str(data_dir),
                "--upn",
                UNKNOWN_UPN,
                "--out",
                str(tmp_path / "p.pdf"),
            ]
        )
        == 1
    )
    assert "No pupil has the UPN" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "summary",
                "--data-dir",
                str(data_dir),
                "--from",
                "31/02/2026",
                "--out",
                str(tmp_path / "s.pdf"),
            ]
        )
        == 1
    )
    assert "not a real date" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_the_headteacher_and_senco_contact_not_set_are_named_before_the_pack_is_written(
    actor, data_dir, upn, tmp_path, capsys
):
    from sencodesk.services import pack_settings

    assert (
        main(["export", "ehcna", "--data-dir", str(data_dir), "--upn", upn, "--out", str(tmp_path / "e.pdf")])
        == 0
    )
    err = capsys.readouterr().err
    assert (
        "Not yet recorded: Headteacher's name (for the signature block): set it in Settings, PDF packs" in err
    )
    assert "Not yet recorded: SENCO contact (phone, email): set it in Settings, PDF packs" in err
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "e.pdf")).pages)
    assert "Name (please print): ____" in text  # the head signs on a line, not beside an empty box
    pack_settings.save_pack_settings(actor, {"head_name": "Mrs A Patel", "senco_contact": "01632 960345"})
    assert (
        main(["export", "ehcna", "--data-dir", str(data_dir), "--upn", upn, "--out", str(tmp_path / "f.pdf")])
        == 0
    )
    err = capsys.readouterr().err
    assert "Headteacher's name" not in err and "SENCO contact" not in err
    assert "Mrs A Patel" in " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "f.pdf")).pages)


def test_the_transfer_file_names_its_gaps_and_still_saves(actor, data_dir, upn, tmp_path, capsys):
    pupil = pupils.find_pupil_by_upn(actor, upn)
    pupils.mark_leaver(actor, pupil.id, pupil.version, "17/07/2026", "")  # destination left blank
    out = tmp_path / "t.pdf"
    assert main(["export", "transfer", "--data-dir", str(data_dir), "--upn", upn, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Not yet recorded: The school the pupil is moving to: set it with Mark as left" in captured.err
    assert "Not yet recorded: SENCO contact (for the next school to call)" in captured.err
    assert "Not yet recorded: Parents or carers" not in captured.err  # Jo Smith is recorded
    assert f"Saved {out}" in captured.out
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "SEN transfer file" in text and upn in text  # the next school matches the file by its UPN
    exports = [r["summary"] for r in actor.db.query("SELECT summary FROM audit WHERE action = 'export'")]
    assert exports and exports[0].startswith("exported the SEN transfer file")


def test_the_request_and_a_referral_export_as_word_and_the_las_form_is_filled(
    data_dir, upn, tmp_path, capsys
):
    import docx

    for args in (["ehcna", "--upn", upn], ["referral", "--upn", upn, "--service", "salt"]):
        out = tmp_path / f"{args[0]}.docx"
        assert main(["export", *args, "--data-dir", str(data_dir), "--out", str(out)]) == 0, args
        headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
        assert len(headings) >= 10, args
        assert f"Saved {out}" in capsys.readouterr().out
    form = tmp_path / "form.docx"
    base = ["export", "ehcna", "--data-dir", str(data_dir), "--upn", upn, "--profile", "example_eastbridge"]
    assert main([*base, "--la-form", "--out", str(form)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(form)).paragraphs)
    assert "Eastbridge County Council" in text and "{{" not in text
    # the neutral profile names no form: said in words, nothing written
    assert main([*base[:-2], "--la-form", "--out", str(tmp_path / "none.docx")]) != 0
    assert "names no Word form" in capsys.readouterr().err
    assert not (tmp_path / "none.docx").exists()
