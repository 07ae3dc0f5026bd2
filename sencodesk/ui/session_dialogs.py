"""Logging delivered sessions: one date, the pupils listed, attended ticked per pupil, one Save.

Opened for one pupil's provision (the Do stage) or for a whole group (choose the provision,
every pupil with it in an open cycle is listed)."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ..domain import codes
from ..domain.dates import uk
from ..domain.errors import AlreadyRecorded
from ..services import cycles
from ..services.actor import Actor
from . import dialogs
from .date_warning import watch_date
from .kit import FormDialog, MessageSlot
from .pupil.details import DATE_HINT
from .widgets import Field

NOBODY = "(not named)"


class PupilTick(ttk.Frame):
    """One line of the group: log this pupil?  attended?  and the reason it was refused."""

    def __init__(self, master, row: dict):
        super().__init__(master)
        self.row = row
        self.log_var = tkinter.BooleanVar(master=self, value=True)
        self.attended_var = tkinter.BooleanVar(master=self, value=True)
        name = f"{row['pupil']} ({codes.year_label(row['year_group'])})"
        ttk.Checkbutton(self, text=name, variable=self.log_var, width=34).grid(row=0, column=0, sticky="w")
        self.attended = ttk.Checkbutton(self, text="Attended", variable=self.attended_var)
        self.attended.grid(row=0, column=1, sticky="w", padx=(8, 0))
        ttk.Label(self, text=f"{row['provision']}, {row['minutes']} min", bootstyle="secondary").grid(
            row=0, column=2, sticky="w", padx=(12, 0)
        )
        self.slot = MessageSlot(self)
        self.slot.grid(row=1, column=0, columnspan=3, sticky="w")

    def show_error(self, text: str) -> None:
        self.slot.show_error(text)

    def clear(self) -> None:
        self.slot.clear()


class LogSessionsDialog(FormDialog):
    SAVE_TEXT = "Save sessions"

    def __init__(self, parent, actor: Actor, *, rows: list[dict] | None = None, on_done=None):
        title = "Log a session" if rows else "Log a session for a group"
        super().__init__(parent, title, on_done=on_done)
        self.actor = actor
        self.ticks: list[PupilTick] = []
        self.fields: dict = {}
        if rows is None:
            everything = cycles.loggable_allocations(actor)
            self.by_provision: dict[str, list[dict]] = {}
            for r in everything:
                self.by_provision.setdefault(r["provision"], []).append(r)
            self.provision = Field(
                self.body,
                "Provision (the group's pupils are listed below)",
                kind="combo",
                values=tuple(sorted(self.by_provision)),
                width=36,
            )
            self.provision.pack(anchor="w")
            self.provision.var.trace_add("write", lambda *_: self._provision_chosen())
            if not everything:
                ttk.Label(
                    self.body,
                    bootstyle="secondary",
                    wraplength=520,
                    text="No provision is running in an open cycle yet: allocate provision in a "
                    "pupil's plan first.",
                ).pack(anchor="w")
        line = ttk.Frame(self.body)
        line.pack(fill="x", pady=(6, 0))
        self.held_on = Field(line, "Session date", hint=DATE_HINT, width=12)
        self.held_on.set(uk(date.today()))
        self.held_on.pack(side="left", anchor="n")
        self.closed_note = watch_date(self.held_on, actor, "The session date")
        self.minutes = Field(line, "Minutes", hint="blank: as planned", width=8)
        self.minutes.pack(side="left", padx=(12, 0), anchor="n")
        staff = cycles.staff_choices(actor)
        self.staff_ids = {name: uid for uid, name in staff}
        self.staff = Field(line, "Delivered by", kind="combo", values=(NOBODY, *self.staff_ids), width=22)
        self.staff.input.configure(state="normal")  # a visiting therapist may not have an account
        # Who delivered it: the member of staff the plan names for it, else the person logging.
        self.mine = next((name for uid, name in staff if uid == actor.user.id), None) or NOBODY
        self.staff_default = planned_staff(rows or []) or self.mine
        self.staff.set(self.staff_default)
        self.staff.pack(side="left", padx=(12, 0), anchor="n")
        if rows is None:  # choosing who delivered it re-ticks that person's group
            self.staff.var.trace_add(
                "write", lambda *_: self.list_pupils(self.by_provision.get(self.provision.get(), []))
            )
        self.note = Field(self.body, "Short note (optional, for every pupil below)", width=60)
        self.note.pack(anchor="w", pady=(4, 0))
        ttk.Label(
            self.body,
            text="Untick a pupil who was not part of this session; untick Attended for one who was absent.",
            bootstyle="secondary",
            wraplength=540,
        ).pack(anchor="w", pady=(6, 0))
        # A provision may run for 40 pupils across several groups: the list scrolls.
        scroller = ttk.ScrolledFrame(self.body, auto_hide=True, height=220, width=560)
        scroller.pack(fill="both", expand=True)
        self.pupil_box = ttk.Frame(scroller)
        self.pupil_box.pack(fill="both", expand=True)
        self.entries_slot = MessageSlot(self.body)
        self.entries_slot.pack(anchor="w")
        self.fields = {"held_on": self.held_on, "staff": self.staff, "entries": self.entries_slot}
        self.list_pupils(rows if rows is not None else [])

    def _provision_chosen(self) -> None:
        rows = self.by_provision.get(self.provision.get(), [])
        if self.staff.get().strip() == self.staff_default:  # not changed by the person: follow the plan
            self.staff_default = planned_staff(rows) or self.mine
            self.staff.set(self.staff_default)
        self.list_pupils(rows)

    def list_pupils(self, rows: list[dict]) -> None:
        for tick in self.ticks:
            tick.destroy()
        # Until a provision is chosen the list would be a blank box: say what fills it.
        if not hasattr(self, "empty_note"):
            self.empty_note = ttk.Label(
                self.pupil_box,
                bootstyle="secondary",
                text="Choose a provision above: its pupils are listed here.",
            )
        if rows:
            self.empty_note.pack_forget()
        else:
            self.empty_note.pack(anchor="w", pady=(8, 0))
        self.ticks = [PupilTick(self.pupil_box, r) for r in rows]
        # Several groups run the same provision: tick the ones the chosen person delivers to.
        staff = self.staff.get().strip()
        theirs = [t for t in self.ticks if staff != NOBODY and t.row.get("staff") == staff]
        for tick in self.ticks:
            tick.pack(anchor="w", fill="x")
            tick.log_var.set(not theirs or tick in theirs)
            self.fields[f"allocation_{tick.row['allocation_id']}"] = tick

    def submit(self):
        minutes = self.minutes.get().strip()
        entries = [
            {
                "allocation_id": t.row["allocation_id"],
                "attended": t.attended_var.get(),
                "minutes": minutes or None,
                "note": self.note.get(),
            }
            for t in self.ticks
            if t.log_var.get()
        ]
        staff = self.staff.get().strip()
        user_id = self.staff_ids.get(staff)

        def log(replace: bool) -> cycles.Logged:
            return cycles.log_sessions(
                self.actor,
                self.held_on.get(),
                entries,
                staff_user_id=user_id,
                staff_name="" if user_id or staff == NOBODY else staff,
                replace=replace,
            )

        try:
            return log(replace=False)
        except AlreadyRecorded as e:  # someone's session for that day: replaced only if they say so
            if not dialogs.confirm(self, e.question, yes="Replace it", no="Keep the one logged"):
                raise
            return log(replace=True)


def planned_staff(rows: list[dict]) -> str | None:
    """The member of staff the plan names for every one of these pupils' provision, if one."""
    named = {r.get("staff") or "" for r in rows}
    return (named.pop() or None) if len(named) == 1 else None


def allocation_row(a, pupil: str, year_group: str) -> dict:
    """A pupil's allocation as the dialog lists it."""
    return {
        "allocation_id": a.id,
        "provision": a.provision_name,
        "pupil": pupil,
        "year_group": year_group,
        "minutes": a.session_minutes,
        "staff": a.staff,
    }
