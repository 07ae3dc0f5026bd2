"""`sencodesk import pupils`: exit codes a script can rely on, and the office's output.

0 every row imported; 3 some rows not imported (listed in the report, counted on stderr);
1 nothing imported because of a problem; 2 a usage error. A dry run exits as the import would.
"""

import re

import pytest

from sencodesk.cli import main
from sencodesk.cli.importing import ROWS_NOT_IMPORTED
from sencodesk.services import pupils, users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL, make_upn

HEAD = "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,SEN Status,Primary Need"


def roll(tmp_path, *rows, name="roll.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def good(surname="Smith", status="N", need=""):
    return f"{make_upn()},{surname},Amy,03/04/2018,F,Y4,4B,{status},{need}"


def bad(surname="Jones"):
    return f"{make_upn()},{surname},Ben,31/02/2018,M,Y4,4B,N,"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_every_row_imported_exits_0(actor, tmp_path, capsys):
    code, out, err = run(
        capsys, "import", "pupils", roll(tmp_path, good(), good("Brown")), "--data-dir", actor.data_dir
    )
    assert code == 0 and err == "" and "2 new pupils added" in out


def test_some_rows_not_imported_exits_3_and_says_so_on_stderr(actor, data_dir, tmp_path, capsys):
    path = roll(tmp_path, good(), bad())
    report = tmp_path / "report.csv"
    code, out, err = run(capsys, "import", "pupils", path, "--data-dir", data_dir, "--report", report)
    assert code == ROWS_NOT_IMPORTED == 3
    assert "Row 3: Ben Jones:" in out and "1 row of 2 was not imported" in err
    assert "Ben Jones,not imported" in report.read_text(encoding="utf-8-sig")
    assert [p.surname for p in pupils.list_register(actor)] == ["Smith"]


def test_every_row_rejected_exits_3_not_0(actor, data_dir, tmp_path, capsys):
    code, _out, err = run(
        capsys, "import", "pupils", roll(tmp_path, bad(), bad("Khan")), "--data-dir", data_dir
    )
    assert code == 3 and "2 rows of 2 were not imported" in err


def test_a_dry_run_exits_as_the_import_would(actor, data_dir, tmp_path, capsys):
    path = roll(tmp_path, good(), bad())
    code, out, err = run(capsys, "import", "pupils", path, "--dry-run", "--data-dir", data_dir)
    assert code == 3 and "would not be imported" in err and out.startswith("Dry run (nothing saved).")
    assert pupils.list_register(actor) == []
    clean = roll(tmp_path, good(), name="clean.csv")
    assert run(capsys, "import", "pupils", clean, "--dry-run", "--data-dir", data_dir)[0] == 0


def test_a_sen_code_to_resolve_is_imported_so_exits_0(actor, data_dir, tmp_path, capsys):
    code, out, _err = run(
        capsys, "import", "pupils", roll(tmp_path, good(status="E", need="NSA")), "--data-dir", data_dir
    )
    assert code == 0 and "SEN for the SENCO to resolve" in out and "NSA" in out


def test_nothing_imported_because_of_a_problem_exits_1(actor, data_dir, tmp_path, capsys):
    damaged = tmp_path / "roll.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    code, out, err = run(capsys, "import", "pupils", damaged, "--data-dir", data_dir)
    assert code == 1 and out == "" and "could not be opened as an Excel workbook" in err
    assert "Traceback" not in err
    no_upn = tmp_path / "names.csv"
    no_upn.write_text("Surname,Forename\nSmith,Amy\n", encoding="utf-8")
    assert run(capsys, "import", "pupils", no_upn, "--data-dir", data_dir)[0] == 1
    assert run(capsys, "import", "pupils", tmp_path / "missing.csv", "--data-dir", data_dir)[0] == 1


def test_a_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["import", "pupils"])
    assert e.value.code == 2


# ---- the office, signed in on the command line -------------------------------------------------


@pytest.fixture
def school_with_office(data_dir, monkeypatch):
    for var in ("SENCODESK_USER", "SENCODESK_PASSWORD", "SENCODESK_DATA", "SENCODESK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    s.close()
    senco = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.create_user(
        senco,
        {"username": "office", "display_name": "Mrs Office", "role": "office", "password": "office-pass-1"},
        must_change_password=False,
    )
    return senco


def test_the_office_cli_dry_run_says_nothing_about_sen_yet_the_sencos_decisions_stay(
    school_with_office, data_dir, tmp_path, capsys, monkeypatch
):
    senco = school_with_office
    rows = [good("Adams", "K", "MLD"), good("Brown", "N"), good("Cole", "E", "ASD")]
    path = roll(tmp_path, *rows)
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    assert run(capsys, "--user", "rkhan", "import", "pupils", path, "--data-dir", data_dir)[0] == 0
    brown = next(p for p in pupils.list_register(senco) if p.surname == "Brown")
    pupils.change_sen_status(senco, brown.id, "K", "01/10/2026", primary_need="SEMH")

    code, out, _err = run(
        capsys, "--user", "rkhan", "import", "pupils", path, "--dry-run", "--data-dir", data_dir
    )
    assert "kept: SEN status and needs changed in SENCO desk" in out  # the SENCO is told

    monkeypatch.setenv("SENCODESK_PASSWORD", "office-pass-1")
    report = tmp_path / "office.csv"
    office = ["--user", "office", "import", "pupils", path, "--data-dir", data_dir]
    code, out, err = run(capsys, *office, "--dry-run", "--report", report)
    assert code == 0 and err == ""
    said = (out + report.read_text(encoding="utf-8-sig")).lower()
    for word in ("sen", "kept", "needs?", "semh", "mld", "ehc"):
        assert not re.search(rf"\b{word}\b", said), word
    code, out, _err = run(capsys, *office)
    assert code == 0 and "3 unchanged" in out
    held = {p.surname: (p.sen_status, p.primary_need) for p in pupils.list_register(senco)}
    assert held == {"Adams": ("K", "MLD"), "Brown": ("K", "SEMH"), "Cole": ("E", "ASD")}
    code, _out, err = run(capsys, *office, "--take-mis-sen")
    assert code == 1 and "not allowed" in err
    senco.close()
