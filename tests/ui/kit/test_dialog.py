"""The kit's FormDialog in a real window: saving by Ctrl+S and Enter, Esc asking first when
something was typed, Tab kept inside, its size remembered, and scrolling to a field."""

from __future__ import annotations

import pytest
import ttkbootstrap as ttk

from sencodesk.domain.errors import ValidationError
from sencodesk.services import settings
from sencodesk.ui import dialogs
from sencodesk.ui.kit import FormDialog
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

QUESTION = "You have typed things in this form that are not saved. Close it and lose them?"


class SampleDialog(FormDialog):
    SAVE_TEXT = "Save sample"

    def __init__(self, parent, actor, *, rows: int = 0, refuse: dict | None = None, on_done=None):
        super().__init__(parent, "A sample", on_done=on_done)
        self.actor, self.refuse, self.calls = actor, refuse, 0
        form = self.sheet
        form.text("name", "Name")
        form.date("held_on", "Held on")
        for n in range(rows):  # a long form, to scroll
            form.text(f"line{n}", f"Line {n}")
        form.text("notes", "Notes", lines=3)

    def submit(self):
        self.calls += 1
        if self.refuse:
            raise ValidationError(self.refuse)
        return self.collect()


@pytest.fixture
def opened(root, actor):
    def open_one(**options) -> SampleDialog:
        root.deiconify()  # a dialog over a withdrawn window is not mapped (no keys reach it)
        dialog = SampleDialog(root, actor, **options).show()
        pump(root)
        dialog.focus_force()
        pump(root)
        return dialog

    return open_one


def test_ctrl_s_saves_from_any_field(opened, root):
    done = []
    dialog = opened(on_done=done.append)
    dialog.fields["notes"].set("Met with Mum")
    dialog.fields["notes"].input.focus_set()
    dialog.fields["notes"].input.event_generate("<Control-s>")
    pump(root)
    assert done == [{"name": "", "held_on": "", "notes": "Met with Mum"}]
    assert dialog.saved and not dialog.winfo_exists()


def test_enter_saves_in_a_one_line_box_but_makes_a_new_line_in_a_text_box(opened, root):
    dialog = opened()
    notes = dialog.fields["notes"].input
    notes.focus_set()
    pump(root)
    notes.event_generate("<Return>")
    pump(root)
    assert dialog.calls == 0 and dialog.fields["notes"].get() == "\n"
    name = dialog.fields["name"].input
    name.focus_set()
    pump(root)
    name.event_generate("<Return>")
    pump(root)
    assert dialog.calls == 1 and dialog.saved


def test_enter_on_the_cancel_button_cancels_rather_than_saves(opened, root):
    dialog = opened()
    dialog.cancel_button.focus_set()
    pump(root)
    dialog.cancel_button.event_generate("<Return>")
    pump(root)
    assert dialog.calls == 0 and not dialog.winfo_exists()


def test_esc_closes_at_once_when_nothing_was_typed(opened, root):
    dialog = opened()
    dialog.fields["name"].input.event_generate("<Escape>")
    pump(root)
    assert not dialog.winfo_exists() and dialogs.testing.shown == []


def test_esc_asks_first_when_something_was_typed(opened, root):
    dialog = opened()
    dialog.fields["name"].set("Ada")
    dialogs.testing.answers.append(False)  # Keep editing
    dialog.fields["name"].input.event_generate("<Escape>")
    pump(root)
    assert dialogs.testing.shown == [("question", QUESTION)]
    assert dialog.winfo_exists() and dialog.fields["name"].get() == "Ada"
    dialogs.testing.answers.append(True)  # Close without saving
    dialog.fields["name"].input.event_generate("<Escape>")
    pump(root)
    assert not dialog.winfo_exists()


def test_tab_goes_round_the_dialog_and_never_reaches_the_window_behind(opened, root):
    behind = ttk.Entry(root)
    behind.pack()
    dialog = opened()
    seen = []
    widget = dialog.fields["name"].input
    widget.focus_set()
    pump(root)
    for _ in range(12):
        widget.event_generate("<Tab>")
        pump(root)
        widget = dialog.focus_get()
        seen.append(widget)
    assert all(w is not None and w.winfo_toplevel() is dialog for w in seen)
    assert dialog.fields["name"].input in seen and dialog.save_button in seen  # round, not stuck
    widget.event_generate("<Shift-Tab>")
    pump(root)
    assert dialog.focus_get().winfo_toplevel() is dialog


def test_the_text_box_is_left_by_tab_not_filled_with_tabs(opened, root):
    dialog = opened()
    notes = dialog.fields["notes"].input
    notes.focus_set()
    pump(root)
    notes.event_generate("<Tab>")
    pump(root)
    assert dialog.fields["notes"].get() == "" and dialog.focus_get() is not notes


def test_the_size_a_person_leaves_it_at_is_the_size_the_next_opens_at(opened, root, actor):
    first = opened()
    assert settings.dialog_size(actor, "SampleDialog") is None
    first.geometry("700x480")
    pump(root)
    first.cancel()
    assert settings.dialog_size(actor, "SampleDialog") == (700, 480)
    second = opened()
    pump(root)
    assert (second.winfo_width(), second.winfo_height()) == (700, 480)


def test_a_dialog_opened_and_closed_at_its_size_remembers_nothing(opened, actor):
    opened().cancel()
    assert settings.dialog_size(actor, "SampleDialog") is None


def test_a_refusal_scrolls_the_first_wrong_field_into_view_and_focuses_it(opened, root):
    dialog = opened(rows=30, refuse={"notes": "Say what was agreed."})
    dialog.geometry("520x320")
    pump(root)
    assert dialog.scroll.overflows() and dialog.scroll.canvas.yview()[0] == 0.0
    dialog.save()
    pump(root)
    assert dialog.fields["notes"].error_text == "Say what was agreed."
    assert dialog.focus_get() is dialog.fields["notes"].input
    assert dialog.scroll.canvas.yview()[0] > 0.5  # scrolled down to it
    assert "(the first is Notes)" in dialog.status.cget("text")


def test_a_field_that_takes_the_focus_is_scrolled_into_view(opened, root):
    dialog = opened(rows=30)
    dialog.geometry("520x320")
    pump(root)
    dialog.fields["line25"].input.focus_set()
    pump(root)
    canvas = dialog.scroll.canvas
    field = dialog.fields["line25"]
    top = field.winfo_rooty() - canvas.winfo_rooty()
    assert top >= 0 and top + field.winfo_height() <= canvas.winfo_height()


def test_the_wheel_scrolls_the_form_wherever_the_pointer_is(opened, root):
    dialog = opened(rows=30)
    dialog.geometry("520x320")
    pump(root)
    for place in (dialog.fields["line3"].label, dialog.save_button):  # over the form, and over its foot
        before = dialog.scroll.canvas.yview()[0]
        place.event_generate("<Button-5>")
        pump(root)
        assert dialog.scroll.canvas.yview()[0] > before
