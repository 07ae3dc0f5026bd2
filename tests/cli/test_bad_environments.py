"""Every sub-command in every bad environment a person or a machine can cause (issue 13).

An exhaustive run of the commands against bad environments gave 22 Python tracebacks. Here each
sub-command `sencodesk --help` lists runs (in process, through main()) against: a --data-dir that
is a file; a read-only data folder; a data folder on a full disk; a lock file that is a folder;
a key file that is not a key file; and, for the commands that write a file, an output that is a
folder, in a read-only folder or on a full disk; --within 10^12; users add/reset with no
terminal. Each must exit 1 (or, reading a read-only school, exactly as on a writable one) with
one plain sentence on stderr, no traceback, and nothing lost: the key file as it was and the
data file's pupils, accounts and audit trail all still there.

The disks are real: small tmpfs mounts (root, as CI runs; a read-only one is remounted ro).
Without root, the read-only folder is made by chmod and the full-disk cases are skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sencodesk.cli import build_parser, main
from sencodesk.domain.upn import check_letter

PASS = {"SENCODESK_USER": "senco", "SENCODESK_PASSWORD": "demo", "SENCODESK_PASSPHRASE": "demo"}
NEW_PASSWORD = {"SENCODESK_NEW_PASSWORD": "a long new password"}
CTF = Path(__file__).resolve().parents[1] / "fixtures" / "ctf" / "ctf25_sex.xml"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def leaf_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[str]:
    """'export profile', 'users add', 'pupils'...: every sub-command a person can run."""
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= leaf_commands(sub, (*prefix, name)) or {" ".join((*prefix, name))}
    return found


# Each sub-command's arguments: D the data folder, O the output folder, UPN a pupil with an EHC
# plan, ROLL a roll file, BACKUP a backup of the school. A new sub-command fails
# test_every_sub_command_is_in_the_matrix until it is given its arguments here.
COMMANDS: dict[str, list[str]] = {
    "pupils": ["pupils"],
    "demo": ["demo"],
    "check": ["check"],
    "due": ["due"],
    "deadlines": ["deadlines", "--ics", "O/deadlines.ics"],
    "import pupils": ["import", "pupils", "ROLL", "--dry-run", "--report", "O/report.csv"],
    "import ctf": ["import", "ctf", str(CTF), "--dry-run"],
    "backup": ["backup"],
    "restore": ["restore", "BACKUP"],
    "sar": ["sar", "--upn", "UPN", "--out", "O/sar"],
    "export ehcna": ["export", "ehcna", "--upn", "UPN", "--out", "O/ehcna.pdf"],
    "export referral": ["export", "referral", "--upn", "UPN", "--service", "salt", "--out", "O/referral.pdf"],
    "export profile": ["export", "profile", "--upn", "UPN", "--out", "O/profile.pdf"],
    "export annual-review": ["export", "annual-review", "--upn", "UPN", "--out", "O/review.pdf"],
    "export transfer": ["export", "transfer", "--upn", "UPN", "--out", "O/transfer.pdf"],
    "export summary": ["export", "summary", "--out", "O/summary.pdf"],
    "export strategy": ["export", "strategy", "--out", "O/strategy.docx"],
    "export case-sample": ["export", "case-sample", "--upn", "UPN", "--out", "O/case.pdf"],
    "export parent-copy": ["export", "parent-copy", "--upn", "UPN", "--out", "O/copy.pdf"],
    "export invitation": [
        "export",
        "invitation",
        "--upn",
        "UPN",
        "--date",
        "31/12/2099",
        "--time",
        "3.30pm",
        "--place",
        "library",
        "--out",
        "O/invite.pdf",
    ],
    "export plan-json": ["export", "plan-json", "--upn", "UPN", "--out", "O/plan.json"],
    "meetings list": ["meetings", "list"],
    "meetings add": [
        "meetings",
        "add",
        "--upn",
        "UPN",
        "--on",
        "01/09/2025",
        "--who",
        "Mum",
        "--agreed",
        "Reading",
    ],
    "users add": ["users", "add", "newbie", "--name", "Mr N Ewbie", "--role", "teacher"],
    "users list": ["users", "list"],
    "users disable": ["users", "disable", "teacher"],
    "users enable": ["users", "enable", "teacher"],
    "users reset": ["users", "reset", "teacher"],
    "audit": ["audit"],
    "attach add": [
        *("attach", "add", "--upn", "UPN", "--file", "DOC", "--kind", "report"),
        *("--author", "Dr A Jones", "--date", "12/03/2026"),
    ],
    "attach list": ["attach", "list", "--upn", "UPN"],
    "attach save": ["attach", "save", "--id", "1", "--out", "O/copy.pdf"],
    "attach remove": ["attach", "remove", "--id", "1"],
}
# What only reads the school (an output elsewhere is fine): these work on a read-only school.
READS = {
    "pupils",
    "check",
    "due",
    "deadlines",
    "import pupils",
    "import ctf",
    "sar",
    "users list",
    "audit",
    "attach list",
    "attach save",
    "meetings list",
} | {c for c in COMMANDS if c.startswith("export ")}
# Changes nothing on the demo school (its teacher account is enabled already), so it succeeds
# on a read-only copy too.
NOTHING_TO_CHANGE = {"users enable"}
# Commands writing a file the person names (backup does with --to).
OUTPUTS = sorted(
    [c for c, argv in COMMANDS.items() if {"--out", "--ics", "--report"} & set(argv)] + ["backup --to"]
)


# Touches only the keys file and opens no school (no lock, no audit row of its own): its refusals
# are in tests/cli/test_passphrase_cli.py, not in this matrix of openings.
KEYS_FILE_ONLY = {"passphrase reset"}


def test_every_sub_command_is_in_the_matrix():
    assert leaf_commands(build_parser()) - KEYS_FILE_ONLY == set(COMMANDS)


# --- the school, made once ----------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> dict:
    """The encrypted demo school (as `sencodesk demo` makes it), a backup of it and a roll file."""
    from sencodesk.demo import build_demo
    from sencodesk.services import encryption, users

    base = tmp_path_factory.mktemp("bad-env")
    school = base / "school"
    build_demo(school, pupils=60, seed=13, encrypt=encryption.available())
    actor = users.sign_in(school, "senco", "demo")
    try:
        # a pupil every pack can be made for: an EHC plan, and a SALT referral
        upn = actor.db.execute(
            "SELECT p.upn FROM pupils p JOIN referrals r ON r.pupil_id = p.id"
            " WHERE p.sen_status = 'E' AND r.service = 'salt' ORDER BY p.id LIMIT 1"
        ).fetchone()[0]
        from sencodesk.services import attachments, backups

        # a document on the pupil's record (id 1), for attach save and remove
        pupil_id = actor.db.execute("SELECT id FROM pupils WHERE upn = ?", [upn]).fetchone()[0]
        report = base / "ep-report.pdf"
        report.write_bytes(_pdf())
        details = {
            "title": "EP report",
            "kind": "report",
            "author": "Dr A Jones",
            "document_date": "12/03/2026",
        }
        attachments.add_attachment(actor, pupil_id, report, details | {"visibility": "senco_head"})
        doc = base / "salt-report.pdf"
        doc.write_bytes(_pdf())
        backup = backups.take_backup(actor, base / "backup.db")
    finally:
        actor.close()
    body = "938200118777"
    roll = base / "roll.csv"
    roll.write_text(
        f"UPN,Surname,Forename,DOB,Gender,Year\n{check_letter(body)}{body},Newman,Nia,03/04/2018,F,Y4\n"
    )
    return {"school": school, "upn": upn, "backup": backup, "roll": roll, "doc": doc, "held": held(school)}


def _pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 760, f"A report ({os.urandom(4).hex()})")
    c.showPage()
    c.save()
    return out.getvalue()


def held(school: Path) -> dict[str, str]:
    """What must never be lost: the key file's bytes, and the data file's pupils, accounts and
    audit trail (the trail may grow by a sign-in; every earlier row must still be there)."""
    from sencodesk.services import encryption
    from sencodesk.store import db as store_db

    keys = school / "sencodesk.keys"
    key = encryption.unlock_with_passphrase(school, "demo") if keys.exists() else None
    db = store_db.connect(store_db.db_path(school), key=key, readonly=not os.access(school, os.W_OK))
    try:
        digest = {
            table: hashlib.sha256(
                repr(db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()).encode()
            ).hexdigest()
            for table in ("pupils", "users")
        }
        audit = db.execute("SELECT id, at, summary FROM audit ORDER BY id").fetchall()
    finally:
        db.close()
    return digest | {"keys": keys.read_bytes().hex() if keys.exists() else "", "audit": audit}


def assert_nothing_lost(before: dict, school: Path) -> None:
    after = held(school)
    assert after["keys"] == before["keys"], "the key file changed"
    assert after["pupils"] == before["pupils"], "the pupils changed"
    assert after["audit"][: len(before["audit"])] == before["audit"], "audit rows were lost"


# --- disks ---------------------------------------------------------------------------------


def _mount(folder: Path, size_kb: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], check=True)


@contextmanager
def small_disk(folder: Path, size_kb: int) -> Iterator[Path]:
    if not ROOT_USER or shutil.which("mount") is None:
        pytest.skip("a small real disk needs root (mount -t tmpfs), as CI has")
    try:
        _mount(folder, size_kb)
    except subprocess.CalledProcessError:
        pytest.skip("mount -t tmpfs is not allowed here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Fill the disk holding `folder` to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0")
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` (a copy of something) read-only for everyone, root included."""
    if ROOT_USER and shutil.which("mount"):
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield
        return
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield
    finally:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)


@contextmanager
def read_only_copy(template_school: Path, where: Path) -> Iterator[Path]:
    if ROOT_USER and shutil.which("mount"):
        with small_disk(where, 64 * 1024):
            shutil.copytree(template_school, where / "school")
            with read_only(where):
                yield where / "school"
        return
    shutil.copytree(template_school, where / "school")
    with read_only(where / "school"):
        yield where / "school"


# --- running one case ------------------------------------------------------------------------


def argv_for(command: str, t: dict, data_dir: Path, out: Path) -> list[str]:
    values = {"UPN": t["upn"], "ROLL": str(t["roll"]), "BACKUP": str(t["backup"]), "DOC": str(t["doc"])}
    argv = [values.get(a, a) for a in COMMANDS[command]]
    argv = [str(out / a[2:]) if a.startswith("O/") else a for a in argv]
    return [*argv, "--data-dir", str(data_dir)]


def run(monkeypatch, capsys, argv: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    import io

    for name in ("SENCODESK_DATA", "SENCODESK_ASSUME_SHARE", *PASS, *NEW_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env if env is not None else PASS | NEW_PASSWORD).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: nothing to type into
    try:
        code = main(argv)
    except SystemExit as e:  # argparse
        code = e.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_plain(code: int, out: str, err: str, expected: int = 1, *words: str) -> None:
    assert "Traceback" not in out + err
    assert code == expected, f"exit {code}, stderr: {err}"
    if expected == 1:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        assert last.startswith("sencodesk: ") and len(last) > 30, f"no plain sentence: {err!r}"
        assert "Errno" not in err, f"a raw OS error reached the person: {err}"
        for word in words:
            assert word in err, f"{word!r} not in {err!r}"


_baseline: dict[str, int] = {}


def baseline(command: str, t: dict, tmp_path: Path, monkeypatch, capsys) -> int:
    """The exit code on a fresh writable copy (check exits 1 when the census finds problems)."""
    if command not in _baseline:
        school = tmp_path / "baseline-school"
        shutil.copytree(t["school"], school)
        out = tmp_path / "baseline-out"
        out.mkdir()
        code, o, err = run(monkeypatch, capsys, argv_for(command, t, school, out))
        assert "Traceback" not in o + err
        _baseline[command] = code
        shutil.rmtree(school)
    return _baseline[command]


# --- the environments --------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_data_dir_that_is_a_file(command, template, tmp_path, monkeypatch, capsys):
    not_a_folder = tmp_path / "school.txt"
    not_a_folder.write_text("a note, not a school")
    (tmp_path / "out").mkdir()
    code, out, err = run(monkeypatch, capsys, argv_for(command, template, not_a_folder, tmp_path / "out"))
    assert_plain(code, out, err)
    assert not_a_folder.read_text() == "a note, not a school"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_read_only_data_folder(command, template, tmp_path, monkeypatch, capsys):
    reads = READS | NOTHING_TO_CHANGE
    expected = baseline(command, template, tmp_path, monkeypatch, capsys) if command in reads else 1
    out = tmp_path / "out"
    out.mkdir()
    with read_only_copy(template["school"], tmp_path / "ro") as school:
        code, o, err = run(monkeypatch, capsys, argv_for(command, template, school, out))
        assert_plain(code, o, err, expected)
        if command in READS:
            assert "read-only" in err  # it says why nothing it did is in the audit trail
        assert_nothing_lost(template["held"], school)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_data_folder_on_a_full_disk(command, template, tmp_path, monkeypatch, capsys):
    size = sum(p.stat().st_size for p in template["school"].rglob("*") if p.is_file())
    out = tmp_path / "out"
    out.mkdir()
    with small_disk(tmp_path / "full", size // 1024 + 256) as disk:
        school = disk / "school"
        shutil.copytree(template["school"], school)
        fill(disk)
        code, o, err = run(monkeypatch, capsys, argv_for(command, template, school, out))
        assert_plain(code, o, err)
        if command != "demo":  # the demo only says a school is already there
            assert "full" in err
        (disk / "filler").unlink()
        assert_nothing_lost(template["held"], school)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_lock_file_that_is_a_folder(command, template, tmp_path, monkeypatch, capsys):
    school = tmp_path / "school"
    shutil.copytree(template["school"], school)
    (school / "sencodesk.lock").mkdir()
    (tmp_path / "out").mkdir()
    env = PASS | NEW_PASSWORD | {"SENCODESK_ASSUME_SHARE": "1"}  # the lock is taken on a share
    code, out, err = run(monkeypatch, capsys, argv_for(command, template, school, tmp_path / "out"), env)
    assert_plain(code, out, err, 1, *(() if command == "demo" else ("is a folder",)))
    (school / "sencodesk.lock").rmdir()
    assert_nothing_lost(template["held"], school)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_key_file_that_is_not_a_key_file(command, template, tmp_path, monkeypatch, capsys):
    school = tmp_path / "school"
    shutil.copytree(template["school"], school)
    keys = school / "sencodesk.keys"
    good = keys.read_bytes()
    keys.write_bytes(b"%PDF-1.4 an export saved over the key file")
    (tmp_path / "out").mkdir()
    code, out, err = run(monkeypatch, capsys, argv_for(command, template, school, tmp_path / "out"))
    assert_plain(
        code, out, err, 1, *(() if command == "demo" else ("is not a SENCO desk keys file", "recovery key"))
    )
    assert keys.read_bytes() == b"%PDF-1.4 an export saved over the key file"
    keys.write_bytes(good)
    assert_nothing_lost(template["held"], school)


@pytest.fixture
def school_copy(template, tmp_path) -> Path:
    school = tmp_path / "school"
    shutil.copytree(template["school"], school)
    return school


def output_argv(command: str, template: dict, school: Path, target: Path) -> list[str]:
    """The command with its output (the last file it writes) at `target`."""
    if command == "backup --to":
        return ["backup", "--to", str(target), "--data-dir", str(school)]
    if command == "export strategy" and not target.suffix:  # its file's ending says PDF or Word
        target = target.with_name(target.name + ".docx")
    argv = argv_for(command, template, school, Path("/unused"))
    return [str(target) if a.startswith("/unused") else a for a in argv]


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_that_is_a_folder_or_a_file_where_a_folder_should_be(
    command, template, school_copy, tmp_path, monkeypatch, capsys
):
    if command in ("sar", "backup --to"):  # they write into a folder: give them a file instead
        (tmp_path / "a-file").write_text("kept")
        target = tmp_path / "a-file" / ("backup.db" if command == "backup --to" else "")
    else:
        target = tmp_path / ("a-folder.docx" if command == "export strategy" else "a-folder")
        target.mkdir()
    code, out, err = run(monkeypatch, capsys, output_argv(command, template, school_copy, target))
    assert_plain(code, out, err, 1, "is a f")
    assert target.is_dir() or (tmp_path / "a-file").read_text() == "kept"
    assert_nothing_lost(template["held"], school_copy)


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_in_a_read_only_folder(command, template, school_copy, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "ro-out"
    if ROOT_USER and shutil.which("mount"):
        with small_disk(folder, 1024), read_only(folder):
            code, out, err = run(
                monkeypatch, capsys, output_argv(command, template, school_copy, folder / "x")
            )
    else:
        folder.mkdir()
        with read_only(folder):
            code, out, err = run(
                monkeypatch, capsys, output_argv(command, template, school_copy, folder / "x")
            )
    assert_plain(code, out, err)
    assert "read-only" in err or "not allowed" in err
    assert_nothing_lost(template["held"], school_copy)


@pytest.mark.parametrize("command", OUTPUTS)
def test_output_on_a_full_disk(command, template, school_copy, tmp_path, monkeypatch, capsys):
    with small_disk(tmp_path / "full-out", 256) as disk:
        (disk / "old.pdf").write_bytes(b"%PDF-1.4 an old export /Creator (SENCO desk)")
        fill(disk)
        # over an old export (replaced only if all of the new one is written), or into the folder
        target = disk if command == "sar" else disk / ("backup.db" if command == "backup --to" else "old.pdf")
        argv = output_argv(command, template, school_copy, target)
        code, out, err = run(monkeypatch, capsys, argv)
        assert_plain(code, out, err, 1, "full")
        left = {p.name for p in disk.iterdir()}
        assert left == {"old.pdf", "filler"}, f"a half file was left: {left}"
        assert (disk / "old.pdf").read_bytes().startswith(b"%PDF-1.4 an old export")
    assert_nothing_lost(template["held"], school_copy)


@pytest.mark.parametrize("command", ["due", "deadlines"])
@pytest.mark.parametrize("days", ["1000000000000", "-1"])
def test_within_far_too_many_days(command, days, template, school_copy, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, [command, "--within", days, "--data-dir", str(school_copy)])
    assert_plain(code, out, err, 1, "--within")


@pytest.mark.parametrize("command", ["users add", "users reset"])
def test_new_password_with_no_terminal(command, template, school_copy, monkeypatch, capsys):
    argv = argv_for(command, template, school_copy, Path("/unused"))
    code, out, err = run(monkeypatch, capsys, argv, env=PASS)  # no SENCODESK_NEW_PASSWORD
    assert_plain(code, out, err, 1, "SENCODESK_NEW_PASSWORD")
    assert_nothing_lost(template["held"], school_copy)
