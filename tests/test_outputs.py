"""Where SENCO desk may write a file, and how (sencodesk/outputs.py): never in the data folder
(but its own backups/ and logs/), never over a device, a folder or a file it did not make without
the person's yes; atomic, so a failure leaves the old file and no half file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sencodesk import outputs
from sencodesk.domain.errors import UserError
from sencodesk.outputs import NotReplaced, check_target, confirm_replace, write_atomic, write_text


@pytest.fixture
def school(tmp_path) -> Path:
    """A data folder as an encrypted school has it: database, key file, backups, logs."""
    folder = tmp_path / "school"
    (folder / "backups").mkdir(parents=True)
    (folder / "logs").mkdir()
    (folder / "sencodesk.db").write_bytes(b"SQLite format 3\x00 the school")
    (folder / "sencodesk.keys").write_text('{"slots": {}}')
    return folder


def everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "name", ["sencodesk.db", "sencodesk.keys", "summary.pdf", "la_profiles/mine.pdf", "backups/../x.pdf"]
)
def test_nothing_is_written_inside_the_data_folder(school, name):
    before = everything(school)
    with pytest.raises(UserError, match="inside the school's data folder"):
        write_text(school / name, "an export")
    with pytest.raises(UserError, match="inside the school's data folder"):
        confirm_replace(school / name)  # not even when the person said yes
        write_text(school / name, "an export")
    assert everything(school) == before


def test_a_school_without_its_database_is_still_a_data_folder(school):
    (school / "sencodesk.db").unlink()  # an encrypted school mid-restore: the key file alone
    with pytest.raises(UserError, match="inside the school's data folder"):
        write_text(school / "sencodesk.db", "x")


def test_the_apps_own_backups_and_logs_may_go_in_their_folders(school):
    assert check_target(school / "backups" / "b.db", own="backups") == (school / "backups" / "b.db")
    assert check_target(school / "logs" / "x.log", own="logs") == school / "logs" / "x.log"
    with pytest.raises(UserError, match="inside the school's data folder"):
        check_target(school / "backups" / "b.db")  # an export is not a backup
    with pytest.raises(UserError, match="inside the school's data folder"):
        check_target(school / "logs" / "b.db", own="backups")


def test_a_link_into_the_data_folder_is_followed_and_refused(school, tmp_path):
    link = tmp_path / "innocent.pdf"
    link.symlink_to(school / "sencodesk.keys")
    with pytest.raises(UserError, match="inside the school's data folder"):
        write_text(link, "x")
    assert (school / "sencodesk.keys").read_text() == '{"slots": {}}'


def test_never_over_a_folder(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(UserError, match="is a folder"):
        write_text(tmp_path / "out", "x")
    assert (tmp_path / "out").is_dir()


def test_never_over_a_device_or_a_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="not an ordinary file"):
        write_text(fifo, "x")
    if os.geteuid() == 0:  # as root, `backup --to /dev/null` replaced the device with a file
        device = tmp_path / "null"
        os.mknod(device, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, like /dev/null
        with pytest.raises(UserError, match="not an ordinary file"):
            confirm_replace(device)
            write_text(device, "x")
        assert not device.is_file()


def test_an_existing_file_is_replaced_only_with_a_yes_or_when_the_app_made_it(tmp_path):
    mine = tmp_path / "letter.pdf"
    mine.write_bytes(b"%PDF-1.4 a letter to the LA, typed by hand")
    with pytest.raises(NotReplaced, match="not a file SENCO desk made"):
        write_text(mine, "x", marker=outputs.PDF_MARKER)
    assert b"typed by hand" in mine.read_bytes()
    made = tmp_path / "pack.pdf"
    made.write_bytes(b"%PDF-1.4 ... /Creator (SENCO desk) ...")
    write_text(made, "again", marker=outputs.PDF_MARKER)
    assert made.read_text() == "again"
    confirm_replace(mine)
    write_text(mine, "replaced", marker=outputs.PDF_MARKER)
    assert mine.read_text() == "replaced"
    mine.write_text("typed again")
    with pytest.raises(NotReplaced):  # a yes is for one replacement
        write_text(mine, "x", marker=outputs.PDF_MARKER)


def test_a_failed_write_leaves_the_old_file_and_no_half_file(tmp_path):
    path = tmp_path / "report.txt"
    write_text(path, "first")
    confirm_replace(path)

    def half_then_fail(stream):
        stream.write(b"half")
        raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        write_atomic(path, half_then_fail)
    assert path.read_text() == "first" and os.listdir(tmp_path) == ["report.txt"]


def test_a_full_disk_is_a_sentence_and_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "report.txt"
    write_text(path, "first")
    confirm_replace(path)
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    with pytest.raises(UserError, match="The disk is full") as e:
        write_text(path, "second")
    assert str(path) in e.value.message and ".part" not in e.value.message
    monkeypatch.setattr(outputs.os, "fsync", real_fsync)
    assert path.read_text() == "first" and os.listdir(tmp_path) == ["report.txt"]


def test_windows_holding_the_file_is_retried_then_named(tmp_path, monkeypatch):
    path = tmp_path / "pack.pdf"
    tries = []

    def held(src, dst):
        tries.append(dst)
        raise PermissionError(errno.EACCES, "in use")

    monkeypatch.setattr(outputs, "WINDOWS", True)
    monkeypatch.setattr(outputs.os, "replace", held)
    monkeypatch.setattr(outputs.time, "sleep", lambda s: None)
    with pytest.raises(UserError, match="Close the file in your PDF viewer"):
        write_text(path, "x")
    assert len(tries) == outputs.REPLACE_TRIES and os.listdir(tmp_path) == []


def test_windows_letting_go_in_time_saves_the_file(tmp_path, monkeypatch):
    path = tmp_path / "pack.pdf"
    real_replace, tries = os.replace, []

    def held_twice(src, dst):
        tries.append(dst)
        if len(tries) < 3:
            raise PermissionError(errno.EACCES, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(outputs, "WINDOWS", True)
    monkeypatch.setattr(outputs.os, "replace", held_twice)
    monkeypatch.setattr(outputs.time, "sleep", lambda s: None)
    write_text(path, "saved")
    assert path.read_text() == "saved" and len(tries) == 3


def test_a_missing_folder_is_a_sentence_unless_asked_to_make_it(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        write_text(tmp_path / "nope" / "x.txt", "x")
    assert write_text(tmp_path / "made" / "x.txt", "x", make_folder=True).read_text() == "x"


def test_the_markers_are_what_the_app_writes():
    from sencodesk.formats import ics
    from sencodesk.services.subject_access import ABOUT, SAR_MARKER

    assert f"PRODID:{ics.PRODID}".encode().startswith(outputs.ICS_MARKER)
    assert SAR_MARKER in ('{\n  "about": "' + ABOUT).encode()
