"""Every dialog's dismiss button says the same thing (dialogs.CANCEL or dialogs.CLOSE), and Esc
does what it does, pressed as a person would with the dialog focused."""

from __future__ import annotations

import tkinter

import pytest
import ttkbootstrap as ttk

from sencodesk.ui import dialogs
from sencodesk.ui.pupil import export_menu
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


def button_texts(window: tkinter.Misc) -> set[str]:
    """The buttons in this window (not in windows it opened)."""
    found = set()
    for child in window.winfo_children():
        if isinstance(child, tkinter.Toplevel):
            continue
        if isinstance(child, ttk.Button) and child.winfo_manager():
            found.add(child.cget("text"))
        found |= button_texts(child)
    return found


def press_escape(root, window: tkinter.Misc) -> None:
    """Esc from the keyboard: reaches the focused widget of a mapped window."""
    pump(root)
    window.focus_force()
    target = window.focus_get()
    if target is None or target.winfo_toplevel() is not window:
        target = window
    target.event_generate("<Escape>")
    pump(root)


@pytest.fixture
def record(main, add_pupil):
    main.root.deiconify()
    opened = main.open_pupil(add_pupil(legal_surname="Hall", legal_forename="Ruby"))
    pump(main.root)
    return opened


def dialog_makers():
    """(what it is, how to open it from a record and the main window, the button it must have)."""

    def data(main):
        return main.show("settings").data

    return [
        ("concern form", lambda record, main: record.raise_concern(), dialogs.CANCEL),
        ("leaver form", lambda record, main: record.mark_left(), dialogs.CANCEL),
        ("EHC plan form", lambda record, main: record.ehc.new_plan(), dialogs.CANCEL),
        ("roll import", lambda record, main: data(main).import_roll(), dialogs.CANCEL),
        ("CTF import", lambda record, main: data(main).import_ctf(), dialogs.CANCEL),
        ("transfer pack", lambda record, main: record.data_actions.transfer_pack(), dialogs.CLOSE),
        ("PDF export", lambda record, main: export_menu.profile_dialog(record), dialogs.CLOSE),
    ]


@pytest.mark.parametrize("what, open_dialog, dismiss", dialog_makers(), ids=[m[0] for m in dialog_makers()])
def test_the_dismiss_button_is_labelled_alike_and_esc_closes(main, record, what, open_dialog, dismiss):
    dialog = open_dialog(record, main)
    pump(main.root)
    texts = button_texts(dialog)
    assert dismiss in texts, f"{what}: {sorted(texts)}"
    assert not texts & {"Cancel", "Close", "Done"}, f"{what}: {sorted(texts)}"
    press_escape(main.root, dialog)
    assert not dialog.winfo_exists(), f"Esc did not close the {what}"
    assert record.winfo_exists()  # Esc closed the dialog only, not the record behind it


def test_the_record_closes_with_esc_and_says_so(main, record):
    assert dialogs.CLOSE in button_texts(record)
    press_escape(main.root, record)
    assert not record.winfo_exists()


def test_the_recovery_key_asks_before_esc_closes_it(main, root):
    from sencodesk.ui.first_run import RecoveryKeyWindow

    root.deiconify()  # key presses reach an application that is on screen
    window = RecoveryKeyWindow(root, "ABCD-EFGH")
    window.show(root)
    press_escape(root, window)
    assert window.winfo_exists()  # asked, and the answer was "Keep it on screen"
    assert "will not show it again" in dialogs.testing.shown[-1][1]
    dialogs.testing.answers.append(True)
    press_escape(root, window)
    assert not window.winfo_exists()


def test_esc_on_a_form_with_typing_asks_before_dropping_it(main, record):
    dialog = record.raise_concern()
    pump(main.root)
    dialog.seen.set("Loses his place when copying from the board")
    press_escape(main.root, dialog)
    assert dialog.winfo_exists()  # asked, and the answer was "Keep editing"
    assert dialogs.testing.shown[-1] == (
        "question",
        "You have typed things in this form that are not saved. Close it and lose them?",
    )
    assert dialog.seen.get() == "Loses his place when copying from the board"
    dialogs.testing.answers.append(True)  # "Close without saving"
    press_escape(main.root, dialog)
    assert not dialog.winfo_exists()


def test_a_tick_counts_as_typing_and_a_form_left_as_opened_closes_without_asking(main, record):
    dialog = record.raise_concern()
    pump(main.root)
    next(iter(dialog.area_vars.values())).set(True)
    press_escape(main.root, dialog)
    assert dialog.winfo_exists()
    next(iter(dialog.area_vars.values())).set(False)  # back as it was: nothing to lose
    press_escape(main.root, dialog)
    assert not dialog.winfo_exists()


def test_the_leaver_form_asks_too(main, record):
    dialog = record.mark_left()
    pump(main.root)
    dialog.destination_field.set("Greenfield Primary")
    press_escape(main.root, dialog)
    assert dialog.winfo_exists() and dialog.destination_field.get() == "Greenfield Primary"
    dialogs.testing.answers.append(True)
    press_escape(main.root, dialog)
    assert not dialog.winfo_exists()
