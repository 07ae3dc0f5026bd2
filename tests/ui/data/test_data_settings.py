"""Settings -> Data in and out (backups, restore, CTF) and the start-up check of the data file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sencodesk.services import backup_files, backups, pupils
from sencodesk.services.actor import open_school
from sencodesk.store import db as store_db
from sencodesk.ui import dialogs, file_choice, startup
from tests.helpers import SCHOOL
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

FIXTURES = Path(__file__).parents[2] / "fixtures" / "ctf"


def corrupt(path: Path) -> None:
    """Scribble over the middle of the file, where the tables' pages are."""
    data = bytearray(path.read_bytes())
    for i in range(1024, len(data) - 100, 512):
        data[i : i + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def surnames(actor) -> list[str]:
    return sorted(p.surname for p in pupils.list_register(actor))


def test_back_up_now_and_choose_the_folder(main, actor, tmp_path):
    panel = main.show("settings").data
    assert panel.latest.cget("text") == "No backups yet."
    panel.backup_button.invoke()
    assert "Backed up to" in panel.message.cget("text")
    assert "backup taken by hand" in panel.latest.cget("text")
    elsewhere = tmp_path / "usb stick"
    file_choice.answers.append(str(elsewhere))
    panel.choose_folder()
    panel.save_folder_button.invoke()
    assert backup_files.backups_folder(actor.data_dir).resolve() == elsewhere.resolve()
    assert "Backups will be kept in" in panel.message.cget("text")
    panel.folder_var.set("/proc/not-here")
    panel.save_folder_button.invoke()
    assert "cannot save backups" in panel.message.cget("text")


def test_restore_asks_first_then_puts_the_backup_back_while_open(main, actor, add_pupil):
    add_pupil(legal_surname="Before")
    panel = main.show("settings").data
    panel.backup_button.invoke()
    backup = backup_files.list_backups(actor.data_dir)[0].path
    add_pupil(legal_surname="After")
    record = main.open_pupil(None)  # an open record is closed first
    pump(main.root)

    file_choice.answers.append(str(backup))
    dialogs.testing.answers.append(False)  # "Cancel"
    panel.restore_button.invoke()
    assert surnames(actor) == ["After", "Before"]
    assert (
        dialogs.testing.shown[-1][0] == "question" and "Restore this backup" in dialogs.testing.shown[-1][1]
    )

    file_choice.answers.append(str(backup))
    dialogs.testing.answers.append(True)
    panel.restore_button.invoke()
    pump(main.root)
    assert not record.winfo_exists()
    assert surnames(actor) == ["Before"]  # the same session reads the restored file
    assert "Restored" in panel.message.cget("text")
    assert main.screens["register"].visible_values()[0][0] == "Before"


def test_a_damaged_backup_is_refused_and_the_school_stays_open(main, actor, add_pupil, tmp_path):
    add_pupil(legal_surname="Kept")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    panel = main.show("settings").data
    file_choice.answers.append(str(bad))
    dialogs.testing.answers.append(True)
    panel.restore_button.invoke()
    assert "cannot be restored" in panel.message.cget("text")
    assert surnames(actor) == ["Kept"]


def test_ctf_shows_what_came_in_then_imports(main, actor):
    panel = main.show("settings").data
    dialog = panel.import_ctf()
    file_choice.answers.append(str(FIXTURES / "ctf12_gender.xml"))
    dialog.choose_file()
    shown = dialog.text.get("1.0", "end")
    assert "Dry run (nothing saved)" in shown and "Okafor" in shown
    assert surnames(actor) == []
    dialog.import_button.invoke()
    finish(main, dialog)
    assert "Dry run" not in dialog.text.get("1.0", "end")
    assert "Okafor" in surnames(actor)
    assert str(dialog.import_button.cget("state")) == "disabled"


def finish(main, dialog, timeout=20.0):
    """Let the background import run, the window painting meanwhile (as the mainloop would)."""
    end = time.monotonic() + timeout
    while dialog.busy and time.monotonic() < end:
        pump(main.root)
        time.sleep(0.01)
    pump(main.root)
    assert not dialog.busy


def test_a_large_ctf_imports_with_a_progress_bar_and_the_window_waits_for_it(main, actor, tmp_path):
    from tests.services.test_ctf_import import many_pupils_ctf

    dialog = main.show("settings").data.import_ctf()
    dialog.path_var.set(str(many_pupils_ctf(tmp_path, 60)))
    dialog.read_button.invoke()
    dialog.import_button.invoke()
    assert dialog.busy and dialog.progress_row.winfo_manager() == "pack"
    assert str(dialog.close_button.cget("state")) == "disabled"
    dialog.close()  # Esc or the window's cross while it saves: refused, in words
    assert dialog.winfo_exists() and "finishing" in dialog.message.cget("text")
    finish(main, dialog)
    assert float(dialog.progress.cget("value")) == 100  # the service's (120, 120) reached the bar
    assert len(surnames(actor)) == 60
    assert "60 added" in dialog.text.get("1.0", "end")
    assert not dialog.progress_row.winfo_manager()  # the bar goes when the report comes
    assert str(dialog.close_button.cget("state")) == "normal"
    dialog.close()
    assert not dialog.winfo_exists()


def test_a_ctf_refused_while_importing_is_explained_and_can_be_tried_again(main, actor):
    from sencodesk.domain.users import User

    dialog = main.show("settings").data.import_ctf()
    dialog.path_var.set(str(FIXTURES / "ctf12_gender.xml"))
    dialog.read_button.invoke()
    actor.user = User(id=None, username="office", display_name="Office", role="office")
    dialog.import_button.invoke()
    finish(main, dialog)
    assert "not allowed" in dialog.message.cget("text")
    assert str(dialog.import_button.cget("state")) == "normal"
    assert surnames(actor) == []


def test_a_malformed_ctf_gets_a_clear_message(main, actor, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<CTfile><CTFpupilData><Pupil>", encoding="utf-8")
    dialog = main.show("settings").data.import_ctf()
    dialog.path_var.set(str(bad))
    dialog.read_button.invoke()
    assert dialog.message.cget("text")
    assert str(dialog.import_button.cget("state")) == "disabled"
    assert surnames(actor) == []


# ---- start-up ------------------------------------------------------------------------------


def damaged_school(actor, add_pupil, data_dir, *, with_backup=True):
    add_pupil(legal_surname="Saved")
    if with_backup:
        backups.take_backup(actor)
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    actor.close()
    corrupt(store_db.db_path(data_dir))


def test_start_up_offers_the_latest_good_backup_and_restores_it(root, actor, add_pupil, data_dir):
    damaged_school(actor, add_pupil, data_dir)
    dialogs.testing.answers.append(True)
    assert startup.check_data_file(data_dir) is True
    kinds = [k for k, _ in dialogs.testing.shown]
    assert kinds == ["question", "info"]
    assert "damaged" in dialogs.testing.shown[0][1]
    s = open_school(data_dir)
    try:
        assert surnames(s) == ["Saved"]
    finally:
        s.close()


def test_start_up_stops_when_the_person_declines(root, actor, add_pupil, data_dir):
    damaged_school(actor, add_pupil, data_dir)
    dialogs.testing.answers.append(False)
    assert startup.check_data_file(data_dir) is False
    assert backups.startup_check(data_dir).ok is False  # nothing was changed


def test_start_up_without_a_good_backup_says_so(root, actor, add_pupil, data_dir):
    damaged_school(actor, add_pupil, data_dir, with_backup=False)
    assert startup.check_data_file(data_dir) is False
    assert dialogs.testing.shown[0][0] == "error" and "No good backup" in dialogs.testing.shown[0][1]


def test_start_up_on_a_sound_file_takes_the_days_backup(root, actor, data_dir):
    actor.close()
    assert startup.check_data_file(data_dir) is True
    assert [b.kind for b in backup_files.list_backups(data_dir)] == ["daily"]
    assert dialogs.testing.shown == []


def test_the_app_does_not_open_a_damaged_file_when_restore_is_declined(root, actor, add_pupil, data_dir):
    from sencodesk.ui import app

    damaged_school(actor, add_pupil, data_dir)
    dialogs.testing.answers.append(False)
    assert app.run(data_dir) == 1
    assert [k for k, _ in dialogs.testing.shown] == ["question"]
    assert not [w for w in root.winfo_children() if w.winfo_class() == "Frame"]  # no main window built


def test_an_encrypted_school_found_damaged_at_sign_in_is_offered_its_latest_good_backup(
    root, actor, add_pupil, data_dir
):
    """Before sign-in an encrypted file cannot be checked; found damaged as sign-in opens it, the
    person is offered the latest good backup (with its day and date), restored with their key."""
    from sencodesk.services import encryption, users
    from sencodesk.ui.app import Starter

    users.set_up_school(
        actor, SCHOOL, {"username": "rkhan", "display_name": "Ms R Khan", "password": "pass-1234"}
    )
    add_pupil(legal_surname="Saved")
    actor.close()
    s = users.sign_in(data_dir, "rkhan", "pass-1234")
    encryption.encrypt_school(s, "a long school passphrase", senco_password="pass-1234")
    good = backups.take_backup(s)
    s.close()
    corrupt(store_db.db_path(data_dir))
    assert startup.check_data_file(data_dir) is True  # cannot be read yet: the sign-in checks it
    starter = Starter(root, data_dir)
    try:
        form = starter.ask_sign_in()
        pump(root)
        dialogs.testing.answers.append(True)
        form.username.set("rkhan")
        form.password.set("pass-1234")
        form.sign_in_button.invoke()
        pump(root)
        question = dialogs.testing.shown[0]
        assert question[0] == "question" and "damaged" in question[1]
        assert f"{backup_files.list_backups(data_dir)[0].when:%A %d/%m/%Y}" in question[1]
        assert starter.window is not None  # restored, then signed in to it
        assert surnames(starter.actor) == ["Saved"]
        assert backup_files.check_backup(good, starter.actor.key) == []
    finally:
        starter.close()
