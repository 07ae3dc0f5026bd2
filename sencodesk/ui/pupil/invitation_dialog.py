"""The invitation to a review meeting, from the record's Export menu: which meeting, when and
where; the letter as it will print (the school's template, edited in Settings), with each
parent's first language and any interpreter needed; then saved as a PDF or a Word file."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...services import invitations
from .. import dialogs
from ..exporting import ask_save_path, open_file
from ..kit import attempt
from ..widgets import ERROR_STYLE, Field, read_only
from .details import DATE_HINT

if TYPE_CHECKING:
    from ...reports.parent_models import InvitationModel
    from .record import PupilRecord

MEETINGS = {
    "A review of the plan for extra help": "review",
    "The annual review of the EHC plan": "annual_review",
}
DEFAULT_PLACE = "the school library"


class InvitationDialog(ttk.Toplevel):
    def __init__(self, record: PupilRecord) -> None:
        super().__init__(title="Invitation to a review meeting", master=record.winfo_toplevel())
        self.withdraw()
        self.record = record
        pupil = record.pupil
        assert pupil is not None and record.pupil_id is not None  # the menu offers it for a saved pupil
        self.actor, self.pupil_id = record.actor, record.pupil_id
        self.saved: list = []
        body = ttk.Frame(self, padding=14)
        body.pack(fill="both", expand=True)
        ttk.Label(body, text=f"A letter inviting {pupil.display_name}'s parents", font="TkHeadingFont").pack(
            anchor="w"
        )
        ttk.Label(
            body,
            text="The words are the school's letter (Settings, Letters to parents); these fill it in.",
            bootstyle="secondary",
        ).pack(anchor="w", pady=(0, 6))
        row = ttk.Frame(body)
        row.pack(fill="x")
        kinds = list(MEETINGS) if pupil.sen_status == "E" else list(MEETINGS)[:1]
        self.meeting = Field(row, "Meeting", kind="combo", values=tuple(kinds), width=34)
        self.meeting.set(kinds[-1] if pupil.sen_status == "E" else kinds[0])
        self.meeting.pack(side="left", anchor="n")
        self.day = Field(row, "Date", hint=DATE_HINT, width=12)
        self.day.pack(side="left", anchor="n", padx=(12, 0))
        self.time = Field(row, "Time", hint="e.g. 3.30pm", width=10)
        self.time.pack(side="left", anchor="n", padx=(12, 0))
        self.place = Field(body, "Where", width=50)
        self.place.set(DEFAULT_PLACE)
        self.place.pack(anchor="w", pady=(6, 0))
        self.fields = {
            "meeting": self.meeting,
            "meeting_date": self.day,
            "meeting_time": self.time,
            "place": self.place,
        }
        self._suggest_date()
        self.meeting.var.trace_add("write", lambda *a: self._suggest_date())
        for field in (self.day, self.time, self.place):
            field.input.bind("<FocusOut>", lambda e: self.preview(), add="+")
        ttk.Label(body, text="The letter as it will print", font="TkHeadingFont").pack(
            anchor="w", pady=(10, 2)
        )
        self.letter = ttk.Text(body, height=16, width=80, wrap="word")
        self.letter.pack(fill="both", expand=True)
        read_only(self.letter)
        self.message = ttk.Label(body, text="", bootstyle=ERROR_STYLE, wraplength=640, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(8, 0))
        self.pdf_button = ttk.Button(
            buttons, text="Save as PDF…", bootstyle="primary", command=lambda: self.save(".pdf")
        )
        self.pdf_button.pack(side="right")
        self.word_button = ttk.Button(
            buttons, text="Save as Word…", bootstyle="primary-outline", command=lambda: self.save(".docx")
        )
        self.word_button.pack(side="right", padx=(0, 8))
        ttk.Button(buttons, text=dialogs.CLOSE, command=self.destroy).pack(side="right", padx=(0, 8))
        ttk.Button(buttons, text="Show the letter", bootstyle="secondary-outline", command=self.preview).pack(
            side="left"
        )
        self.bind("<Escape>", lambda e: self.destroy())
        self.preview(quiet=True)  # nothing in red before anything is typed

    def _suggest_date(self) -> None:
        try:
            day = invitations.default_meeting(self.actor, self.pupil_id, MEETINGS[self.meeting.get()])
        except UserError:
            day = None
        # a review date on record that has passed is no date to invite anyone to
        self.day.set(uk(day) if day and day >= date.today() else "")

    def form(self) -> dict:
        return {
            "meeting": MEETINGS.get(self.meeting.get(), "review"),
            "meeting_date": self.day.get(),
            "meeting_time": self.time.get(),
            "place": self.place.get(),
        }

    def _model(self, *, quiet: bool = False) -> InvitationModel | None:
        form = self.form()

        def say(text: str, style: str) -> None:
            self.message.configure(text=text, bootstyle=style)

        if quiet:  # a preview as it is typed: what is missing is said only when they save
            for field in self.fields.values():
                field.clear()
        ok, model, _ = attempt(
            lambda: invitations.invitation_model(self.actor, self.pupil_id, form),
            say=(lambda text, style: None) if quiet else say,
            fields=None if quiet else self.fields,
        )
        return model if ok else None

    def preview(self, *, quiet: bool = False) -> None:
        model = self._model(quiet=quiet)
        lines = [] if model is None else [f"For {p.shown}" for p in model.parents] + ["", model.letter]
        self.letter.delete("1.0", "end")  # read-only to typing, not to the program
        self.letter.insert(
            "1.0", "\n".join(lines) if lines else "Fill in the date and time to see the letter."
        )

    def save(self, suffix: str) -> None:
        model = self._model()
        if model is None:
            return
        self.preview()
        slug = "-".join(model.pupil_name.split())
        path = ask_save_path(
            self, f"invitation_{slug}_{self.day.get().replace('/', '-')}{suffix}", suffix=suffix
        )
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            result = invitations.export_invitation(self.actor, self.pupil_id, path, self.form())
        except UserError as e:
            self.message.configure(text=e.message)
            return
        self.saved.append(result)
        notes = "\n".join(result.missing + result.notes)
        kind = "Word file" if suffix == ".docx" else "PDF"
        ask = (
            f"The letter is saved as\n{result.path}\n" + (f"\n{notes}\n" if notes else "") + "\nOpen it now?"
        )
        if dialogs.confirm(self, ask, yes="Open it", no="Not now") and not open_file(result.path):
            dialogs.show_info(self, f"SENCO desk could not open the {kind}. It is saved at:\n{result.path}")

    def show(self) -> InvitationDialog:
        dialogs.run_modal(self, self.record, focus=self.time.input)
        return self
