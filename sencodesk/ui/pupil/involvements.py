"""The outside professionals involved with a pupil: the list, and the form to add one or change
the one chosen (they are kept for the record, never deleted: an ended one is dated as ended)."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.referrals import SERVICES, Involvement
from ...services import referrals
from .. import dialogs
from ..kit import Column, Form, Table

COLUMNS = (
    Column("service", "Service", sample="Speech and language therapy"),
    Column("who", "Professional", sample="Dr P Montgomery"),
    Column("dates", "Dates", sample="00/00/0000 to 00/00/0000", stretch=True),
    Column("report", "Latest report", sample="00/00/0000"),
)


def dates_of(i: Involvement) -> str:
    if i.started_on and i.ended_on:
        return f"{uk(i.started_on)} to {uk(i.ended_on)}"
    if i.ended_on:
        return f"Ended {uk(i.ended_on)}"
    if i.started_on:
        return f"From {uk(i.started_on)} (ongoing)"
    return "Ongoing"


class InvolvementsSection(ttk.Labelframe):
    def __init__(self, master: tkinter.Misc, *, role: str | None):
        super().__init__(master, text="Outside professionals involved", padding=10)
        self.actor = None
        self.pupil_id: int | None = None
        self.hint = ttk.Label(
            self,
            bootstyle="secondary",
            text="Choose one to change it or mark it ended; they are kept for the record, never deleted.",
        )
        self.hint.pack(anchor="w")
        self.table = Table(self, COLUMNS, height=3)
        self.table.pack(fill="x")
        self.tree = self.table.tree
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected(), add="+")
        self.items: list[Involvement] = []
        self.current: Involvement | None = None  # the one in the form (None: a new one)
        self.form = Form(self, role=role, columns=3)
        self.form.pack(fill="x", pady=(6, 0))
        f = self.form
        # a list to pick from that still takes any service typed
        f.choice(
            "service",
            "Service (choose, or type another)",
            list(SERVICES.values()),
            free=True,
            width=22,
            access="involvements.service",
        )
        f.text("professional", "Professional's name", width=22, access="involvements.professional")
        f.date("started_on", "From", access="involvements.started_on")
        f.date("ended_on", "To", hint="blank if ongoing", access="involvements.ended_on")
        f.date("latest_report_on", "Latest report", access="involvements.latest_report_on")
        f.text("summary", "What they advised, in a line", width=22, access="involvements.summary")
        # each recommendation on its own line, so the request pairs it with the provision that
        # carried it out (or says it is not yet acted on)
        f.text(
            "recommendations",
            "Their recommendations, one per line",
            hint="start a line with the provision's name and ':' to pair it",
            lines=3,
            access="involvements.recommendations",
        )
        f.place_status()
        self.message = f.status
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(4, 0))
        self.save_button = ttk.Button(
            buttons, text="Add involvement", bootstyle="secondary", command=self.save
        )
        self.save_button.pack(side="right")
        self.end_button = ttk.Button(
            buttons, text="Mark ended today", bootstyle="secondary-outline", command=self.end
        )
        self.new_button = ttk.Button(buttons, text="New involvement", bootstyle="link", command=self.new)
        self.may_change = True

    @property
    def dirty(self) -> bool:
        return self.form.dirty

    @property
    def buttons(self) -> tuple[ttk.Button, ...]:
        return (self.save_button, self.end_button, self.new_button)

    def read_only(self) -> None:
        """For a role that reads who is involved but changes nothing: no buttons."""
        self.may_change = False
        for button in self.buttons:
            button.pack_forget()
        self.hint.configure(text="Choose one to see what they advised and when.")

    def load(self, actor, pupil_id: int) -> None:
        self.actor, self.pupil_id = actor, pupil_id
        self.items = referrals.involvements_for_pupil(actor, pupil_id)
        self.table.show(
            (str(i.id), (i.service, i.professional, dates_of(i), uk(i.latest_report_on))) for i in self.items
        )
        self._show(None)

    def _show(self, involvement: Involvement | None) -> None:
        """Fill the form with one involvement to change (or empty it for a new one)."""
        self.current = involvement
        self.form.clear_errors()
        self.form.load(
            {
                key: (uk(getattr(involvement, key)) if key.endswith("_on") else getattr(involvement, key))
                for key in (
                    "service",
                    "professional",
                    "summary",
                    "recommendations",
                    "started_on",
                    "ended_on",
                    "latest_report_on",
                )
            }
            if involvement
            else {}
        )
        self.save_button.configure(text="Save involvement" if involvement else "Add involvement")
        self.new_button.pack_forget()
        self.end_button.pack_forget()
        if involvement is not None:
            if involvement.ended_on is None and self.may_change:
                self.end_button.pack(side="right", padx=(0, 6))
            if self.may_change:
                self.new_button.pack(side="left")
        elif self.tree.selection():
            self.tree.selection_remove(*self.tree.selection())

    def _selected(self) -> None:
        chosen = self.table.selected()
        found = next((i for i in self.items if str(i.id) == chosen), None)
        if found is None or found is self.current:
            return
        if self.form.dirty and not dialogs.confirm(
            self,
            "What you typed about an outside professional is not saved. Show the one you chose and lose it?",
            yes="Lose my changes",
            no="Keep editing",
        ):
            if self.current is not None:
                self.tree.selection_set(str(self.current.id))
            else:
                self.tree.selection_remove(chosen)
            return
        self._show(found)

    def save(self) -> bool:
        """Add the involvement typed, or save the changes to the one chosen in the list."""
        current, values = self.current, self.form.collect()

        def save_it() -> None:
            if current is None:
                referrals.add_involvement(self.actor, self.pupil_id, values)
            else:
                referrals.update_involvement(self.actor, current.id, current.version, values)

        if not self.form.submit(save_it):
            return False
        self.load(self.actor, self.pupil_id)
        self.form.say("Involvement added." if current is None else "Involvement saved.", "success")
        return True

    def end(self) -> bool:
        """The professional's work with the pupil has finished: kept, dated as ended today."""
        if self.current is None:
            return False
        self.form.fields["ended_on"].set(uk(date.today()))
        return self.save()

    def new(self) -> None:
        if self.form.dirty and not dialogs.confirm(
            self,
            "What you typed about this outside professional is not saved. Start a new one and lose it?",
            yes="Lose my changes",
            no="Keep editing",
        ):
            return
        self._show(None)
