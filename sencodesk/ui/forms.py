"""Form pieces the graduated-approach screens share, under the names they import: the kit's
dialog and fields (ui/kit), a stage form's Save button, and wording hints under a one-line
field. Phase 2 of issue 18 moves the screens that import these onto ui/kit and this module goes."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk

from . import kit
from .kit.dialog import FormDialog
from .kit.fields import Checker, HintLine, MessageSlot, hint_text
from .kit.form import confirm_discard, typed_state
from .widgets import Field

__all__ = [
    "FormDialog",
    "HintLine",
    "MessageSlot",
    "TextField",
    "clear_errors",
    "confirm_discard",
    "hint_text",
    "save_button",
    "show_errors",
    "typed_state",
    "watch_wording",
]


class TextField(kit.TextField):
    """The stage forms' box of a few lines (3 unless told): the kit's text field."""

    def __init__(
        self,
        master: tkinter.Misc,
        label: str,
        *,
        height: int = 3,
        width: int = 60,
        checker: Checker | None = None,
    ):
        super().__init__(master, label, lines=height, width=width, checker=checker)


def save_button(
    form: ttk.Frame, text: str, command: Callable[[], Any], *, may_edit: bool, what: str, may_log: bool = True
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


def show_errors(fields: dict[str, Any], errors: dict[str, str]) -> list[str]:
    """Each message by its field; the ones with no field on this form are returned."""
    other = []
    for key, message in errors.items():
        if key in fields:
            fields[key].show_error(message)
        else:
            other.append(message)
    return other


def clear_errors(fields: dict[str, Any]) -> None:
    for field in fields.values():
        field.clear()
