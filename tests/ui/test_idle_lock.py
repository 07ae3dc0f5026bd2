"""The idle lock hides EVERY window of the app (records, dialogs, message boxes, late ones),
keeps what was typed, and puts back exactly what was showing, where it was, grab included."""

from __future__ import annotations

import time
import tkinter

import pytest
import ttkbootstrap as ttk

from sencodesk.domain.users import User
from sencodesk.ui.app import build_main_window
from sencodesk.ui.idle_lock import IdleLock
from tests.ui.helpers import fill, pump
from tests.ui.pupil.test_record_speed import wait_for_spare
from tests.ui.test_accounts_ui import add_account

pytestmark = pytest.mark.gui


def all_toplevels(widget: tkinter.Misc) -> list[tkinter.Misc]:
    """Every Toplevel the app made, found from the widget tree (not from the lock's own walk)."""
    found = []
    for child in widget.winfo_children():
        if isinstance(child, tkinter.Toplevel):
            found.append(child)
        found.extend(all_toplevels(child))
    return found


def showing(root) -> set[str]:
    return {str(w) for w in [root, *all_toplevels(root)] if w.winfo_viewable()}


@pytest.fixture
def khans_window(actor, root, add_pupil):
    add_account(actor, "khan", "senco")
    actor.user = User(1, "khan", "Staff khan", "senco")
    window = build_main_window(actor, root)
    root.deiconify()
    pump(root)
    return window, add_pupil(legal_surname="Ahmed", legal_forename="Sara")


def lock_now(root, window) -> IdleLock:
    lock = IdleLock(root, window, seconds=3600, check_ms=50)
    lock.lock()
    pump(root)
    return lock


def unlock(root, lock: IdleLock) -> None:
    lock.form.password.set("right-pass-1")
    lock.form.sign_in_button.invoke()
    pump(root)


def test_a_dialog_left_open_is_hidden_and_comes_back_with_its_text(khans_window, root):
    window, pid = khans_window
    record = window.open_pupil(pid)
    pump(root)
    spare = wait_for_spare(window)  # the next record's window, built ahead: must never appear
    fill(record, notes="Half a thought about phonics")
    dialog = record.raise_concern()
    dialog.seen.set("Reverses b and d when tired")
    dialog.geometry("+140+90")
    pump(root)
    dialog.grab_set()  # as run_modal does outside tests: the dialog is modal
    before, where = showing(root), (dialog.winfo_rootx(), dialog.winfo_rooty())
    assert {str(root), str(record), str(dialog)} <= before and str(spare) not in before
    lock = lock_now(root, window)
    try:
        assert showing(root) == {str(lock.window)}
        grab = root.grab_current()  # the dialog's grab would make the lock deaf
        assert grab is None or str(grab).startswith(str(lock.window))
        unlock(root, lock)
        assert not lock.locked
        assert showing(root) == before and not spare.winfo_viewable()
        assert (dialog.winfo_rootx(), dialog.winfo_rooty()) == where
        assert dialog.seen.get() == "Reverses b and d when tired"
        assert record.notes.get("1.0", "end").strip() == "Half a thought about phonics"
        deadline = time.monotonic() + 2
        while root.grab_current() is None and time.monotonic() < deadline:
            pump(root)
        assert str(root.grab_current()) == str(dialog)  # modal again, as it was
    finally:
        dialog.grab_release()
        lock.stop()


def test_a_window_opened_while_locked_is_hidden_too(khans_window, root):
    window, _pid = khans_window
    lock = lock_now(root, window)
    try:
        # a message from work finishing in the background, while nobody is there
        late = ttk.Toplevel(title="Pack saved", master=root)
        ttk.Label(late, text="Sara Ahmed's pack is saved").pack()
        pump(root)
        deadline = time.monotonic() + 2
        while late.winfo_viewable() and time.monotonic() < deadline:
            pump(root)
            time.sleep(0.02)
        assert showing(root) == {str(lock.window)}
        unlock(root, lock)
        assert late.winfo_viewable() and root.winfo_viewable()
    finally:
        lock.stop()


def test_the_lock_does_not_hide_itself_or_put_back_what_was_hidden(khans_window, root):
    window, pid = khans_window
    record = window.open_pupil(pid)
    pump(root)
    record.withdraw()  # hidden before the lock: stays hidden after
    pump(root)
    lock = lock_now(root, window)
    try:
        assert lock.window.winfo_viewable()
        unlock(root, lock)
        assert not record.winfo_viewable() and record.state() == "withdrawn"
    finally:
        lock.stop()
