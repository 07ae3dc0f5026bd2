"""The command line's sign-in gives nothing away either, and keeps the app's rules: a password the
SENCO set must be changed first; the SENCO is told of failed sign-ins; passphrase guesses count."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sencodesk.cli import main
from sencodesk.domain.accounts import PASSPHRASE_FREE_TRIES
from sencodesk.services import encryption, users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL

ENV = (
    "SENCODESK_USER",
    "SENCODESK_PASSWORD",
    "SENCODESK_NEW_PASSWORD",
    "SENCODESK_DATA",
    "SENCODESK_PASSPHRASE",
)


@pytest.fixture
def school(data_dir, monkeypatch):
    """A school whose SENCO has just reset a teacher's password (so it must be changed)."""
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    s.close()
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.create_user(
        s, {"username": "jsmith", "display_name": "Mr J Smith", "role": "teacher", "password": "given-pass-1"}
    )
    s.close()
    return data_dir


def no_terminal(prompt: str = "") -> str:
    raise EOFError  # what getpass does with nothing to read from


def test_a_password_to_change_refuses_a_script_in_plain_words(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "given-pass-1")
    monkeypatch.setattr("getpass.getpass", no_terminal)
    assert main(["--user", "jsmith", "pupils", "--data-dir", str(school)]) == 1
    captured = capsys.readouterr()
    assert "pupil" not in captured.out  # the command did not run
    assert "must be changed before anything else" in captured.err and "SENCODESK_NEW_PASSWORD" in captured.err
    assert "Traceback" not in captured.err
    s = users.sign_in(school, "jsmith", "given-pass-1")
    assert users.must_change_password(s)  # nothing changed
    s.close()


def test_a_password_to_change_is_chosen_at_a_terminal(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "given-pass-1")
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "my-own-pass-1")
    assert main(["--user", "jsmith", "pupils", "--data-dir", str(school)]) == 0
    assert asked == ["New password for jsmith: ", "Type it again: "]
    assert "0 pupils" in capsys.readouterr().out
    s = users.sign_in(school, "jsmith", "my-own-pass-1")
    assert not users.must_change_password(s)
    s.close()


def test_two_different_new_passwords_change_nothing(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "given-pass-1")
    answers = iter(["my-own-pass-1", "my-own-pass-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["--user", "jsmith", "pupils", "--data-dir", str(school)]) == 1
    assert "different" in capsys.readouterr().err
    users.sign_in(school, "jsmith", "given-pass-1").close()


def test_a_script_changes_it_with_sencodesk_new_password(school):
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    env |= {
        "SENCODESK_USER": "jsmith",
        "SENCODESK_PASSWORD": "given-pass-1",
        "SENCODESK_NEW_PASSWORD": "short",
    }
    run = [sys.executable, "-m", "sencodesk", "pupils", "--data-dir", str(school)]
    done = subprocess.run(run, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 1 and "at least 8 characters" in done.stderr and done.stdout == ""
    env["SENCODESK_NEW_PASSWORD"] = "chosen-by-script"
    done = subprocess.run(run, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "0 pupils" in done.stdout and "password is changed" in done.stderr
    env["SENCODESK_PASSWORD"] = "chosen-by-script"
    del env["SENCODESK_NEW_PASSWORD"]
    done = subprocess.run(run, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr  # changed once; no new password asked for again


def test_the_senco_is_told_of_failed_sign_ins(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "wrong-guess-1")
    assert main(["--user", "nobody", "pupils", "--data-dir", str(school)]) == 1
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    capsys.readouterr()
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 0
    assert "there was 1 failed sign-in attempt" in capsys.readouterr().err


def test_unknown_name_and_wrong_password_say_the_same(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "wrong-guess-1")
    assert main(["--user", "nobody", "pupils", "--data-dir", str(school)]) == 1
    unknown = capsys.readouterr().err
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 1
    assert capsys.readouterr().err == unknown


def test_passphrase_guesses_without_a_user_lock_the_passphrase(data_dir, capsys, monkeypatch):
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    encryption.encrypt_school(s, "a long passphrase here")
    s.close()
    for i in range(PASSPHRASE_FREE_TRIES):
        monkeypatch.setenv("SENCODESK_PASSPHRASE", f"wrong guess {i}")
        assert main(["pupils", "--data-dir", str(data_dir)]) == 1
    monkeypatch.setenv("SENCODESK_PASSPHRASE", "a long passphrase here")
    assert main(["pupils", "--data-dir", str(data_dir)]) == 1
    assert "cannot be used to sign in until" in capsys.readouterr().err


def test_encrypted_first_sign_in_asks_for_the_passphrase_at_a_terminal(school, capsys, monkeypatch):
    s = users.sign_in(school, "rkhan", "senco-pass-1")
    encryption.encrypt_school(s, "a long passphrase here", senco_password="senco-pass-1")
    s.close()
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "a long passphrase here")
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 0
    assert asked == []  # enrolled: the password alone
    monkeypatch.setenv("SENCODESK_PASSWORD", "wrong-pass-1")
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 1
    assert asked == ["School passphrase: "]  # it cannot say the password was wrong, so it asks
    err = capsys.readouterr().err
    assert (
        "first sign-in since the school's data was encrypted" in err
        and "school passphrase do not match" in err
    )
