"""Read-only forms: what a role may read but not change stays readable and copyable, takes no
typing, and offers no button that could only answer "not allowed"."""

from __future__ import annotations

import tkinter
from tkinter import ttk as tkttk

READ_ONLY = "SencodeskReadOnly"  # a bindtag before a Text's class bindings: no typing, pasting or cutting
# Keys that move, select or copy (and the modifiers alone): a read-only Text still lets you read it.
_MOVING = {"Left", "Right", "Up", "Down", "Home", "End", "Prior", "Next", "Tab", "ISO_Left_Tab", "Escape"}
_CONTROL = 0x0004


def _reading_key(event: tkinter.Event) -> str | None:
    if event.keysym in _MOVING or event.keysym.endswith(("_L", "_R")) or event.keysym == "Caps_Lock":
        return None
    if int(event.state) & _CONTROL and event.keysym.lower() in ("c", "a", "home", "end"):
        return None  # copy, select all, and moving by Ctrl+Home/End
    return "break"


def _read_only_text(text: tkinter.Text) -> None:
    """The Text keeps its words and lets them be read, selected and copied, but takes no typing;
    the program can still fill it (state='disabled' would refuse that too)."""
    tags = text.bindtags()
    if READ_ONLY in tags:
        return
    text.bindtags((tags[0], READ_ONLY, *tags[1:]))
    if not text.bind_class(READ_ONLY):
        text.bind_class(READ_ONLY, "<KeyPress>", _reading_key)
        for sequence in ("<<Paste>>", "<<Cut>>", "<<Clear>>", "<<Undo>>", "<<Redo>>", "<<PasteSelection>>"):
            text.bind_class(READ_ONLY, sequence, lambda e: "break")
        text.bind_class(READ_ONLY, "<Button-2>", lambda e: "break")  # X11's paste by middle click


def read_only(widget: tkinter.Misc, *, keep: tuple[tkinter.Misc, ...] = ()) -> None:
    """Make a form take no typing, for a role that may read it but not change it: its boxes are
    read-only (a Text too), its ticks and lists fixed, and its buttons gone (a button that could
    only answer 'not allowed' is not offered). Buttons in `keep` stay."""
    stack = [widget]
    while stack:
        w = stack.pop()
        stack.extend(w.winfo_children())
        if isinstance(w, tkttk.Combobox):
            w.configure(state="disabled")
        elif isinstance(w, tkttk.Entry | tkinter.Entry):
            w.configure(state="readonly")
        elif isinstance(w, tkinter.Text):
            _read_only_text(w)
        elif isinstance(w, tkttk.Checkbutton | tkttk.Radiobutton):
            w.configure(state="disabled")
        elif isinstance(w, tkttk.Button) and w not in keep:
            hide(w)


def is_read_only(widget: tkinter.Misc) -> bool:
    """For tests and callers: does this input refuse typing?"""
    if isinstance(widget, tkinter.Text):
        return READ_ONLY in widget.bindtags()
    return str(widget.cget("state")) in ("readonly", "disabled")


def hide(widget: tkinter.Misc) -> None:
    """Take a widget off screen, whichever geometry manager placed it."""
    manager = widget.winfo_manager()
    if manager:
        getattr(widget, f"{manager}_forget")()
