"""A warning under a typed date that is not a school day (a weekend, a bank holiday, an INSET day,
the holidays): shown as the date is typed, never a refusal, since meetings do happen in holidays.

Every form where a review or meeting date is typed uses `watch_date`: the plan's review date, the
review's held-on date, a concern's look-again date, the annual review meeting, a session's date
and a referral's date."""

from __future__ import annotations

from collections.abc import Callable

import ttkbootstrap as ttk

from ..services import calendar
from ..services.actor import Actor
from .kit.fields import WARNING_STYLE, Field


def watch_date(field: Field, actor: Actor | Callable[[], Actor | None], what: str) -> ttk.Label:
    """Put a warning line under `field` (row 3 of its grid) that follows what is typed. `actor`
    may be a function giving the acting person, for a tab built before its record is loaded."""
    # WARNING_STYLE, not yellow: yellow text on white cannot be read (ui/widgets.py)
    note = ttk.Label(field, text="", bootstyle=WARNING_STYLE, wraplength=320, justify="left")
    note.grid(row=3, column=0, sticky="w")

    def update(*_: object) -> None:
        who = actor() if callable(actor) else actor
        note.configure(text=calendar.date_warning(who, field.get(), what) if who is not None else "")

    field.var.trace_add("write", update)
    update()
    return note
