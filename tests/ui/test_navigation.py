"""The left navigation as each role sees it: grouped, and every screen it offers opens without a
refusal (a screen a role may not read is not offered at all)."""

from __future__ import annotations

import pytest

from sencodesk.domain.users import ROLES
from sencodesk.services.actor import Actor
from sencodesk.ui import roles
from sencodesk.ui.app import build_main_window
from sencodesk.ui.screens import SCREENS
from tests.ui.helpers import pump
from tests.ui.test_accounts_ui import add_account

pytestmark = pytest.mark.gui


def _window_as(actor, root, role: str):
    user = add_account(actor, f"nav{role}", role)
    window = build_main_window(Actor(db=actor.db, user=user, data_dir=actor.data_dir), root)
    roles.apply_to_main(window)
    pump(root)
    return window


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_screen_a_role_is_offered_opens(actor, add_pupil, root, role):
    add_pupil(legal_surname="Shown", sen_status="K", primary_need="MLD", sen_start_date="01/09/2025")
    window = _window_as(actor, root, role)
    offered = [e.key for e in SCREENS if window.nav_buttons[e.key].winfo_manager()]
    assert "register" in offered
    for key in offered:
        window.nav_buttons[key].invoke()  # a PermissionDenied here would fail the test
        pump(root)
        assert window.current == key


def test_the_office_is_not_offered_sen_screens(actor, root):
    window = _window_as(actor, root, "office")
    for key in ("my_pupils", "deadlines", "census", "retention"):
        assert not window.nav_buttons[key].winfo_manager()


def test_navigation_is_grouped_and_empty_groups_have_no_heading(actor, root):
    senco = _window_as(actor, root, "senco")
    groups = [e.group for e in SCREENS]
    assert groups == sorted(groups, key=groups.index)  # each group's entries sit together
    assert all(h.winfo_manager() for h in senco.nav_groups.values())
    assert senco.nav_groups["Day to day"].cget("text") == "Day to day"
    senco.destroy()
    office = _window_as(actor, root, "office")
    shown = {g for g, h in office.nav_groups.items() if h.winfo_manager()}
    # the office keeps the register and its own settings, but no reports or census check
    assert shown == {"Day to day", "Admin"}


def test_ctrl_numbers_follow_the_navigation_order(main, root):
    from tests.ui.helpers import keyboard_ready

    tree = main.screens["register"].tree
    keyboard_ready(root, tree)
    for number, entry in enumerate(SCREENS[:9], start=1):
        root.focus_get().event_generate(f"<Control-Key-{number}>")
        pump(root)
        assert main.current == entry.key


def test_a_teachers_settings_offer_only_the_look(actor, root):
    window = _window_as(actor, root, "teacher")
    screen = window.show("settings")
    pump(root)
    data, packs = screen.data, screen.packs
    for button in (
        screen.save_school_button,
        packs.save_button,
        packs.browse_button,
        data.save_folder_button,
        data.import_roll_button,
        data.import_ctf_button,
        data.backup_button,
        data.restore_button,
    ):
        assert not button.winfo_manager(), button.cget("text")  # not offered, not greyed
    assert str(packs.fields["senco_contact"].input.cget("state")) == "readonly"
    assert not screen.apply_button.instate(["disabled"])  # the theme and text size are theirs


def test_the_office_may_import_the_roll_but_not_restore(actor, root):
    window = _window_as(actor, root, "office")
    screen = window.show("settings")
    pump(root)
    assert screen.data.import_roll_button.winfo_manager()
    assert not screen.data.import_roll_button.instate(["disabled"])
    # restoring, and importing a CTF (which carries SEN status and needs), are the SENCO's
    assert not screen.data.restore_button.winfo_manager()
    assert not screen.data.import_ctf_button.winfo_manager()


def test_every_screen_is_a_key_away(main, root):
    from tests.ui.helpers import keyboard_ready

    keyboard_ready(root, main.screens["register"].tree)
    root.focus_get().event_generate("<Control-Key-0>")
    pump(root)
    assert main.current == SCREENS[9].key == "accounts"
    keyboard_ready(root, main.screens["register"].tree)  # on a screen, not lost with the last one
    root.focus_get().event_generate("<Control-Next>")
    pump(root)
    assert main.current == "audit"
    keyboard_ready(root, main.screens["audit"])
    root.focus_get().event_generate("<Control-Prior>")
    pump(root)
    assert main.current == "accounts"
    seen = [main.step_screen(1) and main.current for _ in SCREENS]
    assert seen == [e.key for e in [*SCREENS[10:], *SCREENS[:10]]]  # Retention, round to Accounts


def test_stepping_through_the_screens_skips_those_a_role_is_not_offered(actor, root):
    window = _window_as(actor, root, "office")
    window.show("register")
    seen = {window.step_screen(1) and window.current for _ in SCREENS}
    assert seen == set(window.shown_screens()) and "retention" not in seen


def test_closing_a_record_puts_the_keyboard_back_on_its_row_in_the_register(main, root, add_pupil):
    from tests.ui.helpers import keyboard_ready

    add_pupil(legal_surname="Abbot", legal_forename="Al")
    pupil_id = add_pupil(legal_surname="Byrne", legal_forename="Bea")
    main.screens["register"].load()
    record = main.open_pupil(pupil_id)
    pump(root)
    keyboard_ready(root, record.details.fields["legal_surname"].input)
    record.close()
    pump(root)
    register = main.screens["register"]
    assert root.focus_get() is register.tree
    assert register.tree.focus() == str(pupil_id) and register.selected_id() == pupil_id
