"""The kit's fields: a date typed or picked from the calendar (with the calendar's warning), a
choice held as a code, a text box of several lines."""

from __future__ import annotations

from datetime import date

import pytest
import ttkbootstrap as ttk

from sencodesk.ui.kit import ChoiceField, DateField, TextField, is_read_only
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui


def _day_button(picker, day: int) -> ttk.Radiobutton:
    return next(
        w
        for w in picker.frm_dates.winfo_children()
        if isinstance(w, ttk.Radiobutton) and str(w.cget("text")) == str(day)
    )


def test_a_date_can_be_typed_as_dd_mm_yyyy(root):
    field = DateField(root, "Date of referral")
    field.pack()
    keyboard_ready(root, field.input)
    for key in "20/11/2026":
        field.input.event_generate(f"<KeyPress-{ {'/': 'slash'}.get(key, key) }>")
    pump(root)
    assert field.get() == "20/11/2026" and field.typed_date() == date(2026, 11, 20)
    assert field.label.cget("text") == "Date of referral (DD/MM/YYYY)"


def test_the_calendar_opens_at_the_date_typed_and_a_day_chosen_is_written_in(root):
    field = DateField(root, "Date of referral")
    field.pack()
    root.deiconify()
    field.set("20/11/2026")
    picker = field.pick()
    pump(root)
    assert picker.root.winfo_ismapped() and (picker.date.year, picker.date.month) == (2026, 11)
    assert picker.first_weekday == 0  # weeks start on Monday
    _day_button(picker, 3).invoke()
    pump(root)
    assert field.get() == "03/11/2026" and field.picker is None


def test_the_keyboard_opens_the_calendar_and_esc_leaves_the_date_as_it_was(root):
    field = DateField(root, "Held on")
    field.pack()
    field.set("05/01/2027")
    keyboard_ready(root, field.input)
    field.input.event_generate("<Alt-Down>")
    pump(root)
    picker = field.picker
    assert picker is not None and (picker.date.year, picker.date.month) == (2027, 1)
    picker.root.event_generate("<Escape>")
    pump(root)
    assert field.get() == "05/01/2027" and field.picker is None


def test_a_read_only_date_takes_no_typing_and_no_calendar(root):
    field = DateField(root, "Held on")
    field.set("05/01/2027")
    field.lock()
    assert field.locked and is_read_only(field.input) and field.pick() is None


def test_the_calendar_warning_plugs_into_the_date_field(root, actor):
    field = DateField(root, "Meeting on", warn=(actor, "The meeting"))
    field.set("06/09/2026")  # a Sunday
    pump(root)
    notes = [w for w in field.winfo_children() if w.grid_info().get("row") == 3]
    assert notes and "Sunday" in str(notes[0].cget("text"))
    field.set("07/09/2026")  # a Monday in term
    pump(root)
    assert "Sunday" not in str(notes[0].cget("text"))


def test_a_choice_shows_words_and_gives_the_code(root):
    field = ChoiceField(root, "Service", {"ep": "Educational psychology"}, blank="")
    field.set("ep")
    assert field.var.get() == "Educational psychology" and field.get() == "ep"
    field.set("")
    assert field.get() == "" and not field.locked
    free = ChoiceField(root, "Service", {"ep": "Educational psychology"}, free=True)
    free.set("School nurse")
    assert free.get() == "School nurse"  # a service not in the list is kept as typed


def test_a_text_box_of_several_lines_reads_back_what_was_set(root):
    field = TextField(root, "Reason", lines=3)
    field.set("One\nTwo")
    assert field.get() == "One\nTwo" and int(field.input.cget("height")) == 3
    single = TextField(root, "Password", secret=True)
    assert str(single.input.cget("show")) == "•"
