"""The kit's fields: one text field (one line or many), one date field with a picker, one choice
field, and an error line for inputs that are not fields (a list, a row of ticks).

Every field is a label (its hint in brackets: one widget where two were, and a screen reader
reads them together), an input, and a line under it saying what is wrong, in words, not only
in red. Row 3 of its grid is free for a line that follows what is typed (wording hints, the
calendar's date warning). Each field hands its label and hint to the screen reader through
`access.describe`.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import ttkbootstrap as ttk

from ...domain.dates import parse_date, uk
from ...domain.errors import UserError, ValidationError
from ...domain.wording import Hint
from .access import describe
from .readonly import is_read_only, read_only

ERROR_STYLE = "danger"
WARNING_STYLE = "primary"  # yellow text is unreadable on white; messages start "Check:"
DATE_HINT = "DD/MM/YYYY"

Checker = Callable[[str], list[Hint]]


def read_date(text: str, key: str = "date", label: str = "Date") -> tuple[date | None, str]:
    """A date as it is typed, before any Save: (the date, None when blank; "") or, when it is not
    a real date, (None, what is wrong in words), so a box can say so as the person leaves it."""
    try:
        return parse_date(text, key, label=label), ""
    except ValidationError as e:
        return None, e.field_errors.get(key) or e.message


def hint_text(hints: list[Hint]) -> str:
    """One line per vague phrase: the phrase in quotes and how to make it specific."""
    return "\n".join(
        f"Make it specific: '{h.phrase}'. {h.hint}" if h.start >= 0 else f"Make it specific: {h.hint}"
        for h in hints
    )


class HintLine(ttk.Label):
    """The wording check's advice under a field: shown as the person types, never blocking."""

    def __init__(self, master: tkinter.Misc, checker: Checker):
        # Primary, not info: the light theme's info cyan is 2:1 on white, too pale to read.
        super().__init__(master, text="", bootstyle="primary", wraplength=520, justify="left")
        self.checker = checker

    def check(self, text: str) -> None:
        self.configure(text=hint_text(self.checker(text)))

    @property
    def text(self) -> str:
        return str(self.cget("text"))


def focus_next(event: tkinter.Event) -> str:
    """Tab leaves a multi-line box (a form, not a word processor), so the keyboard can go on."""
    event.widget.tk_focusNext().focus_set()
    return "break"


def focus_previous(event: tkinter.Event) -> str:
    event.widget.tk_focusPrev().focus_set()
    return "break"


class Field(ttk.Frame):
    """A label, an input and a line under it for what is wrong. The value is a string in `var`;
    subclasses choose the input (`_make_input`) and how a value reads back."""

    wraplength = 380

    def __init__(self, master: tkinter.Misc, label: str, *, hint: str = "", width: int = 28):
        super().__init__(master)
        self.label_text, self.hint = label, hint
        self.var = tkinter.StringVar(master=self)
        self.label = ttk.Label(self, text=f"{label} ({hint})" if hint else label)
        self.label.grid(row=0, column=0, columnspan=2, sticky="w")
        self.input = self._make_input(width)
        self.input.grid(row=1, column=0, sticky="we")
        # The message line is made when there is first something to say: most fields never need
        # one, and a record of 14 fields opens faster without 14 hidden labels.
        self.message: ttk.Label | None = None
        self.columnconfigure(0, weight=1)
        describe(self.input, label, hint)

    def _make_input(self, width: int) -> tkinter.Widget:
        return ttk.Entry(self, textvariable=self.var, width=width)

    def get(self) -> Any:
        return self.var.get()

    def set(self, value: object) -> None:
        self.var.set("" if value is None else str(value))

    def show_error(self, text: str) -> None:
        self._say(text, ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._say(text, WARNING_STYLE)

    def _say(self, text: str, style: str) -> None:
        if self.message is None:
            self.message = ttk.Label(
                self, text=text, bootstyle=style, wraplength=self.wraplength, justify="left"
            )
        else:
            self.message.configure(text=text, bootstyle=style)
        self.message.grid(row=2, column=0, columnspan=2, sticky="w")

    def clear(self) -> None:
        if self.message is not None:
            self.message.configure(text="")
            self.message.grid_remove()

    @property
    def error_text(self) -> str:
        return "" if self.message is None else str(self.message.cget("text"))

    def lock(self) -> None:
        """Read-only: for a role that may read this but not change it (it takes no typing)."""
        read_only(self)

    @property
    def locked(self) -> bool:
        return is_read_only(self.input)


class TextField(Field):
    """Text on one line (an Entry) or, with `lines` above 1, a box of that many lines (Tab moves
    on from it as from any field). `checker` shows wording hints as the person types; `secret`
    shows dots (passwords)."""

    def __init__(
        self,
        master: tkinter.Misc,
        label: str,
        *,
        hint: str = "",
        lines: int = 1,
        width: int | None = None,
        checker: Checker | None = None,
        secret: bool = False,
    ):
        self.lines, self.secret = lines, secret
        if lines > 1:
            self.wraplength = 520
        super().__init__(master, label, hint=hint, width=width or (60 if lines > 1 else 28))
        self.hints = HintLine(self, checker) if checker else None
        if self.hints is not None:
            self.hints.grid(row=3, column=0, columnspan=2, sticky="w")
            if lines > 1:
                self.input.bind("<KeyRelease>", lambda e: self.check_wording(), add="+")
            else:
                self.var.trace_add("write", lambda *_: self.check_wording())

    def _make_input(self, width: int) -> tkinter.Widget:
        if self.lines <= 1:
            return ttk.Entry(self, textvariable=self.var, width=width, show="•" if self.secret else "")
        text = ttk.Text(self, height=self.lines, width=width, wrap="word", undo=True)
        text.bind("<Tab>", focus_next)
        text.bind("<Shift-Tab>", focus_previous)
        text.bind("<ISO_Left_Tab>", focus_previous)
        return text

    def get(self) -> str:
        if self.lines <= 1:
            return self.var.get()
        return self.input.get("1.0", "end-1c")  # type: ignore[attr-defined]

    def set(self, value: object) -> None:
        if self.lines <= 1:
            super().set(value)
        else:
            self.input.delete("1.0", "end")  # type: ignore[attr-defined]
            self.input.insert("1.0", "" if value is None else str(value))  # type: ignore[attr-defined]
        self.check_wording()

    def check_wording(self) -> None:
        if self.hints is not None:
            self.hints.check(self.get())


class ChoiceField(Field):
    """A list to choose from. `options` maps each code to the words shown (get() gives the
    code, "" when nothing is chosen), or is the words themselves. `blank` is the words for "not
    chosen" (None: no such line). `free`: any other words may be typed too, and are kept."""

    def __init__(
        self,
        master: tkinter.Misc,
        label: str,
        options: Mapping[str, str] | Sequence[str],
        *,
        blank: str | None = None,
        hint: str = "",
        width: int = 28,
        free: bool = False,
    ):
        self.options = dict(options) if isinstance(options, Mapping) else {w: w for w in options}
        self.blank, self.free = blank, free
        super().__init__(master, label, hint=hint, width=width)

    def _values(self) -> list[str]:
        words = list(self.options.values())
        return words if self.blank is None else [self.blank, *words]

    def _make_input(self, width: int) -> tkinter.Widget:
        return ttk.Combobox(
            self,
            textvariable=self.var,
            values=self._values(),
            width=width,
            state="normal" if self.free else "readonly",
        )

    @property
    def locked(self) -> bool:
        return (
            str(self.input.cget("state")) == "disabled"
        )  # "readonly" is its everyday state: chosen, not typed

    def set_options(self, options: Mapping[str, str] | Sequence[str]) -> None:
        self.options = dict(options) if isinstance(options, Mapping) else {w: w for w in options}
        self.input.configure(values=self._values())

    def get(self) -> str:
        shown = self.var.get()
        code = next((code for code, words in self.options.items() if words == shown), None)
        if code is not None:
            return code
        return shown.strip() if self.free else ""

    def set(self, value: object) -> None:
        code = "" if value is None else str(value)
        if code in self.options:
            self.var.set(self.options[code])
        elif self.free:
            self.var.set(code)
        else:
            self.var.set(self.blank or "")


class DateField(Field):
    """A date typed as DD/MM/YYYY, or chosen from a calendar: the button beside the box, or
    Alt+Down in it. `warn` = (actor, what): the calendar's line under the date when it is not a
    school day (ui/date_warning.py), following what is typed."""

    def __init__(
        self,
        master: tkinter.Misc,
        label: str,
        *,
        hint: str = DATE_HINT,
        width: int = 14,
        warn: tuple[Any, str] | None = None,
    ):
        super().__init__(master, label, hint=hint, width=width)
        self.columnconfigure(0, weight=0)
        self.columnconfigure(1, weight=1)
        # Out of the Tab order: Tab goes field to field; the keyboard opens it with Alt+Down.
        self.button = ttk.Button(
            self,
            icon="calendar-week",
            icon_only=True,
            bootstyle="secondary-outline",
            takefocus=False,
            padding=(4, 1),
            command=self.pick,
        )
        self.button.grid(row=1, column=1, sticky="w", padx=(2, 0))
        self.input.bind("<Alt-Down>", lambda e: (self.pick(), "break")[1])
        self.picker: Any = None  # the calendar while it is open
        if warn is not None:
            from ..date_warning import watch_date

            watch_date(self, *warn)

    def typed_date(self) -> date | None:
        """The date typed, or None when the box is empty or does not hold a date."""
        try:
            return parse_date(self.get())
        except UserError:
            return None

    def pick(self) -> Any:
        """Open the calendar at the date typed (else today). Choosing a day writes it in the box
        as DD/MM/YYYY; Esc or a click elsewhere leaves the box as it was."""
        if self.locked:
            return None
        from ttkbootstrap.dialogs import DatePickerDialog

        top = self.winfo_toplevel()
        grabbed = top.grab_current() is top  # a modal dialog's grab would keep the clicks from it
        picker = DatePickerDialog(
            parent=self.input,
            title=self.label_text,
            start_date=self.typed_date() or date.today(),
            first_weekday=0,  # Monday, as school calendars in England are set out
            autoshow=False,
        )

        def closed(event: tkinter.Event) -> None:
            if event.widget is not picker.root:
                return
            self.picker = None
            if picker.result is not None:
                self.set(uk(picker.result))
            if grabbed and top.winfo_exists():
                top.grab_set()
            if self.winfo_exists():
                self.input.focus_set()

        picker.root.bind("<Destroy>", closed, add="+")
        if grabbed:
            top.grab_release()
        self.picker = picker
        picker.show(wait_for_result=False)
        return picker


class MessageSlot(ttk.Label):
    """An error line for an input that is not a Field (a list, a row of ticks); `label` names
    that input in the status line."""

    def __init__(self, master: tkinter.Misc, label: str = ""):
        super().__init__(master, text="", bootstyle=ERROR_STYLE, wraplength=520, justify="left")
        self.label_text = label

    def show_error(self, text: str) -> None:
        self.configure(text=text)

    def clear(self) -> None:
        self.configure(text="")

    @property
    def error_text(self) -> str:
        return str(self.cget("text"))
