"""The Save at the foot of a graduated-approach stage form (assess, plan), and what it says to
someone who may read the stage but not change it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ttkbootstrap as ttk


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
