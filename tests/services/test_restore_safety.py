"""A restore never runs under a live reader, and a damaged or missing school can always be restored."""

import os
import socket
import subprocess
import sys
import textwrap

import pytest

from sencodesk.cli import main
from sencodesk.domain.errors import PermissionDenied, UserError
from sencodesk.services import backups, encryption, pupils, restore_access, users
from sencodesk.services.actor import open_school
from sencodesk.store import db as store_db
from sencodesk.store import presence
from tests.helpers import SCHOOL, pupil_form

PASSPHRASE = "the oak tree by the gate"


def names(actor):
    return sorted(r.forename for r in pupils.list_register(actor))


def damage(path):
    """64 bytes scribbled over every 4 KB page after the first."""
    data = bytearray(path.read_bytes())
    for i in range(4096 + 100, len(data) - 100, 4096):
        data[i : i + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


# --- a restore never runs under a live reader ---------------------------------------------


HOLDER = textwrap.dedent(
    """
    import sys
    from sencodesk.services import users
    actor = users.sign_in(sys.argv[1], "rkhan", "senco-pass-1")
    print("open", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def plain_school(data_dir):
    s = open_school(data_dir)
    users.set_up_school(
        s, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "senco-pass-1"}
    )
    pupils.add_pupil(s, pupil_form(legal_forename="Amy"))
    backup = backups.take_backup(s)
    pupils.add_pupil(s, pupil_form(legal_forename="Ben"))
    s.close()
    return data_dir, backup


def test_a_restore_is_refused_while_another_process_has_the_school_open(plain_school):
    data_dir, backup = plain_school
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "open"
        before = store_db.db_path(data_dir).read_bytes()
        with pytest.raises(presence.SchoolInUse) as refused:
            backups.restore_backup(data_dir, backup)
        host = socket.gethostname()
        assert f"Ms R Khan ({host}) has this school open since " in refused.value.message
        assert "ask them to close SENCO desk, then restore" in refused.value.message
        assert store_db.db_path(data_dir).read_bytes() == before
    finally:
        other.kill()  # a crash: the operating system lets go of its record's lock
        other.wait()
    backups.restore_backup(data_dir, backup)
    s = open_school(data_dir)
    assert names(s) == ["Amy"]
    s.close()
    assert not list(presence.folder(data_dir).iterdir())  # the dead process's record is gone too


def test_another_opening_in_this_process_counts_too(plain_school):
    data_dir, backup = plain_school
    s = open_school(data_dir)
    try:
        with pytest.raises(presence.SchoolInUse):
            backups.restore_backup(data_dir, backup)
    finally:
        s.close()


def test_nobody_can_open_the_school_while_a_restore_replaces_it(plain_school):
    data_dir, _ = plain_school
    with presence.exclusive(data_dir, "Ms R Khan", "restore"):
        with pytest.raises(presence.ExclusiveUnderWay, match="being restored from a backup right now"):
            open_school(data_dir)
        opener = subprocess.run(
            [sys.executable, "-m", "sencodesk", "--user", "rkhan", "pupils", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            env=os.environ | {"SENCODESK_PASSWORD": "senco-pass-1"},
        )
        assert opener.returncode == 1 and "being restored" in opener.stderr
    open_school(data_dir).close()


def test_the_apps_restore_reopens_the_current_file_when_refused(plain_school):
    from sencodesk.services import live_restore

    data_dir, backup = plain_school
    mine = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    other = open_school(data_dir)
    try:
        with pytest.raises(presence.SchoolInUse):
            live_restore.restore_while_open(mine, backup)
        assert names(mine) == ["Amy", "Ben"]  # still working on the current file
    finally:
        other.close()
    live_restore.restore_while_open(mine, backup)
    assert names(mine) == ["Amy"]
    mine.close()


# --- a damaged or missing plain school ------------------------------------------------------


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_cli_restores_a_damaged_plain_school(plain_school, capsys, monkeypatch):
    data_dir, backup = plain_school
    damage(store_db.db_path(data_dir))
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    code, _, err = run(capsys, "--user", "rkhan", "pupils", "--data-dir", data_dir)
    assert code == 1 and "The latest good backup is from " in err
    assert f'sencodesk restore "{backup}"' in err
    code, out, err = run(capsys, "--user", "rkhan", "restore", "--data-dir", data_dir, backup)
    assert code == 0, err
    assert "Restored" in out and "damaged" in out  # the damaged file is kept, and said where
    s = open_school(data_dir)
    assert names(s) == ["Amy"]
    audit = s.db.execute("SELECT summary FROM audit WHERE action = 'restore'").fetchone()[0]
    assert "could not be opened" in audit
    s.close()


def test_the_cli_restores_into_a_missing_data_file(plain_school, capsys):
    data_dir, backup = plain_school
    store_db.db_path(data_dir).unlink()
    for extra in ("-wal", "-shm"):
        (data_dir / f"sencodesk.db{extra}").unlink(missing_ok=True)
    code, _, err = run(capsys, "restore", "--data-dir", data_dir, backup)
    assert code == 0, err
    s = open_school(data_dir)
    assert names(s) == ["Amy"]
    s.close()


def test_the_start_up_check_offers_a_backup_when_the_file_is_missing(plain_school):
    data_dir, backup = plain_school
    store_db.db_path(data_dir).unlink()
    check = backups.startup_check(data_dir)
    assert not check.ok and check.missing and check.latest_good.path == backup
    assert "missing" in check.message and f"{check.latest_good.when:%A %d/%m/%Y}" in check.message


# --- a damaged or missing encrypted school --------------------------------------------------


@pytest.fixture
def encrypted_school(plain_school):
    data_dir, _ = plain_school
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    users.create_user(
        s, {"username": "jsmith", "display_name": "Mr J Smith", "role": "teacher", "password": "teacher-pass"}
    )
    recovery = encryption.encrypt_school(s, PASSPHRASE, senco_password="senco-pass-1")
    users.reset_password(s, "jsmith", "teacher-pass-2")  # enrols the teacher's own key slot
    backup = backups.take_backup(s)
    pupils.add_pupil(s, pupil_form(legal_forename="Cat"))
    s.close()
    return data_dir, backup, recovery


@pytest.fixture(params=["as the clock goes", "all in one second"])
def backups_timed(request, monkeypatch):
    """Backups are named to the second: the latest must be named even when the fixture's backups
    (by hand, before encrypting, by hand again) fall in one second, as on a fast machine."""
    if request.param == "all in one second":
        from datetime import datetime

        class OneSecond(datetime):
            @classmethod
            def now(cls, tz=None):
                return datetime(2026, 12, 3, 17, 0, 0)

        monkeypatch.setattr(store_db, "datetime", OneSecond)


def test_an_encrypted_file_with_64_bad_bytes_is_found_after_sign_in_and_a_backup_named(
    backups_timed, encrypted_school
):
    data_dir, backup, _ = encrypted_school
    live = store_db.db_path(data_dir)
    raw = bytearray(live.read_bytes())
    raw[3 * 4096 + 200 : 3 * 4096 + 264] = b"\x00" * 64
    live.write_bytes(bytes(raw))
    assert backups.startup_check(data_dir).checked is False  # before sign-in it cannot be read
    with pytest.raises(store_db.DamagedDatabase) as damaged:
        users.sign_in(data_dir, "rkhan", "senco-pass-1")
    assert damaged.value.advice.startswith("The latest good backup is from ")
    assert str(backup) in damaged.value.advice


@pytest.mark.parametrize(
    "how",
    [
        {"username": "rkhan", "password": "senco-pass-1"},
        {"passphrase": PASSPHRASE},
        {"recovery_key": "recovery"},
    ],
    ids=["own password", "school passphrase", "recovery key"],
)
def test_a_damaged_encrypted_school_is_restored_with_the_key_from_the_keys_file(encrypted_school, how):
    data_dir, backup, recovery = encrypted_school
    damage(store_db.db_path(data_dir))
    how = {k: (recovery if v == "recovery" else v) for k, v in how.items()}
    restorer = restore_access.authorise_restore(data_dir, backup, **how)
    assert restorer.backup is not None  # the latest good one, to offer
    backups.restore_backup(data_dir, backup, restorer.user, restorer.key, how=restorer.how)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    assert names(s) == ["Amy", "Ben"]  # Cat came after the backup
    audit = s.db.execute("SELECT summary FROM audit WHERE action = 'restore'").fetchone()[0]
    assert "could not be opened" in audit
    s.close()


def test_a_teacher_cannot_restore_a_damaged_encrypted_school(encrypted_school):
    data_dir, backup, _ = encrypted_school
    damage(store_db.db_path(data_dir))
    with pytest.raises(PermissionDenied, match="not allowed to restore"):
        restore_access.authorise_restore(data_dir, backup, username="jsmith", password="teacher-pass-2")


def test_a_wrong_recovery_key_is_refused_and_audited_at_the_next_opening(encrypted_school):
    data_dir, backup, _ = encrypted_school
    store_db.db_path(data_dir).unlink()
    with pytest.raises(PermissionDenied, match="recovery key does not open"):
        restore_access.authorise_restore(data_dir, backup, recovery_key="AAAAA-BBBBB")
    restorer = restore_access.authorise_restore(data_dir, backup, passphrase=PASSPHRASE)
    backups.restore_backup(data_dir, backup, restorer.user, restorer.key, how=restorer.how)
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    audit = [r[0] for r in s.db.execute("SELECT summary FROM audit WHERE action = 'sign_in_failed'")]
    assert any("refused a restore" in a and "recovery key" in a for a in audit)
    s.close()


def test_a_sound_encrypted_school_is_restored_by_signing_in_as_usual(encrypted_school):
    data_dir, backup, _ = encrypted_school
    with pytest.raises(UserError, match="sign in as usual"):
        restore_access.authorise_restore(data_dir, backup, passphrase=PASSPHRASE)


def test_the_cli_restores_a_missing_encrypted_school_with_the_recovery_key(
    encrypted_school, capsys, monkeypatch
):
    data_dir, backup, recovery = encrypted_school
    store_db.db_path(data_dir).unlink()
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    monkeypatch.setenv("SENCODESK_RECOVERY_KEY", recovery.lower())
    code, _, err = run(capsys, "restore", "--recovery-key", "--data-dir", data_dir, backup)
    assert code == 0, err
    s = users.sign_in(data_dir, "rkhan", "senco-pass-1")
    assert names(s) == ["Amy", "Ben"]
    assert "recovery key" in s.db.execute("SELECT summary FROM audit WHERE action = 'restore'").fetchone()[0]
    s.close()


def test_the_cli_restores_a_damaged_encrypted_school_after_its_sign_in_fails(
    encrypted_school, capsys, monkeypatch
):
    data_dir, backup, _ = encrypted_school
    damage(store_db.db_path(data_dir))
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    code, _, err = run(capsys, "--user", "rkhan", "restore", "--data-dir", data_dir, backup)
    assert code == 0, err
    monkeypatch.setenv("SENCODESK_PASSWORD", "teacher-pass-2")
    damage(store_db.db_path(data_dir))
    code, _, err = run(capsys, "--user", "jsmith", "restore", "--data-dir", data_dir, backup)
    assert code == 1 and "not allowed to restore" in err


def test_the_cli_names_the_latest_backup_when_an_encrypted_schools_file_is_missing(
    encrypted_school, capsys, monkeypatch
):
    """The keys file is there, the data file is not: not "there is no school here"."""
    data_dir, backup, _ = encrypted_school
    store_db.db_path(data_dir).unlink()
    monkeypatch.setenv("SENCODESK_PASSWORD", "senco-pass-1")
    code, out, err = run(capsys, "--user", "rkhan", "pupils", "--data-dir", data_dir)
    assert code == 1 and not out
    assert "data file is missing" in err and "There is no SENCO desk school" not in err
    assert "The latest good backup is from " in err and f'sencodesk restore "{backup}"' in err
    monkeypatch.delenv("SENCODESK_PASSWORD")
    monkeypatch.setenv("SENCODESK_PASSPHRASE", PASSPHRASE)  # no --user: the passphrase alone
    code, _, err = run(capsys, "pupils", "--data-dir", data_dir)
    assert code == 1 and f'sencodesk restore "{backup}"' in err


def test_the_cli_names_the_latest_backup_when_a_plain_schools_file_is_missing(plain_school, capsys):
    data_dir, backup = plain_school
    store_db.db_path(data_dir).unlink()
    code, _, err = run(capsys, "pupils", "--data-dir", data_dir)
    assert code == 1 and "data file is missing" in err and f'sencodesk restore "{backup}"' in err
