"""A statutory timeline as a table: each step's due date beside the actual date, and in words
how late it is (never colour alone: "Overdue by 12 days" is written out, and also red)."""
from __future__ import annotations

from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.statutory import StatutoryDate

COLUMNS = (("what", "Step", 250, True), ("due", "Due by", 90, False), ("actual", "Actual date", 100, False),
           ("late", "Days late", 80, False), ("state", "Where it is", 200, False), ("owed", "Owed by", 80, False))
LATE_COLOUR = "#b02a37"     # red with enough contrast on white and in the dark theme's rows
DONE_LATE_COLOUR = "#8a5a00"


def make_tree(master, height: int) -> ttk.Treeview:
    tree = ttk.Treeview(master, columns=[c[0] for c in COLUMNS], show="headings", height=height,
                        selectmode="browse")
    for key, heading, width, stretch in COLUMNS:
        tree.heading(key, text=heading, anchor="w")
        tree.column(key, width=width, anchor="w", stretch=stretch)
    tree.tag_configure("overdue", foreground=LATE_COLOUR)
    tree.tag_configure("late", foreground=DONE_LATE_COLOUR)
    return tree


def row_values(step: StatutoryDate, today: date) -> tuple[tuple, tuple[str, ...]]:
    late = step.days_late(today)
    state = step.state(today)
    if step.shifted_days:
        state += f" (moved {step.shifted_days} days by an exception)"
    tags = ("overdue",) if step.overdue(today) else ("late",) if late else ()
    owed = {"LA": "LA", "school": "School", "parent": "Parent"}.get(step.owed_by, step.owed_by)
    return (step.what, uk(step.due), uk(step.actual) or "—", late or "", state, owed), tags


def fill(tree: ttk.Treeview, steps: list[StatutoryDate], today: date) -> None:
    tree.delete(*tree.get_children())
    for i, step in enumerate(steps):
        values, tags = row_values(step, today)
        tree.insert("", "end", iid=f"{step.key}-{i}", values=values, tags=tags)
    tree.configure(height=max(1, len(steps)))
