"""A data folder on a network share: rollback journal and one person at a time."""

import json
import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from sencodesk.demo.accounts import create_demo_accounts
from sencodesk.domain.errors import PermissionDenied
from sencodesk.services import sharing, users
from sencodesk.services.actor import open_school
from sencodesk.store.lockfile import InUse, lock_path


@pytest.fixture
def share(tmp_path, monkeypatch):
    monkeypatch.setenv("SENCODESK_ASSUME_SHARE", "1")
    return tmp_path / "shared"


def write_lock(folder, **fields):
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "name": "J Smith",
        "host": "OFFICE-PC-2",
        "pid": 4242,
        "since": datetime.now().replace(hour=10, minute=42, second=0, microsecond=0).isoformat(),
    }
    lock_path(folder).write_text(json.dumps(record | fields))


def test_share_uses_rollback_journal_and_holds_the_lock(share):
    s = open_school(share)
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert lock_path(share).exists()
    s.close()
    assert not lock_path(share).exists()  # released on close


def test_local_folder_uses_wal_and_no_lock(data_dir, monkeypatch):
    monkeypatch.delenv("SENCODESK_ASSUME_SHARE", raising=False)
    s = open_school(data_dir)
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not lock_path(data_dir).exists()
    s.close()


def test_second_opener_is_told_who_holds_it(share):
    write_lock(share, host=socket.gethostname(), pid=1)  # pid 1 (init) is always alive
    with pytest.raises(InUse, match=r"In use by J Smith on .* since 10:42"):
        open_school(share)
    status = sharing.data_folder_status(share)
    assert status.network and status.in_use_by.startswith("In use by J Smith")


def test_other_computer_lock_is_respected_until_stale(share):
    write_lock(share)
    with pytest.raises(InUse, match="OFFICE-PC-2"):
        open_school(share)
    write_lock(share, since=(datetime.now() - timedelta(hours=13)).isoformat())
    open_school(share).close()  # a day-old lock from a crashed PC is taken over


def test_dead_process_on_this_computer_is_stale(share):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    write_lock(share, host=socket.gethostname(), pid=int(dead))
    s = open_school(share)
    assert json.loads(lock_path(share).read_text())["pid"] == os.getpid()
    s.close()


def test_lock_names_the_person_after_sign_in(share):
    s = open_school(share)
    create_demo_accounts(s)
    s.close()
    s = users.sign_in(share, "head", "demo")
    assert json.loads(lock_path(share).read_text())["name"] == "Mrs A Patel"
    s.close()
    assert not lock_path(share).exists()


def test_refused_sign_in_releases_the_lock(share):
    s = open_school(share)
    create_demo_accounts(s)
    s.close()
    with pytest.raises(PermissionDenied):
        users.sign_in(share, "head", "wrong")
    assert not lock_path(share).exists()


def test_status_of_a_local_folder(data_dir, monkeypatch):
    monkeypatch.delenv("SENCODESK_ASSUME_SHARE", raising=False)
    assert sharing.data_folder_status(data_dir) == sharing.FolderStatus(False, None, "")


def test_damaged_lock_file_does_not_block_forever(share):
    share.mkdir(parents=True)
    lock_path(share).write_text("{half")
    open_school(share).close()
