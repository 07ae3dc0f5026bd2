"""The command line signs in: --user / SENCODESK_USER with SENCODESK_PASSWORD."""

import pytest

from sencodesk.cli import main
from sencodesk.services import users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL


@pytest.fixture
def school(data_dir, monkeypatch):
    for var in (
        "SENCODESK_USER",
        "SENCODESK_PASSWORD",
        "SENCODESK_NEW_PASSWORD",
        "SENCODESK_DATA",
        "SENCODESK_PASSPHRASE",
    ):
        monkeypatch.delenv(var, raising=False)
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    s.close()
    return data_dir


def test_fresh_school_acts_as_local_senco(actor, data_dir, capsys, monkeypatch):
    monkeypatch.delenv("SENCODESK_USER", raising=False)
    assert main(["pupils", "--data-dir", str(data_dir)]) == 0
    assert "0 pupils" in capsys.readouterr().out


def test_school_with_accounts_needs_a_user(school, capsys):
    assert main(["pupils", "--data-dir", str(school)]) == 1
    assert "--user" in capsys.readouterr().err


def test_users_add_list_disable_reset(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    monkeypatch.setenv("SENCODESK_NEW_PASSWORD", "office-pass-1")
    d = str(school)
    assert (
        main(
            [
                "--user",
                "rkhan",
                "users",
                "add",
                "--data-dir",
                d,
                "dj",
                "--name",
                "Mr D Jones",
                "--role",
                "office",
            ]
        )
        == 0
    )
    assert main(["users", "list", "--data-dir", d, "--user", "rkhan"]) == 0
    out = capsys.readouterr().out
    assert "Mr D Jones" in out and "Admin/office" in out and "2 accounts" in out
    assert main(["users", "disable", "--data-dir", d, "--user", "rkhan", "dj"]) == 0
    assert main(["users", "list", "--data-dir", d, "--user", "rkhan"]) == 0
    assert "disabled" in capsys.readouterr().out
    assert main(["users", "enable", "--data-dir", d, "--user", "rkhan", "dj"]) == 0
    monkeypatch.setenv("SENCODESK_NEW_PASSWORD", "office-pass-2")
    assert main(["users", "reset", "--data-dir", d, "--user", "rkhan", "dj"]) == 0
    monkeypatch.setenv("SENCODESK_USER", "dj")
    monkeypatch.setenv("SENCODESK_PASSWORD", "office-pass-2")
    assert main(["pupils", "--data-dir", d]) == 1  # the SENCO's password must be changed first
    assert "must be changed" in capsys.readouterr().err
    monkeypatch.setenv("SENCODESK_NEW_PASSWORD", "dj-own-pass-1")
    assert main(["pupils", "--data-dir", d]) == 0  # signed in from the environment, and changed
    monkeypatch.setenv("SENCODESK_PASSWORD", "dj-own-pass-1")
    assert main(["users", "list", "--data-dir", d]) == 1  # office may not manage accounts
    assert "not allowed" in capsys.readouterr().err


def test_wrong_password_exits_1_with_plain_words(school, capsys, monkeypatch):
    monkeypatch.setenv("SENCODESK_PASSWORD", "wrong")
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 1
    assert "do not match" in capsys.readouterr().err


def test_password_prompt_when_not_in_environment(school, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "senco-pass-1")
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(school)]) == 0
    assert asked == ["Password for rkhan: "]


def test_encrypted_school_first_sign_in_takes_the_passphrase(school, capsys, monkeypatch):
    from sencodesk.services import encryption

    s = users.sign_in(school, "rkhan", "senco-pass-1")
    users.create_user(
        s, {"username": "head1", "display_name": "Mrs A Patel", "role": "head", "password": "head-pass-1"}
    )
    encryption.encrypt_school(s, "a long passphrase here")  # the SENCO's own password not enrolled
    s.close()
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    monkeypatch.setenv("SENCODESK_PASSPHRASE", "a long passphrase here")
    assert main(["--user", "rkhan", "users", "list", "--data-dir", str(school)]) == 0
    monkeypatch.delenv("SENCODESK_PASSPHRASE")
    assert main(["--user", "rkhan", "users", "list", "--data-dir", str(school)]) == 0  # enrolled


def test_encrypted_school_without_accounts_opens_with_the_passphrase(data_dir, capsys, monkeypatch):
    from sencodesk.services import encryption

    monkeypatch.delenv("SENCODESK_USER", raising=False)
    s = open_school(data_dir)
    encryption.encrypt_school(s, "a long passphrase here")
    s.close()
    monkeypatch.setenv("SENCODESK_PASSPHRASE", "wrong passphrase!!")
    assert main(["pupils", "--data-dir", str(data_dir)]) == 1
    assert "not the school passphrase" in capsys.readouterr().err
    monkeypatch.setenv("SENCODESK_PASSPHRASE", "a long passphrase here")
    assert main(["pupils", "--data-dir", str(data_dir)]) == 0


def test_no_password_and_no_terminal_is_a_plain_message(school, capsys, monkeypatch):
    """A script (no terminal, nothing on stdin) that forgot SENCODESK_PASSWORD: say so, no traceback."""
    import io

    monkeypatch.setenv("SENCODESK_USER", "rkhan")
    monkeypatch.delenv("SENCODESK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["pupils", "--data-dir", str(school)]) == 1
    assert "set SENCODESK_PASSWORD" in capsys.readouterr().err
