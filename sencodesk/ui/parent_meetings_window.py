"""The dashboard's list behind "parents met fewer than 3 times": pupils on SEN support whose
parents have been met fewer than three times this school year (Code of Practice 6.65), those with
a term gone by with none first; double-click (or Enter) opens the record on its Meetings tab."""

from __future__ import annotations

from datetime import date
from typing import Any

import ttkbootstrap as ttk

from ..domain import codes
from ..domain.dates import uk
from ..domain.parent_meetings import TARGET
from ..domain.plural import plural
from ..services import parent_meetings
from . import dialogs
from .widgets import text_width


class ParentMeetingsWindow(ttk.Toplevel):
    def __init__(self, main_window: Any) -> None:
        super().__init__(title="Meetings with parents this school year", master=main_window.winfo_toplevel())
        self.withdraw()
        self.main = main_window
        body = ttk.Frame(self, padding=14)
        body.pack(fill="both", expand=True)
        self.heading = ttk.Label(body, text="", font="TkHeadingFont")
        self.heading.pack(anchor="w")
        self.note = ttk.Label(body, text="", bootstyle="secondary", wraplength=720, justify="left")
        self.note.pack(anchor="w", pady=(2, 8))
        buttons = ttk.Frame(body)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        ttk.Button(buttons, text=dialogs.CLOSE, command=self.destroy).pack(side="right")
        ttk.Label(
            buttons, text="Double-click a pupil (or Enter) to open their Meetings tab.", bootstyle="secondary"
        ).pack(side="left")
        self.tree = ttk.Treeview(
            body,
            columns=("pupil", "year", "met", "none", "last"),
            show="headings",
            height=14,
            selectmode="browse",
        )
        for key, heading in (
            ("pupil", "Pupil"),
            ("year", "Year / class"),
            ("met", f"Met (of {TARGET})"),
            ("none", "No meeting in"),
            ("last", "Last met"),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, anchor="w", stretch=key == "pupil")
        self.tree.tag_configure("behind", foreground=ttk.Style.get_instance().colors.danger)
        scroll = ttk.Scrollbar(body, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.tree.pack(fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.open_chosen())
        self.tree.bind("<Return>", lambda e: self.open_chosen())
        self.bind("<Escape>", lambda e: self.destroy())
        self.items: list = []
        self.refresh()

    def refresh(self) -> None:
        today = date.today()
        self.items = parent_meetings.meetings_short(self.main.actor, today=today)
        label = self.items[0].year.label if self.items else ""
        self.heading.configure(
            text=f"{plural(len(self.items), 'pupil')} on SEN support with fewer than {TARGET} meetings "
            f"with parents this school year {label}".strip()
        )
        approximate = any(i.year.approximate for i in self.items)
        self.note.configure(
            text="The SEND Code of Practice (6.65) asks schools to meet the parents of a pupil on SEN "
            f"support at least {TARGET} times a year. Reviews a parent came to count. Red, and named under "
            "'No meeting in': a term has ended with none."
            + (" Terms follow the typical pattern: set the school's own in Settings." if approximate else "")
        )
        self.tree.delete(*self.tree.get_children())
        for i, item in enumerate(self.items):
            p, missed = item.pupil, item.year.missed(today)
            where = ", ".join(x for x in (codes.year_label(p.year_group), p.class_name) if x)
            self.tree.insert(
                "",
                "end",
                iid=str(i),
                tags=("behind",) if missed else (),
                values=(
                    p.name,
                    where,
                    item.year.count,
                    ", ".join(t.name for t in missed),
                    uk(item.year.last) if item.year.last else "Not yet",
                ),
            )
        rows = [self.tree.item(i, "values") for i in self.tree.get_children()]
        for n, (key, heading) in enumerate(
            (
                ("year", "Year / class"),
                ("met", "Met (of 3)"),
                ("none", "No meeting in"),
                ("last", "Last met"),
            ),
            start=1,
        ):
            self.tree.column(key, width=text_width(self, heading, "00/00/0000", *(str(r[n]) for r in rows)))
        self.tree.column("pupil", width=180)

    def open_chosen(self) -> Any:
        picked = self.tree.selection()
        if not picked:
            return None
        record = self.main.open_pupil(self.items[int(picked[0])].pupil.pupil_id)
        record.tabs.select(record.page("meetings"))
        return record

    def show(self) -> ParentMeetingsWindow:
        dialogs.place_over(self, self.main.winfo_toplevel())
        self.deiconify()
        self.tree.focus_set()
        return self
