"""The dashboard's requests for staff observations.

A teacher/TA sees "Requests for your observations (N)": each request sent to them and not yet
answered, soonest due first, with its reply-by date (overdue in red and the word "Overdue");
choosing one opens the answer dialog. The SENCO and the head see the requests still awaiting
answers; choosing one opens the pupil's record at its Observations tab."""

from __future__ import annotations

from datetime import date
from typing import Any

import ttkbootstrap as ttk

from ...services import staff_requests
from ..observation_dialogs import where

SHOWN = 5  # the SENCO's few most urgent; the rest are on each pupil's record


class ObservationsPanel(ttk.Frame):
    def __init__(self, master: Any, main_window: Any):
        super().__init__(master)
        self.main = main_window
        self.actor = main_window.actor
        user = self.actor.user
        self.answers = user.can("observations.answer")  # a teacher's own requests
        self.reads = user.can("observations.read")  # the SENCO's (and head's) awaited list
        self.heading = ttk.Label(self, text="", font="TkHeadingFont")
        self.heading.pack(anchor="w", pady=(18, 2))
        self.note = ttk.Label(self, text="", bootstyle="secondary", wraplength=560, justify="left")
        self.note.pack(anchor="w")
        self.lines = ttk.Frame(self)
        self.lines.pack(anchor="w", fill="x", pady=(4, 0))
        self.buttons: list[ttk.Button] = []
        self.refresh()

    @property
    def applies(self) -> bool:
        return self.answers or self.reads

    def refresh(self, today: date | None = None) -> None:
        if not self.applies:
            return
        today = today or date.today()
        for child in self.lines.winfo_children():
            child.destroy()
        self.buttons = []
        if self.answers:
            mine = staff_requests.my_requests(self.actor)
            self.heading.configure(text=f"Requests for your observations ({len(mine)})")
            self.note.configure(
                text="The SENCO would like to know what you see: choose one to answer it."
                if mine
                else "None waiting for you."
            )
            for r in mine:
                self._line(
                    f"{r.due_words(today)}: {r.pupil.name} ({where(r.pupil)})",
                    r.overdue(today),
                    lambda r=r: self.answer(r.recipient_id),
                )
            return
        awaited = staff_requests.awaited_requests(self.actor)
        self.heading.configure(text=f"Observations awaited from staff ({len(awaited)})")
        self.note.configure(
            text="Requests still waiting for an answer: choose one to open the pupil's record."
            if awaited
            else "No request for staff observations is waiting for an answer."
        )
        for request in awaited[:SHOWN]:
            self._line(
                request.words(today),
                request.overdue(today),
                lambda p=request.pupil.pupil_id: self.open_record(p),
            )
        if len(awaited) > SHOWN:
            ttk.Label(
                self.lines,
                text=f"and {len(awaited) - SHOWN} more, on each pupil's record",
                bootstyle="secondary",
            ).pack(anchor="w")

    def _line(self, text: str, late: bool, command: Any) -> None:
        button = ttk.Button(
            self.lines,
            text=text,
            bootstyle="danger-link" if late else "link",
            padding=(0, 1),
            command=command,
        )
        button.pack(anchor="w")
        self.buttons.append(button)

    def texts(self) -> list[str]:
        return [str(b.cget("text")) for b in self.buttons]

    def answer(self, recipient_id: int) -> Any:
        from ..observation_dialogs import AnswerDialog

        dialog = AnswerDialog(self, self.actor, recipient_id, on_done=self._answered)
        return dialog.show(self, dialog.subject.input)

    def _answered(self, result: str) -> None:
        self.refresh()
        words = "Thank you: your answers are on the pupil's record." if result == "answered" else "Declined."
        self.main.say(words)

    def open_record(self, pupil_id: int) -> Any:
        record = self.main.open_pupil(pupil_id)
        record.tabs.select(record.observations)
        return record
