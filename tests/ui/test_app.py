"""Starting up: first-run dialog, the title, navigation, dashboard, errors shown plainly."""

from __future__ import annotations

import logging

import pytest

from sencodesk.demo.accounts import create_demo_accounts
from sencodesk.domain.errors import UserError
from sencodesk.services import settings
from sencodesk.services.actor import open_school
from sencodesk.ui import dialogs
from sencodesk.ui.app import build_main_window, install_error_reporter
from sencodesk.ui.screens import SCREENS
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui


@pytest.fixture
def new_school(data_dir):
    s = open_school(data_dir)
    yield s
    s.close()


def test_first_run_dialog_saves_the_school_and_the_title_changes(root, new_school):
    window = build_main_window(new_school, root)
    assert root.title() == "SENCO desk"
    dialog = window.first_run()
    assert dialog is not None
    fields = dialog.form.fields
    fields["school_name"].set("Willow Bank Primary")
    fields["urn"].set("12")
    fields["la_number"].set("938")
    dialog.save_button.invoke()
    assert "6-digit" in fields["urn"].error_text
    assert "SENCO's name is required" in fields["senco_name"].error_text
    assert not settings.is_set_up(new_school)

    assert "user name" in dialog.account["username"].error_text  # every mistake at once
    fields["urn"].set("123456")
    fields["senco_name"].set("Mr D Osei")
    for key, value in (
        ("username", "dosei"),
        ("display_name", "Mr D Osei"),
        ("password", "a-good-pass"),
        ("password_again", "a-good-pass"),
    ):
        dialog.account[key].set(value)
    dialog.encrypt_var.set(False)  # the recovery key has its own test (test_accounts_ui)
    dialog.save_button.invoke()
    pump(root)
    assert root.title() == "SENCO desk — Willow Bank Primary — signed in as Mr D Osei (SENCO)"
    assert settings.get_settings(new_school)["la_name"] == "West Sussex"
    assert window.current == "register"
    assert "Press Ctrl+N" in window.screens["register"].empty_label.cget("text")
    assert window.first_run() is None


def test_title_names_the_school(main):
    assert main.root.title() == "SENCO desk — Oak Tree Primary"


def test_every_screen_opens_from_the_navigation(main):
    for entry in SCREENS:
        main.nav_buttons[entry.key].invoke()
        pump(main.root)
        assert main.current == entry.key
        assert main.screens[entry.key].winfo_ismapped() or main.screens[entry.key].winfo_manager() == "pack"
        # every screen is real now: none says it is still to come
        texts = [w.cget("text") for w in main.screens[entry.key].winfo_children() if "text" in w.keys()]  # noqa: SIM118  a Tk widget has no `in`; keys() lists its options
        assert not any("not built yet" in str(t) for t in texts)


def test_dashboard_counts_open_the_register_filtered(main, add_pupil):
    add_pupil(sen_status="K", primary_need="MLD")
    add_pupil(sen_status="E", primary_need="ASD")
    add_pupil()
    dashboard = main.show("dashboard")
    assert dashboard.buttons["pupils"].cget("text") == "3 pupils on roll"
    assert dashboard.buttons["K"].cget("text") == "1 on SEN support"
    assert dashboard.buttons["E"].cget("text") == "1 with an EHC plan"
    dashboard.buttons["E"].invoke()
    pump(main.root)
    register = main.screens["register"]
    assert main.current == "register"
    assert register.status_var.get() == "E - EHC plan"
    assert [v[4] for v in register.visible_values()] == ["E - EHC plan"]


def test_ctrl_n_opens_a_new_pupil_record(main):
    tree = main.screens["register"].tree
    keyboard_ready(main.root, tree)
    tree.event_generate("<Control-n>")
    pump(main.root)
    main.root.withdraw()
    assert None in main.records
    assert main.records[None].heading.cget("text") == "New pupil"


def test_unexpected_error_is_a_plain_message_and_goes_to_the_log(root, tmp_path, caplog):
    install_error_reporter(root, tmp_path / "sencodesk.log")

    def broken():
        raise KeyError("internal detail")

    button = __import__("ttkbootstrap").Button(root, command=broken)
    with caplog.at_level(logging.ERROR):
        button.invoke()  # Tk routes the exception to report_callback_exception
    kind, message = dialogs.testing.shown[-1]
    assert kind == "error" and "Something went wrong" in message
    assert "internal detail" not in message
    assert str(tmp_path / "sencodesk.log") in message
    assert "KeyError" in caplog.text


def test_user_error_shows_its_own_message(root, tmp_path):
    install_error_reporter(root, tmp_path / "sencodesk.log")

    def refused():
        raise UserError("That pupil is not one of yours.")

    __import__("ttkbootstrap").Button(root, command=refused).invoke()
    assert dialogs.testing.shown[-1] == ("error", "That pupil is not one of yours.")


def test_run_opens_the_school_logs_to_its_folder_and_closes_it(root, data_dir, monkeypatch):
    from sencodesk.ui import app as app_module

    s = open_school(data_dir)
    settings.save_school(s, {"school_name": "Ash Grove", "senco_name": "Ms Y Lin"})
    s.close()
    monkeypatch.setattr(root, "mainloop", lambda: None)  # the test is the event loop
    assert app_module.run(data_dir) == 0
    assert root.title() == "SENCO desk — Ash Grove"
    assert (data_dir / "logs" / "sencodesk.log").exists()


def test_demo_runs_on_a_throwaway_folder_that_is_removed_after(root, tmp_path, monkeypatch):
    from sencodesk.ui import app as app_module

    folder = tmp_path / "demo"
    s = open_school(folder)
    settings.save_school(s, {"school_name": "Demo Primary", "senco_name": "Demo SENCO"})
    create_demo_accounts(s)
    s.close()
    monkeypatch.setattr(app_module, "_demo_folder", lambda: folder)
    monkeypatch.setattr(root, "mainloop", lambda: None)
    assert app_module.run(None, demo=True) == 0
    assert root.title() == "SENCO desk — Demo Primary — signed in as Ms R Khan (SENCO)"  # the demo SENCO
    assert not folder.exists()


def _first_run(root, actor, quits: list):
    from sencodesk.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(root, actor, on_saved=lambda: None, on_cancel=lambda: quits.append(True))
    dialog.show(root)
    return dialog


def test_first_run_esc_asks_before_losing_what_was_typed(root, new_school):
    from tests.ui.test_dialog_buttons import press_escape

    root.deiconify()  # key presses reach an application that is on screen
    quits: list = []
    dialog = _first_run(root, new_school, quits)
    dialog.form.fields["school_name"].set("Willow Bank Primary")
    dialog.account["password"].set("a-good-pass")
    asked = len(dialogs.testing.shown)
    press_escape(root, dialog)  # the answer is "Keep editing"
    assert dialogs.testing.shown[asked:] == [
        ("question", "You have typed things in this form that are not saved. Close it and lose them?")
    ]
    assert dialog.winfo_exists() and not quits
    assert dialog.form.fields["school_name"].get() == "Willow Bank Primary"  # nothing lost
    dialogs.testing.answers.append(True)  # "Close without saving"
    dialog.cancel_button.invoke()
    assert not dialog.winfo_exists() and quits == [True]


def test_first_run_quits_at_once_when_nothing_was_typed(root, new_school):
    quits: list = []
    dialog = _first_run(root, new_school, quits)
    asked = len(dialogs.testing.shown)
    dialog.cancel_button.invoke()
    assert len(dialogs.testing.shown) == asked  # no question about nothing
    assert not dialog.winfo_exists() and quits == [True]
