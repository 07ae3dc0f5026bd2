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
    assert ttk.Style.get_instance().theme_use() == "senco-contrast-light"
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
