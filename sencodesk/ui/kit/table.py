"""The one table: declared columns whose minimum widths are measured in the font in use (so a
name stays readable at 200% text), sorted by clicking a heading (again: the other way),
resizable by dragging between headings, the row with the keyboard in it always marked, and
Enter (or a double click) opening the chosen row."""

from __future__ import annotations

import re
import tkinter
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from tkinter import font
from typing import Any

import ttkbootstrap as ttk

_UK_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})")
_MONEY = re.compile(r"^-?£[\d,]+(\.\d+)?$")
_live: weakref.WeakSet[Table] = weakref.WeakSet()


def text_width(widget: tkinter.Misc, *samples: str, at_least: int = 0) -> int:
    """Pixels a list column needs for the widest of `samples` in the font now in use, so a date
    or a heading is not cut off when the text size is raised (fixed pixel widths are)."""
    measure = font.nametofont("TkDefaultFont", root=widget).measure
    return max(at_least, *(measure(s) + 20 for s in samples))


@dataclass(frozen=True)
class Column:
    """`sample`: the widest value it usually shows ("00/00/0000", "Smith-Jones"): the column is
    never narrower than that or its heading. `stretch`: it takes the room left over."""

    key: str
    heading: str
    sample: str = ""
    stretch: bool = False
    anchor: str = "w"


def sort_key(text: str) -> tuple[int, Any]:
    """How a shown value sorts: dates by date, numbers and money by value, words ignoring case;
    blanks last."""
    text = str(text).strip()
    if not text:
        return (3, "")
    if m := _UK_DATE.match(text):
        day, month, year = m.groups()
        return (0, f"{year}{month}{day}{text[10:]}")
    plain = text.replace("£", "").replace(",", "").rstrip("%")
    if _MONEY.match(text) or re.fullmatch(r"-?\d+(\.\d+)?", plain):
        return (1, float(plain))
    return (2, text.casefold())


class Table(ttk.Frame):
    """`.tree` is the Treeview (rows are inserted with `show`). `on_open(iid)` runs on Enter or
    a double click on a row."""

    def __init__(
        self,
        master: tkinter.Misc,
        columns: Sequence[Column],
        *,
        height: int = 6,
        on_open: Callable[[str], None] | None = None,
        selectmode: str = "browse",
        scrollbar: bool = True,
    ):
        super().__init__(master)
        self.columns = {c.key: c for c in columns}
        self.on_open = on_open
        self.sorted_by: tuple[str, bool] | None = None  # (column, descending)
        self.tree = ttk.Treeview(
            self,
            columns=[c.key for c in columns],
            show="headings",
            height=height,
            selectmode=selectmode,
        )
        for column in columns:
            self.tree.heading(
                column.key, text=column.heading, anchor="w", command=lambda k=column.key: self.sort(k)
            )
            self.tree.column(column.key, anchor=column.anchor, stretch=column.stretch)
        if scrollbar:
            bar = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
            self.tree.configure(yscrollcommand=bar.set)
            bar.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self._tint()
        self.tree.bind("<<ThemeChanged>>", lambda e: self._tint(), add="+")
        self.tree.bind("<Return>", self._open, add="+")
        self.tree.bind("<KP_Enter>", self._open, add="+")
        self.tree.bind("<Double-1>", self._open, add="+")
        self.tree.bind("<FocusIn>", lambda e: self._mark_keyboard(), add="+")
        self.tree.bind("<FocusOut>", lambda e: self._mark_keyboard(), add="+")
        for key in ("<Up>", "<Down>", "<Home>", "<End>", "<Prior>", "<Next>"):
            self.tree.bind(key, lambda e: self.after_idle(self._mark_keyboard), add="+")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._mark_keyboard(), add="+")
        for column in columns:  # compact to start with; a stretching column takes what is left
            self.tree.column(column.key, width=self._least(column))
        self.fit()
        _live.add(self)

    # ---- widths ---------------------------------------------------------------------------------
    def _least(self, column: Column) -> int:
        return text_width(self, f"{column.heading} ▲", column.sample or column.heading)

    def fit(self) -> None:
        """Each column at least as wide as its heading (with room for the sort arrow) and its
        sample, in the font now in use; called again whenever the text size changes."""
        for key, column in self.columns.items():
            least = self._least(column)
            self.tree.column(key, minwidth=least)
            if int(self.tree.column(key, "width")) < least:
                self.tree.column(key, width=least)

    def min_widths(self) -> dict[str, int]:
        return {key: int(self.tree.column(key, "minwidth")) for key in self.columns}

    # ---- rows -----------------------------------------------------------------------------------
    def show(
        self,
        rows: Iterable[tuple[str, Sequence[object]]],
        *,
        tags: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        """Replace the rows: (iid, values) each, kept in the order chosen by a heading, if any."""
        keep = self.selected()
        self.tree.delete(*self.tree.get_children())
        for iid, values in rows:
            self.tree.insert(
                "",
                "end",
                iid=iid,
                values=tuple("" if v is None else v for v in values),
                tags=tuple(tags(iid)) if tags else (),
            )
        if self.sorted_by is not None:
            self._order(*self.sorted_by)
        if keep and self.tree.exists(keep):
            self.tree.selection_set(keep)
        self._mark_keyboard()

    def selected(self) -> str | None:
        chosen = self.tree.selection()
        return chosen[0] if chosen else None

    def select(self, iid: str) -> None:
        if self.tree.exists(iid):
            self.tree.selection_set(iid)
            self.tree.focus(iid)
            self.tree.see(iid)

    # ---- sorting --------------------------------------------------------------------------------
    def sort(self, key: str) -> None:
        """Sort by this column; clicking the same heading again sorts the other way."""
        descending = self.sorted_by == (key, False)
        self.sorted_by = (key, descending)
        self._order(key, descending)
        for other, column in self.columns.items():
            arrow = (" ▼" if descending else " ▲") if other == key else ""
            self.tree.heading(other, text=column.heading + arrow)

    def _order(self, key: str, descending: bool) -> None:
        items = list(self.tree.get_children())
        items.sort(key=lambda iid: sort_key(self.tree.set(iid, key)), reverse=descending)
        for index, iid in enumerate(items):
            self.tree.move(iid, "", index)

    # ---- keyboard -------------------------------------------------------------------------------
    def _mark_keyboard(self) -> None:
        """The row the arrow keys are on is tinted while the table has the keyboard, so focus is
        visible even before anything is chosen."""
        for iid in self.tree.tag_has("keyboard"):
            tags = [t for t in self.tree.item(iid, "tags") if t != "keyboard"]
            self.tree.item(iid, tags=tags)
        if self.focus_get() is not self.tree:
            return
        current = self.tree.focus() or next(iter(self.tree.get_children()), "")
        if current:
            self.tree.focus(current)
            self.tree.item(current, tags=[*self.tree.item(current, "tags"), "keyboard"])

    def _tint(self) -> None:
        colours = ttk.Style.get_instance().colors
        self.tree.tag_configure("keyboard", background=_mix(str(colours.primary), str(colours.bg), 0.25))

    def _open(self, event: tkinter.Event) -> str | None:
        if self.on_open is None:
            return None
        chosen = self.selected() or self.tree.focus()
        if not chosen:
            return None
        self.on_open(chosen)
        return "break"


def _mix(one: str, other: str, share: float) -> str:
    """`share` of colour `one` and the rest of `other` (both #rrggbb)."""
    a = [int(one[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * share + y * (1 - share)):02x}" for x, y in zip(a, b, strict=True))


def refit_all() -> None:
    """After the text size changes: every table's minimum widths in the new font."""
    for table in list(_live):
        try:
            if table.winfo_exists():
                table.fit()
        except tkinter.TclError:
            continue
