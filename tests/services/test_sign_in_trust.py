"""Sign-in that gives nothing away: each attack tried against a real temporary school.

- school-passphrase guesses are counted for the school (not per typed name) and locked out;
- no reply tells a right passphrase from a wrong one, or a real user name from an invented one,
  by its words or by the password-hashing work done (the scrypt calls are recorded, not timed);
- an encrypted school audits sign-ins refused because the account is locked;
- the SENCO is told at their next sign-in how many failed sign-ins there were.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import timedelta

import pytest

from sencodesk.domain.accounts import LOCKOUT_AFTER, PASSPHRASE_FREE_TRIES
from sencodesk.domain.errors import PermissionDenied
from sencodesk.services import _keyslots, encryption, users
from sencodesk.services.actor import open_school
from sencodesk.store import keyfile
from tests.helpers import SCHOOL

PASSPHRASE = "the oak tree by the gate"
SENCO = {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}


def _account(username: str, role: str, password: str) -> dict:
    return {"username": username, "display_name": f"Staff {username}", "role": role, "password": password}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Made once (scrypt is slow on purpose), copied for each test.

    plain: the SENCO, a teacher, and a disabled leaver. encrypted: the same school encrypted,
    the SENCO enrolled; jsmith has no key slot yet (needs the passphrase once); apatel, created
    afterwards, has one."""
    plain = tmp_path_factory.mktemp("templates") / "plain"
    s = open_school(plain)
    users.set_up_school(s, SCHOOL, SENCO)
    s.close()
    s = users.sign_in(plain, "rkhan", "senco-pass-1")
    users.create_user(s, _account("jsmith", "teacher", "teacher-pass"))
    users.create_user(s, _account("leaver", "head", "leaver-pass"))
    users.disable_user(s, "leaver")
    s.close()
    encrypted = plain.with_name("encrypted")
    shutil.copytree(plain, encrypted)
    s = users.sign_in(encrypted, "rkhan", "senco-pass-1")
    encryption.encrypt_school(s, PASSPHRASE, senco_password="senco-pass-1")
    users.create_user(s, _account("apatel", "teacher", "patel-pass-1"))
    s.close()
    return {"plain": plain, "encrypted": encrypted}


@pytest.fixture
def plain(templates, data_dir):
    shutil.copytree(templates["plain"], data_dir)
    return data_dir


@pytest.fixture
def encrypted(templates, data_dir):
    shutil.copytree(templates["encrypted"], data_dir)
    return data_dir


def refusal(call) -> tuple[type, str]:
    with pytest.raises(PermissionDenied) as e:
        call()
    return type(e.value), e.value.message


@pytest.fixture
def scrypt_calls(monkeypatch):
    """Every scrypt run (its cost parameters), whether for a password hash or a key slot."""
    calls: list[tuple[int, int, int]] = []
    real = hashlib.scrypt

    def spy(password, *, salt, n, r, p, maxmem=0, dklen=64):
        calls.append((n, r, p))
        return real(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)

    monkeypatch.setattr(hashlib, "scrypt", spy)
    return calls


def calls_of(scrypt_calls, *args, **kwargs) -> list[tuple[int, int, int]]:
    """The scrypt runs of one refused users.sign_in(*args, **kwargs)."""
    scrypt_calls.clear()
    with pytest.raises(PermissionDenied):
        users.sign_in(*args, **kwargs)
    return list(scrypt_calls)


def audit_summaries(data_dir, key_password=("rkhan", "senco-pass-1")) -> list[str]:
    s = users.sign_in(data_dir, *key_password)
    try:
        return [r["summary"] for r in s.db.query("SELECT summary FROM audit WHERE action = 'sign_in_failed'")]
    finally:
        s.close()


# -- counted per school, and slowed down -------------------------------------------------------


def test_passphrase_guesses_under_invented_names_lock_the_school_passphrase(encrypted):
    """60 wrong passphrases, each typed with a new invented name, used to go on for ever."""
    for i in range(60):
        with pytest.raises(PermissionDenied) as e:
            users.sign_in(encrypted, f"invented{i}", "any-password", passphrase=f"guess number {i}")
        if i >= PASSPHRASE_FREE_TRIES:
            assert "cannot be used to sign in until" in e.value.message
    # now even the right passphrase (with a real, not yet enrolled teacher) waits
    with pytest.raises(PermissionDenied, match="cannot be used to sign in until"):
        users.sign_in(encrypted, "jsmith", "teacher-pass", passphrase=PASSPHRASE)
    # the lock counts only guesses actually tried: the ones refused while locked were not
    assert keyfile.load(encrypted)["passphrase_failures"]["count"] == PASSPHRASE_FREE_TRIES
    # a person's own password is not the passphrase path: the SENCO still signs in
    users.sign_in(encrypted, "rkhan", "senco-pass-1").close()


def test_the_passphrase_lock_grows_and_ends(encrypted, monkeypatch):
    start = _keyslots.now()
    clock = [start]
    monkeypatch.setattr(_keyslots, "now", lambda: clock[0])
    for i in range(PASSPHRASE_FREE_TRIES):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, "someone", "x", passphrase=f"guess {i}")
    first = keyfile.load(encrypted)["passphrase_failures"]["locked_until"]
    clock[0] = start + timedelta(minutes=16)  # the first lock (15 minutes) is over: one more guess
    with pytest.raises(PermissionDenied):
        users.sign_in(encrypted, "someone", "x", passphrase="one more guess")
    second = keyfile.load(encrypted)["passphrase_failures"]["locked_until"]
    assert second > first
    assert (_keyslots.parse_time(second) - clock[0]) > (_keyslots.parse_time(first) - start)
    clock[0] = start + timedelta(days=1)
    users.sign_in(encrypted, "jsmith", "teacher-pass", passphrase=PASSPHRASE).close()  # over
    assert not keyfile.load(encrypted).get("passphrase_failures")  # a right passphrase clears it


def test_the_no_accounts_passphrase_path_is_counted_too(data_dir):
    """`sencodesk` without --user on an encrypted school unwraps with the passphrase alone."""
    s = open_school(data_dir)
    encryption.encrypt_school(s, PASSPHRASE)
    s.close()
    for i in range(PASSPHRASE_FREE_TRIES):
        with pytest.raises(PermissionDenied, match="not the school passphrase"):
            encryption.unlock_with_passphrase(data_dir, f"guess {i}")
    with pytest.raises(PermissionDenied, match="cannot be used to sign in until"):
        encryption.unlock_with_passphrase(data_dir, PASSPHRASE)


def test_deleting_other_files_does_not_reset_the_count(encrypted):
    """The count lives in the keys file itself, not in a side file: without the keys file nothing
    opens the school, so removing files is no way round the lock (_keyslots says what this does
    and does not stop)."""
    for i in range(PASSPHRASE_FREE_TRIES):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, "x", "y", passphrase=f"guess {i}")
    kept = {"sencodesk.db", keyfile.KEY_FILENAME}
    for path in sorted(encrypted.rglob("*"), reverse=True):
        if path.is_file() and path.name not in kept:
            path.unlink()
    with pytest.raises(PermissionDenied, match="cannot be used to sign in until"):
        users.sign_in(encrypted, "jsmith", "teacher-pass", passphrase=PASSPHRASE)


# -- one reply for every refusal ---------------------------------------------------------------


def test_plain_school_replies_are_the_same_for_every_refusal(plain):
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(plain, "jsmith", "wrong-pass")
    replies = {
        "wrong password": refusal(lambda: users.sign_in(plain, "rkhan", "wrong-pass")),
        "invented name": refusal(lambda: users.sign_in(plain, "nobody", "wrong-pass")),
        "disabled": refusal(lambda: users.sign_in(plain, "leaver", "leaver-pass")),
        "locked, right password": refusal(lambda: users.sign_in(plain, "jsmith", "teacher-pass")),
    }
    assert len(set(replies.values())) == 1, replies
    assert "locked for 15 minutes" in users.SIGN_IN_FAILED  # the real person learns of the lock


def test_plain_school_does_the_same_hashing_for_every_refusal(plain, scrypt_calls):
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(plain, "jsmith", "wrong-pass")
    wrong = calls_of(scrypt_calls, plain, "rkhan", "wrong-pass")
    assert wrong  # a real check was made
    for name, password in (("nobody", "wrong-pass"), ("leaver", "leaver-pass"), ("jsmith", "teacher-pass")):
        assert calls_of(scrypt_calls, plain, name, password) == wrong, name


def test_encrypted_school_replies_do_not_tell_an_enrolled_name_from_an_invented_one(encrypted):
    enrolled = refusal(lambda: users.sign_in(encrypted, "rkhan", "wrong-pass"))
    invented = refusal(lambda: users.sign_in(encrypted, "nobody", "wrong-pass"))
    not_enrolled = refusal(lambda: users.sign_in(encrypted, "jsmith", "wrong-pass"))
    assert enrolled == invented == not_enrolled
    assert "first sign-in since the school's data was encrypted" in enrolled[1]


def test_encrypted_school_replies_do_not_tell_a_right_passphrase_from_a_wrong_one(encrypted):
    replies = {
        "invented, wrong passphrase": refusal(
            lambda: users.sign_in(encrypted, "nobody", "x-pass-123", passphrase="wrong passphrase")
        ),
        "invented, right passphrase": refusal(
            lambda: users.sign_in(encrypted, "nobody", "x-pass-123", passphrase=PASSPHRASE)
        ),
        "real, wrong password, right passphrase": refusal(
            lambda: users.sign_in(encrypted, "jsmith", "wrong-pass", passphrase=PASSPHRASE)
        ),
        "disabled, right passphrase": refusal(
            lambda: users.sign_in(encrypted, "leaver", "leaver-pass", passphrase=PASSPHRASE)
        ),
    }
    assert len(set(replies.values())) == 1, replies


def test_encrypted_school_does_the_same_hashing_for_every_refusal(encrypted, scrypt_calls):
    without = calls_of(scrypt_calls, encrypted, "rkhan", "wrong-pass")
    assert without
    assert calls_of(scrypt_calls, encrypted, "nobody", "wrong-pass") == without
    with_passphrase = calls_of(scrypt_calls, encrypted, "nobody", "x-pass-123", passphrase="wrong passphrase")
    assert len(with_passphrase) > len(without)
    for name, password in (("nobody", "x-pass-123"), ("jsmith", "wrong-pass")):
        right = calls_of(scrypt_calls, encrypted, name, password, passphrase=PASSPHRASE)
        assert right == with_passphrase, name


def test_a_locked_name_is_not_checked_and_replies_as_before(encrypted):
    """While a name is locked its password is not tried, so a guess then cannot learn it was right."""
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(users.PassphraseNeeded):
            users.sign_in(encrypted, "rkhan", "wrong-pass")
    right = refusal(lambda: users.sign_in(encrypted, "rkhan", "senco-pass-1"))
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(users.PassphraseNeeded):
            users.sign_in(encrypted, "made-up", "wrong-pass")
    invented = refusal(lambda: users.sign_in(encrypted, "made-up", "senco-pass-1"))
    assert right == invented


# -- audited, and the SENCO told ---------------------------------------------------------------


def test_encrypted_school_audits_sign_ins_refused_because_locked(encrypted):
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, "apatel", "wrong-pass")
    with pytest.raises(PermissionDenied):
        users.sign_in(encrypted, "apatel", "patel-pass-1")  # right password, but locked
    summaries = audit_summaries(encrypted)
    locked = [t for t in summaries if "'apatel'" in t and "locked" in t and "not checked" in t]
    assert len(locked) == 1, summaries
    assert sum("'apatel'" in t and "wrong password" in t for t in summaries) == LOCKOUT_AFTER


def test_encrypted_school_audits_a_refusal_after_the_key_was_unwrapped(encrypted):
    """The password was right but the database says locked (after the idle lock): audited."""
    s = users.sign_in(encrypted, "apatel", "patel-pass-1")
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.confirm_password(s, "wrong-pass")
    s.close()
    with pytest.raises(users.PassphraseNeeded):  # the same reply as a wrong password
        users.sign_in(encrypted, "apatel", "patel-pass-1")
    assert any("'apatel'" in t and "account locked" in t for t in audit_summaries(encrypted))


def test_the_senco_is_told_how_many_sign_ins_failed(encrypted):
    users.sign_in(encrypted, "rkhan", "senco-pass-1").close()
    for i in range(3):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, f"guess{i}", "x", passphrase=f"wrong {i}")
    with pytest.raises(PermissionDenied):
        users.sign_in(encrypted, "apatel", "wrong-pass")
    s = users.sign_in(encrypted, "apatel", "patel-pass-1")
    assert users.sign_in_notice(s) is None  # only the SENCO is told
    s.close()
    s = users.sign_in(encrypted, "rkhan", "senco-pass-1")
    notice = users.sign_in_notice(s)
    s.close()
    assert (
        notice
        and "4 failed sign-in attempts" in notice
        and "3 of them with a wrong school passphrase" in notice
    )
    s = users.sign_in(encrypted, "rkhan", "senco-pass-1")
    assert users.sign_in_notice(s) is None  # told once
    s.close()


def test_the_senco_is_told_while_the_passphrase_is_locked(encrypted):
    for i in range(PASSPHRASE_FREE_TRIES):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, "x", "y", passphrase=f"guess {i}")
    s = users.sign_in(encrypted, "rkhan", "senco-pass-1")
    notice = users.sign_in_notice(s)
    s.close()
    assert f"{PASSPHRASE_FREE_TRIES} failed sign-in attempts" in notice
    assert "cannot be used to sign in until" in notice and "reset" in notice


def test_plain_school_senco_is_told_too(plain):
    users.sign_in(plain, "rkhan", "senco-pass-1").close()
    with pytest.raises(PermissionDenied):
        users.sign_in(plain, "nobody", "guess-1")
    s = users.sign_in(plain, "rkhan", "senco-pass-1")
    assert "there was 1 failed sign-in attempt." in users.sign_in_notice(s)
    s.close()


def test_pending_audit_of_a_flood_of_guesses_stays_small(encrypted, monkeypatch):
    monkeypatch.setattr(_keyslots, "PENDING_AUDIT_MAX", 10)
    for i in range(25):
        with pytest.raises(PermissionDenied):
            users.sign_in(encrypted, f"flood{i}", "wrong-pass")
    assert len(keyfile.load(encrypted)["pending_audit"]) == 11
    s = users.sign_in(encrypted, "rkhan", "senco-pass-1")
    notice = users.sign_in_notice(s)
    s.close()
    assert "25 failed sign-in attempts" in notice
