"""The one place a field's label and hint reach a screen reader.

Tk 8.6 exposes nothing to assistive technology (NVDA reads nothing in a Tk window). Tk 9.1 adds
`tk accessible` (library/accessibility.tcl in Tk's sources): `::tk::accessible::set_acc_name`,
`set_acc_description` and `set_acc_help` give a widget the words a screen reader says. Early
9.1 builds spelled them `acc_name` and `acc_description`, and a Tk that finds no screen reader
running defines none of them. So the commands are looked up in the running interpreter, and
where there are none `describe` does nothing: the day tkinter ships a Tk that has them, every
field declared with a label and hint is read out, with no other change.
"""

from __future__ import annotations

import tkinter

# The commands Tk 9.1 defines for each piece of text, newest spelling first.
_SETTERS = {
    "name": ("::tk::accessible::set_acc_name", "::tk::accessible::acc_name"),
    "description": ("::tk::accessible::set_acc_description", "::tk::accessible::acc_description"),
}


_found: dict[int, dict[str, str]] = {}  # by interpreter: asked once, not for every field drawn


def commands(widget: tkinter.Misc) -> dict[str, str]:
    """The running Tk's accessibility commands by what they set ({} on Tk 8.6)."""
    interp = id(widget.tk)
    if interp not in _found:
        names = set(widget.tk.splitlist(widget.tk.call("info", "commands", "::tk::accessible::*")))
        _found[interp] = {
            what: next(name for name in spellings if name in names)
            for what, spellings in _SETTERS.items()
            if any(name in names for name in spellings)
        }
    return _found[interp]


def forget() -> None:
    """Ask the interpreter again next time (a test that adds or removes the commands)."""
    _found.clear()


def available(widget: tkinter.Misc) -> bool:
    """Does this Tk hand text to a screen reader?"""
    return "name" in commands(widget)


def describe(widget: tkinter.Misc, label: str, hint: str = "") -> bool:
    """Give `widget` (the input a person types in) its label as its accessible name and its hint
    as its description, when the running Tk can. True if it could."""
    found = commands(widget)
    if "name" not in found:
        return False
    widget.tk.call(found["name"], str(widget), label)
    if hint and "description" in found:
        widget.tk.call(found["description"], str(widget), hint)
    return True
