"""Small building blocks shared by forms: a labelled field with its error line below."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

ERROR_STYLE = "danger"
WARNING_STYLE = "primary"  # yellow text is unreadable on white; messages start "Check:"


class Field(ttk.Frame):
    """A label, an input and a line under it for what is wrong (in words, not only red)."""

    def __init__(
        self,
        master,
        label: str,
        *,
        kind: str = "entry",
        values: tuple[str, ...] = (),
        width: int = 28,
        hint: str = "",
    ):
        super().__init__(master)
        self.var = tkinter.StringVar(master=self)
        # The hint ("DD/MM/YYYY", "if different") is said in the label, in brackets: one widget
        # where two were, and a screen reader reads them together.
        self.label = ttk.Label(self, text=f"{label} ({hint})" if hint else label)
        self.label.grid(row=0, column=0, sticky="w")
        if kind == "combo":
            self.input = ttk.Combobox(
                self, textvariable=self.var, values=list(values), width=width, state="readonly"
            )
        else:
            self.input = ttk.Entry(self, textvariable=self.var, width=width)
        self.input.grid(row=1, column=0, sticky="we")
        # The message line is made when there is first something to say: most fields never need
        # one, and a record of 14 fields opens faster without 14 hidden labels.
        self.message: ttk.Label | None = None
        self.columnconfigure(0, weight=1)

    def get(self) -> str:
        return self.var.get()

    def set(self, value) -> None:
        self.var.set("" if value is None else str(value))

    def show_error(self, text: str) -> None:
        self._say(text, ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._say(text, WARNING_STYLE)

    def _say(self, text: str, style: str) -> None:
        if self.message is None:
            self.message = ttk.Label(self, text=text, bootstyle=style, wraplength=380, justify="left")
        else:
            self.message.configure(text=text, bootstyle=style)
        self.message.grid(row=2, column=0, sticky="w")

    def clear(self) -> None:
        if self.message is not None:
            self.message.configure(text="")
            self.message.grid_remove()

    @property
    def error_text(self) -> str:
        return "" if self.message is None else str(self.message.cget("text"))


def text_width(widget: tkinter.Misc, *samples: str, at_least: int = 0) -> int:
    """Pixels a list column needs for the widest of `samples` in the font now in use, so a date
    or a heading is not cut off when the text size is raised (fixed pixel widths are)."""
    from tkinter import font

    measure = font.nametofont("TkDefaultFont", root=widget).measure
    return max(at_least, *(measure(s) + 20 for s in samples))


# --- read-only forms: what a role may read but not change --------------------------------------

READ_ONLY = "SencodeskReadOnly"  # a bindtag before a Text's class bindings: no typing, pasting or cutting
# Keys that move, select or copy (and the modifiers alone): a read-only Text still lets you read it.
_MOVING = {"Left", "Right", "Up", "Down", "Home", "End", "Prior", "Next", "Tab", "ISO_Left_Tab", "Escape"}
_CONTROL = 0x0004


def _reading_key(event) -> str | None:
    if event.keysym in _MOVING or event.keysym.endswith(("_L", "_R")) or event.keysym == "Caps_Lock":
        return None
    if event.state & _CONTROL and event.keysym.lower() in ("c", "a", "home", "end"):
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
    from tkinter import ttk as tkttk

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
