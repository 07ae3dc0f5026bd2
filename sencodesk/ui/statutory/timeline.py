"""A statutory timeline as a table: each step's due date beside the actual date, and in words
how late it is (never colour alone: "Overdue by 12 days" is written out, and also red)."""

from __future__ import annotations

from datetime import date
from tkinter import font

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.plural import plural
from ...domain.statutory import StatutoryDate

# (column id, heading, width in characters of the default font, stretches)
COLUMNS = (
    ("what", "Step", 30, True),
    ("due", "Due by", 11, False),
    ("actual", "Actual date", 11, False),
    ("late", "Days late", 9, False),
    ("state", "Where it is", 22, False),
    ("owed", "Owed by", 8, False),
)


def set_columns(tree: ttk.Treeview, columns) -> None:
    """Widths in characters, so the columns grow with the text size chosen in Settings."""
    char = font.nametofont("TkDefaultFont").measure("0")
    for key, heading, width, stretch in columns:
        tree.heading(key, text=heading, anchor="w")
        tree.column(key, width=width * char, minwidth=4 * char, anchor="w", stretch=stretch)


def colour_tags(tree: ttk.Treeview) -> None:
    """The theme's own red (readable in the light, dark and high-contrast themes)."""
    tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)


def make_tree(master, height: int) -> ttk.Treeview:
    tree = ttk.Treeview(
        master, columns=[c[0] for c in COLUMNS], show="headings", height=height, selectmode="browse"
    )
    set_columns(tree, COLUMNS)
    colour_tags(tree)
    return tree


def row_values(step: StatutoryDate, today: date) -> tuple[tuple, tuple[str, ...]]:
    late = step.days_late(today)
    state = step.state(today)
    if step.shifted_days:
        state += f" (moved {plural(step.shifted_days, 'day')} by an exception)"
    tags = ("overdue",) if step.overdue(today) else ()
    owed = {"LA": "LA", "school": "School", "parent": "Parent"}.get(step.owed_by, step.owed_by)
    return (step.what, uk(step.due), uk(step.actual) or "—", late or "", state, owed), tags


def fill(tree: ttk.Treeview, steps: list[StatutoryDate], today: date) -> None:
    tree.delete(*tree.get_children())
    for i, step in enumerate(steps):
        values, tags = row_values(step, today)
        tree.insert("", "end", iid=f"{step.key}-{i}", values=values, tags=tags)
    tree.configure(height=max(1, len(steps)))
