"""The idle lock's services: the minutes setting and unlocking with your own password."""

import pytest

from sencodesk.domain import passwords
from sencodesk.domain.accounts import LOCKOUT_AFTER
from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import users
from sencodesk.services.actor import Actor
from sencodesk.store import users as users_store


def as_account(actor, role="teacher", name="jsmith") -> Actor:
    user_id = users_store.insert(
        actor.db,
        {"username": name, "display_name": "Mr J Smith", "role": role},
        passwords.hash_password("right-pass-1", n=2**10),
        "test",
    )
    return Actor(db=actor.db, user=User(user_id, name, "Mr J Smith", role), data_dir=actor.data_dir)


def test_idle_minutes_default_and_saved_by_the_senco(actor):
    assert users.idle_minutes(actor) == 10
    assert users.save_idle_minutes(actor, " 3 ") == 3
    assert users.idle_minutes(actor) == 3
    row = actor.db.execute("SELECT summary FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == "set the idle lock to 3 minutes"


@pytest.mark.parametrize("bad", ["0", "61", "ten", "", "2.5", "-1"])
def test_idle_minutes_must_be_1_to_60(actor, bad):
    with pytest.raises(ValidationError) as e:
        users.save_idle_minutes(actor, bad)
    assert "1 to 60" in e.value.field_errors["idle_minutes"]
    assert users.idle_minutes(actor) == 10


def test_only_the_senco_sets_the_idle_lock(actor):
    with pytest.raises(PermissionDenied):
        users.save_idle_minutes(as_account(actor, "head", "boss"), "5")


def test_unlock_needs_the_same_persons_password_and_is_audited(actor):
    teacher = as_account(actor)
    users.confirm_password(teacher, "right-pass-1")
    with pytest.raises(PermissionDenied, match="not right"):
        users.confirm_password(teacher, "wrong")
    rows = [r[0] for r in actor.db.execute("SELECT summary FROM audit ORDER BY id")]
    assert rows[-2:] == [
        "unlocked after the idle lock",
        "wrong password unlocking after the idle lock (1 in a row)",
    ]


def test_unlock_failures_lock_the_account_like_sign_in(actor):
    teacher = as_account(actor)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(PermissionDenied, match="not right"):
            users.confirm_password(teacher, "wrong")
    with pytest.raises(PermissionDenied, match="locked until"):
        users.confirm_password(teacher, "wrong")
    with pytest.raises(PermissionDenied, match="locked until"):
        users.confirm_password(teacher, "right-pass-1")  # even the right one waits


def test_the_built_in_senco_cannot_unlock_a_lock_it_never_had(actor):
    with pytest.raises(PermissionDenied, match="no longer"):
        users.confirm_password(actor, "anything")
