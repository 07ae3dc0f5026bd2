from datetime import datetime, timedelta

import pytest

from sencodesk.domain import passwords
from sencodesk.domain.accounts import (
    LOCKOUT_AFTER,
    LOCKOUT_MINUTES,
    check_password,
    clean_account,
    lock_until,
)
from sencodesk.domain.errors import ValidationError


def test_hash_is_salted_and_self_describing():
    a, b = passwords.hash_password("correct horse"), passwords.hash_password("correct horse")
    assert a != b  # different salts
    assert a.startswith("scrypt$n=16384,r=8,p=1$")
    assert "correct horse" not in a


def test_verify_accepts_right_and_refuses_wrong():
    stored = passwords.hash_password("correct horse")
    assert passwords.verify_password("correct horse", stored)
    assert not passwords.verify_password("Correct horse", stored)
    assert not passwords.verify_password("", stored)


@pytest.mark.parametrize("stored", ["", None, "plain", "md5$x$y$z", "scrypt$n=1$x$y", "scrypt$bad$!!$!!"])
def test_malformed_hash_never_matches(stored):
    assert not passwords.verify_password("anything", stored)


def test_old_parameters_are_kept_verifiable_and_flagged_for_rehash():
    weak = passwords.hash_password("pass word", n=2**10)
    assert passwords.verify_password("pass word", weak)
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(passwords.hash_password("pass word"))


def test_password_rules():
    check_password("longenough")
    with pytest.raises(ValidationError, match="at least 8"):
        check_password("short")
    with pytest.raises(ValidationError, match="same as the user name"):
        check_password("RKhan2026", "rkhan2026")


def test_clean_account_names_every_bad_field():
    with pytest.raises(ValidationError) as e:
        clean_account({"username": "a b", "display_name": " ", "role": "janitor", "password": "x"})
    assert set(e.value.field_errors) == {"username", "display_name", "role", "password"}


def test_clean_account_good():
    v = clean_account(
        {"username": " rkhan ", "display_name": "Ms R Khan", "role": "SENCO", "password": "secret-pass"}
    )
    assert v == {"username": "rkhan", "display_name": "Ms R Khan", "role": "senco", "password": "secret-pass"}


def test_lockout_only_after_the_limit():
    now = datetime(2026, 11, 29, 10, 0)
    assert lock_until(LOCKOUT_AFTER - 1, now) is None
    assert lock_until(LOCKOUT_AFTER, now) == now + timedelta(minutes=LOCKOUT_MINUTES)


def test_passphrase_rule():
    from sencodesk.domain.accounts import check_passphrase

    check_passphrase("ten chars!")
    with pytest.raises(ValidationError) as e:
        check_passphrase("nine char", field="new_passphrase")
    assert "new_passphrase" in e.value.field_errors
