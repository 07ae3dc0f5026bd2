"""'Mark as left': the leaving date and destination, then the pupil is archived (never deleted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ...domain.dates import uk
from ...services import pupils
from ...services.actor import Actor
from ..kit import FormDialog


class LeaverDialog(FormDialog):
    SAVE_TEXT = "Mark as left"

    def __init__(
        self, master, actor: Actor, pupil_id: int, version: int, name: str, *, on_done: Callable[[], None]
    ):
        super().__init__(
            master, f"Mark {name} as left", on_done=lambda _: on_done(), columns=1, role=actor.user.role
        )
        self.actor, self.pupil_id, self.version = actor, pupil_id, version
        self.save_button.configure(bootstyle="danger")
        self.ok_button = self.save_button
        self.sheet.line(
            f"{name} will be archived: kept in SENCO desk with all their records, and "
            'hidden from the register unless you tick "Show leavers".',
            wraplength=420,
        )
        self.date_field = self.sheet.date("left_on", "Leaving date", access="pupils.left_on")
        self.destination_field = self.sheet.text(
            "destination",
            "Destination (school or setting they moved to)",
            width=40,
            access="pupils.destination",
        )
        self.date_field.set(uk(date.today()))

    def submit(self) -> None:
        values = self.collect()
        pupils.mark_leaver(self.actor, self.pupil_id, self.version, values["left_on"], values["destination"])

    ok = FormDialog.save
