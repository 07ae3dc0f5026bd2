"""The network-share lock: exactly one holder under a race, and no lock that blocks for nothing."""

import json
import multiprocessing
import os
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from sencodesk.store import lockfile
from sencodesk.store.lockfile import FolderLock, InUse, LockUnavailable, lock_path

OPENERS, ROUNDS = 8, 20


def _stale_lock(folder):
    """A crashed PC's lock from yesterday, as an older SENCO desk wrote it."""
    since = (datetime.now() - timedelta(hours=13)).replace(microsecond=0).isoformat()
    record = {"name": "J Smith", "host": "OFFICE-PC-2", "pid": 4242, "since": since}
    lock_path(folder).write_text(json.dumps(record))


def _opener(folder, start, tried, results, rounds):
    for n in range(rounds):
        start.wait()
        try:
            FolderLock(folder, f"opener {os.getpid()}").acquire()  # held: never released here
            results.put((n, os.getpid()))
        except InUse:
            results.put((n, None))
        tried.wait()  # everyone has tried; the test resets the lock before the next start


def test_eight_openers_race_for_a_stale_lock_and_exactly_one_holds_it(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    ctx = multiprocessing.get_context("fork")
    start, tried = ctx.Barrier(OPENERS + 1), ctx.Barrier(OPENERS + 1)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_opener, args=(folder, start, tried, results, ROUNDS)) for _ in range(OPENERS)
    ]
    for w in workers:
        w.start()
    holders_per_round = []
    try:
        for n in range(ROUNDS):
            for leftover in folder.iterdir():
                leftover.unlink()
            _stale_lock(folder)
            start.wait(timeout=60)
            tried.wait(timeout=60)
            answers = [results.get(timeout=60) for _ in range(OPENERS)]
            assert all(r == n for r, _ in answers)
            won = [a for a in answers if a[1] is not None]
            holders_per_round.append(len(won))
            if len(won) == 1:  # the lock file names the one holder
                assert json.loads(lock_path(folder).read_text())["pid"] == won[0][1]
    finally:
        for w in workers:
            w.join(timeout=5)
            if w.is_alive():
                w.kill()
    assert holders_per_round == [1] * ROUNDS


def _lock(folder, **fields):
    record = {"name": "J Smith", "host": socket.gethostname(), "pid": os.getpid()}
    record |= {"since": datetime.now().replace(microsecond=0).isoformat()} | fields
    lock_path(folder).write_text(json.dumps(record))


def test_a_reused_process_id_on_this_computer_does_not_block(tmp_path):
    """The lock's process died and its id now belongs to another program (here: this test)."""
    _lock(tmp_path, pid=os.getpid(), started="ticks:1")  # alive, but started at another time
    assert lockfile.is_stale(lockfile.read_holder(tmp_path))
    FolderLock(tmp_path, "Ms R Khan").acquire().release()


def test_a_lock_from_before_this_computer_restarted_is_stale(tmp_path):
    _lock(tmp_path, pid=1, boot="linux:00000000-0000-0000-0000-000000000000")
    if lockfile.boot_id() is None:
        pytest.skip("this computer cannot say which boot it is on")
    assert lockfile.is_stale(lockfile.read_holder(tmp_path))


def test_the_running_process_still_holds_its_lock(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _lock(tmp_path, pid=child.pid, started=lockfile.process_started(child.pid))
        with pytest.raises(InUse, match="In use by J Smith"):
            FolderLock(tmp_path, "Ms R Khan").acquire()
    finally:
        child.kill()
        child.wait()
    FolderLock(tmp_path, "Ms R Khan").acquire().release()  # it died: stale at once


def test_a_lock_from_the_future_on_another_computer_is_judged_by_the_file_time(tmp_path):
    future = (datetime.now() + timedelta(days=3)).replace(microsecond=0).isoformat()
    _lock(tmp_path, host="OFFICE-PC-2", pid=4242, since=future)
    # Written just now (by the file's own time): someone on a computer with a wrong clock.
    with pytest.raises(InUse, match="OFFICE-PC-2"):
        FolderLock(tmp_path, "Ms R Khan").acquire()
    old = (datetime.now() - timedelta(hours=13)).timestamp()
    os.utime(lock_path(tmp_path), (old, old))  # left by a crash yesterday: not 3 days more
    FolderLock(tmp_path, "Ms R Khan").acquire().release()


def test_a_lock_file_that_is_a_folder_is_named_in_plain_words(tmp_path):
    lock_path(tmp_path).mkdir()
    with pytest.raises(LockUnavailable, match="is a folder"):
        FolderLock(tmp_path, "Ms R Khan").acquire()
    assert lock_path(tmp_path).is_dir()  # not ours to remove


def test_a_take_over_token_left_by_a_crash_is_cleared(tmp_path, monkeypatch):
    monkeypatch.setattr(lockfile, "TOKEN_STALE_AFTER", 0.2)
    _stale_lock(tmp_path)
    token = {"name": "x", "host": socket.gethostname(), "pid": 1, "since": "2026-01-01T00:00:00"}
    (tmp_path / "sencodesk.lock.takeover").write_text(json.dumps(token | {"nonce": "dead"}))
    lock = FolderLock(tmp_path, "Ms R Khan").acquire()
    assert json.loads(lock_path(tmp_path).read_text())["nonce"] == lock.nonce
    lock.release()
    assert not lock_path(tmp_path).exists()
