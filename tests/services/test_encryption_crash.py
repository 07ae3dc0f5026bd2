"""Encrypting a school survives a kill -9 at every step: nothing lost, and no plain copy left.

The encryption runs in a child process that kills itself (SIGKILL: no clean-up of any kind) at
one named step; the next start (sign-in, as a person would) must find the school whole, and
either encrypted with no plain SQLite file anywhere in the data folder, or (killed before the
commit) exactly as it was, with no new plain copy made.
"""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from sencodesk.services import backup_files, backups, encryption, pupils, users
from sencodesk.services.actor import open_school
from sencodesk.store import cipher, keyfile
from tests.helpers import SCHOOL, pupil_form

STEPS = [
    "checkpointed",
    "new keys written",
    "data file written",
    "safety backup written",
    "backups written",
    "committed",
    "journal removed",
    "data file in place",
    "backups in place",
    "done",
]

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from sencodesk.services import encryption, users
    target = sys.argv[2]
    def step(name):
        if name == target:
            os.kill(os.getpid(), signal.SIGKILL)
    encryption._step = step
    actor = users.sign_in(sys.argv[1], "rkhan", "senco-pass-1")
    encryption.encrypt_school(actor, "the oak tree by the gate", senco_password="senco-pass-1")
    print("finished")
    """
)


def plain_files(folder):
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                if f.read(16) == b"SQLite format 3\x00":
                    found.append(path.relative_to(folder))
    return sorted(found)


@pytest.fixture
def plain_school(data_dir):
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    for name in ("Amy", "Ben", "Cat"):
        pupils.add_pupil(s, pupil_form(legal_forename=name, notes=f"{name} has dyslexia screening"))
    backups.take_backup(s)
    s.close()
    return data_dir


def test_the_steps_are_the_ones_the_conversion_marks(plain_school):
    seen = []
    encryption._step, original = seen.append, encryption._step
    try:
        s = users.sign_in(plain_school, "rkhan", "senco-pass-1")
        encryption.encrypt_school(s, "the oak tree by the gate", senco_password="senco-pass-1")
        s.close()
    finally:
        encryption._step = original
    assert seen == STEPS


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_loses_nothing_and_leaves_no_plain_copy(plain_school, step):
    data_dir = plain_school
    before = plain_files(data_dir)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), step], capture_output=True, text=True, timeout=120
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    # The next start: the app's start-up check, then sign-in.
    backups.on_app_start(data_dir)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    try:
        assert sorted(r.forename for r in pupils.list_register(s)) == ["Amy", "Ben", "Cat"]
        leftovers = [
            p.name for p in data_dir.rglob("*") if ".encrypting" in p.name or p.name.endswith(".new")
        ]
        assert leftovers == []
        if keyfile.exists(data_dir):  # the commit happened: encrypted, every file of it
            assert s.key is not None
            assert plain_files(data_dir) == []
            assert all(
                backup_files.check_backup(b.path, s.key) == [] for b in backup_files.list_backups(data_dir)
            )
        else:  # killed before the commit: as it was, and no plain copy was made
            assert s.key is None
            new = set(plain_files(data_dir)) - set(before)
            assert all(p.name.endswith("_daily.db") for p in new)  # the next start's own backup
    finally:
        s.close()
    assert STEPS.index(step) < STEPS.index("committed") or encryption.is_encrypted(data_dir)


def test_a_plain_backup_that_cannot_be_encrypted_is_not_kept(plain_school):
    data_dir = plain_school
    broken = data_dir / "backups" / "sencodesk_2026-11-30_080000_daily.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)  # plain, and unreadable
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    encryption.encrypt_school(s, "the oak tree by the gate", senco_password="senco-pass-1")
    s.close()
    assert plain_files(data_dir) == []
    assert not any(cipher.is_plain_sqlite(b.path) for b in backup_files.list_backups(data_dir))


def test_encrypting_is_refused_while_someone_else_has_the_school_open(plain_school):
    from sencodesk.store.presence import SchoolInUse

    data_dir = plain_school
    other = open_school(data_dir)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    try:
        with pytest.raises(SchoolInUse, match="has this school open"):
            encryption.encrypt_school(s, "the oak tree by the gate", senco_password="senco-pass-1")
        assert not keyfile.exists(data_dir) and s.key is None
        assert len(pupils.list_register(s)) == 3  # still working on the plain file
    finally:
        other.close()
        s.close()
    assert os.listdir(data_dir / "in-use") == []
