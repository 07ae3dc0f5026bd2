"""Form pieces the graduated-approach screens share: a multi-line field, wording hints shown as
a person types, a dialog with Save/Cancel that puts the service's messages by their fields."""

from __future__ import annotations

import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ..domain.errors import UserError, ValidationError
from ..domain.plural import plural
from ..domain.wording import Hint
from . import dialogs
from .widgets import ERROR_STYLE, Field

Checker = Callable[[str], list[Hint]]


def hint_text(hints: list[Hint]) -> str:
    """One line per vague phrase: the phrase in quotes and how to make it specific."""
    return "\n".join(
        f"Make it specific: '{h.phrase}'. {h.hint}" if h.start >= 0 else f"Make it specific: {h.hint}"
        for h in hints
    )


class HintLine(ttk.Label):
    """The wording check's advice under a field: shown as the person types, never blocking."""

    def __init__(self, master, checker: Checker):
        # Primary, not info: the light theme's info cyan is 2:1 on white, too pale to read.
        super().__init__(master, text="", bootstyle="primary", wraplength=520, justify="left")
        self.checker = checker

    def check(self, text: str) -> None:
        self.configure(text=hint_text(self.checker(text)))

    @property
    def text(self) -> str:
        return str(self.cget("text"))


class TextField(ttk.Frame):
    """A label, a Text box of a few lines, a hint line and an error line (like Field)."""

    def __init__(
        self, master, label: str, *, height: int = 3, width: int = 60, checker: Checker | None = None
    ):
        super().__init__(master)
        self.label = ttk.Label(self, text=label)
        self.label.pack(anchor="w")
        self.input = ttk.Text(self, height=height, width=width, wrap="word", undo=True)
        self.input.pack(fill="x")
        # Tab moves on (a form of text boxes must stay keyboard-usable).
        self.input.bind("<Tab>", lambda e: (e.widget.tk_focusNext().focus_set(), "break")[1])
        self.hints = HintLine(self, checker) if checker else None
        if self.hints:
            self.hints.pack(anchor="w")
            self.input.bind("<KeyRelease>", lambda e: self.check_wording(), add="+")
        self.message = ttk.Label(self, text="", bootstyle=ERROR_STYLE, wraplength=520, justify="left")
        self.message.pack(anchor="w")

    def get(self) -> str:
        return self.input.get("1.0", "end-1c")

    def set(self, value) -> None:
        self.input.delete("1.0", "end")
        self.input.insert("1.0", "" if value is None else str(value))
        self.check_wording()

    def check_wording(self) -> None:
        if self.hints:
            self.hints.check(self.get())

    def show_error(self, text: str) -> None:
        self.message.configure(text=text)

    def clear(self) -> None:
        self.message.configure(text="")

    @property
    def error_text(self) -> str:
        return str(self.message.cget("text"))


class MessageSlot(ttk.Label):
    """An error line for an input that is not a Field (a list, a row of ticks)."""

    def __init__(self, master):
        super().__init__(master, text="", bootstyle=ERROR_STYLE, wraplength=520, justify="left")

    def show_error(self, text: str) -> None:
        self.configure(text=text)

    def clear(self) -> None:
        self.configure(text="")

    @property
    def error_text(self) -> str:
        return str(self.cget("text"))


def save_button(
    form: ttk.Frame, text: str, command, *, may_edit: bool, what: str, may_log: bool = True
) -> ttk.Button:
    """A stage form's Save at its foot; for someone who may not edit it, disabled with a line saying
    so before they type (the service refuses too; the form makes its boxes read-only and takes
    the button away). `may_log`: they may log sessions and record the review (a teacher)."""
    button = ttk.Button(form, text=text, bootstyle="primary", command=command)
    button.pack(anchor="e", pady=(8, 0))
    if not may_edit:
        button.configure(state="disabled")
        also = ", and log sessions and record the review" if may_log else ""
        ttk.Label(
            form,
            bootstyle="secondary",
            text=f"Only the SENCO changes the {what}: you can read it here{also}.",
        ).pack(anchor="e")
    return button


def watch_wording(field: Field, checker: Checker) -> HintLine:
    """Wording hints under a one-line Field, refreshed on every change of its text."""
    line = HintLine(field, checker)
    line.grid(row=3, column=0, columnspan=2, sticky="w")
    field.var.trace_add("write", lambda *_: line.check(field.get()))
    return line


def show_errors(fields: dict, errors: dict[str, str]) -> list[str]:
    """Each message by its field; the ones with no field on this form are returned."""
    other = []
    for key, message in errors.items():
        if key in fields:
            fields[key].show_error(message)
        else:
            other.append(message)
    return other


def clear_errors(fields: dict) -> None:
    for field in fields.values():
        field.clear()


def typed_state(window: tkinter.Misc) -> list:
    """What a person can change in a window (every entry, text box and tick, in order), to
    tell whether anything was typed since it opened. Windows it opened are not included."""
    state = []
    for child in window.winfo_children():
        if isinstance(child, tkinter.Toplevel):
            continue
        kind = child.winfo_class()
        if kind in ("TEntry", "TCombobox", "TSpinbox", "Entry", "Spinbox"):
            state.append(child.get())
        elif kind == "Text":
            state.append(child.get("1.0", "end"))
        elif kind in ("TCheckbutton", "TRadiobutton"):
            state.append(child.instate(["selected"]))
        state.extend(typed_state(child))
    return state


def confirm_discard(window: tkinter.Misc, as_opened: list | None) -> bool:
    """True if the window may close: nothing typed since `as_opened`, or the person said so.
    Esc is one key away from a long review, and closing drops what was typed for good."""
    if as_opened is None or typed_state(window) == as_opened:
        return True
    return dialogs.confirm(
        window,
        "You have typed things in this form that are not saved. Close it and lose them?",
        yes="Close without saving",
        no="Keep editing",
    )


class FormDialog(ttk.Toplevel):
    """A dialog with a body, a message line, and Save/Cancel. Subclasses fill `self.body`,
    put their inputs in `self.fields`, and implement `submit()` (calling a service)."""

    SAVE_TEXT = "Save"

    def __init__(self, parent, title: str, *, on_done: Callable[..., None] | None = None, width: int = 560):
        super().__init__(title=title, master=parent.winfo_toplevel())
        self.withdraw()  # shown by show(), once placed over its parent
        self.on_done = on_done or (lambda *a: None)
        self.fields: dict = {}
        outer = ttk.Frame(self, padding=14)
        outer.pack(fill="both", expand=True)
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(10, 0))
        self.message = ttk.Label(outer, text="", bootstyle=ERROR_STYLE, wraplength=width, justify="left")
        self.message.pack(side="bottom", anchor="w", fill="x")
        self.body = ttk.Frame(outer)
        self.body.pack(fill="both", expand=True)
        self.save_button = ttk.Button(buttons, text=self.SAVE_TEXT, bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        ttk.Button(buttons, text=dialogs.CANCEL, command=self.cancel).pack(side="right", padx=(0, 8))
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.as_opened: list | None = None  # what the inputs held when shown (see cancel)

    def show(self, parent, focus: tkinter.Misc | None = None) -> FormDialog:
        self.as_opened = typed_state(self)  # before run_modal: it waits until the dialog closes
        dialogs.run_modal(self, parent, focus=focus)
        return self

    def cancel(self) -> bool:
        """Close without saving; asked first if anything was typed since it opened."""
        if not confirm_discard(self, self.as_opened):
            return False
        self.destroy()
        return True

    def submit(self):
        """Each form's own save: call its service and return the result (subclasses define it)."""
        raise TypeError(f"{type(self).__name__} must define submit()")

    def save(self) -> bool:
        """Call the service; on a refusal show why by the fields and keep everything typed."""
        clear_errors(self.fields)
        self.message.configure(text="")
        try:
            result = self.submit()
        except ValidationError as e:
            other = show_errors(self.fields, e.field_errors)
            count = len(e.field_errors)
            self.message.configure(
                text=" ".join(
                    [
                        f"Nothing was saved: {plural(count, 'thing')} to correct"
                        + (", shown in red by the field." if len(other) < count else "."),
                        *other,
                    ]
                )
            )
            return False
        except UserError as e:
            self.message.configure(text=e.message)
            return False
        self.destroy()
        self.on_done(result)
        return True
