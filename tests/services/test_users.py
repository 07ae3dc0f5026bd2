import pytest

from sencodesk.domain.accounts import LOCKOUT_AFTER
from sencodesk.domain.errors import NotFound, PermissionDenied, UserError, ValidationError
from sencodesk.services import users
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL

SENCO = {"username": "rkhan", "display_name": "Ms R Khan", "password": "first-pass-1"}


@pytest.fixture
def school(data_dir):
    """A school set up through the first-run service, with a teacher account."""
    s = open_school(data_dir)
    users.set_up_school(s, SCHOOL, SENCO)
    s.close()
    s = users.sign_in(data_dir, "rkhan", "first-pass-1")
    users.create_user(
        s, {"username": "jsmith", "display_name": "Mr J Smith", "role": "teacher", "password": "teacher-pass"}
    )
    s.close()
    return data_dir


def audit_rows(data_dir, action):
    s = open_school(data_dir)
    try:
        return list(s.db.query("SELECT * FROM audit WHERE action = ? ORDER BY id", [action]))
    finally:
        s.close()


def test_first_run_saves_school_and_senco_together(school):
    s = users.sign_in(school, "rkhan", "first-pass-1")
    assert s.user.role == "senco" and s.user.display_name == "Ms R Khan"
    assert users.has_accounts(s)
    assert sorted(a.username for a in users.list_users(s)) == ["jsmith", "rkhan"]
    s.close()


def test_first_run_with_bad_account_saves_nothing(data_dir):
    s = open_school(data_dir)
    with pytest.raises(ValidationError) as e:
        users.set_up_school(s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "x"})
    assert "password" in e.value.field_errors
    assert not users.has_accounts(s)
    assert s.db.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0
    s.close()


def test_first_run_refused_once_accounts_exist(school):
    s = open_school(school)
    with pytest.raises(PermissionDenied):
        users.set_up_school(s, SCHOOL, SENCO | {"username": "other"})
    s.close()


def test_sign_in_success_is_audited_and_recorded(school):
    s = users.sign_in(school, "JSMITH", "teacher-pass")  # user names ignore case
    assert s.user.role == "teacher"
    s.close()
    row = audit_rows(school, "sign_in")[-1]
    assert row["username"] == "Mr J Smith"
    s = users.sign_in(school, "rkhan", "first-pass-1")
    assert {a.username: a.last_sign_in is not None for a in users.list_users(s)} == {
        "rkhan": True,
        "jsmith": True,
    }
    s.close()


def test_wrong_password_and_unknown_user_say_the_same_and_are_audited(school):
    with pytest.raises(PermissionDenied) as wrong:
        users.sign_in(school, "jsmith", "nope")
    with pytest.raises(PermissionDenied) as unknown:
        users.sign_in(school, "nobody", "nope")
    assert wrong.value.message == unknown.value.message == users.SIGN_IN_FAILED
    summaries = [r["summary"] for r in audit_rows(school, "sign_in_failed")]
    assert any("'jsmith'" in t and "wrong password" in t for t in summaries)
    assert any("'nobody'" in t and "no such user" in t for t in summaries)
    who = {r["username"] for r in audit_rows(school, "sign_in_failed")}
    assert who == {"jsmith (not signed in)", "nobody (not signed in)"}  # not "Mr J Smith"


def test_lockout_after_repeated_failures_even_with_right_password(school):
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(school, "jsmith", "nope")
    with pytest.raises(PermissionDenied) as e:
        users.sign_in(school, "jsmith", "teacher-pass")
    assert e.value.message == users.SIGN_IN_FAILED  # the same words: see SIGN_IN_FAILED
    s = users.sign_in(school, "rkhan", "first-pass-1")
    assert {a.username: a.locked_until for a in users.list_users(s)}["jsmith"]  # the SENCO sees it
    users.reset_password(s, "jsmith", "fresh-pass-2")  # the SENCO unlocks by resetting
    s.close()
    s = users.sign_in(school, "jsmith", "fresh-pass-2")
    assert users.must_change_password(s)
    users.change_own_password(s, "fresh-pass-2", "my-own-pass")
    assert not users.must_change_password(s)
    s.close()
    users.sign_in(school, "jsmith", "my-own-pass").close()


def test_a_good_sign_in_resets_the_failure_count(school):
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(PermissionDenied):
            users.sign_in(school, "jsmith", "nope")
    users.sign_in(school, "jsmith", "teacher-pass").close()
    with pytest.raises(PermissionDenied, match="do not match"):
        users.sign_in(school, "jsmith", "nope")  # one failure again, not a lockout


def test_disabled_account_cannot_sign_in(school):
    s = users.sign_in(school, "rkhan", "first-pass-1")
    users.disable_user(s, "jsmith")
    with pytest.raises(PermissionDenied, match="own account"):
        users.disable_user(s, "rkhan")
    s.close()
    with pytest.raises(PermissionDenied):
        users.sign_in(school, "jsmith", "teacher-pass")
    s = users.sign_in(school, "rkhan", "first-pass-1")
    users.enable_user(s, "jsmith")
    s.close()
    users.sign_in(school, "jsmith", "teacher-pass").close()


def test_only_the_senco_manages_accounts(school):
    s = users.sign_in(school, "jsmith", "teacher-pass")
    for call in (
        lambda: users.list_users(s),
        lambda: users.reset_password(s, "rkhan", "hijack-pass"),
        lambda: users.create_user(
            s, {"username": "x1", "display_name": "X", "role": "senco", "password": "longenough"}
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    s.close()


def test_duplicate_username_is_a_field_error(school):
    s = users.sign_in(school, "rkhan", "first-pass-1")
    with pytest.raises(ValidationError) as e:
        users.create_user(
            s,
            {"username": "JSmith", "display_name": "J Smith", "role": "teacher", "password": "another-pass"},
        )
    assert "taken" in e.value.field_errors["username"]
    with pytest.raises(NotFound):
        users.reset_password(s, "ghost", "longenough")
    s.close()


def test_change_own_password_checks_the_current_one(school):
    s = users.sign_in(school, "jsmith", "teacher-pass")
    with pytest.raises(ValidationError) as e:
        users.change_own_password(s, "wrong", "newpassword")
    assert "old_password" in e.value.field_errors
    with pytest.raises(ValidationError) as e:
        users.change_own_password(s, "teacher-pass", "short")
    assert "new_password" in e.value.field_errors
    s.close()
    users.sign_in(school, "jsmith", "teacher-pass").close()  # unchanged


def test_local_senco_has_no_own_password(actor):
    with pytest.raises(UserError):
        users.change_own_password(actor, "a", "bbbbbbbbbb")


def test_account_changes_are_audited_with_version(school):
    s = users.sign_in(school, "rkhan", "first-pass-1")
    users.disable_user(s, "jsmith")
    acc = {a.username: a for a in users.list_users(s)}["jsmith"]
    assert acc.version == 2 and not acc.active
    s.close()
    assert any("disabled the account jsmith" in r["summary"] for r in audit_rows(school, "update"))
    assert any("created the account jsmith" in r["summary"] for r in audit_rows(school, "create"))


def test_first_run_with_a_passphrase_encrypts_and_enrols_the_senco(data_dir):
    from sencodesk.services import encryption

    s = open_school(data_dir)
    with pytest.raises(ValidationError, match="passphrase"):
        users.set_up_school(s, SCHOOL, SENCO, passphrase="short")
    assert not users.has_accounts(s)  # nothing saved
    first = users.set_up_school(s, SCHOOL, SENCO, passphrase="our school passphrase")
    s.close()
    assert encryption.is_encrypted(data_dir) and len(first.recovery_key) == 29
    s = users.sign_in(data_dir, "rkhan", "first-pass-1")  # no passphrase needed: enrolled
    assert s.user.id == first.user_id
    s.close()
