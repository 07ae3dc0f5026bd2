"""The command line: every command, its formats, exit codes 0/1/2, --version, SENCODESK_DATA."""

import csv
import io
import json
import subprocess
import sys

import pytest

from sencodesk import __version__
from sencodesk.cli import COMMANDS, main
from sencodesk.services import pupils
from sencodesk.store import db as store_db


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def school(actor, add_pupil):
    """A small real school: two on SEN support, one EHC plan, one leaver."""
    add_pupil(legal_surname="Adams", legal_forename="Amy", sen_status="K", primary_need="SLCN")
    add_pupil(legal_surname="Brown", legal_forename="Ben", gender="M", sen_status="K", primary_need="SEMH")
    add_pupil(
        legal_surname="Cole", legal_forename="Cat", sen_status="E", primary_need="ASD", secondary_need="SLCN"
    )
    add_pupil(legal_surname="Dean", legal_forename="Dan", gender="M")
    gone = add_pupil(legal_surname="Evans", legal_forename="Eve", admission_date="01/09/2022")
    pupils.mark_leaver(actor, gone, 1, "20/07/2025")
    return actor.data_dir


def test_every_command_is_registered():
    assert COMMANDS == ["pupils", "demo", "check"] or {"pupils", "demo", "check"} <= set(COMMANDS)


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"SENCO desk {__version__}"


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sencodesk", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],
        ["pupils", "--status", "X"],
        ["pupils", "--format", "xml"],
        ["demo", "--phase", "infant"],
        ["demo", "--pupils", "-3"],
        ["demo", "--pupils", "lots"],
        ["demo", "--seed", "abc"],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "usage: sencodesk" in capsys.readouterr().err


def test_pupils_table(capsys, school):
    code, out, err = run(capsys, "pupils", "--data-dir", school)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "surname",
        "forename",
        "year",
        "class",
        "sen_status",
        "primary_need",
        "secondary_need",
    ]
    assert [ln.split()[0] for ln in lines[1:-1]] == ["Adams", "Brown", "Cole", "Dean"]
    assert "\nCole     Cat       Year 3  3B     E           ASD           SLCN" in out
    assert lines[-1] == "4 pupils"


def test_pupils_status_filter_and_leavers(capsys, school):
    code, out, _ = run(capsys, "pupils", "--data-dir", school, "--status", "K")
    assert code == 0 and out.splitlines()[-1] == "2 pupils"
    code, out, _ = run(capsys, "pupils", "--data-dir", school, "--leavers")
    assert out.splitlines()[-1] == "5 pupils" and "Evans" in out


def test_pupils_csv(capsys, school):
    code, out, _ = run(capsys, "pupils", "--data-dir", school, "--format", "csv", "--status", "E")
    assert code == 0
    assert list(csv.DictReader(io.StringIO(out))) == [
        {
            "surname": "Cole",
            "forename": "Cat",
            "year": "Year 3",
            "class": "3B",
            "sen_status": "E",
            "primary_need": "ASD",
            "secondary_need": "SLCN",
        }
    ]


def test_pupils_json_has_no_upn(capsys, school):
    code, out, _ = run(capsys, "pupils", "--data-dir", school, "--format", "json")
    records = json.loads(out)
    assert code == 0 and [r["surname"] for r in records] == ["Adams", "Brown", "Cole", "Dean"]
    assert all("upn" not in r for r in records)  # UPNs stay off general lists (domain.md §4.4)
    assert not any(c.isdigit() and len(c) == 13 for r in records for c in r.values())


def test_data_dir_before_the_command_and_from_the_environment(capsys, school, monkeypatch):
    code, out, _ = run(capsys, "--data-dir", school, "pupils")
    assert code == 0 and out.splitlines()[-1] == "4 pupils"
    monkeypatch.setenv("SENCODESK_DATA", str(school))
    code, out, _ = run(capsys, "pupils", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 4


def test_data_dir_option_wins_over_the_environment(capsys, school, tmp_path, monkeypatch):
    monkeypatch.setenv("SENCODESK_DATA", str(tmp_path / "elsewhere"))
    _code, out, _ = run(capsys, "pupils", "--data-dir", school, "--format", "json")
    assert len(json.loads(out)) == 4


@pytest.fixture
def demo_sign_in(monkeypatch):
    """The demo school has accounts (and is encrypted): sign in as its SENCO."""
    monkeypatch.setenv("SENCODESK_USER", "senco")
    monkeypatch.setenv("SENCODESK_PASSWORD", "demo")


def test_demo_makes_a_school_and_says_what_it_made(capsys, tmp_path, demo_sign_in):
    folder = tmp_path / "demo"
    code, out, err = run(capsys, "demo", "--data-dir", folder, "--pupils", "60", "--seed", "7")
    assert code == 0 and err == ""
    assert out.startswith('Made the demo school "') and str(folder) in out
    assert "--seed 7" in out and "pupils on roll (primary)" in out
    assert "sign in as senco, teacher, head or office, each with the password demo" in out
    code, out, _ = run(capsys, "pupils", "--data-dir", folder, "--leavers", "--format", "json")
    assert len(json.loads(out)) == 60


def test_demo_secondary(capsys, tmp_path, demo_sign_in):
    code, out, _ = run(
        capsys, "demo", "--data-dir", tmp_path / "s", "--phase", "secondary", "--pupils", "150", "--seed", "1"
    )
    assert code == 0 and "(secondary)" in out
    code, out, _ = run(capsys, "pupils", "--data-dir", tmp_path / "s", "--format", "json")
    assert {r["year"] for r in json.loads(out)} <= {f"Year {y}" for y in range(7, 14)}


def test_demo_with_no_pupils(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", "--data-dir", tmp_path / "e", "--pupils", "0")
    assert code == 0 and "0 pupils on roll" in out


def test_demo_refuses_an_existing_school_exit_1(capsys, school):
    code, out, err = run(capsys, "demo", "--data-dir", school)
    assert code == 1 and out == ""
    assert err.startswith("sencodesk: ") and "already holds a school" in err
    code, out, _ = run(capsys, "pupils", "--data-dir", school, "--format", "json")
    assert len(json.loads(out)) == 4  # nothing changed


def _indicators_recorded(school):
    db = store_db.connect(store_db.db_path(school))
    with store_db.write(db):
        db.execute("UPDATE pupils SET sen_unit = 0, resourced_provision = 0")
    db.close()


def test_check_clean_register_exit_0(capsys, school):
    _indicators_recorded(school)
    code, out, err = run(capsys, "check", "--data-dir", school)
    assert code == 0 and err == ""
    assert out.splitlines()[:2] == [
        "Checked 4 pupils on roll and 1 leaver for shared UPNs.",
        "Data file: sound (integrity check ok).",
    ]
    assert out.strip().endswith("No census problems found.")


def test_check_reports_breaches_grouped_by_rule_exit_1(capsys, school):
    _indicators_recorded(school)
    db = store_db.connect(store_db.db_path(school))
    with store_db.write(db):
        db.execute(
            "UPDATE pupils SET primary_need = NULL, secondary_need = NULL WHERE legal_surname = 'Cole'"
        )
        db.execute("UPDATE pupils SET primary_need = 'NSA' WHERE legal_surname = 'Adams'")
        db.execute("UPDATE pupils SET sen_status = 'E' WHERE legal_surname = 'Adams'")
        db.execute("UPDATE pupils SET upn = 'Z801200001001' WHERE legal_surname = 'Dean'")
    db.close()
    code, out, _ = run(capsys, "check", "--data-dir", school)
    assert code == 1
    assert "Rule 1510: UPN check letter wrong (1 pupil)" in out
    assert (
        "  - Dan Dean (Year 3, 3B): The check letter is wrong: for these digits it should be H, not Z." in out
    )
    assert "Rule 2170: A valid need type is required for SEN support or an EHC plan (1 pupil)" in out
    assert "  DfE wording: A valid SEN type must be provided for pupils where with a SEN provision" in out
    assert "  Fix: Choose the pupil's primary need." in out
    assert "  - Cat Cole (Year 3, 3B): A pupil with an EHC plan needs a primary need type." in out
    assert "Rule 2175: NSA is only allowed with SEN support (1 pupil)" in out
    assert out.index("Rule 1510") < out.index("Rule 2170") < out.index("Rule 2175")
    assert out.strip().endswith("3 rules broken, for 3 pupils. Fix these before the census.")


def test_check_warning_only_exits_0(capsys, school):
    db = store_db.connect(store_db.db_path(school))
    with store_db.write(db):
        db.execute("UPDATE pupils SET upn = 'R900400001001' WHERE legal_surname = 'Dean'")
    db.close()
    code, out, _ = run(capsys, "check", "--data-dir", school)
    assert code == 0
    assert "Worth a look 1530" in out and "notes above are worth a look" in out


def test_damaged_file_exit_1_in_plain_words(capsys, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    store_db.db_path(folder).write_bytes(b"not a database " * 500)
    for command in ("check", "pupils"):
        code, out, err = run(capsys, command, "--data-dir", folder)
        assert code == 1 and out == ""
        assert "data file is damaged" in err and "Traceback" not in err


def test_errors_go_to_stderr_and_exit_1_not_a_traceback(tmp_path):
    folder = tmp_path / "school"
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "sencodesk",
            "demo",
            "--data-dir",
            str(folder),
            "--pupils",
            "5",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    again = subprocess.run(
        [sys.executable, "-m", "sencodesk", "demo", "--data-dir", str(folder)], capture_output=True, text=True
    )
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.startswith("sencodesk: ") and "Traceback" not in again.stderr


def test_commands_log_to_the_data_folder(capsys, school):
    run(capsys, "check", "--data-dir", school)
    assert (school / "logs" / "sencodesk.log").exists()


@pytest.mark.parametrize("command", ["pupils", "check"])
def test_a_mistyped_data_dir_is_not_turned_into_an_empty_school(capsys, tmp_path, command):
    folder = tmp_path / "typo"
    code, out, err = run(capsys, command, "--data-dir", folder)
    assert code == 1 and out == ""
    assert "There is no SENCO desk school in" in err
    assert not (folder / "sencodesk.db").exists()


def test_demo_never_falls_back_to_the_real_data_folder(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SENCODESK_DATA", raising=False)
    monkeypatch.setattr("sencodesk.paths.user_data_dir", lambda: tmp_path / "real")
    code, out, err = run(capsys, "demo")
    assert code == 2 and out == ""
    assert "usage: sencodesk demo" in err and "say which folder" in err
    assert not (tmp_path / "real" / "sencodesk.db").exists()


def test_demo_into_the_folder_named_by_the_environment(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SENCODESK_DATA", str(tmp_path / "env-demo"))
    code, _out, _ = run(capsys, "demo", "--pupils", "3")
    assert code == 0 and (tmp_path / "env-demo" / "sencodesk.db").exists()
