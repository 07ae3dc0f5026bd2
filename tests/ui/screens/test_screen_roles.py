"""What each role sees on the register and the screens, in real windows (issue 13): a teacher's
lists of their own pupils, no button a role cannot use, and no "no need recorded" for a need
hidden from the office.

Each test opens the main window as the role and drives it as that person would (the school is
tests/ui/role_views.py's).
"""

from __future__ import annotations

import pytest

from sencodesk.services import concerns
from sencodesk.ui.widgets import is_read_only
from tests.ui.helpers import keyboard_ready, pump
from tests.ui.role_views import TODAY, window_as

pytestmark = pytest.mark.gui


def test_the_office_is_never_told_no_need_is_recorded(role_school, root):
    window = window_as(role_school, root, "office")
    register = window.screens["register"]
    register.select(role_school["mine"])
    register._show_needs()
    pump(root)
    assert not register.needs_line.winfo_manager()
    assert "no need" not in register.needs_line.cget("text")
    # and no greyed filters by SEN status or need: they are not offered
    for widget in (register.status_box, register.need_box, *register.filter_labels.values()):
        if widget is not register.filter_labels["Year:"]:
            assert not widget.winfo_manager()


def test_a_teachers_provision_screen_shows_their_pupils_and_no_catalogue_edits(role_school, root):
    window = window_as(role_school, root, "teacher")
    screen = window.show("provision")
    pump(root)
    assert screen.tabs.tab(1, "text") == "Provision map (your pupils)"
    screen.tabs.select(1)
    pump(root)
    names = " ".join(screen.map.item(i, "values")[-1] for i in screen.map.get_children())
    assert "Mine" in names and "Other" not in names
    for button in (screen.add_button, screen.edit_button, screen.retire_button, screen.costing_button):
        assert not button.winfo_manager()
    assert screen.group_button.winfo_manager()  # they log sessions they deliver
    assert all(is_read_only(f.input) for f in screen.costing_fields.values())


def test_a_teachers_dashboard_counts_their_own_pupils(role_school, root):
    window = window_as(role_school, root, "teacher")
    dashboard = window.show("dashboard")
    pump(root)
    assert dashboard.buttons["pupils"].cget("text") == "Your pupils: 1"
    assert dashboard.buttons["K"].cget("text") == "1 of them on SEN support"


def test_the_head_reads_the_provision_screen_and_logs_nothing(role_school, root):
    screen = window_as(role_school, root, "head").show("provision")
    pump(root)
    assert not screen.group_button.winfo_manager()
    assert screen.tabs.tab(1, "text") == "Provision map (whole school)"


def test_the_head_reads_concerns_and_is_offered_no_raising_or_triage(role_school, root):
    actor = role_school["actor"]
    form = {"raised_on": "02/11/2026", "seen": "Quiet"}
    concerns.raise_concern(actor, role_school["other"], form, today=TODAY)
    screen = window_as(role_school, root, "head").show("concerns")
    pump(root)
    assert screen.open_tree.get_children()  # the head reads them
    assert not screen.raise_button.winfo_manager() and not screen.triage_button.winfo_manager()
    screen.open_tree.selection_set(screen.open_tree.get_children()[0])
    keyboard_ready(root, screen.open_tree)
    screen.open_tree.event_generate("<Return>")  # opens the record rather than a triage refusal
    pump(root)
    assert role_school["other"] in screen.main.records


def _texts(widget) -> list[str]:
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        stack.extend(w.winfo_children())
        if w.winfo_class() == "TLabel":
            found.append(str(w.cget("text")))
    return found


def test_a_teachers_deadlines_say_they_are_of_their_pupils(role_school, root):
    screen = window_as(role_school, root, "teacher").show("deadlines")
    pump(root)
    texts = " ".join(_texts(screen))
    assert "Every statutory date of your pupils" in texts and "across the school" not in texts
