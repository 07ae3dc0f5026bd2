"""First start with no school set up: ask for the school's details, then open the register."""
from __future__ import annotations

from typing import Callable

import ttkbootstrap as ttk

from ..services.session import Session
from . import dialogs
from .school_form import SchoolForm


class FirstRunDialog(ttk.Toplevel):
    def __init__(self, master, session: Session, *, on_saved: Callable[[], None],
                 on_cancel: Callable[[], None]):
        super().__init__(title="Welcome to SENCO desk", resizable=(False, False), master=master)
        self.withdraw()  # shown by show(), once placed over its parent
        self.on_saved, self.on_cancel = on_saved, on_cancel
        self.saved = False
        body = ttk.Frame(self, padding=16)
        body.pack(fill="both", expand=True)
        ttk.Label(body, text="Your school's details", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(body, wraplength=460, justify="left",
                  text="SENCO desk puts these on every pack it prints for the local authority. "
                       "You can change them later in Settings.").pack(anchor="w", pady=(2, 10))
        self.form = SchoolForm(body, session)
        self.form.pack(fill="x")
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(12, 0))
        self.save_button = ttk.Button(buttons, text="Save and open the register", bootstyle="primary",
                                      command=self.save)
        self.save_button.pack(side="right")
        self.cancel_button = ttk.Button(buttons, text="Quit", command=self.cancel)
        self.cancel_button.pack(side="right", padx=(0, 8))
        self.bind("<Return>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.form.fields["school_name"].input.focus_set()

    def show(self, parent) -> None:
        dialogs.run_modal(self, parent, focus=self.form.fields["school_name"].input)

    def save(self) -> None:
        if self.form.save():
            self.saved = True
            self.destroy()
            self.on_saved()

    def cancel(self) -> None:
        self.destroy()
        self.on_cancel()
