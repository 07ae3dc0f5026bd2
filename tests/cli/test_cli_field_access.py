"""The command line's CSV and JSON follow the same field rule as the app (issue 13): the office's
list of the roll says its SEN columns are hidden, never blank (a blank reads as "no SEN")."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sencodesk.cli import main
from sencodesk.services import pupils, users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL, pupil_form


@pytest.fixture
def school(data_dir, monkeypatch):
    for var in ("SENCODESK_USER", "SENCODESK_DATA", "SENCODESK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    users.create_user(
        s, {"username": "desk", "display_name": "Mr D Desk", "role": "office", "password": "desk-pass-1"}
    )
    pupils.add_pupil(
        s, pupil_form(legal_surname="Quill", sen_status="K", primary_need="SPLD", sen_start_date="01/09/2025")
    )
    s.close()
    office = users.sign_in(data_dir, "desk", "desk-pass-1")  # chooses their own, as at first sign-in
    users.change_own_password(office, "desk-pass-1", "desk-own-pass-2")
    office.close()
    monkeypatch.setenv("SENCODESK_PASSWORD", "desk-own-pass-2")
    return str(data_dir)


def test_the_offices_csv_and_json_say_hidden_for_sen(school, capsys):
    assert main(["--user", "desk", "pupils", "--data-dir", school, "--format", "csv"]) == 0
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["surname"], row["sen_status"], row["primary_need"]) == ("Quill", "hidden", "hidden")
    assert main(["--user", "desk", "pupils", "--data-dir", school, "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["sen_status"] == "hidden" and record["secondary_need"] == "hidden"


@pytest.mark.parametrize("status", ["K", "E", "N"])
def test_the_office_cannot_list_pupils_by_sen_status(school, capsys, status):
    """ "0 pupils" would be a false statement about a register hidden from the office."""
    assert main(["--user", "desk", "pupils", "--data-dir", school, "--status", status]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert "SEN status is kept by the SENCO" in out.err and "(Admin/office)" in out.err
    assert "Traceback" not in out.err


def test_the_senco_lists_pupils_by_sen_status(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    assert main(["--user", "rkhan", "pupils", "--data-dir", school, "--status", "K"]) == 0
    out = capsys.readouterr().out
    assert "Quill" in out and out.rstrip().endswith("1 pupil")
