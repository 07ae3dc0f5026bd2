"""`sencodesk passphrase reset --recovery-key`: the way in for a forgotten school passphrase."""

import subprocess
import sys

import pytest

from sencodesk.cli import main
from sencodesk.services import encryption, users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL

PASSPHRASE = "the oak tree by the gate"
SECRETS = ("SENCODESK_RECOVERY_KEY", "SENCODESK_NEW_PASSPHRASE", "SENCODESK_PASSPHRASE", "SENCODESK_USER")


@pytest.fixture
def school(data_dir, monkeypatch):
    for var in (*SECRETS, "SENCODESK_DATA", "SENCODESK_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    s.close()
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    recovery = encryption.encrypt_school(s, PASSPHRASE, senco_password="senco-pass-1")
    s.close()
    return data_dir, recovery


def reset(data_dir, *extra):
    return main(["passphrase", "reset", "--recovery-key", "--data-dir", str(data_dir), *extra])


def test_the_recovery_key_sets_a_new_school_passphrase(school, capsys, monkeypatch):
    data_dir, recovery = school
    monkeypatch.setenv("SENCODESK_RECOVERY_KEY", recovery.lower())
    monkeypatch.setenv("SENCODESK_NEW_PASSPHRASE", "a new sentence to remember")
    assert reset(data_dir) == 0
    assert "school passphrase is changed" in capsys.readouterr().out
    key = encryption.unlock_with_passphrase(data_dir, "a new sentence to remember")
    assert open_school(data_dir, key=key).user  # it opens the school
    with pytest.raises(users.PermissionDenied):
        encryption.unlock_with_passphrase(data_dir, PASSPHRASE)


def test_a_wrong_recovery_key_or_a_short_passphrase_changes_nothing(school, capsys, monkeypatch):
    data_dir, recovery = school
    monkeypatch.setenv("SENCODESK_RECOVERY_KEY", "AAAAA-BBBBB-CCCCC")
    monkeypatch.setenv("SENCODESK_NEW_PASSPHRASE", "a new sentence to remember")
    assert reset(data_dir) == 1
    assert "recovery key does not open" in capsys.readouterr().err
    monkeypatch.setenv("SENCODESK_RECOVERY_KEY", recovery)
    monkeypatch.setenv("SENCODESK_NEW_PASSPHRASE", "short")
    assert reset(data_dir) == 1
    assert "at least" in capsys.readouterr().err
    encryption.unlock_with_passphrase(data_dir, PASSPHRASE)  # still the old one


def test_a_plain_or_missing_school_is_told_so(tmp_path, capsys, monkeypatch):
    for var in SECRETS:
        monkeypatch.delenv(var, raising=False)
    assert reset(tmp_path / "nowhere") == 1
    assert "There is no SENCO desk school" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("a note")
    assert reset(tmp_path / "a-file") == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert reset(tmp_path / "nowhere") == 1
    assert "There is no SENCO desk school" in capsys.readouterr().err
    open_school(tmp_path / "plain").close()
    assert reset(tmp_path / "plain") == 1
    assert "not encrypted" in capsys.readouterr().err


def test_the_new_passphrase_is_asked_twice_and_with_no_terminal_the_variable_is_named(school):
    data_dir, recovery = school
    cmd = [
        sys.executable,
        "-m",
        "sencodesk",
        "passphrase",
        "reset",
        "--recovery-key",
        "--data-dir",
        str(data_dir),
    ]
    env = {"PATH": "/usr/bin:/bin", "SENCODESK_RECOVERY_KEY": recovery, "HOME": str(data_dir.parent)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 1 and "SENCODESK_NEW_PASSPHRASE" in done.stderr
    assert "Traceback" not in done.stderr
