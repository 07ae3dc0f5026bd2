"""`sencodesk attach ...` and `export --attach/--bundle` end to end on a real data folder."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from sencodesk.cli import main
from sencodesk.services import pupils
from tests.services import attached_files as files


@pytest.fixture
def upn(actor, add_pupil) -> str:
    pid = add_pupil(sen_status="K", primary_need="SLCN")
    return pupils.get_pupil(actor, pid).upn


def run(data_dir, *args: str) -> int:
    return main([*args[:2], "--data-dir", str(data_dir), *args[2:]])


def test_a_document_is_added_listed_sent_saved_and_removed(data_dir, upn, tmp_path, capsys):
    report = files.put(tmp_path / "in", "EP_report-final.pdf", files.pdf(4))
    added = ["--upn", upn, "--file", str(report), "--kind", "report", "--author", "Dr Jones"]
    assert run(data_dir, "attach", "add", *added, "--date", "12/03/2026") == 0
    assert "Attached EP report final (PDF, 4 pages," in capsys.readouterr().out  # title from the name
    assert run(data_dir, "attach", "list", "--upn", upn) == 0
    listing = capsys.readouterr().out
    assert (
        "EP report final" in listing and "SENCO and headteacher only" in listing and "1 document" in listing
    )
    document = listing.splitlines()[1].split()[0]

    bundle = tmp_path / "request.pdf"
    assert run(data_dir, "export", "ehcna", "--upn", upn, "--attach", document, "--out", str(bundle)) == 0
    reader = PdfReader(str(bundle))  # one PDF unless told otherwise
    assert [o.title for o in reader.outline][2].startswith("02 EP report final - Dr Jones")
    portal = tmp_path / "request.zip"
    export = ["export", "ehcna", "--upn", upn, "--attach", document, "--bundle", "zip", "--out", str(portal)]
    assert run(data_dir, *export) == 0
    assert zipfile.ZipFile(portal).namelist()[1] == "02 EP report final - Dr Jones - 12-03-2026.pdf"

    copy = tmp_path / "copy.pdf"
    assert run(data_dir, "attach", "save", "--id", document, "--out", str(copy)) == 0
    assert copy.read_bytes() == report.read_bytes()
    capsys.readouterr()
    assert run(data_dir, "attach", "save", "--id", document, "--out", str(copy)) == 1
    assert "add --overwrite to replace it" in capsys.readouterr().err
    assert run(data_dir, "attach", "save", "--id", document, "--out", str(copy), "--overwrite") == 0

    assert run(data_dir, "attach", "remove", "--id", document) == 0
    assert "Backups taken before still hold it" in capsys.readouterr().out
    assert run(data_dir, "attach", "list", "--upn", upn) == 0
    assert "No documents on this pupil's record." in capsys.readouterr().out


def test_a_refused_file_and_a_wrong_attach_list_say_why(data_dir, upn, tmp_path, capsys):
    fake = files.put(tmp_path, "report.pdf", files.program())
    added = [
        "--upn",
        upn,
        "--file",
        str(fake),
        "--kind",
        "report",
        "--author",
        "Dr Jones",
        "--date",
        "12/03/2026",
    ]
    assert run(data_dir, "attach", "add", *added) == 1
    assert "It is a program, not a document" in capsys.readouterr().err
    out = str(tmp_path / "e.pdf")
    assert run(data_dir, "export", "ehcna", "--upn", upn, "--attach", "two", "--out", out) == 1
    assert "--attach takes document ids separated by commas" in capsys.readouterr().err
    assert (
        run(data_dir, "export", "ehcna", "--upn", upn, "--bundle", "zip", "--out", str(tmp_path / "e.zip"))
        == 1
    )
    assert "Choose at least one document" in capsys.readouterr().err
