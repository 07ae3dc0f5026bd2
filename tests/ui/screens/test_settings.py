"""Settings: the school's details, theme and text size."""

from __future__ import annotations

from tkinter import font

import pytest
import ttkbootstrap as ttk

from sencodesk.services import settings
from sencodesk.ui import appearance
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


def test_changing_the_school_name_changes_the_title(main, actor):
    screen = main.show("settings")
    screen.form.fields["school_name"].set("Oak Tree Primary Academy")
    screen.save_school_button.invoke()
    pump(main.root)
    assert main.root.title() == "SENCO desk — Oak Tree Primary Academy"
    assert screen.school_message.cget("text") == "Saved."


def test_bad_school_details_are_shown_by_their_field(main, actor):
    screen = main.show("settings")
    screen.form.fields["estab_number"].set("20")
    screen.save_school_button.invoke()
    assert "4 digits" in screen.form.fields["estab_number"].error_text
    assert settings.get_settings(actor)["estab_number"] == "2001"


def test_theme_and_text_size_apply_and_are_kept(main, actor):
    screen = main.show("settings")
    before = font.nametofont("TkDefaultFont").cget("size")
    screen.theme_var.set("contrast")
    screen.scale_var.set("150")
    screen.apply_button.invoke()
    pump(main.root)
    assert ttk.Style.get_instance().theme_use() == appearance.HIGH_CONTRAST.name
    assert font.nametofont("TkDefaultFont").cget("size") == round(before * 1.5)
    assert appearance.text_scale_of(main.root) == 150
    assert settings.get_settings(actor)["text_scale"] == 150
    assert settings.get_settings(actor)["theme"] == "contrast"


def test_text_size_outside_100_to_200_is_refused(main, actor):
    screen = main.show("settings")
    screen.scale_var.set("250")
    screen.apply_button.invoke()
    assert "from 100 to 200" in screen.look_message.cget("text")
    assert settings.get_settings(actor)["text_scale"] == 100


def test_the_school_calendar_is_on_settings_with_a_warning_until_terms_are_set(main, actor, tmp_path):
    from sencodesk.services import calendar

    panel = main.show("settings").calendar
    assert "No term dates are set" in panel.warning.cget("text")
    panel.start.insert(0, "02/09/2026")
    panel.end.insert(0, "23/10/2026")
    panel.kind.set("autumn")
    panel.add_button.invoke()
    assert (
        panel.tree.get_children()
        and "Autumn term: 02/09/2026 to 23/10/2026"
        in panel.tree.item(panel.tree.get_children()[0], "values")[0]
    )
    panel.day.insert(0, "02/09/2026")
    panel.mark_button.invoke()  # INSET day is the default kind
    assert (
        calendar.school_calendar(actor).closed_reason(__import__("datetime").date(2026, 9, 2)) == "INSET day"
    )
    bad = tmp_path / "terms.csv"
    bad.write_text("start,end,kind\n31/02/2027,10/03/2027,spring\n", encoding="utf-8")
    panel.import_path(str(bad))
    assert "Nothing was imported" in panel.message.cget("text") and "Row 2" in panel.message.cget("text")
    good = tmp_path / "good.csv"
    good.write_text("\ufeffstart,end,kind\n04/01/2027, 12/02/2027 ,Spring 1\n", encoding="utf-8")
    panel.import_path(str(good))
    assert panel.message.cget("text").startswith("Imported 1 term")
    pump(main.root)


def test_a_typed_date_that_is_not_a_school_day_gets_a_warning_never_a_block(main, actor):
    from sencodesk.ui.date_warning import watch_date
    from sencodesk.ui.widgets import Field

    field = Field(main.root, "Meeting date")
    note = watch_date(field, actor, "The meeting")
    field.set("06/09/2026")
    assert note.cget("text").startswith("The meeting, 06/09/2026, is a Sunday.")
    field.set("07/09/2026")
    assert note.cget("text") == "" or "typical term pattern" not in note.cget("text")
    field.set("31/08/2026")
    assert "Summer bank holiday" in note.cget("text")
    field.set("not a date")
    assert note.cget("text") == ""
    field.destroy()
