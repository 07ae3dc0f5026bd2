"""Do: the sessions delivered for each provision in the plan, and logging another."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.graduated import Cycle
from ...domain.money import pounds
from ...services import cycles
from ..session_dialogs import LogSessionsDialog, allocation_row


class DoForm(ttk.Frame):
    def __init__(self, master, tab, cycle: Cycle):
        super().__init__(master, padding=8)
        self.tab, self.cycle = tab, cycle
        self.fields: dict = {}
        if not cycle.allocations:
            ttk.Label(
                self,
                wraplength=760,
                justify="left",
                text="No provision is allocated in this cycle yet. Add it in the Plan, then log "
                "the sessions delivered here.",
            ).pack(anchor="w")
            return
        ttk.Label(
            self, text="Provision in this plan: choose one to see and log its sessions", font="TkHeadingFont"
        ).pack(anchor="w")
        self.allocations = ttk.Treeview(
            self,
            columns=("provision", "staff", "pattern", "logged", "attended", "cost"),
            show="headings",
            height=min(6, len(cycle.allocations)),
            selectmode="browse",
        )
        for key, heading, width in (
            ("provision", "Provision", 180),
            ("staff", "Delivered by", 130),
            ("pattern", "Planned", 170),
            ("logged", "Sessions logged", 130),
            ("attended", "Attendance", 100),
            ("cost", "Cost a year", 110),
        ):
            self.allocations.heading(key, text=heading, anchor="w")
            self.allocations.column(key, width=width, anchor="w", stretch=key == "provision")
        for a in cycle.allocations:
            self.allocations.insert(
                "",
                "end",
                iid=str(a.id),
                values=(
                    a.provision_name,
                    a.staff or "-",
                    f"{a.session_minutes} min × {a.sessions_per_week} a week",
                    a.logged,
                    f"{a.attendance_pct}%" if a.attendance_pct is not None else "-",
                    pounds(a.cost.pence),
                ),
            )
        self.allocations.pack(fill="x")
        self.allocations.bind("<<TreeviewSelect>>", lambda e: self.show_sessions())
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(6, 0))
        self.log_button = ttk.Button(buttons, text="Log a session…", bootstyle="primary", command=self.log)
        if tab.actor.user.can("session.log"):  # the head reads the sessions; logging is for who delivers
            self.log_button.pack(side="left")
        self.message = ttk.Label(buttons, text="")
        self.message.pack(side="left", padx=(12, 0))
        self.sessions_label = ttk.Label(self, text="", font="TkHeadingFont")
        self.sessions_label.pack(anchor="w", pady=(8, 0))
        self.sessions = ttk.Treeview(
            self,
            columns=("date", "minutes", "attended", "staff", "note"),
            show="headings",
            height=8,
            selectmode="none",
        )
        for key, heading, width in (
            ("date", "Date", 100),
            ("minutes", "Minutes", 70),
            ("attended", "Attended", 80),
            ("staff", "Staff", 130),
            ("note", "Note", 360),
        ):
            self.sessions.heading(key, text=heading, anchor="w")
            self.sessions.column(key, width=width, anchor="w", stretch=key == "note")
        self.sessions.pack(fill="both", expand=True)
        self.allocations.selection_set(str(cycle.allocations[0].id))
        self.show_sessions()

    def chosen(self):
        picked = self.allocations.selection()
        return next((a for a in self.cycle.allocations if str(a.id) == picked[0]), None) if picked else None

    def show_sessions(self) -> None:
        a = self.chosen()
        self.sessions.delete(*self.sessions.get_children())
        if a is None:
            return
        rows = cycles.allocation_sessions(self.tab.actor, a.id)
        self.sessions_label.configure(text=f"Sessions of {a.provision_name} ({len(rows)}), newest first")
        for s in reversed(rows):
            self.sessions.insert(
                "",
                "end",
                values=(
                    uk(s["held_on"]),
                    s["minutes"],
                    "Yes" if s["attended"] else "No",
                    s["staff"],
                    s["note"],
                ),
            )

    def log(self) -> LogSessionsDialog | None:
        a = self.chosen()
        if a is None:
            self.message.configure(text="Choose a provision first.", bootstyle="danger")
            return None
        pupil = self.tab.pupil_name
        dialog = LogSessionsDialog(
            self,
            self.tab.actor,
            rows=[allocation_row(a, pupil, self.tab.year_group)],
            on_done=lambda logged: self.tab.reload(f"Session logged for {a.provision_name}."),
        )
        return dialog.show(self)
