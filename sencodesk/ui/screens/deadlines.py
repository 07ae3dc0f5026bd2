"""Deadlines: every statutory date across the school in one place, overdue first (in red AND in
words: "Overdue by 12 days"), then the next 8 weeks; each line opens its record. Export to a
calendar file for Outlook. Below it, the LA consultations and the school's replies."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.ehc import REPLIES
from ...domain.errors import UserError
from ...domain.plural import plural
from ...domain.statutory import Deadline
from ...services import consultations, deadlines
from .. import dialogs
from ..save_as import ask_save_path
from ..statutory import record_forms
from ..statutory.timeline import colour_tags, set_columns

RECORD_WORDS = {
    "ehcna_request": "EHCNA request",
    "ehc_plan": "EHC plan",
    "annual_review": "Annual review",
    "consultation": "LA consultation",
    "inclusion_strategy": "Inclusion strategy",
    "parent_meetings": "Meetings with parents",
}
OWED = {"LA": "LA", "school": "School", "parent": "Parent"}


def due_words(d: Deadline, today: date) -> str:
    """In words, so colour is never the only signal."""
    if d.step.overdue(today):
        return d.step.state(today)  # "Overdue by N days"
    days = d.step.days_left(today)
    return "Due today" if days == 0 else "Due tomorrow" if days == 1 else f"Due in {days} days"


class DeadlinesScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(24, 16))
        self.main = main_window
        self.actor = main_window.actor
        self.items: dict[str, Deadline] = {}
        self.consultations: dict[str, object] = {}
        self.dialog = None
        ttk.Label(self, text="Deadlines", font="TkHeadingFont").pack(anchor="w")
        if not self.actor.user.can("statutory.read"):
            ttk.Label(self, text="Statutory deadlines are not shown to your role. Ask the SENCO.").pack(
                anchor="w"
            )
            self.tree = None
            return
        ttk.Label(
            self,
            text=(
                "Every statutory date across the school"
                if self.actor.visible_pupil_ids() is None
                else "Every statutory date of your pupils"  # a teacher's list is of their own
            )
            + ": overdue first, then the next 8 weeks. Double-click a line (or press Enter) to open "
            "its record.",
            bootstyle="secondary",
            wraplength=900,
            justify="left",
        ).pack(anchor="w", pady=(2, 6))
        self.counts = ttk.Label(self, text="")
        self.counts.pack(anchor="w", pady=(0, 4))
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        ttk.Button(
            bar, text="Export to calendar (.ics)…", bootstyle="primary-outline", command=self.export_ics
        ).pack(side="left")
        self.full_names = tkinter.BooleanVar(self, False)
        if self.actor.user.can("export.packs"):
            ttk.Checkbutton(
                bar, text="Full names in the file (otherwise initials)", variable=self.full_names
            ).pack(side="left", padx=(12, 0))
        self._build_consultations()  # packed at the bottom first, so the deadlines take the rest
        self.tree = self._tree(
            self,
            (
                ("due", "Due by", 11, False),
                ("state", "When", 19, False),
                ("pupil", "Pupil", 20, False),
                ("year", "Year", 8, False),
                ("what", "What", 34, True),
                ("owed", "Owed by", 9, False),
                ("record", "Record", 15, False),
            ),
            expand=True,
        )
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.refresh()

    def _tree(self, master, columns, *, expand: bool, height: int = 10) -> ttk.Treeview:
        frame = ttk.Frame(master)
        scroll = ttk.Scrollbar(frame, orient="vertical")
        across = ttk.Scrollbar(frame, orient="horizontal")
        scroll.pack(side="right", fill="y")  # packed first: they stay visible at any text size
        across.pack(side="bottom", fill="x")
        tree = ttk.Treeview(
            frame,
            columns=[c[0] for c in columns],
            show="headings",
            height=height,
            selectmode="browse",
            yscrollcommand=scroll.set,
            xscrollcommand=across.set,
        )
        scroll.configure(command=tree.yview)
        across.configure(command=tree.xview)
        set_columns(tree, columns)
        tree.pack(side="left", fill="both", expand=True)
        frame.pack(fill="both", expand=expand)
        return tree

    def _build_consultations(self) -> None:
        box = ttk.Frame(self)
        box.pack(side="bottom", fill="x", pady=(10, 0))
        head = ttk.Frame(box)
        head.pack(fill="x")
        ttk.Label(
            head, text="LA consultations (the school replies within 15 days)", font="TkHeadingFont"
        ).pack(side="left")
        if self.actor.user.can("statutory.edit"):
            ttk.Button(
                head, text="New consultation…", bootstyle="primary-outline", command=self.new_consultation
            ).pack(side="right")
        self.consultation_tree = self._tree(
            box,
            (
                ("received", "Received", 11, False),
                ("child", "Child", 20, False),
                ("la", "Local authority", 18, False),
                ("due", "Reply due", 11, False),
                ("reply", "Reply", 30, True),
                ("sent", "Sent", 11, False),
            ),
            expand=False,
            height=4,
        )
        self.consultation_tree.bind("<Double-1>", lambda e: self.open_consultation())
        self.consultation_tree.bind("<Return>", lambda e: self.open_consultation())

    # ---- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.tree is None:
            return
        today = date.today()
        for tree in (self.tree, self.consultation_tree):
            colour_tags(tree)  # after a change of theme the red follows it
        items = deadlines.deadlines(self.actor, today=today)
        overdue = sum(d.step.overdue(today) for d in items)
        week = sum(not d.step.overdue(today) and d.step.days_left(today) <= 7 for d in items)
        self.counts.configure(
            text=f"{overdue} overdue · {week} due in the next 7 days · "
            f"{len(items) - overdue} due in the next 8 weeks",
            bootstyle="danger" if overdue else "default",
        )
        self.tree.delete(*self.tree.get_children())
        self.items = {}
        for i, d in enumerate(items):
            iid = f"{d.uid_key}-{i}"
            self.items[iid] = d
            self.tree.insert(
                "",
                "end",
                iid=iid,
                tags=("overdue",) if d.step.overdue(today) else (),
                values=(
                    uk(d.step.due),
                    due_words(d, today),
                    d.pupil_name,
                    codes.year_label(d.year_group) if d.year_group else "",
                    d.step.what + (f" — {d.step.note}" if d.step.note else ""),
                    OWED.get(d.step.owed_by, d.step.owed_by),
                    RECORD_WORDS.get(d.record, d.record),
                ),
            )
        self._load_consultations(today)

    def _load_consultations(self, today: date) -> None:
        tree = self.consultation_tree
        tree.delete(*tree.get_children())
        self.consultations = {}
        for c in consultations.list_consultations(self.actor):
            iid = str(c.id)
            self.consultations[iid] = c
            late = c.sent_on is None and today > c.due_on
            reply = REPLIES.get(c.reply or "", "No reply yet")
            if late:
                reply = f"Overdue by {(today - c.due_on).days} days — {reply}"
            tree.insert(
                "",
                "end",
                iid=iid,
                tags=("overdue",) if late else (),
                values=(
                    uk(c.received_on),
                    c.child_name,
                    c.la_name,
                    uk(c.due_on),
                    reply,
                    uk(c.sent_on) or "—",
                ),
            )

    def on_show(self) -> None:
        self.refresh()

    # ---- actions ------------------------------------------------------------------------------
    def open_selected(self):
        selected = self.tree.selection()
        if not selected:
            return None
        return self.open_deadline(self.items[selected[0]])

    def open_deadline(self, d: Deadline):
        """The pupil's record on its EHC tab; a consultation about a child not on roll opens itself;
        the school's inclusion strategy opens its own window."""
        if d.record == "inclusion_strategy":
            return self.main.open_strategy()
        if d.pupil_id is None:
            return self._consultation_dialog(consultations.get_consultation(self.actor, d.record_id))
        record = self.main.open_pupil(d.pupil_id)
        if d.record == "parent_meetings":  # the record's Meetings tab
            record.tabs.select(record.page("meetings"))
            return record
        if hasattr(record, "ehc"):
            record.tabs.select(record.pages[record.ehc])
            record.ehc.reveal(d.record, d.record_id, d.step.key)
        return record

    def open_consultation(self):
        selected = self.consultation_tree.selection()
        if not selected:
            return None
        return self._consultation_dialog(self.consultations[selected[0]])

    def new_consultation(self):
        return self._consultation_dialog(None)

    def _consultation_dialog(self, consultation):
        self.dialog = record_forms.consultation_dialog(self, self.actor, consultation, self.refresh)
        return self.dialog

    def export_ics(self):
        path = ask_save_path(
            self,
            title="Export deadlines to a calendar file",
            initialfile="SEN deadlines.ics",
            filetypes=[("Calendar file", "*.ics")],
            extension=".ics",
        )
        if path is None:
            return None
        try:
            count = deadlines.export_ics(self.actor, path, full_names=self.full_names.get())
        except UserError as e:
            dialogs.show_error(self, e.message)
            return None
        dialogs.show_info(
            self,
            f"Saved {plural(count, 'deadline')} to {path.name}. "
            "Open it in Outlook (or any calendar) to add them.",
        )
        return count
