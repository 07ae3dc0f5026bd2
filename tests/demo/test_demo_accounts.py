"""The demo school's accounts and secrets (demo/accounts.py): one account per role, password
'demo', and an encrypted demo school that each of them, and the passphrase 'demo', opens."""

import pytest

from sencodesk.cli import main
from sencodesk.demo.accounts import create_demo_accounts, encrypt_demo_school
from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.users import User
from sencodesk.services import encryption, users
from sencodesk.services.actor import Actor


def test_demo_accounts(actor):
    made = create_demo_accounts(actor)
    assert made == [("senco", "senco"), ("teacher", "teacher"), ("head", "head"), ("office", "office")]
    assert create_demo_accounts(actor) == []  # idempotent
    for name, role in made:
        s = users.sign_in(actor.data_dir, name, "demo")
        assert s.user.role == role
        s.close()


def test_demo_school_encrypted_with_demo_secrets(actor, add_pupil, monkeypatch, capsys):
    add_pupil()
    create_demo_accounts(actor)
    encrypt_demo_school(actor)
    actor.close()
    for name in ("senco", "teacher", "head", "office"):
        users.sign_in(actor.data_dir, name, "demo").close()
    assert encryption.unlock_with_passphrase(actor.data_dir, "demo")
    monkeypatch.setenv("SENCODESK_PASSWORD", "demo")
    assert main(["--user", "office", "pupils", "--data-dir", str(actor.data_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 pupil"


def test_only_the_senco_makes_the_demo_accounts_or_encrypts_the_demo(actor):
    teacher = Actor(db=actor.db, user=User(None, "t", "Mr T Jones", "teacher"), data_dir=actor.data_dir)
    with pytest.raises(PermissionDenied):
        create_demo_accounts(teacher)
    with pytest.raises(PermissionDenied):
        encrypt_demo_school(teacher)
    assert actor.db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 0
    assert not encryption.is_encrypted(actor.data_dir)
