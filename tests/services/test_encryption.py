"""Encryption at rest, through the services: convert, sign in, recover, and nothing readable."""

import pytest

from sencodesk.cli import main
from sencodesk.domain.accounts import LOCKOUT_AFTER
from sencodesk.domain.errors import PermissionDenied, UserError, ValidationError
from sencodesk.services import encryption, pupils, users
from sencodesk.services.actor import SchoolLocked, open_school
from sencodesk.store import cipher, keyfile
from sencodesk.store.db import WrongKey, backup_copy, connect, db_path
from tests.helpers import SCHOOL, pupil_form

PASSPHRASE = "the oak tree by the gate"
SECRET_WORDS = [b"Zakariya", b"Okonkwo-Baptiste", b"SPLD", b"dyslexia screening"]


@pytest.fixture
def school(data_dir):
    """A plain school with a SENCO, a teacher, and a pupil with a need; then encrypted."""
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    s.close()
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.create_user(
        s, {"username": "jsmith", "display_name": "Mr J Smith", "role": "teacher", "password": "teacher-pass"}
    )
    pupils.add_pupil(
        s,
        pupil_form(
            legal_forename="Zakariya",
            legal_surname="Okonkwo-Baptiste",
            sen_status="K",
            primary_need="SPLD",
            sen_start_date="01/09/2025",
            notes="dyslexia screening booked",
        ),
    )
    recovery = encryption.encrypt_school(s, PASSPHRASE, senco_password="senco-pass-1")
    s.close()
    return data_dir, recovery


def every_file(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_pupil_name_or_need_in_any_file(school):
    data_dir, _ = school
    files = every_file(data_dir)
    assert db_path(data_dir) in files and any(p.parent.name == "backups" for p in files)
    for path in files:
        raw = path.read_bytes()
        for word in SECRET_WORDS:
            assert word not in raw, f"{word!r} readable in {path.name}"
    assert not any(cipher.is_plain_sqlite(p) for p in files if p.suffix == ".db")


def test_senco_signs_in_with_own_password_and_sees_everything(school):
    s = users.sign_in(school[0], "rkhan", "senco-pass-1")
    row = pupils.list_register(s)[0]
    assert (row.forename, row.primary_need) == ("Zakariya", "SPLD")
    assert any("encrypted the school" in r["summary"] for r in s.db.query("SELECT summary FROM audit"))
    s.close()


def test_opening_without_a_key_is_refused_in_plain_words(school):
    with pytest.raises(SchoolLocked, match="encrypted"):
        open_school(school[0])


def test_first_sign_in_after_encryption_needs_the_passphrase_once(school):
    data_dir, _ = school
    with pytest.raises(users.PassphraseNeeded, match="school passphrase"):
        users.sign_in(data_dir, "jsmith", "teacher-pass")
    with pytest.raises(PermissionDenied, match="school passphrase do not match"):
        users.sign_in(data_dir, "jsmith", "teacher-pass", passphrase="wrong guess")
    users.sign_in(data_dir, "jsmith", "teacher-pass", passphrase=PASSPHRASE).close()
    users.sign_in(data_dir, "jsmith", "teacher-pass").close()  # own password alone from now on


def test_wrong_passwords_lock_out_and_are_audited_at_next_opening(school):
    data_dir, _ = school
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(users.PassphraseNeeded, match="do not open"):
            users.sign_in(data_dir, "rkhan", "guess")
    with pytest.raises(users.PassphraseNeeded, match="do not open"):  # locked: the same words
        users.sign_in(data_dir, "rkhan", "senco-pass-1")
    s = users.sign_in(data_dir, "jsmith", "teacher-pass", passphrase=PASSPHRASE)
    failed = [r["summary"] for r in s.db.query("SELECT summary FROM audit WHERE action = 'sign_in_failed'")]
    s.close()
    assert len(failed) == LOCKOUT_AFTER + 1 and all("'rkhan'" in t for t in failed)
    assert "not checked" in failed[-1]  # the refusal while locked is in the trail too


def test_senco_reset_lifts_an_encrypted_lockout(school):
    data_dir, _ = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(data_dir, "jsmith", "guess", passphrase="wrong passphrase")
    users.reset_password(s, "jsmith", "a-fresh-pass")
    s.close()
    users.sign_in(data_dir, "jsmith", "a-fresh-pass").close()


def test_a_lost_staff_password_loses_nothing(school):
    data_dir, _ = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.reset_password(s, "jsmith", "brand-new-pass")
    s.close()
    s = users.sign_in(data_dir, "jsmith", "brand-new-pass")  # the new password opens the school
    users.change_own_password(s, "brand-new-pass", "chosen-by-me")
    s.close()
    with pytest.raises(PermissionDenied):
        users.sign_in(data_dir, "jsmith", "brand-new-pass")
    users.sign_in(data_dir, "jsmith", "chosen-by-me").close()


def test_disabled_account_no_longer_opens_the_file(school):
    data_dir, _ = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.create_user(
        s, {"username": "leaver", "display_name": "A Leaver", "role": "head", "password": "leaver-pass"}
    )
    users.disable_user(s, "leaver")
    s.close()
    with pytest.raises(users.PassphraseNeeded):  # no key slot any more
        users.sign_in(data_dir, "leaver", "leaver-pass")


def test_passphrase_change_and_recovery_key(school):
    data_dir, recovery = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    with pytest.raises(ValidationError):
        encryption.change_passphrase(s, "not it", "another long passphrase")
    encryption.change_passphrase(s, PASSPHRASE, "another long passphrase")
    s.close()
    with pytest.raises(PermissionDenied):
        encryption.unlock_with_passphrase(data_dir, PASSPHRASE)
    key = encryption.unlock_with_passphrase(data_dir, "another long passphrase")
    with pytest.raises(PermissionDenied):
        encryption.reset_passphrase_with_recovery_key(data_dir, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "x" * 12)
    encryption.reset_passphrase_with_recovery_key(
        data_dir, recovery.lower().replace("-", " "), "recovered passphrase"
    )
    assert encryption.unlock_with_passphrase(data_dir, "recovered passphrase") == key


def test_backups_of_an_encrypted_school_are_encrypted(school):
    data_dir, _ = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    target = backup_copy(db_path(data_dir), "test", key=s.key)
    assert not cipher.is_plain_sqlite(target)
    assert connect(target, key=s.key).execute("SELECT COUNT(*) FROM pupils").fetchone() == (1,)
    s.close()


def test_short_passphrase_refused_and_nothing_changed(actor, add_pupil):
    add_pupil()
    with pytest.raises(ValidationError, match="at least"):
        encryption.encrypt_school(actor, "short")
    assert not encryption.is_encrypted(actor.data_dir)
    assert cipher.is_plain_sqlite(db_path(actor.data_dir))


def test_rekey_rewrites_file_and_backups_under_a_new_key(school):
    data_dir, old_recovery = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    old_key = s.key
    with pytest.raises(ValidationError):
        encryption.rekey_database(s, "not the passphrase")
    recovery = encryption.rekey_database(s, PASSPHRASE, senco_password="senco-pass-1")
    assert s.key != old_key and recovery != old_recovery
    assert pupils.list_register(s)[0].forename == "Zakariya"  # the session carries on
    s.close()
    users.sign_in(data_dir, "rkhan", "senco-pass-1").close()  # enrolled again
    with pytest.raises(users.PassphraseNeeded):  # other staff: passphrase once more
        users.sign_in(data_dir, "jsmith", "teacher-pass")
    users.sign_in(data_dir, "jsmith", "teacher-pass", passphrase=PASSPHRASE).close()
    new_key = encryption.unlock_with_passphrase(data_dir, PASSPHRASE)
    backups = sorted((data_dir / "backups").glob("*.db"))
    assert len(backups) >= 2
    for backup in backups:  # every backup still restorable, under the new key only
        assert connect(backup, key=new_key).execute("SELECT COUNT(*) FROM users").fetchone()[0] >= 1
    with pytest.raises(WrongKey):
        connect(db_path(data_dir), key=old_key)


def test_backups_of_an_encrypted_school_are_encrypted_and_restore(school):
    """Daily, manual and restore paths all carry the school's key (a plain copy of an encrypted
    database cannot be made, and would leak if it could)."""
    from datetime import datetime

    from sencodesk.services import backup_files, backups

    data_dir, _ = school
    assert backups.daily_backup(data_dir) is None  # no key before sign-in: nothing is read
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    daily = backups.daily_backup(data_dir, key=s.key, now=datetime(2031, 1, 6, 8, 0))
    manual = backups.take_backup(s)
    for path in (daily, manual):
        assert not cipher.is_plain_sqlite(path)
        assert b"Zakariya" not in path.read_bytes()
        assert backup_files.check_backup(path, s.key) == []
    pupil_id = pupils.list_register(s)[0].id
    p = pupils.get_pupil(s, pupil_id)
    pupils.update_pupil(s, pupil_id, p.version, pupils.pupil_form(p) | {"class_name": "After backup"})
    user, key = s.user, s.key
    s.close()
    backups.restore_backup(data_dir, manual, user, key=key)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    assert pupils.get_pupil(s, pupil_id).class_name != "After backup"
    s.close()


def test_a_keys_file_that_is_not_one_is_a_sentence_at_sign_in(school, monkeypatch, capsys):
    data_dir, _ = school
    (data_dir / "sencodesk.keys").write_text("this is my shopping list")
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    assert main(["--user", "rkhan", "pupils", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "is not a SENCO desk keys file" in err and "Traceback" not in err


def test_a_recovery_key_reset_lifts_the_passphrase_lock_and_a_wrong_key_is_audited(school):
    """The passphrase forgotten after five wrong tries: the new one must not start locked."""
    data_dir, recovery = school
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            encryption.unlock_with_passphrase(data_dir, "a guess at the passphrase")
    with pytest.raises(PermissionDenied, match="cannot be used"):
        encryption.unlock_with_passphrase(data_dir, PASSPHRASE)
    with pytest.raises(PermissionDenied, match="recovery key does not open"):
        encryption.reset_passphrase_with_recovery_key(data_dir, "AAAAA-BBBBB-CCCCC", "recovered passphrase")
    encryption.reset_passphrase_with_recovery_key(data_dir, recovery, "recovered passphrase")
    encryption.unlock_with_passphrase(data_dir, "recovered passphrase")
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    audit = [r[0] for r in s.db.execute("SELECT summary FROM audit ORDER BY id")]
    s.close()
    assert any("wrong recovery key" in a for a in audit)
    assert any("set a new school passphrase with the recovery key" in a for a in audit)


def test_a_plain_school_has_no_passphrase_to_reset(data_dir):
    open_school(data_dir).close()
    with pytest.raises(UserError, match="not encrypted"):
        encryption.reset_passphrase_with_recovery_key(data_dir, "AAAAA-BBBBB", "recovered passphrase")


def test_rekeying_keeps_the_keys_files_failed_sign_ins_and_locks(school, monkeypatch):
    """Failed sign-ins before the database opens live in the keys file until the next opening,
    with each name's lock and the passphrase's count: a re-key writes a new keys file and must
    carry them over, those made while it runs too."""
    data_dir, _ = school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")  # signing in moves earlier ones into the trail
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(PermissionDenied):
            users.sign_in(data_dir, "jsmith", "a guess")  # at another computer
    with pytest.raises(PermissionDenied):
        encryption.unlock_with_passphrase(data_dir, "a guess at the passphrase")
    real_step = encryption._step

    def step(name):
        if name == "backups written":  # mid-conversion: the old keys file is still the one in force
            with pytest.raises(PermissionDenied):
                users.sign_in(data_dir, "mid-rekey guess", "a guess")
        real_step(name)

    monkeypatch.setattr(encryption, "_step", step)
    encryption.rekey_database(s, PASSPHRASE, senco_password="senco-pass-1")
    s.close()
    monkeypatch.setattr(encryption, "_step", real_step)
    data = keyfile.load(data_dir)
    assert data["failures"]["jsmith"]["locked_until"]  # still locked
    assert data["passphrase_failures"]["count"] == 1
    with pytest.raises(PermissionDenied):  # the lock holds against the right password too
        users.sign_in(data_dir, "jsmith", "teacher-pass", passphrase=PASSPHRASE)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    failed = [r[0] for r in s.db.execute("SELECT summary FROM audit WHERE action = 'sign_in_failed'")]
    s.close()
    assert sum("'jsmith'" in f for f in failed) >= LOCKOUT_AFTER + 1
    assert any("wrong school passphrase" in f for f in failed)
    assert any("'mid-rekey guess'" in f for f in failed)
