"""A warning under a typed date that is not a school day (a weekend, a bank holiday, an INSET day,
the holidays): shown as the date is typed, never a refusal, since meetings do happen in holidays."""

from __future__ import annotations

import ttkbootstrap as ttk

from ..services import calendar
from .widgets import Field


def watch_date(field: Field, actor, what: str) -> ttk.Label:
    """Put a warning line under `field` (row 3 of its grid) that follows what is typed."""
    note = ttk.Label(field, text="", bootstyle="warning", wraplength=320, justify="left")
    note.grid(row=3, column=0, sticky="w")

    def update(*_: object) -> None:
        note.configure(text=calendar.date_warning(actor, field.get(), what))

    field.var.trace_add("write", update)
    update()
    return note
