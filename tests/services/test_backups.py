"""Backups and restore: round trip, rotation, a damaged file found at start with the latest good backup."""

from datetime import datetime, timedelta

import pytest

from sencodesk.domain.errors import UserError, ValidationError
from sencodesk.services import backup_files, backups, pupils
from sencodesk.services.actor import open_school
from sencodesk.store import db as store_db


def names(actor):
    return sorted(r.forename for r in pupils.list_register(actor))


def test_backup_and_restore_round_trip(actor, data_dir, add_pupil, tmp_path):
    add_pupil(legal_forename="Amy")
    backup = backups.take_backup(actor, tmp_path / "stick" / "school.db")
    assert backup.exists() and backup_files.check_backup(backup) == []
    add_pupil(legal_forename="Ben")
    actor.close()
    kept = backups.restore_backup(data_dir, backup)
    s = open_school(data_dir)
    try:
        assert names(s) == ["Amy"]
        restored_audit = s.db.execute("SELECT summary FROM audit WHERE action = 'restore'").fetchone()[0]
        assert "restored the backup" in restored_audit
    finally:
        s.close()
    # the data as it was before the restore is kept, and can itself be restored
    assert kept is not None and kept.exists()
    backups.restore_backup(data_dir, kept)
    s = open_school(data_dir)
    assert names(s) == ["Amy", "Ben"]
    s.close()


def test_backup_is_audited_and_goes_to_the_backups_folder(actor):
    path = backups.take_backup(actor)
    assert path.parent == actor.data_dir / "backups" and path.name.endswith("_manual.db")
    row = actor.db.execute("SELECT action, summary FROM audit WHERE entity = 'backup'").fetchone()
    assert row[0] == "export" and str(path) in row[1]


@pytest.mark.parametrize("name", ["sencodesk.db", "sencodesk.keys", "notes.db"])
def test_backup_cannot_overwrite_the_data_file_or_go_in_the_data_folder(actor, name):
    (actor.data_dir / "sencodesk.keys").write_text("{}")  # as an encrypted school has
    before = {p.name: p.read_bytes() for p in actor.data_dir.iterdir() if p.is_file()}
    with pytest.raises(UserError, match="inside the school's data folder"):
        backups.take_backup(actor, actor.data_dir / name)
    assert {p.name: p.read_bytes() for p in actor.data_dir.iterdir() if p.is_file()} == before


def test_backup_into_the_data_folders_own_backups_folder_is_allowed(actor):
    path = backups.take_backup(actor, actor.data_dir / "backups" / "before-the-trip.db")
    assert path.exists() and backup_files.check_backup(path) == []


def test_backups_folder_configurable(actor, tmp_path):
    folder = backups.set_backup_folder(actor, tmp_path / "other-drive" / "SENCO backups")
    assert folder == (tmp_path / "other-drive" / "SENCO backups").resolve()
    path = backups.take_backup(actor)
    assert path.parent == folder
    assert backup_files.list_backups(actor.data_dir)[0].path == path
    assert backups.set_backup_folder(actor, "") == actor.data_dir / "backups"


def test_unwritable_backups_folder_is_refused(actor, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ValidationError, match="cannot save backups"):
        backups.set_backup_folder(actor, blocker / "sub")


def test_daily_backup_once_a_day(actor, data_dir):
    morning = datetime(2026, 11, 30, 8, 0)
    first = backups.daily_backup(data_dir, now=morning)
    assert first is not None and first.name == "sencodesk_2026-11-30_080000_daily.db"
    assert backups.daily_backup(data_dir, now=morning + timedelta(hours=4)) is None
    assert backups.daily_backup(data_dir, now=morning + timedelta(days=1)) is not None


def test_daily_backup_without_data_does_nothing(tmp_path):
    assert backups.daily_backup(tmp_path / "empty") is None


def test_rotation_keeps_14_daily_and_8_weekly(actor, data_dir):
    start = datetime(2026, 6, 1, 8, 0)
    for day in range(120):
        backups.daily_backup(data_dir, now=start + timedelta(days=day))
    daily = [b for b in backup_files.list_backups(data_dir) if b.kind == "daily"]
    assert len(daily) == 14 + 8
    newest = start + timedelta(days=119)
    assert [b.when for b in daily[:14]] == [newest - timedelta(days=i) for i in range(14)]
    weeks = {b.when.isocalendar()[:2] for b in daily[14:]}
    assert len(weeks) == 8


def test_event_backups_keep_the_newest_twenty(actor, data_dir):
    for _ in range(23):
        backups.backup_before(actor, "before-import")
    assert len([b for b in backup_files.list_backups(data_dir) if b.kind == "before-import"]) == 20


def corrupt(path):
    """Scribble over the middle of the file, where the tables' pages are."""
    data = bytearray(path.read_bytes())
    for i in range(1024, len(data) - 100, 512):
        data[i : i + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_corrupted_file_found_at_start_with_the_latest_good_backup(actor, data_dir, add_pupil):
    add_pupil(legal_forename="Amy")
    good_old = backups.daily_backup(data_dir, now=datetime(2026, 11, 27, 8, 0))
    good_new = backups.daily_backup(data_dir, now=datetime(2026, 11, 28, 8, 0))
    damaged_newest = backups.daily_backup(data_dir, now=datetime(2026, 11, 29, 8, 0))
    corrupt(damaged_newest)
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    actor.close()
    assert backups.startup_check(data_dir).ok
    corrupt(store_db.db_path(data_dir))
    check = backups.startup_check(data_dir)
    assert not check.ok and check.problems
    assert check.latest_good is not None and check.latest_good.path == good_new
    assert "damaged" in check.message and "28/11/2026" in check.message
    assert (
        backups.daily_backup(data_dir, now=datetime(2026, 11, 30, 8, 0)) is None
    )  # never backs up a damaged file
    moved = backups.restore_backup(data_dir, check.latest_good.path)
    assert moved is not None and "damaged" in moved.name
    assert backups.startup_check(data_dir).ok
    s = open_school(data_dir)
    assert names(s) == ["Amy"]
    s.close()
    assert good_old.exists()


def test_damaged_backup_is_refused_and_nothing_changes(actor, data_dir, add_pupil, tmp_path):
    add_pupil(legal_forename="Amy")
    bad = backups.take_backup(actor, tmp_path / "bad.db")
    corrupt(bad)
    actor.close()
    before = store_db.db_path(data_dir).read_bytes()
    with pytest.raises(UserError, match="cannot be restored"):
        backups.restore_backup(data_dir, bad)
    assert store_db.db_path(data_dir).read_bytes() == before


def test_a_file_that_is_not_a_backup_is_refused(data_dir, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("hello")
    with pytest.raises(UserError, match="cannot be restored"):
        backups.restore_backup(data_dir, other)
    import sqlite3

    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UserError, match="not a SENCO desk data file"):
        backups.restore_backup(data_dir, empty)


def test_broken_links_in_a_backup_are_refused(actor, data_dir, add_pupil, tmp_path):
    pid = add_pupil()
    copy = backups.take_backup(actor, tmp_path / "copy.db")
    import sqlite3

    conn = sqlite3.connect(copy)  # foreign keys off: make a history row point at no pupil
    conn.execute("UPDATE sen_history SET pupil_id = 999 WHERE pupil_id = ?", [pid])
    conn.commit()
    conn.close()
    assert "1 row points at rows that do not exist" in backup_files.check_backup(copy)[0]


def test_migration_backups_follow_the_chosen_folder(actor, data_dir, tmp_path):
    folder = backups.set_backup_folder(actor, tmp_path / "elsewhere")
    path = store_db.backup_copy(store_db.db_path(data_dir), "before-migration")
    assert path.parent == folder


def test_on_app_start_backs_up_a_sound_file_only(actor, data_dir):
    actor.close()
    assert backups.on_app_start(data_dir, now=datetime(2026, 11, 30, 8, 0)).ok
    assert [b.kind for b in backup_files.list_backups(data_dir)] == ["daily"]
    corrupt(store_db.db_path(data_dir))
    check = backups.on_app_start(data_dir, now=datetime(2026, 12, 1, 8, 0))
    assert not check.ok and check.latest_good.kind == "daily"
    assert len(backup_files.list_backups(data_dir)) == 1


def test_only_the_senco_restores(actor, data_dir, tmp_path):
    from sencodesk.domain.errors import PermissionDenied
    from sencodesk.domain.users import User

    copy = backups.take_backup(actor, tmp_path / "copy.db")
    actor.close()
    with pytest.raises(PermissionDenied):
        backups.restore_backup(data_dir, copy, User(2, "t", "Mr T", "teacher"))


def _count_quick_checks(monkeypatch) -> list:
    """The real check still runs on the real file; each call is recorded."""
    calls = []
    real = store_db.quick_check_file

    def counted(path, key=None):
        calls.append(path)
        return real(path, key)

    monkeypatch.setattr(store_db, "quick_check_file", counted)
    return calls


def test_start_up_reads_the_whole_file_once_not_once_per_step(actor, data_dir, monkeypatch):
    # The quick check reads every page (about 0.1 s at 2,000 pupils): the day's backup relies on
    # the start-up check that has just passed instead of running its own.
    actor.close()
    calls = _count_quick_checks(monkeypatch)
    assert backups.on_app_start(data_dir, now=datetime(2026, 11, 30, 8, 0)).ok
    assert [b.kind for b in backup_files.list_backups(data_dir)] == ["daily"]
    assert len(calls) == 1
    calls.clear()
    assert backups.on_app_start(data_dir, now=datetime(2026, 11, 30, 13, 0)).ok  # later that day
    assert len(calls) == 1


def test_daily_backup_on_its_own_still_checks_before_copying(actor, data_dir, monkeypatch):
    actor.close()
    calls = _count_quick_checks(monkeypatch)
    assert backups.daily_backup(data_dir, now=datetime(2026, 11, 30, 8, 0)) is not None
    assert len(calls) == 1
    calls.clear()
    # Today's backup is there: nothing to copy, so nothing to check either.
    assert backups.daily_backup(data_dir, now=datetime(2026, 11, 30, 9, 0)) is None
    assert calls == []


def test_backups_taken_in_the_same_second_are_listed_newest_first(actor, data_dir, add_pupil, monkeypatch):
    """Names carry the time to the second, then -2, -3...: "manual-2" is newer than "manual",
    and "-10" newer than "-9". The latest good backup named for a damaged file, and the
    rotation's "newest twenty", depend on this order (backups are often seconds apart: before
    an import straight after start-up, or a backup by hand straight after encrypting)."""

    class OneSecond(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 12, 3, 17, 0, 0)

    monkeypatch.setattr(store_db, "datetime", OneSecond)
    first = backups.take_backup(actor)
    add_pupil(legal_forename="Amy")
    second = backups.take_backup(actor)
    assert second.name.endswith("_manual-2.db")
    assert backup_files.latest_good(data_dir).path == second
    made = [second] + [backups.backup_before(actor, "before-import") for _ in range(10)]
    assert [b.path for b in backup_files.list_backups(data_dir)] == [*reversed(made), first]
