"""The command line as IT would script it (issue 13): options anywhere, UPNs listable, staff
without sign-in marked, outputs that never destroy a file, a quick `pupils`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sencodesk.cli import main
from sencodesk.services import users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL, pupil_form

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def school(data_dir, monkeypatch):
    """A school with accounts: the SENCO rkhan, and two pupils (one on SEN support)."""
    for var in ("SENCODESK_USER", "SENCODESK_DATA", "SENCODESK_PASSPHRASE", "SENCODESK_NEW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    from sencodesk.services import pupils

    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    pupils.add_pupil(s, pupil_form(legal_surname="Adams", sen_status="K", primary_need="SLCN"))
    pupils.add_pupil(s, pupil_form(legal_surname="Brown"))
    s.close()
    return data_dir


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def upns(folder: Path) -> dict[str, str]:
    s = open_school(folder)
    try:
        return {r["legal_surname"]: r["upn"] for r in s.db.query("SELECT legal_surname, upn FROM pupils")}
    finally:
        s.close()


def everything(folder: Path) -> dict[str, bytes]:
    """What must not change in a data folder: which files are in it, the key file, and the data
    file's first bytes (SQLCipher's salt: any replacement changes them; sign-in's own audit row
    does not)."""
    files = {p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith(("-wal", "-shm"))}
    return {name: (folder / name).read_bytes()[: None if name.endswith(".keys") else 16] for name in files}


@pytest.mark.parametrize(
    "argv",
    [
        ["pupils", "--user", "rkhan"],
        ["check", "--user", "rkhan"],
        ["due", "--user", "rkhan"],
        ["deadlines", "--user", "rkhan"],
        ["users", "list", "--user", "rkhan"],
        ["audit", "--user", "rkhan"],
        ["backup", "--user", "rkhan"],
    ],
)
def test_user_is_taken_after_the_sub_command_as_data_dir_is(school, capsys, argv):
    code, _, err = run(capsys, *argv, "--data-dir", school)
    assert code in (0, 1) and "unrecognized arguments" not in err and "sign in with --user" not in err
    assert code == 0 or argv[0] == "check", err  # the check may find census problems (exit 1)


def test_user_after_an_export_kind(school, capsys, tmp_path):
    upn = upns(school)["Adams"]
    out = tmp_path / "p.pdf"
    code, _, err = run(
        capsys, "export", "profile", "--upn", upn, "--out", out, "--user", "rkhan", "--data-dir", school
    )
    assert code == 0, err
    assert out.exists()


def test_pupils_lists_upns_when_asked(school, capsys):
    held = upns(school)
    code, out, _ = run(capsys, "--user", "rkhan", "pupils", "--data-dir", school, "--upn")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:2] == ["upn", "surname"]
    assert any(line.startswith(held["Adams"]) and "Adams" in line for line in lines)
    code, out, _ = run(capsys, "--user", "rkhan", "pupils", "--data-dir", school, "--upn", "--format", "json")
    assert {r["surname"]: r["upn"] for r in json.loads(out)} == held
    code, out, _ = run(capsys, "--user", "rkhan", "pupils", "--data-dir", school, "--format", "csv")
    assert "upn" not in out.splitlines()[0] and held["Adams"] not in out  # only when asked


def test_a_listed_upn_is_what_export_and_sar_take(school, capsys, tmp_path):
    code, out, _ = run(capsys, "pupils", "--user", "rkhan", "--data-dir", school, "--upn", "--format", "csv")
    adams = next(line.split(",")[0] for line in out.splitlines() if ",Adams," in line)
    out_dir = tmp_path / "sar"
    code, out, err = run(
        capsys, "sar", "--user", "rkhan", "--data-dir", school, "--upn", adams, "--out", out_dir
    )
    assert code == 0, err
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".json", ".pdf"]  # as the README says


def test_users_list_marks_staff_who_cannot_sign_in(data_dir, capsys, monkeypatch):
    from sencodesk.demo import build_demo

    for var in ("SENCODESK_DATA", "SENCODESK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    build_demo(data_dir, pupils=30, seed=3)
    monkeypatch.setenv("SENCODESK_PASSWORD", "demo")
    code, out, _ = run(capsys, "users", "list", "--user", "senco", "--data-dir", data_dir)
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line[:1].isalpha()}
    assert code == 0
    for name in ("senco", "teacher", "head", "office"):
        assert "active" in rows[name] and "no sign-in" not in rows[name]
    unable = [name for name, line in rows.items() if "no sign-in" in line]
    assert len(unable) == 4  # the demo's named staff without a password
    assert "sencodesk users reset" in out


def test_pupils_does_not_import_the_packs(school):
    """`sencodesk pupils` imported every export module (reportlab among them) it never uses."""
    script = (
        "import sys\n"
        "from sencodesk.cli import main\n"
        f"code = main(['pupils', '--data-dir', {str(school)!r}, '--user', 'rkhan'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PIL', 'tkinter',"
        " 'ttkbootstrap', 'openpyxl', 'docx', 'docxtpl') or m.startswith(('sencodesk.reports',"
        " 'sencodesk.ui', 'sencodesk.formats')))\n"
        "print(code, heavy)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), SENCODESK_PASSWORD="senco-pass-1")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr


@pytest.fixture(scope="module")
def encrypted_template(tmp_path_factory):
    """An encrypted school, as the demo and every real school is (it has sencodesk.keys): made
    once, since encrypting takes a while, and copied for each test."""
    from sencodesk.services import encryption, pupils

    folder = tmp_path_factory.mktemp("encrypted") / "school"
    s = open_school(folder)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    pupil_id, _ = pupils.add_pupil(s, pupil_form(legal_surname="Adams", sen_status="K", primary_need="SLCN"))
    upn = pupils.get_pupil(s, pupil_id).upn
    s.close()
    s = users.sign_in(folder, "rkhan", "senco-pass-1")
    encryption.encrypt_school(s, "a long school passphrase", senco_password="senco-pass-1")
    s.close()
    return folder, upn


@pytest.fixture
def encrypted(encrypted_template, tmp_path, monkeypatch):
    import shutil

    for var in ("SENCODESK_USER", "SENCODESK_DATA", "SENCODESK_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    template, upn = encrypted_template
    shutil.copytree(template, tmp_path / "school")
    return tmp_path / "school", upn


@pytest.mark.parametrize("name", ["sencodesk.db", "sencodesk.keys", "notes.pdf"])
@pytest.mark.parametrize(
    "command",
    [
        ["export", "summary", "--out"],
        ["export", "profile", "--upn", "UPN", "--out"],
        ["deadlines", "--ics"],
        ["backup", "--to"],
        ["sar", "--upn", "UPN", "--out"],
        ["import", "pupils", "ROLL", "--dry-run", "--report"],
    ],
)
def test_no_output_goes_in_the_data_folder(encrypted, capsys, tmp_path, command, name):
    """`backup --to DATA/sencodesk.keys` exited 0 and left a school nobody could open again."""
    school, upn = encrypted
    roll = tmp_path / "roll.csv"
    roll.write_text("UPN,Legal Surname,Legal Forename,DOB,Gender,Year\n")
    argv = [str(roll) if a == "ROLL" else upn if a == "UPN" else a for a in command]
    before = everything(school)
    for extra in ([], ["--overwrite"]):
        code, _, err = run(capsys, *argv, school / name, *extra, "--user", "rkhan", "--data-dir", school)
        assert code == 1 and "inside the school's data folder" in err and "Traceback" not in err
        assert everything(school) == before, "a file in the data folder was written"
    assert run(capsys, "pupils", "--user", "rkhan", "--data-dir", school)[0] == 0  # still opens


def test_an_output_over_a_file_the_app_did_not_make_needs_overwrite(school, capsys, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 the SENCO's own letter")
    code, _, err = run(capsys, "export", "summary", "--out", letter, "--user", "rkhan", "--data-dir", school)
    assert code == 1 and "add --overwrite" in err and letter.read_bytes().endswith(b"own letter")
    code, _, err = run(
        capsys, "export", "summary", "--out", letter, "--overwrite", "--user", "rkhan", "--data-dir", school
    )
    assert code == 0, err
    assert b"own letter" not in letter.read_bytes()
    # a pack SENCO desk made is replaced by the next export without asking (a nightly script)
    code, _, err = run(capsys, "export", "summary", "--out", letter, "--user", "rkhan", "--data-dir", school)
    assert code == 0, err


def test_backup_never_writes_over_a_device(school, capsys, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "backup", "--to", fifo, "--overwrite", "--user", "rkhan", "--data-dir", school)
    assert code == 1 and "not an ordinary file" in err and not fifo.is_file()


@pytest.mark.parametrize("upn", ["", "   ", "nope"])
def test_sar_with_a_blank_upn_exports_nobody(school, capsys, tmp_path, upn):
    out = tmp_path / "sar"
    code, _, err = run(capsys, "sar", "--upn", upn, "--out", out, "--user", "rkhan", "--data-dir", school)
    assert code == 1 and "A UPN has 13 characters" in err
    assert not out.exists() or not list(out.iterdir())


def test_audit_with_a_blank_upn_is_refused_not_the_whole_trail(school, capsys):
    code, out, err = run(capsys, "audit", "--upn", " ", "--user", "rkhan", "--data-dir", school)
    assert code == 1 and "A UPN has 13 characters" in err and out == ""


def test_a_data_dir_that_is_a_file_is_named(capsys, tmp_path):
    f = tmp_path / "school.txt"
    f.write_text("notes")
    code, _, err = run(capsys, "pupils", "--data-dir", f)
    assert code == 1 and "is a file, not a folder" in err and f.read_text() == "notes"


@pytest.mark.parametrize(
    "action", [["add", "newbie", "--name", "N Ewbie", "--role", "teacher"], ["reset", "rkhan"]]
)
def test_users_add_and_reset_without_a_terminal_name_the_variable(school, capsys, monkeypatch, action):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "users", *action, "--user", "rkhan", "--data-dir", school)
    assert code == 1 and "set SENCODESK_NEW_PASSWORD" in err and "Traceback" not in err
