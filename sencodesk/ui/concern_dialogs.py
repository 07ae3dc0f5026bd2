"""Raising a concern (any member of staff) and triaging it (the SENCO)."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ..domain import codes
from ..domain.cycles import TRIAGE_DECISIONS
from ..domain.dates import uk
from ..domain.errors import ValidationError
from ..domain.graduated import Concern, PupilRef
from ..services import concerns
from ..services.actor import Actor
from .date_warning import watch_date
from .kit import ChoiceField, DateField, FormDialog, MessageSlot, TextField
from .pupil import choices


def pupil_line(p: PupilRef) -> str:
    where = ", ".join(x for x in (codes.year_label(p.year_group), p.class_name) if x)
    return f"{p.surname}, {p.forename} ({where})" if where else f"{p.surname}, {p.forename}"


class PupilPicker(ttk.Frame):
    """Search by name or class, pick from the list (arrows + Enter, or a click)."""

    def __init__(self, master, pupils: list[PupilRef], height: int = 6):
        super().__init__(master)
        self.pupils = pupils
        self.shown: list[PupilRef] = []
        self.search_var = tkinter.StringVar(master=self)
        ttk.Label(self, text="Pupil: type part of a name or class, then choose").pack(anchor="w")
        self.label_text = "Pupil"
        self.search = ttk.Entry(self, textvariable=self.search_var, width=40)
        self.input = self.search  # where the keyboard goes when the pupil is to be chosen
        self.search.pack(fill="x")
        self.list = tkinter.Listbox(self, height=height, exportselection=False)
        self.list.pack(fill="x", pady=(2, 0))
        self.slot = MessageSlot(self)
        self.slot.pack(anchor="w")
        self.search_var.trace_add("write", lambda *_: self.filter())
        self.search.bind("<Down>", lambda e: (self.list.focus_set(), self.list.selection_set(0)))
        self.filter()

    def filter(self) -> None:
        words = self.search_var.get().lower().split()
        self.shown = [
            p
            for p in self.pupils
            if all(w in f"{p.forename} {p.surname} {p.class_name}".lower() for w in words)
        ][:200]
        self.list.delete(0, "end")
        for p in self.shown:
            self.list.insert("end", pupil_line(p))
        if len(self.shown) == 1:
            self.list.selection_set(0)

    def choose(self, pupil_id: int) -> None:
        # Search by the pupil's name: the unfiltered list stops at 200, and a big school's pupil
        # may be further down (and the person sees at once whom the concern is about).
        pupil = next(p for p in self.pupils if p.pupil_id == pupil_id)
        self.search_var.set(f"{pupil.forename} {pupil.surname}")
        index = next(i for i, p in enumerate(self.shown) if p.pupil_id == pupil_id)
        self.list.selection_clear(0, "end")
        self.list.selection_set(index)
        self.list.see(index)

    @property
    def pupil_id(self) -> int | None:
        chosen = self.list.curselection()
        return self.shown[chosen[0]].pupil_id if chosen else None

    def show_error(self, text: str) -> None:
        self.slot.show_error(text)

    def clear(self) -> None:
        self.slot.clear()


class RaiseConcernDialog(FormDialog):
    SAVE_TEXT = "Raise concern"

    def __init__(self, parent, actor: Actor, *, pupil_id: int | None = None, on_done=None):
        super().__init__(parent, "Raise a concern about a pupil", on_done=on_done)
        self.actor = actor
        self.picker = PupilPicker(self.body, concerns.concern_pupils(actor))
        self.picker.pack(fill="x")
        if pupil_id is not None:
            self.picker.choose(pupil_id)
        self.date_field = DateField(self.body, "Date raised")
        self.date_field.set(uk(date.today()))
        self.date_field.pack(anchor="w", pady=(6, 0))
        # Keyboard: type a name, Down into the list, Enter takes the pupil and moves on.
        for widget in (self.picker.search, self.picker.list):
            widget.bind("<Return>", lambda e: (self.date_field.input.focus_set(), "break")[1])
        ttk.Label(self.body, text="Areas of need (tick any that fit)").pack(anchor="w", pady=(6, 0))
        ticks = ttk.Frame(self.body)
        ticks.pack(anchor="w")
        self.area_vars: dict[str, tkinter.BooleanVar] = {}
        for code, label in codes.AREAS.items():
            var = tkinter.BooleanVar(master=self, value=False)
            ttk.Checkbutton(ticks, text=label, variable=var).pack(anchor="w")
            self.area_vars[code] = var
        self.areas_slot = MessageSlot(self.body, "Areas of need")
        self.areas_slot.pack(anchor="w")
        self.seen = TextField(self.body, "What have you seen? (what the pupil finds hard, and when)", lines=3)
        self.seen.pack(fill="x", pady=(4, 0))
        self.tried = TextField(self.body, "What have you tried already, and what happened?", lines=3)
        self.tried.pack(fill="x", pady=(4, 0))
        self.fields = {
            "pupil": self.picker,
            "raised_on": self.date_field,
            "areas": self.areas_slot,
            "seen": self.seen,
            "tried": self.tried,
        }

    def form(self) -> dict:
        return {
            "raised_on": self.date_field.get(),
            "seen": self.seen.get(),
            "tried": self.tried.get(),
            "areas": [code for code, var in self.area_vars.items() if var.get()],
        }

    def submit(self) -> int:
        if self.picker.pupil_id is None:
            errors = {"pupil": "Choose the pupil the concern is about from the list."}
            if not self.seen.get().strip():  # say everything missing at once, not one per Save
                errors["seen"] = "Say what you have seen: what the pupil finds hard, and when."
            raise ValidationError(errors)
        return concerns.raise_concern(self.actor, self.picker.pupil_id, self.form())

    def show(self, parent, focus=None):
        return super().show(parent, focus or self.picker.search)


class TriageDialog(FormDialog):
    SAVE_TEXT = "Save decision"

    def __init__(self, parent, actor: Actor, concern: Concern, *, on_done=None):
        super().__init__(parent, f"Triage the concern about {concern.pupil.name}", on_done=on_done)
        self.actor, self.concern = actor, concern
        areas = ", ".join(codes.AREAS[a] for a in concern.areas) or "no area given"
        ttk.Label(self.body, font="TkHeadingFont", text=pupil_line(concern.pupil)).pack(anchor="w")
        ttk.Label(
            self.body,
            wraplength=540,
            justify="left",
            text=f"Raised on {uk(concern.raised_on)} by {concern.raised_by} ({areas}).\n"
            f"Seen: {concern.seen}\nTried: {concern.tried or 'nothing recorded'}"
            + (
                f"\nMonitoring since {uk(concern.triaged_on)}: {concern.reason}"
                if concern.status == "monitoring" and concern.reason
                else ""
            ),
        ).pack(anchor="w", pady=(2, 8))
        self.decision = tkinter.StringVar(master=self, value="")
        self.panels: dict[str, ttk.Frame] = {}
        for key, label in TRIAGE_DECISIONS.items():
            ttk.Radiobutton(
                self.body, text=label, value=key, variable=self.decision, command=self.show_panel
            ).pack(anchor="w", pady=(2, 0))
            self.panels[key] = ttk.Frame(self.body, padding=(24, 2, 0, 4))
        self.decision_slot = MessageSlot(self.body, "Decision")
        self.decision_slot.pack(anchor="w")
        self.look_again = DateField(self.panels["monitor"], "Look again on")
        self.look_again.pack(anchor="w")
        watch_date(self.look_again, actor, "The date to look again")
        self.monitor_note = TextField(self.panels["monitor"], "What to look for (optional)", width=50)
        self.monitor_note.pack(anchor="w")
        support = self.panels["sen_support"]
        self.start_date = DateField(support, "SEN support starts on")
        self.start_date.set(uk(date.today()))
        self.start_date.pack(anchor="w")
        self.parents_told = DateField(support, "Parents told on (the Code requires it)")
        self.parents_told.pack(anchor="w")
        self.need = ChoiceField(
            support, "Primary need (if the pupil has none recorded yet)", choices.NEED_CHOICES, width=44
        )
        self.need.pack(anchor="w")
        ttk.Label(
            support,
            bootstyle="secondary",
            text="Sets SEN status K from that date and opens "
            "cycle 1, with this concern as its starting evidence.",
        ).pack(anchor="w")
        self.reason = TextField(self.panels["no_action"], "Reason (kept in the record)", width=50)
        self.reason.pack(anchor="w")
        self.fields = {
            "decision": self.decision_slot,
            "look_again": self.look_again,
            "reason": self.reason,
            "start_date": self.start_date,
            "parents_told_on": self.parents_told,
            "sen_start_date": self.start_date,
            "primary_need": self.need,
            "secondary_need": self.need,
        }

    def show_panel(self) -> None:
        for panel in self.panels.values():
            panel.pack_forget()
        chosen = self.decision.get()
        if chosen in self.panels:
            radio = [w for w in self.body.winfo_children() if isinstance(w, ttk.Radiobutton)]
            after = radio[list(TRIAGE_DECISIONS).index(chosen)]
            self.panels[chosen].pack(anchor="w", fill="x", after=after)

    def choose(self, decision: str) -> None:
        self.decision.set(decision)
        self.show_panel()

    def form(self) -> dict:
        decision = self.decision.get()
        reason = self.monitor_note.get() if decision == "monitor" else self.reason.get()
        return {
            "decision": decision,
            "look_again": self.look_again.get(),
            "reason": reason,
            "start_date": self.start_date.get(),
            "parents_told_on": self.parents_told.get(),
            "primary_need": choices.code_of(self.need.get()),
        }

    def submit(self) -> int | None:
        return concerns.triage_concern(self.actor, self.concern.id, self.concern.version, self.form())
