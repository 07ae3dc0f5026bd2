"""'Mark as left': the leaving date and destination, then the pupil is archived (never deleted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import Conflict, ValidationError
from ...services import pupils
from ...services.actor import Actor
from .. import dialogs
from ..forms import confirm_discard, typed_state
from ..widgets import Field
from .details import DATE_HINT


class LeaverDialog(ttk.Toplevel):
    def __init__(
        self, master, actor: Actor, pupil_id: int, version: int, name: str, *, on_done: Callable[[], None]
    ):
        super().__init__(title=f"Mark {name} as left", resizable=(False, False), master=master)
        self.withdraw()  # shown by show(), once placed over its parent
        self.actor, self.pupil_id, self.version, self.on_done = actor, pupil_id, version, on_done
        body = ttk.Frame(self, padding=16)
        body.pack(fill="both", expand=True)
        ttk.Label(
            body,
            wraplength=420,
            justify="left",
            text=f"{name} will be archived: kept in SENCO desk with all their records, and "
            'hidden from the register unless you tick "Show leavers".',
        ).pack(anchor="w")
        self.date_field = Field(body, "Leaving date", hint=DATE_HINT)
        self.date_field.set(uk(date.today()))
        self.date_field.pack(fill="x", pady=(10, 0))
        self.destination_field = Field(body, "Destination (school or setting they moved to)", width=40)
        self.destination_field.pack(fill="x")
        self.message = ttk.Label(body, text="", bootstyle="danger", wraplength=420)
        self.message.pack(anchor="w")
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(10, 0))
        self.ok_button = ttk.Button(buttons, text="Mark as left", bootstyle="danger", command=self.ok)
        self.ok_button.pack(side="right")
        ttk.Button(buttons, text=dialogs.CANCEL, command=self.cancel).pack(side="right", padx=(0, 8))
        self.bind("<Return>", lambda e: self.ok())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.as_opened: list | None = None
        self.date_field.input.focus_set()

    def ok(self) -> None:
        self.date_field.clear()
        self.message.configure(text="")
        try:
            pupils.mark_leaver(
                self.actor, self.pupil_id, self.version, self.date_field.get(), self.destination_field.get()
            )
        except ValidationError as e:
            for key, text in e.field_errors.items():
                (self.date_field if key == "left_on" else self.destination_field).show_error(text)
            return
        except Conflict as e:
            self.message.configure(text=e.message)
            return
        self.destroy()
        self.on_done()

    def show(self, parent) -> None:
        self.as_opened = typed_state(self)
        dialogs.run_modal(self, parent, focus=self.date_field.input)

    def cancel(self) -> None:
        if confirm_discard(self, self.as_opened):
            self.destroy()
