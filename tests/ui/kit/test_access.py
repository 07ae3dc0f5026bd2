"""The accessibility hook: a no-op on Tk 8.6, and on a Tk with `tk accessible` every field
hands its label and hint to the screen reader."""

from __future__ import annotations

import pytest
import ttkbootstrap as ttk

from sencodesk.ui.kit import access
from sencodesk.ui.kit.fields import DateField, TextField

pytestmark = pytest.mark.gui

# Stand-ins for Tk 9.1's commands, recording what they were given.
FAKE_91 = """
namespace eval ::tk::accessible {
    proc set_acc_name {w text} { lappend ::acc_log [list name $w $text] }
    proc set_acc_description {w text} { lappend ::acc_log [list description $w $text] }
}
set ::acc_log {}
"""
# The spelling of the first 9.1 builds.
FAKE_EARLY_91 = """
namespace eval ::tk::accessible {
    proc acc_name {w text} { lappend ::acc_log [list name $w $text] }
}
set ::acc_log {}
"""


@pytest.fixture
def fake_tk(root):
    def install(script: str) -> None:
        root.tk.eval(script)
        access.forget()

    yield install
    root.tk.eval("catch {namespace delete ::tk::accessible}; catch {unset ::acc_log}")
    access.forget()


def _log(root) -> list[tuple[str, str, str]]:
    return [tuple(root.tk.splitlist(entry)) for entry in root.tk.splitlist(root.tk.eval("set ::acc_log"))]


def test_tk_8_6_has_nothing_to_hand_the_words_to(root):
    access.forget()
    if root.tk.call("info", "commands", "::tk::accessible::*"):
        pytest.skip("this Tk has tk accessible")
    entry = ttk.Entry(root)
    assert access.commands(root) == {} and not access.available(root)
    assert access.describe(entry, "Date of referral", "DD/MM/YYYY") is False


def test_on_a_tk_with_tk_accessible_each_field_gives_its_label_and_hint(root, fake_tk):
    fake_tk(FAKE_91)
    assert access.available(root)
    field = DateField(root, "Date of referral")
    other = TextField(root, "Reason for referral", lines=3)
    assert _log(root) == [
        ("name", str(field.input), "Date of referral"),
        ("description", str(field.input), "DD/MM/YYYY"),
        ("name", str(other.input), "Reason for referral"),  # no hint, so no description
    ]


def test_the_first_91_spelling_is_found_too(root, fake_tk):
    fake_tk(FAKE_EARLY_91)
    field = TextField(root, "Professional's name", hint="as on their letter")
    assert _log(root) == [("name", str(field.input), "Professional's name")]
