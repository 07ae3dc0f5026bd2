"""Asking staff for their observations of a pupil (the SENCO), and answering or declining a
request (the member of staff asked, from their dashboard)."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from datetime import date
from typing import Any

import ttkbootstrap as ttk

from ..domain import codes
from ..domain.dates import uk
from ..domain.staff_requests import RequestForMe, StaffChoice
from ..services import staff_requests
from ..services.actor import Actor
from .kit import FormDialog, MessageSlot, TextField
from .pupil.details import DATE_HINT
from .widgets import Field

WRAP = 640
# Said to everyone who answers: where their words go, and who reads them.
WHO_READS = (
    "Your answers go on the pupil's record with your name, your subject and today's date, as "
    "evidence of their needs and progress. The SENCO and the headteacher read them, and the "
    "SENCO may print them in reports for the local authority, outside services and the pupil's "
    "parents. Other staff do not see them."
)


def where(pupil) -> str:
    """'Year 4, 4B' for a pupil reference."""
    return ", ".join(x for x in (codes.year_label(pupil.year_group), pupil.class_name) if x)


def _scrolled(body: ttk.Frame, height: int) -> ttk.Frame:
    """The dialog's inputs in a column that scrolls, so a 768-high screen at large text still
    shows the buttons."""
    scroller = ttk.ScrolledFrame(body, auto_hide=True, height=height, width=WRAP + 40)
    scroller.pack(fill="both", expand=True)
    inner = ttk.Frame(scroller, padding=(0, 0, 14, 0))
    inner.pack(fill="both", expand=True)
    return inner


class AskStaffDialog(FormDialog):
    """The SENCO's request: why, by when, whom (the pupil's own staff ticked), a note, the
    questions (the default set, one a line, edited for this request)."""

    SAVE_TEXT = "Send request"

    def __init__(
        self,
        parent: tkinter.Misc,
        actor: Actor,
        pupil_id: int,
        pupil_name: str,
        *,
        on_done: Callable[[int], None] | None = None,
    ):
        super().__init__(parent, f"Ask staff for observations: {pupil_name}", on_done=on_done, width=WRAP)
        self.actor, self.pupil_id = actor, pupil_id
        start = staff_requests.new_request_form(actor, pupil_id)
        self.purposes: list[tuple[str, str]] = start["purposes"]
        body = _scrolled(self.body, 470)
        ttk.Label(
            body,
            text=f"Ask {pupil_name}'s teachers what they see. Each finds the request on their "
            "dashboard when they sign in, and their answers come back to this record.",
            wraplength=WRAP,
            justify="left",
        ).pack(anchor="w", pady=(0, 6))
        self.purpose = Field(
            body,
            "Why you are asking",
            kind="combo",
            values=tuple(label for _, label in self.purposes),
            width=60,
        )
        self.purpose.set(dict(self.purposes).get(start["purpose"], ""))
        self.purpose.pack(anchor="w", fill="x")
        self.due_on = Field(body, "Reply wanted by", hint=DATE_HINT, width=14)
        self.due_on.set(start["due_on"])
        self.due_on.pack(anchor="w", pady=(4, 0))
        ttk.Label(body, text="Whom to ask (the pupil's own staff are ticked)").pack(anchor="w", pady=(8, 0))
        self.staff_box = ttk.Frame(body)
        self.staff_box.pack(anchor="w", fill="x")
        self.ticks: dict[int, tkinter.BooleanVar] = {}
        self.choices = staff_requests.recipient_choices(actor, pupil_id)
        for choice in self.choices:
            self._tick(choice)
        if not self.choices:
            ttk.Label(
                self.staff_box,
                text="There are no Teacher/TA accounts yet: add them in Accounts first.",
                bootstyle="danger",
            ).pack(anchor="w")
        self.staff_slot = MessageSlot(body)
        self.staff_slot.pack(anchor="w")
        self.note = TextField(body, "A note to the staff (optional: they see it with the questions)", lines=2)
        self.note.pack(fill="x", pady=(4, 0))
        self.questions = TextField(body, "The questions, one a line (edit them for this request)", lines=7)
        self.questions.set("\n".join(start["questions"]))
        self.questions.pack(fill="x", pady=(4, 0))
        self.fields = {
            "purpose": self.purpose,
            "due_on": self.due_on,
            "recipients": self.staff_slot,
            "note": self.note,
            "questions": self.questions,
        }

    def _tick(self, choice: StaffChoice) -> None:
        """A tick for the member of staff, and under it why they are suggested."""
        var = tkinter.BooleanVar(master=self, value=choice.ticked)
        self.ticks[choice.user_id] = var
        ttk.Checkbutton(self.staff_box, text=choice.name, variable=var).pack(anchor="w", pady=(2, 0))
        why = [*choice.reasons, *([] if choice.can_sign_in else ["cannot sign in yet (no password)"])]
        if why:
            ttk.Label(
                self.staff_box,
                text="; ".join(why),
                bootstyle="secondary",
                wraplength=WRAP - 30,
                justify="left",
            ).pack(anchor="w", padx=(26, 0))

    def choose(self, *names: str) -> None:
        """Tick exactly these staff (by name): for tests and callers."""
        for choice in self.choices:
            self.ticks[choice.user_id].set(choice.name in names)

    def form(self) -> dict[str, Any]:
        label = self.purpose.get()
        return {
            "purpose": next((key for key, text in self.purposes if text == label), ""),
            "due_on": self.due_on.get(),
            "recipients": [user_id for user_id, var in self.ticks.items() if var.get()],
            "note": self.note.get(),
            "questions": self.questions.get(),
        }

    def submit(self) -> int:
        return staff_requests.send_request(self.actor, self.pupil_id, self.form())


class AnswerDialog(FormDialog):
    """The member of staff asked answers: their subject, then a box for each question. The
    pupil's name and class, why it is asked, the SENCO's note and the reply-by date are shown;
    nothing else of the pupil's record."""

    SAVE_TEXT = "Send answers"

    def __init__(
        self,
        parent: tkinter.Misc,
        actor: Actor,
        recipient_id: int,
        *,
        on_done: Callable[[Any], None] | None = None,
        today: date | None = None,
    ):
        self.request: RequestForMe = staff_requests.request_for_me(actor, recipient_id)
        r = self.request
        super().__init__(parent, f"Your observations: {r.pupil.name}", on_done=on_done, width=WRAP)
        self.actor, self.recipient_id = actor, recipient_id
        today = today or date.today()
        ttk.Label(self.body, text=f"{r.pupil.name} ({where(r.pupil)})", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            self.body,
            text=f"{r.purpose_label}. Asked by {r.asked_by} on {uk(r.asked_on)}.",
            wraplength=WRAP,
            justify="left",
        ).pack(anchor="w")
        self.due_line = ttk.Label(
            self.body, text=r.due_words(today), bootstyle="danger" if r.overdue(today) else "secondary"
        )
        self.due_line.pack(anchor="w")
        # where the words go, said before anything is typed (and never scrolled out of sight)
        ttk.Label(self.body, text=WHO_READS, bootstyle="secondary", wraplength=WRAP, justify="left").pack(
            anchor="w", pady=(4, 0)
        )
        body = _scrolled(self.body, 380)
        if r.note:
            ttk.Label(body, text=f"The SENCO's note: {r.note}", wraplength=WRAP, justify="left").pack(
                anchor="w", pady=(4, 0)
            )
        self.subject = Field(body, "Your subject with this pupil (or 'Class teacher', 'TA')", width=40)
        self.subject.set(r.subject)
        self.subject.pack(anchor="w", pady=(6, 0))
        given = {a.question: a.answer for a in r.answers}
        self.answers: list[TextField] = []
        for i, question in enumerate(r.questions):
            box = TextField(body, f"{i + 1}. {question}", lines=3)
            box.label.configure(wraplength=WRAP, justify="left")
            box.set(given.get(question, ""))
            box.pack(fill="x", pady=(6, 0))
            self.answers.append(box)
        self.answers_slot = MessageSlot(body)
        self.answers_slot.pack(anchor="w")
        self.fields = {"subject": self.subject, "answers": self.answers_slot} | {
            f"answers.{i}": box for i, box in enumerate(self.answers)
        }
        self.decline_button = ttk.Button(
            self.save_button.master,
            text="I cannot answer…",
            bootstyle="secondary-outline",
            command=self.decline,
        )
        if r.status == "sent":  # an answer already given is changed, not declined
            self.decline_button.pack(side="left")

    def form(self) -> dict[str, Any]:
        return {"subject": self.subject.get(), "answers": [box.get() for box in self.answers]}

    def submit(self) -> str:
        staff_requests.answer_request(self.actor, self.recipient_id, self.request.version, self.form())
        return "answered"

    def decline(self) -> DeclineDialog:
        """Say why they cannot answer; declining closes this dialog too."""
        dialog = DeclineDialog(self, self.actor, self.request, on_done=self._declined)
        dialog.show(self, dialog.reason.input)
        return dialog

    def _declined(self, result: str) -> None:
        self.destroy()
        self.on_done(result)


class DeclineDialog(FormDialog):
    SAVE_TEXT = "Decline the request"

    def __init__(
        self,
        parent: tkinter.Misc,
        actor: Actor,
        request: RequestForMe,
        *,
        on_done: Callable[[Any], None] | None = None,
    ):
        super().__init__(parent, f"Decline: {request.pupil.name}", on_done=on_done, width=480)
        self.actor, self.request = actor, request
        self.reason = TextField(
            self.body,
            "Why you cannot answer (the SENCO sees this and may ask someone else)",
            lines=3,
            width=50,
        )
        self.reason.pack(fill="x")
        self.fields = {"declined_reason": self.reason}

    def submit(self) -> str:
        staff_requests.decline_request(
            self.actor, self.request.recipient_id, self.request.version, self.reason.get()
        )
        return "declined"
