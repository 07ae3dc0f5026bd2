"""Accounts on screen: sign-in (good, bad, lockout, passphrase once), first run with the SENCO's
account and recovery key, the idle lock keeping unsaved text, and what each role sees."""

from __future__ import annotations

import csv
import time

import pytest

from sencodesk.domain import passwords
from sencodesk.domain.errors import PermissionDenied
from sencodesk.domain.users import User
from sencodesk.services import concerns, cycles, encryption, pupils, users
from sencodesk.services.actor import Actor, open_school
from sencodesk.store import users as users_store
from sencodesk.ui import dialogs
from sencodesk.ui.app import Starter, build_main_window, needs_sign_in
from sencodesk.ui.idle_lock import IdleLock
from sencodesk.ui.screens import SCREENS
from tests.helpers import make_upn
from tests.services.graduated_support import TODAY, plan_form
from tests.ui.helpers import fill, keyboard_ready, pump

pytestmark = pytest.mark.gui
SCHOOL = {
    "school_name": "Oak Tree Primary",
    "urn": "123456",
    "la_number": "938",
    "estab_number": "2001",
    "senco_name": "Ms R Khan",
}


def add_account(actor, username: str, role: str, password: str = "right-pass-1", **extra) -> User:
    user_id = users_store.insert(
        actor.db,
        {"username": username, "display_name": f"Staff {username}", "role": role},
        passwords.hash_password(password, n=2**10),
        "test",
        **extra,
    )
    return User(user_id, username, f"Staff {username}", role)


@pytest.fixture
def school(actor):
    """A set-up school with a SENCO account; closed before the app opens it itself."""
    add_account(actor, "khan", "senco")
    return actor


@pytest.fixture
def starter(root, data_dir):
    s = Starter(root, data_dir)
    yield s
    s.close()


def test_a_school_with_accounts_asks_who_you_are_and_a_new_one_does_not(school, data_dir, tmp_path):
    assert needs_sign_in(data_dir)
    assert not needs_sign_in(tmp_path / "brand-new")


def test_sign_in_good_and_bad(school, starter, root):
    form = starter.ask_sign_in()
    pump(root)
    form.username.set("khan")
    form.password.set("wrong-pass")
    form.sign_in_button.invoke()
    assert "do not match" in form.message.cget("text")
    assert form.password.get() == ""  # typed again, never kept
    assert starter.window is None
    form.password.set("right-pass-1")
    form.sign_in_button.invoke()
    pump(root)
    assert starter.window is not None and starter.window.current == "dashboard"  # where the app opens
    assert root.title() == "SENCO desk — Oak Tree Primary — signed in as Staff khan (SENCO)"
    assert starter.idle is not None


def test_repeated_failures_lock_the_account_with_a_message(school, starter, root):
    form = starter.ask_sign_in()
    for _ in range(5):
        form.username.set("khan")
        form.password.set("wrong-pass")
        form.sign_in_button.invoke()
    form.password.set("right-pass-1")  # the right password does not help while locked
    form.sign_in_button.invoke()
    # the same words as a wrong password (which would otherwise tell a guesser it was right),
    # naming the lock rule so the real person knows to wait or ask the SENCO
    assert form.message.cget("text") == users.SIGN_IN_FAILED and starter.window is None
    assert "locked for 15 minutes" in users.SIGN_IN_FAILED


def test_the_senco_is_told_of_failed_sign_ins_when_signing_in(school, starter, root, data_dir):
    users.sign_in(data_dir, "khan", "right-pass-1").close()
    for name in ("khan", "nobody"):
        with pytest.raises(PermissionDenied):
            users.sign_in(data_dir, name, "wrong-pass")
    form = starter.ask_sign_in()
    form.username.set("khan")
    form.password.set("right-pass-1")
    form.sign_in_button.invoke()
    pump(root)
    assert starter.window is not None
    assert [m for kind, m in dialogs.testing.shown if "there were 2 failed sign-in attempts" in m]


def test_an_encrypted_school_offers_the_passphrase_after_a_wrong_password_too(actor, starter, root):
    """It cannot say "wrong password" without telling a guesser which names have key slots."""
    add_account(actor, "khan", "senco")
    actor.user = User(1, "khan", "Staff khan", "senco")
    encryption.encrypt_school(actor, "a long school passphrase", senco_password="right-pass-1")
    actor.close()
    form = starter.ask_sign_in()
    form.username.set("khan")
    form.password.set("wrong-pass")
    form.sign_in_button.invoke()
    assert form.passphrase.winfo_manager() == "pack" and form.password.get() == ""
    assert form.message.cget("text") == users.PASSPHRASE_NEEDED
    form.password.set("right-pass-1")  # enrolled: the passphrase box may stay empty
    form.sign_in_button.invoke()
    pump(root)
    assert starter.window is not None and starter.actor.user.username == "khan"


def test_must_change_password_comes_before_the_register(school, starter, root):
    add_account(school, "jones", "teacher", "given-pass-1", must_change=True)
    form = starter.ask_sign_in()
    form.username.set("jones")
    form.password.set("given-pass-1")
    form.sign_in_button.invoke()
    pump(root)
    change = starter.page
    words = [str(w.cget("text")) for w in change.winfo_children() if w.winfo_class() == "TLabel"]
    assert starter.window is None and any("Choose your own" in text for text in words)
    change.fields["old_password"].set("given-pass-1")
    change.fields["new_password"].set("my-own-pass-1")
    change.fields["again"].set("my-own-pass-2")
    change.save_button.invoke()
    assert "different" in change.fields["again"].error_text and starter.window is None
    change.fields["again"].set("my-own-pass-1")
    change.save_button.invoke()
    pump(root)
    assert starter.window is not None and not users.must_change_password(starter.actor)


def test_encrypted_school_asks_for_the_passphrase_once(actor, starter, root):
    add_account(actor, "khan", "senco")
    actor.user = User(1, "khan", "Staff khan", "senco")
    encryption.encrypt_school(actor, "a long school passphrase")
    add = add_account(actor, "patel", "head")  # no key slot yet: needs the passphrase once
    actor.close()
    form = starter.ask_sign_in()
    form.username.set(add.username)
    form.password.set("right-pass-1")
    form.sign_in_button.invoke()
    assert form.passphrase.winfo_manager() == "pack"
    assert "passphrase" in form.message.cget("text")
    form.password.set("right-pass-1")
    form.passphrase.set("a long school passphrase")
    form.sign_in_button.invoke()
    pump(root)
    assert starter.window is not None and starter.actor.user.role == "head"


def test_first_run_creates_the_senco_account_and_shows_the_recovery_key(root, data_dir, tmp_path):
    new = open_school(data_dir)
    try:
        window = build_main_window(new, root)
        dialog = window.first_run()
        for key, value in SCHOOL.items():
            dialog.form.fields[key].set(value)
        for key, value in (
            ("username", "rkhan"),
            ("display_name", "Ms R Khan"),
            ("password", "a-good-pass"),
            ("password_again", "a-good-pass"),
        ):
            dialog.account[key].set(value)
        dialog.passphrase["passphrase"].set("short")
        dialog.passphrase["passphrase_again"].set("short")
        dialog.save_button.invoke()
        assert "passphrase needs at least" in dialog.passphrase["passphrase"].error_text
        assert not users.has_accounts(new)  # nothing half-saved
        dialog.passphrase["passphrase"].set("our school by the river")
        dialog.passphrase["passphrase_again"].set("our school by the river")
        dialog.save_button.invoke()
        pump(root)
        shown = dialog.recovery_window
        assert shown is not None and "school safe" in shown.children["!frame"].winfo_children()[0].cget(
            "text"
        )
        key = shown.key_label.cget("text")
        saved = shown.save_to_file(tmp_path / "key.txt")
        assert key in saved.read_text(encoding="utf-8")
        shown.done_button.invoke()
        pump(root)
        assert window.current == "register" and new.user.display_name == "Ms R Khan"
        assert encryption.is_encrypted(data_dir)
        assert [a.username for a in users.list_users(new)] == ["rkhan"]
        assert root.title().endswith("signed in as Ms R Khan (SENCO)")
    finally:
        new.close()
    assert users.sign_in(data_dir, "rkhan", "a-good-pass").user.role == "senco"


def test_idle_lock_hides_windows_and_keeps_unsaved_text(school, root):
    khan = User(1, "khan", "Staff khan", "senco")
    school.user = khan
    window = build_main_window(school, root)
    root.deiconify()
    record = window.open_pupil(None)
    pump(root)
    fill(record, legal_surname="Not-yet-saved", notes="Half a thought about phonics")
    lock = IdleLock(root, window, seconds=0.2, check_ms=50)
    try:
        pump(root)
        assert not lock.locked
        deadline = time.monotonic() + 3  # the 0.2 s timeout, checked every 50 ms by Tk's timer
        while not lock.locked and time.monotonic() < deadline:
            pump(root)
            time.sleep(0.05)
        assert lock.locked
        assert not root.winfo_viewable() and not record.winfo_viewable()
        assert "Staff khan" in lock.form.children["!label2"].cget("text")
        lock.form.password.set("wrong-pass")
        lock.form.sign_in_button.invoke()
        assert lock.locked and "not right" in lock.form.message.cget("text")
        lock.form.password.set("right-pass-1")
        lock.form.sign_in_button.invoke()
        pump(root)
        assert not lock.locked and record.winfo_viewable()
        assert record.details.fields["legal_surname"].get() == "Not-yet-saved"
        assert record.notes.get("1.0", "end").strip() == "Half a thought about phonics"
        actions = [r["summary"] for r in school.db.query("SELECT summary FROM audit ORDER BY id")]
        assert "unlocked after the idle lock" in actions
    finally:
        lock.stop()


def _teachers_pupil(actor, teacher: User) -> int:
    """A pupil on SEN support whose plan names the teacher (so they are 'theirs')."""
    pid, _ = pupils.add_pupil(
        actor,
        {
            "upn": make_upn(),
            "legal_surname": "Mine",
            "legal_forename": "Zed",
            "dob": "03/04/2018",
            "gender": "M",
            "year_group": "3",
            "sen_status": "N",
        },
    )
    concern = concerns.raise_concern(
        actor, pid, {"raised_on": "01/07/2026", "areas": ["CL"], "seen": "x"}, today=TODAY
    )
    cycle = concerns.triage_concern(
        actor,
        concern,
        1,
        {
            "decision": "sen_support",
            "start_date": "01/09/2026",
            "parents_told_on": "01/09/2026",
            "primary_need": "SPLD",
        },
        today=TODAY,
    )
    cycles.save_plan(actor, cycle, 1, plan_form(actor, staff=[teacher.id]))
    return pid


def test_a_teachers_register_shows_only_their_pupils(school, add_pupil, root):
    teacher = add_account(school, "tt", "teacher")
    add_pupil(legal_surname="Other", sen_status="K", primary_need="MLD", sen_start_date="01/09/2025")
    _teachers_pupil(school, teacher)
    as_teacher = Actor(db=school.db, user=teacher, data_dir=school.data_dir)
    window = build_main_window(as_teacher, root)
    from sencodesk.ui import roles

    roles.apply_to_main(window)
    pump(root)
    register = window.screens["register"]
    assert [v[0] for v in register.visible_values()] == ["Mine"]
    assert not window.nav_buttons["audit"].winfo_manager()  # no audit trail for teachers
    # a screen the teacher may not see, within reach of Ctrl+1..9: its shortcut goes nowhere
    number, hidden = next(
        (n, e.key)
        for n, e in enumerate(SCREENS, start=1)
        if n <= 9 and not window.nav_buttons[e.key].winfo_manager()
    )
    keyboard_ready(root, register.tree)
    register.tree.event_generate(f"<Control-Key-{number}>")
    pump(root)
    assert window.current == "register" and hidden not in window.screens
    assert not register.add_button.winfo_manager()  # a teacher adds no pupils: not offered


def test_the_office_sees_no_sen_detail(school, add_pupil, root):
    office = add_account(school, "desk", "office")
    pid = add_pupil(legal_surname="Quill", sen_status="K", primary_need="SPLD", sen_start_date="01/09/2025")
    window = build_main_window(Actor(db=school.db, user=office, data_dir=school.data_dir), root)
    from sencodesk.ui import roles

    roles.apply_to_main(window)
    pump(root)
    register = window.screens["register"]
    shown = register.tree["displaycolumns"]
    assert list(shown) == ["surname", "forename", "year", "class"]
    assert not register.count_label.winfo_manager()  # no "N on the register" either
    assert "K - SEN support" not in str(register.visible_values())
    for key in ("dashboard", "concerns", "provision", "reports", "audit"):
        assert not window.nav_buttons[key].winfo_manager()
    record = window.open_pupil(pid)
    pump(root)
    tabs = [record.tabs.tab(t, "text") for t in record.tabs.tabs() if record.tabs.tab(t, "state") != "hidden"]
    assert "SEN" not in tabs and "Details" in tabs
    assert "Support" not in tabs and "Provision map" not in tabs
    assert not record.drawn("history")  # the trail names needs: not drawn for the office


def test_the_head_sees_records_but_no_save_button(school, add_pupil, root):
    head = add_account(school, "boss", "head")
    pid = add_pupil(legal_surname="Quill")
    window = build_main_window(Actor(db=school.db, user=head, data_dir=school.data_dir), root)
    record = window.open_pupil(pid)
    pump(root)
    # not offered at all (a button that could only answer "not allowed" is not shown)
    assert not record.save_button.winfo_manager() and not record.leave_button.winfo_manager()


def test_senco_manages_staff_accounts_and_exports_the_audit_trail(school, root, tmp_path):
    school.user = User(1, "khan", "Staff khan", "senco")
    window = build_main_window(school, root)
    screen = window.show("accounts")
    staff = screen.users_frame
    for key, value in (("username", "jsmith"), ("display_name", "Mr J Smith"), ("password", "short")):
        staff.add_fields[key].set(value)
    staff.add_button.invoke()
    assert "at least" in staff.add_fields["password"].error_text
    staff.add_fields["password"].set("first-pass-1")
    staff.add_button.invoke()
    assert staff.tree.exists("jsmith") and "must choose" in staff.tree.item("jsmith", "values")[3]
    staff.toggle_button.invoke()
    assert staff.tree.item("jsmith", "values")[3].startswith("disabled")
    with pytest.raises(PermissionDenied):
        users.sign_in(school.data_dir, "jsmith", "first-pass-1").close()
    staff.tree.selection_set("jsmith")
    pump(root)
    staff.toggle_button.invoke()
    staff.reset.set("another-pass-1")
    staff.reset_button.invoke()
    assert "reset" in staff.message.cget("text")

    trail = window.show("audit")
    out = trail.export(tmp_path / "audit.csv")
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["when", "who", "action", "record", "pupil", "what"]
    assert any("jsmith" in r[5] or "Mr J Smith" in r[5] for r in rows[1:])
    assert "exported the whole audit trail" in trail.tree.item(trail.tree.get_children()[0], "values")[3]

    _pid, _ = pupils.add_pupil(
        school,
        {
            "upn": (upn := make_upn()),
            "legal_surname": "Quill",
            "legal_forename": "Ada",
            "dob": "03/04/2018",
            "gender": "F",
            "year_group": "3",
            "sen_status": "N",
        },
    )
    trail.upn_var.set(upn)
    trail.refresh()
    shown = [trail.tree.item(i, "values") for i in trail.tree.get_children()]
    assert shown and all(v[2] == "Ada Quill" for v in shown)  # one pupil's trail, named not numbered
    trail.upn_var.set("Q000000000000")
    trail.refresh()
    assert "UPN" in trail.message.cget("text") or "not" in trail.message.cget("text")


def test_everyone_changes_their_own_password(school, root):
    head = add_account(school, "boss", "head")
    window = build_main_window(Actor(db=school.db, user=head, data_dir=school.data_dir), root)
    screen = window.show("accounts")
    assert screen.users_frame is None  # not the SENCO: no staff list
    form = screen.password_form
    form.fields["old_password"].set("nope-nope-1")
    form.fields["new_password"].set("brand-new-1")
    form.fields["again"].set("brand-new-1")
    form.save_button.invoke()
    assert "not right" in form.fields["old_password"].error_text
    form.fields["old_password"].set("right-pass-1")
    form.fields["new_password"].set("brand-new-1")
    form.fields["again"].set("brand-new-1")
    form.save_button.invoke()
    assert "changed" in form.message.cget("text")
    dialogs.testing.reset()


def test_a_shared_folder_in_use_says_who_and_stops(root, tmp_path, monkeypatch):
    import json
    import socket
    from datetime import datetime

    from sencodesk.store.lockfile import lock_path
    from sencodesk.ui import app as app_module

    monkeypatch.setenv("SENCODESK_ASSUME_SHARE", "1")
    folder = tmp_path / "shared"
    folder.mkdir()
    since = datetime.now().replace(hour=10, minute=42, second=0, microsecond=0).isoformat()
    lock_path(folder).write_text(
        json.dumps({"name": "J Smith", "host": socket.gethostname(), "pid": 1, "since": since})
    )  # pid 1 is always alive
    monkeypatch.setattr(root, "mainloop", lambda: None)
    assert app_module.run(folder) == 1
    kind, message = dialogs.testing.shown[-1]
    assert kind == "error" and message.startswith("In use by J Smith") and "since 10:42" in message


def test_senco_encrypts_an_unencrypted_school_then_changes_the_passphrase(school, root):
    school.user = User(1, "khan", "Staff khan", "senco")
    screen = build_main_window(school, root).show("accounts")
    screen.passphrase["new"].set("the river by the school")
    screen.passphrase["again"].set("the river by the school!")
    screen.encrypt()
    assert "different" in screen.passphrase["again"].error_text and school.key is None
    screen.passphrase["again"].set("the river by the school")
    screen.encrypt()
    assert school.key is not None and encryption.is_encrypted(school.data_dir)
    key = screen.recovery_window.key_label.cget("text")
    assert len(key) > 20
    screen.recovery_window.close()
    # the screen as it is rebuilt for an encrypted school: change the passphrase
    screen.destroy()
    window = build_main_window(school, root)
    screen = window.show("accounts")
    screen.passphrase["current"].set("not the passphrase")
    screen.passphrase["new"].set("a brand new passphrase")
    screen.passphrase["again"].set("a brand new passphrase")
    screen.change_passphrase()
    assert "not right" in screen.passphrase["current"].error_text
    screen.passphrase["current"].set("the river by the school")
    screen.change_passphrase()
    assert "changed" in screen.passphrase_message.cget("text")
    assert encryption.unlock_with_passphrase(school.data_dir, "a brand new passphrase") == school.key


def test_staff_other_than_the_senco_cannot_edit_the_schools_details(school, root):
    head = add_account(school, "boss", "head")
    window = build_main_window(Actor(db=school.db, user=head, data_dir=school.data_dir), root)
    screen = window.show("settings")
    assert not screen.save_school_button.winfo_manager()
    assert str(screen.form.fields["school_name"].input.cget("state")) == "readonly"
    assert screen.apply_button.instate(["!disabled"])  # how it looks is still theirs to choose


# ---- sign out and switch user at a shared computer; the app opens on the Dashboard --------
def _sign_in(starter, root, username: str):
    form = starter.ask_sign_in()
    pump(root)
    form.username.set(username)
    form.password.set("right-pass-1")
    form.sign_in_button.invoke()
    pump(root)
    return starter.window


def test_ctrl_q_asks_then_hands_over_to_the_next_person(school, starter, root):
    add_account(school, "desk", "office")
    window = _sign_in(starter, root, "khan")
    assert window.current == "dashboard"
    keyboard_ready(root, window.screens["dashboard"])
    dialogs.testing.answers.append(False)  # "Stay signed in"
    root.focus_get().event_generate("<Control-q>")
    pump(root)
    assert dialogs.testing.shown[-1][1].startswith("Sign out Staff khan?")
    assert starter.window is window and window.winfo_exists()
    dialogs.testing.answers.append(True)  # "Sign out"
    assert window.sign_out() is True
    pump(root)
    assert starter.window is None and starter.actor is None and starter.idle is None
    assert not window.winfo_exists()
    office = _sign_in(starter, root, "desk")
    assert starter.actor.user.username == "desk"
    assert office.current == "register"  # no Dashboard for the office: the register, to search
    assert root.focus_get() is office.screens["register"].search


def test_a_record_with_unsaved_typing_keeps_its_person_signed_in(school, starter, root, add_pupil):
    window = _sign_in(starter, root, "khan")
    pupil_id = add_pupil(legal_surname="Kept", legal_forename="Ann")
    record = window.open_pupil(pupil_id)
    pump(root)
    record.details.fields["legal_forename"].set("Anne")
    asked = len(dialogs.testing.shown)
    assert window.sign_out() is False
    assert len(dialogs.testing.shown) == asked  # not even asked: the typing comes first
    assert "the record of Ann Kept has changes not saved" in window.status_line.cget("text")
    assert starter.window is window and record.winfo_exists()
    assert record.details.fields["legal_forename"].get() == "Anne"


def test_a_missing_encrypted_data_file_is_named_with_its_latest_backup_at_sign_in(actor, starter, root):
    """The keys file is there, the data file is not: a teacher (who may not restore) and a SENCO
    who chooses "Not now" are both told so, with the latest good backup and its date."""
    from sencodesk.services import backups
    from sencodesk.store import db as store_db

    add_account(actor, "khan", "senco")
    actor.user = User(1, "khan", "Staff khan", "senco")
    encryption.encrypt_school(actor, "a long school passphrase", senco_password="right-pass-1")
    add_account(actor, "jones", "teacher")
    users.reset_password(actor, "jones", "teacher-pass-2")  # the teacher's own key slot
    backup = backups.take_backup(actor)
    actor.close()
    store_db.db_path(actor.data_dir).unlink()
    form = starter.ask_sign_in()
    dialogs.testing.answers.append(False)  # the SENCO (only) is offered the backup: "Not now"
    for name, password in (("jones", "teacher-pass-2"), ("khan", "right-pass-1")):
        form.username.set(name)
        form.password.set(password)
        form.sign_in_button.invoke()
        said = form.message.cget("text")
        assert "data file is missing" in said and "The latest good backup is from " in said, name
        assert str(backup) in said and starter.window is None
        assert ("not allowed to restore" in said) == (name == "jones")
    assert not dialogs.testing.answers  # the SENCO was asked


def test_a_forgotten_passphrase_is_reset_with_the_recovery_key_from_the_sign_in(actor, starter, root):
    from sencodesk.ui.sign_in import PassphraseResetDialog

    add_account(actor, "khan", "senco")
    actor.user = User(1, "khan", "Staff khan", "senco")
    recovery = encryption.encrypt_school(actor, "a long school passphrase", senco_password="right-pass-1")
    add_account(actor, "patel", "head")  # no key slot yet: needs the passphrase once
    actor.close()
    form = starter.ask_sign_in()
    assert not form.forgot_button.winfo_manager()  # nothing about the passphrase until it is asked
    form.username.set("patel")
    form.password.set("right-pass-1")
    form.sign_in_button.invoke()
    pump(root)
    assert form.passphrase.winfo_manager() and form.forgot_button.winfo_manager()
    form.forgot_button.invoke()
    pump(root)
    (dialog,) = [w for w in root.winfo_children() if isinstance(w, PassphraseResetDialog)]
    dialog.fields["recovery_key"].set(recovery)
    dialog.fields["new_passphrase"].set("a brand new passphrase")
    dialog.fields["again"].set("a brand new passphrase!")
    dialog.save_button.invoke()
    assert "different" in dialog.fields["again"].message.cget("text")
    dialog.fields["again"].set("a brand new passphrase")
    dialog.save_button.invoke()
    pump(root)
    assert not dialog.winfo_exists() and "passphrase is changed" in form.message.cget("text")
    form.password.set("right-pass-1")
    form.passphrase.set("a brand new passphrase")
    form.sign_in_button.invoke()
    pump(root)
    assert starter.window is not None and starter.actor.user.username == "patel"


def test_a_plain_school_offers_no_passphrase_reset(school, starter):
    assert not starter.ask_sign_in().can_reset_passphrase
