"""Concerns: open concerns oldest first, and pupils being monitored whose look-again date has
come; raise a concern (any member of staff) and triage one (the SENCO)."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.graduated import Concern
from ...services import concerns
from ..concern_dialogs import RaiseConcernDialog, TriageDialog


def _table(master, columns) -> ttk.Treeview:
    tree = ttk.Treeview(
        master, columns=[c[0] for c in columns], show="headings", height=7, selectmode="browse"
    )
    for key, heading, width, stretch in columns:
        tree.heading(key, text=heading, anchor="w")
        tree.column(key, width=width, anchor="w", stretch=stretch)
    return tree


def _areas(c: Concern) -> str:
    return ", ".join(c.areas) or "-"


class ConcernsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        self.open: list[Concern] = []
        self.due: list[Concern] = []
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="Concerns", font="TkHeadingFont").pack(side="left")
        self.raise_button = ttk.Button(
            top, text="Raise a concern…", bootstyle="primary", command=self.raise_concern
        )
        if self.actor.user.can("concern.raise"):  # the head reads concerns; staff raise them
            self.raise_button.pack(side="right")
        self.status = ttk.Label(self, text="", wraplength=900, justify="left")
        self.status.pack(anchor="w", pady=(6, 6))
        self.can_read = self.actor.user.can("concern.read")
        if not self.can_read:
            self.status.configure(
                text="Raise a concern about any pupil here. The SENCO reads each "
                "one and decides what happens next."
            )
            return
        self.open_label = ttk.Label(self, text="Open concerns (oldest first)", font="TkHeadingFont")
        self.open_label.pack(anchor="w")
        self.open_tree = _table(
            self,
            (
                ("raised", "Raised", 90, False),
                ("pupil", "Pupil", 180, False),
                ("year", "Year / class", 120, False),
                ("areas", "Areas", 90, False),
                ("seen", "What was seen", 360, True),
                ("by", "Raised by", 120, False),
            ),
        )
        self.open_tree.pack(fill="both", expand=True)
        self.due_label = ttk.Label(self, text="", font="TkHeadingFont")
        self.due_label.pack(anchor="w", pady=(10, 0))
        self.due_tree = _table(
            self,
            (
                ("look", "Look again on", 130, False),
                ("pupil", "Pupil", 180, False),
                ("year", "Year / class", 120, False),
                ("areas", "Areas", 90, False),
                ("reason", "What to look for", 360, True),
            ),
        )
        self.due_tree.pack(fill="both", expand=True)
        actions = ttk.Frame(self)
        actions.pack(fill="x", pady=(8, 0))
        self.triage_button = ttk.Button(
            actions, text="Triage the chosen concern…", command=self.triage_selected
        )
        self.open_record_button = ttk.Button(
            actions, text="Open pupil record", bootstyle="secondary-outline", command=self.open_record
        )
        # Triage is the SENCO's: the head reads the concerns and opens the record instead.
        may_triage = self.actor.user.can("concern.triage")
        if may_triage:
            self.triage_button.pack(side="left", padx=(0, 8))
        self.open_record_button.pack(side="left")
        chosen = self.triage_selected if may_triage else self.open_record
        hint = "Double-click or Enter on a line to " + (
            "triage it." if may_triage else "open the pupil's record."
        )
        ttk.Label(actions, bootstyle="secondary", text=hint).pack(side="left", padx=(12, 0))
        for tree in (self.open_tree, self.due_tree):
            tree.bind("<Double-1>", lambda e: chosen())
            tree.bind("<Return>", lambda e: chosen())
            tree.bind("<<TreeviewSelect>>", self._one_selection)
        self.refresh()

    def refresh(self) -> None:
        if not self.can_read:
            return
        self.open, self.due = concerns.list_concerns(self.actor)
        self.open_tree.delete(*self.open_tree.get_children())
        for c in self.open:
            self.open_tree.insert(
                "",
                "end",
                iid=str(c.id),
                values=(
                    uk(c.raised_on),
                    c.pupil.name,
                    _where(c),
                    _areas(c),
                    c.seen.replace("\n", " "),
                    c.raised_by,
                ),
            )
        self.due_tree.delete(*self.due_tree.get_children())
        for c in self.due:
            self.due_tree.insert(
                "",
                "end",
                iid=str(c.id),
                values=(
                    uk(c.look_again),
                    c.pupil.name,
                    _where(c),
                    _areas(c),
                    (c.reason or c.seen).replace("\n", " "),
                ),
            )
        self.open_label.configure(text=f"Open concerns, oldest first ({len(self.open)})")
        self.due_label.configure(text=f"Monitoring: the date to look again has come ({len(self.due)})")

    def on_show(self) -> None:
        self.refresh()

    def _one_selection(self, event) -> None:
        other = self.due_tree if event.widget is self.open_tree else self.open_tree
        if event.widget.selection() and other.selection():
            other.selection_remove(*other.selection())

    def selected(self) -> Concern | None:
        for tree, items in ((self.open_tree, self.open), (self.due_tree, self.due)):
            chosen = tree.selection()
            if chosen:
                return next(c for c in items if str(c.id) == chosen[0])
        return None

    def raise_concern(self) -> RaiseConcernDialog:
        dialog = RaiseConcernDialog(self, self.actor, on_done=self._raised)
        return dialog.show(self)

    def _raised(self, concern_id: int) -> None:
        self.refresh()
        self.status.configure(
            text="Concern saved. The SENCO will see it here to triage.", bootstyle="success"
        )

    def triage_selected(self) -> TriageDialog | None:
        concern = self.selected()
        if concern is None:
            self.status.configure(text="Choose a concern in one of the lists first.", bootstyle="danger")
            return None
        dialog = TriageDialog(
            self, self.actor, concern, on_done=lambda cycle_id, c=concern: self._triaged(c, cycle_id)
        )
        return dialog.show(self)

    def _triaged(self, concern: Concern, cycle_id: int | None) -> None:
        self.main.pupils_changed()
        if cycle_id is not None:
            self.status.configure(
                bootstyle="success",
                text=(
                    f"SEN support started for {concern.pupil.name}: cycle 1 is open in their record "
                    "(Support tab), ready for the assessment and plan."
                ),
            )
            # The next job is cycle 1's assessment: open it rather than make the SENCO search.
            record = self.main.open_pupil(concern.pupil.pupil_id)
            record.tabs.select(record.support)
        else:
            self.status.configure(text=f"Decision saved for {concern.pupil.name}.", bootstyle="success")

    def open_record(self) -> None:
        concern = self.selected()
        if concern is None:
            self.status.configure(text="Choose a concern in one of the lists first.", bootstyle="danger")
            return
        self.main.open_pupil(concern.pupil.pupil_id)


def _where(c: Concern) -> str:
    return ", ".join(x for x in (codes.year_label(c.pupil.year_group), c.pupil.class_name) if x)
