"""Meetings tab: each meeting with the pupil's parents or carers (date, how, who, what was agreed),
this school year's count against the Code of Practice's three (6.65), term by term, and the
reviews a parent came to, which count without being typed again."""

from __future__ import annotations

import tkinter
from datetime import date
from typing import TYPE_CHECKING

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.parent_meetings import HOW, TARGET, ParentMeeting
from ...services import parent_meetings
from ...services.parent_meetings import PupilMeetings
from .. import dialogs
from ..kit import FormDialog, TextField
from ..widgets import Field
from .details import DATE_HINT

if TYPE_CHECKING:
    from .record import PupilRecord

CODE_LINE = (
    "The SEND Code of Practice (6.65) asks schools to meet the parents of a pupil on SEN support "
    f"at least {TARGET} times a year. A review a parent came to counts as a meeting; a meeting "
    "recorded for the same day as a review is counted once."
)
WRAP = 760


class MeetingsTab(ttk.Frame):
    def __init__(self, master: tkinter.Misc, record: PupilRecord) -> None:
        super().__init__(master, padding=12)
        self.record = record
        self.data: PupilMeetings | None = None
        self.shown: list[ParentMeeting] = []
        self.summary = ttk.Label(self, text="", font="TkHeadingFont", wraplength=WRAP, justify="left")
        self.summary.pack(anchor="w")
        self.terms = ttk.Label(self, text="", wraplength=WRAP, justify="left")
        self.terms.pack(anchor="w", pady=(2, 0))
        ttk.Label(self, text=CODE_LINE, bootstyle="secondary", wraplength=WRAP, justify="left").pack(
            anchor="w", pady=(2, 8)
        )
        buttons = ttk.Frame(self)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.add_button = ttk.Button(buttons, text="Record a meeting…", bootstyle="primary", command=self.add)
        self.add_button.pack(side="left")
        self.edit_button = ttk.Button(
            buttons, text="Change…", bootstyle="secondary-outline", command=self.edit
        )
        self.edit_button.pack(side="left", padx=(8, 0))
        self.remove_button = ttk.Button(
            buttons, text="Remove…", bootstyle="danger-outline", command=self.remove
        )
        self.remove_button.pack(side="left", padx=(8, 0))
        self.note = ttk.Label(buttons, text="", bootstyle="secondary", wraplength=420, justify="left")
        self.note.pack(side="left", padx=(12, 0))
        self.tree = ttk.Treeview(self, columns=("date", "how", "who", "agreed"), show="headings", height=8)
        for key, heading, width, stretch in (
            ("date", "Date", 95, False),
            ("how", "How", 150, False),
            ("who", "Who was there", 260, False),
            ("agreed", "What was agreed", 320, True),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=stretch)
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.edit())
        self.tree.bind("<Return>", lambda e: self.edit())
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected(), add="+")

    @property
    def dirty(self) -> bool:
        return False  # every change here is saved by its own dialog

    def load(self) -> None:
        record = self.record
        if record.pupil_id is None:
            self.summary.configure(text="Save the new pupil first: meetings belong to a saved record.")
            self.add_button.configure(state="disabled")
            return
        try:
            self.data = parent_meetings.pupil_meetings(record.actor, record.pupil_id)
        except UserError as e:
            self.summary.configure(text=e.message)
            self.add_button.configure(state="disabled")
            return
        year, today = self.data.year, date.today()
        words = year.words(today)
        self.summary.configure(
            text=f"Meetings with parents: {words}"
            + ("" if self.data.on_sen_support else " (the three a year are for pupils on SEN support)")
        )
        terms = "   ".join(f"{t.name.capitalize()}: {t.meetings}" for t in year.terms)
        if year.approximate:
            terms += "   (terms on the typical pattern: set the school's in Settings, School calendar)"
        self.terms.configure(text=terms)
        self.tree.delete(*self.tree.get_children())
        self.shown = list(self.data.meetings)
        for i, m in enumerate(self.shown):
            agreed = " ".join(m.agreed.split())
            self.tree.insert("", "end", iid=str(i), values=(uk(m.held_on), m.kind, m.attendees, agreed))
        self.add_button.configure(state="normal")
        self._selected()

    def chosen(self) -> ParentMeeting | None:
        picked = self.tree.selection()
        return self.shown[int(picked[0])] if picked else None

    def _selected(self) -> None:
        m = self.chosen()
        typed = m is not None and not m.is_review
        for button in (self.edit_button, self.remove_button):
            button.configure(state="normal" if typed else "disabled")
        self.note.configure(
            text="A review is changed on the Support tab, where it was recorded." if m and m.is_review else ""
        )

    def add(self) -> MeetingDialog:
        return MeetingDialog(self, None).show(self.record)

    def edit(self) -> MeetingDialog | None:
        m = self.chosen()
        if m is None or m.is_review:
            return None
        return MeetingDialog(self, m).show(self.record)

    def remove(self) -> bool:
        m = self.chosen()
        if m is None or m.is_review or m.id is None:
            return False
        if not dialogs.confirm(
            self,
            f"Remove the meeting of {uk(m.held_on)} with {m.attendees}? It stays in the record's history.",
            yes="Remove it",
            no="Keep it",
        ):
            return False
        try:
            parent_meetings.delete_meeting(self.record.actor, m.id, m.version)
        except UserError as e:
            dialogs.show_error(self, e.message)
            return False
        self.changed("Meeting removed.")
        return True

    def changed(self, words: str) -> None:
        self.load()
        if self.data is not None:
            words += f" {self.data.year.count} of {TARGET} this school year."
        self.record.set_banner(words, "success")
        if self.record.pupil_id is not None:  # the dashboard's count follows
            self.record.on_saved(self.record, self.record.pupil_id)


class MeetingDialog(FormDialog):
    SAVE_TEXT = "Save meeting"

    def __init__(self, tab: MeetingsTab, meeting: ParentMeeting | None) -> None:
        title = "Record a meeting with parents" if meeting is None else "Change a meeting with parents"
        super().__init__(tab, title)
        self.tab, self.meeting = tab, meeting
        self.held_on = Field(self.body, "Date of the meeting", hint=DATE_HINT, width=14)
        self.held_on.pack(anchor="w")
        self.how = Field(self.body, "How", kind="combo", values=tuple(HOW.values()), width=18)
        self.how.pack(anchor="w", pady=(6, 0))
        self.attendees = Field(self.body, "Who was there (names, and who they are)", width=60)
        self.attendees.pack(anchor="w", fill="x", pady=(6, 0))
        self.agreed = TextField(
            self.body, "What was agreed (what school will do, what home will do)", lines=5
        )
        self.agreed.pack(fill="x", pady=(6, 0))
        self.fields = {
            "held_on": self.held_on,
            "how": self.how,
            "attendees": self.attendees,
            "agreed": self.agreed,
        }
        if meeting is None:
            self.held_on.set(uk(date.today()))
            self.how.set(HOW["in_person"])
        else:
            self.held_on.set(uk(meeting.held_on))
            self.how.set(HOW.get(meeting.how, HOW["in_person"]))
            self.attendees.set(meeting.attendees)
            self.agreed.set(meeting.agreed)

    def form(self) -> dict:
        how = next((k for k, v in HOW.items() if v == self.how.get()), "in_person")
        return {
            "held_on": self.held_on.get(),
            "how": how,
            "attendees": self.attendees.get(),
            "agreed": self.agreed.get(),
        }

    def submit(self) -> int:
        actor, pupil_id = self.tab.record.actor, self.tab.record.pupil_id
        assert pupil_id is not None  # the tab offers no meeting for an unsaved pupil
        if self.meeting is None or self.meeting.id is None:
            return parent_meetings.record_meeting(actor, pupil_id, self.form())
        parent_meetings.update_meeting(actor, self.meeting.id, self.meeting.version, self.form())
        return self.meeting.id

    def save(self) -> bool:
        saved = super().save()
        if saved:
            self.tab.changed("Meeting saved.")
        return saved

    def show(self, parent, focus=None) -> MeetingDialog:
        super().show(parent, focus or self.attendees.input)
        return self
