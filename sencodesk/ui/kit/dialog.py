"""The one form dialog: a Form in a scrolling body, a status line, and Save and Cancel.

- Resizable, and opened at the size its person last left a dialog of its kind at (kept in
  their preferences: services.settings.remember_dialog_size), else at its natural size, never
  bigger than the screen.
- The wheel scrolls the form wherever the pointer is in the dialog; a field that takes the
  focus is scrolled into view.
- Ctrl+S saves, and so does Enter, except in a multi-line box (a new line) or on a button (that
  button). Esc cancels, asking first if anything was typed ("Close without saving" / "Keep
  editing"). Tab and Shift+Tab go round the dialog's own fields and never reach the window
  behind it (Tk's traversal stops at a toplevel: tests/ui/kit/test_dialog.py pins it).
- Modal: the window behind cannot be closed (and this form's text lost) while it is open.

`self.sheet` is its Form (`sheet`, not `form`: the older dialogs name their own method that
gathers what was typed `form()`). Two ways to fill one. A subclass packs its widgets into
`self.body`, declares them in `self.fields`, and defines `submit()` to call its service;
`on_done(result)` runs once saved.
Or the caller declares fields on it (`field`, `date`, `choice`, `text`, `heading`, `widget`)
and passes `on_save(form_dict)`.
"""

from __future__ import annotations

import contextlib
import tkinter
from collections.abc import Callable, Mapping
from tkinter import ttk as tkttk
from typing import Any

import ttkbootstrap as ttk

from ...domain.errors import UserError
from .. import dialogs
from .fields import DATE_HINT, ERROR_STYLE, ChoiceField, DateField, TextField
from .form import Form, Showable, confirm_discard, focus_target, typed_state
from .scroll import WHEEL, ScrollArea


class FormDialog(ttk.Toplevel):
    SAVE_TEXT = "Save"
    KIND = ""  # the name its size is remembered by; the class name when blank
    actor: Any = None  # subclasses set it; else the record (or window) it was opened from has it

    def __init__(
        self,
        parent: tkinter.Misc,
        title: str,
        *,
        on_done: Callable[..., None] | None = None,
        on_save: Callable[[dict[str, Any]], object] | None = None,
        intro: str = "",
        size: tuple[int, int] | None = None,
        width: int = 560,
        kind: str = "",
        role: str | None = None,
        columns: int = 2,
    ):
        super().__init__(title=title, master=parent.winfo_toplevel(), minsize=(420, 240))
        self.withdraw()  # shown by show(), once placed over its parent
        self.parent = parent
        self.on_done = on_done or (lambda *a: None)
        self.on_save = on_save
        self.size = size
        self.kind = kind or self.KIND or (type(self).__name__ if type(self) is not FormDialog else title)
        self.saved = False
        wrap = (size[0] if size else width) - 40
        outer = ttk.Frame(self, padding=14)
        outer.pack(fill="both", expand=True)
        if intro:
            ttk.Label(outer, text=intro, wraplength=wrap, justify="left").pack(anchor="w", pady=(0, 6))
        foot = ttk.Frame(outer)
        foot.pack(side="bottom", fill="x", pady=(10, 0))  # packed first: always on screen
        self.status = ttk.Label(foot, text="", bootstyle=ERROR_STYLE, wraplength=wrap, justify="left")
        self.status.pack(anchor="w", fill="x")
        self.message = self.status  # the name the older dialogs and their tests use
        buttons = ttk.Frame(foot)
        buttons.pack(fill="x", pady=(4, 0))
        self.save_button = ttk.Button(
            buttons, text=f"{self.SAVE_TEXT} (Ctrl+S)", bootstyle="primary", command=self.save
        )
        self.save_button.pack(side="right")
        self.cancel_button = ttk.Button(buttons, text=dialogs.CANCEL, command=self.cancel)
        self.cancel_button.pack(side="right", padx=(0, 8))
        self.scroll = ScrollArea(outer)
        self.scroll.pack(fill="both", expand=True)
        self.sheet = Form(
            self.scroll.body, role=role, columns=columns, status=self.status, padding=(0, 0, 12, 0)
        )
        self.sheet.pack(fill="both", expand=True)
        self.body: ttk.Frame = self.sheet
        self._as_shown: list[object] | None = None
        self._shown_size: tuple[int, int] | None = None
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.bind("<Escape>", lambda e: (self.cancel(), "break")[1])
        for sequence in ("<Control-s>", "<Control-S>"):
            self.bind(sequence, lambda e: (self.save(), "break")[1])
        for sequence in ("<Return>", "<KP_Enter>"):
            self.bind(sequence, self._enter)
        for sequence in WHEEL:
            self.bind(sequence, self.scroll.wheel)
        self.bind("<FocusIn>", self._focused, add="+")

    # ---- declaring (the caller's way) --------------------------------------------------------
    @property
    def fields(self) -> dict[str, Showable]:
        return self.sheet.fields

    @fields.setter
    def fields(self, fields: dict[str, Showable]) -> None:
        self.sheet.fields = fields

    def heading(self, text: str, note: str = "") -> None:
        self.sheet.heading(text, note)

    def field(self, key: str, label: str, *, date: bool = False, width: int = 28) -> TextField | DateField:
        """A one-line field, or a date (typed as DD/MM/YYYY or picked from the calendar)."""
        made = (
            self.sheet.date(key, label, hint=DATE_HINT) if date else self.sheet.text(key, label, width=width)
        )
        assert made is not None  # no access rule was given, so it is drawn
        return made

    def choice(self, key: str, label: str, options: Mapping[str, str], blank: str = "") -> ChoiceField:
        made = self.sheet.choice(key, label, options, blank=blank, width=32)
        assert made is not None
        return made

    def text(self, key: str, label: str, height: int = 3) -> TextField:
        made = self.sheet.text(key, label, lines=height)
        assert made is not None
        return made

    def widget(self, key: str, widget: Showable) -> None:
        """Any widget with get/set/show_error/clear (e.g. the invitations table), across the form."""
        self.sheet.add(key, widget, wide=True)

    # ---- values -------------------------------------------------------------------------------
    def load(self, values: Mapping[str, Any]) -> None:
        self.sheet.load(values)
        self._as_shown = typed_state(self.sheet)

    def collect(self) -> dict[str, Any]:
        return self.sheet.collect()

    @property
    def dirty(self) -> bool:
        return self._as_shown is not None and typed_state(self.sheet) != self._as_shown

    # ---- showing ------------------------------------------------------------------------------
    def show(self, parent: tkinter.Misc | None = None, focus: tkinter.Misc | None = None) -> FormDialog:
        """Put the dialog on screen over `parent` (else where it was opened from), modal."""
        parent = parent or self.parent
        self._as_shown = typed_state(self.sheet)
        size = self._start_size()
        dialogs.place_over(self, parent, size=size)
        self._shown_size = size
        self.deiconify()
        self.transient(parent.winfo_toplevel())
        if not dialogs.testing.active:
            self.grab_set()
            self.focus_force()
        target = focus or self._first_input()
        if target is not None:
            target.focus_set()
        return self

    def _start_size(self) -> tuple[int, int]:
        remembered = self._remembered()
        if remembered is not None:
            width, height = remembered
        elif self.size is not None:
            width, height = self.size
        else:
            self.update_idletasks()
            width, height = self.winfo_reqwidth(), self.winfo_reqheight()
        width = max(420, min(width, self.winfo_screenwidth() - 20))
        height = max(240, min(height, self.winfo_screenheight() - 80))
        return width, height

    def _first_input(self) -> tkinter.Misc | None:
        for field in self.fields.values():
            target = focus_target(field)
            if target is not None and target.winfo_ismapped() and not getattr(field, "locked", False):
                return target
        return self.sheet.tk_focusNext()

    # ---- the person's preferences -------------------------------------------------------------
    def _actor(self) -> Any:
        return self.actor or getattr(self.master, "actor", None)

    def _remembered(self) -> tuple[int, int] | None:
        actor = self._actor()
        if actor is None:
            return None
        from ...services import settings

        return settings.dialog_size(actor, self.kind)

    def _remember_size(self) -> None:
        """Keep the size the person left it at, if they changed it (for the next one of its kind)."""
        actor = self._actor()
        if actor is None or self._shown_size is None or not self.winfo_ismapped():
            return
        width, height = self.winfo_width(), self.winfo_height()
        if abs(width - self._shown_size[0]) + abs(height - self._shown_size[1]) <= 4:
            return
        from ...services import settings

        # A size is not worth a message (the file busy elsewhere): the next one opens as today.
        with contextlib.suppress(UserError):
            settings.remember_dialog_size(actor, self.kind, width, height)

    # ---- actions ------------------------------------------------------------------------------
    def submit(self) -> Any:
        """Call the service with what is typed (subclasses define their own)."""
        if self.on_save is None:
            raise TypeError(f"{type(self).__name__} must define submit() or be given on_save")
        return self.on_save(self.collect())

    def save(self) -> bool:
        """Call the service; on a refusal show why by the fields and keep everything typed."""
        if not self.sheet.submit(self.submit):
            return False
        self.saved = True
        self._remember_size()
        self.destroy()
        self.on_done(self.sheet.result)
        return True

    def cancel(self) -> bool:
        """Close without saving; asked first if anything was typed since it opened."""
        if not confirm_discard(self, self._as_shown, within=self.sheet):
            return False
        self._remember_size()
        self.destroy()
        return True

    close = cancel

    # ---- keys ---------------------------------------------------------------------------------
    def _enter(self, event: tkinter.Event) -> str | None:
        widget = event.widget
        if isinstance(widget, tkinter.Text):
            return None  # a new line
        if isinstance(widget, tkttk.Button | tkinter.Button):
            widget.invoke()
            return "break"
        if isinstance(widget, tkinter.Misc) and widget.winfo_class() in ("Treeview", "Listbox"):
            return None  # a list opens or takes what is chosen
        self.save()
        return "break"

    def _focused(self, event: tkinter.Event) -> None:
        widget = event.widget
        if isinstance(widget, tkinter.Misc) and str(widget).startswith(f"{self.scroll.body}."):
            self.scroll.see(widget)
