"""The whole school's view of Ofsted's inclusion case sample: every pupil on the register with
what an inspector following them through the record would not find, sortable, each a
double-click from their record and a click from their case sample PDF. The SENCO and the head
open it from Reports and see the whole register; a teacher opens it from My pupils and sees their
own pupils only (the service filters, as the register does).

The list is services.case_sample.school_gaps (one query per kind of fact, well under a second
at 2,000 pupils), so it is read again each time the window is brought forward.
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from datetime import date
from functools import partial
from tkinter import font
from typing import Any

import ttkbootstrap as ttk

from ..domain import codes
from ..domain.case_sample import PupilGaps, SchoolGaps, summary
from ..domain.errors import UserError
from ..domain.la_profile import CheckResult
from ..services import case_sample
from ..services.actor import Actor
from . import appearance, dialogs
from .exporting import ExportDialog, ExportJob

INTRO = (
    "Since November 2025 Ofsted inspectors sample a few pupils (one with an EHC plan among them) "
    "and follow each through the school's own record: how needs were identified, how each cycle "
    "of plan, do and review ran, which specialists were involved, how the parents and the pupil "
    "took part, and what difference it made. This list shows, for each pupil on the register "
    "(a teacher's own pupils only), what such an inspector would not find written down. "
    "Double-click a pupil (or press Enter) to open their record; Print makes their case sample, "
    "the record on a few pages."
)
# (key, heading, width in characters, sort key)
COLUMNS: list[tuple[str, str, int, Callable[[PupilGaps], Any]]] = [
    ("name", "Pupil", 22, lambda p: (p.pupil.surname.lower(), p.pupil.forename.lower())),
    ("year", "Year", 9, lambda p: codes.YEAR_ORDER.get(p.pupil.year_group, 99)),
    ("status", "Status", 12, lambda p: p.sen_status),
    ("cycles", "Cycles", 7, lambda p: p.cycles),
    ("gaps", "Gaps", 6, lambda p: len(p.gaps)),
    ("missing", "What is not yet recorded", 60, lambda p: case_sample_summary(p)),
]
SORT_KEYS = {key: sort for key, _, _, sort in COLUMNS}
_open: list[CaseSampleWindow] = []


def case_sample_summary(p: PupilGaps) -> str:
    return summary(list(p.gaps)) or "Nothing: every check is met"


def case_sample_job(actor: Actor, pupil_id: int, name: str) -> ExportJob:
    """The export of one pupil's case sample: its gaps listed before the file is written."""

    def check(_: dict[str, str]) -> tuple[list[str], list[CheckResult]]:
        return case_sample.case_sample_model(actor, pupil_id).missing(), []

    return ExportJob(
        title=f"Inclusion case sample for {name}",
        filename=case_sample.suggested_name(name, date.today()),
        check=check,
        run=lambda path, _: case_sample.export_case_sample(actor, pupil_id, path),
        note="The pupil's SEN record as an inspector follows it, with its gaps. No UPN is printed.",
    )


def open_case_sample(main_window: Any) -> CaseSampleWindow:
    """The window, made or brought forward (and read again)."""
    for window in _open:
        if window.winfo_exists():
            window.refresh()
            window.deiconify()
            window.lift()
            window.focus_set()
            return window
    _open.clear()
    window = CaseSampleWindow(main_window)
    _open.append(window)
    return window


class CaseSampleWindow(ttk.Toplevel):
    def __init__(self, main_window: Any) -> None:
        super().__init__(
            title="Inclusion case sample: what an inspector would find",
            minsize=(820, 480),
            master=main_window.winfo_toplevel(),
        )
        self.withdraw()
        self.main = main_window
        self.actor = main_window.actor
        self.found: SchoolGaps | None = None
        self.sort_column, self.sort_reverse = "gaps", True  # the most gaps first
        self._build()
        self.protocol("WM_DELETE_WINDOW", self.destroy)
        self.bind("<Escape>", lambda e: self.destroy())
        self.bind("<Control-p>", lambda e: (self.print_selected(), "break")[1])
        self.refresh()
        scale = appearance.text_scale_of(self) / 100
        size = (
            min(self.winfo_screenwidth() - 40, int(1180 * max(1.0, scale * 0.8))),
            min(self.winfo_screenheight() - 80, int(640 * max(1.0, scale * 0.9))),
        )
        dialogs.place_over(self, main_window, size=size)
        self.deiconify()
        self.tree.focus_set()

    def _build(self) -> None:
        body = ttk.Frame(self, padding=(16, 12))
        body.pack(fill="both", expand=True)
        ttk.Label(body, text="Inclusion case sample", font="TkHeadingFont").pack(anchor="w")
        self.intro = ttk.Label(body, text=INTRO, justify="left", wraplength=1000, bootstyle="secondary")
        self.intro.pack(anchor="w", fill="x", pady=(2, 6))
        body.bind("<Configure>", lambda e: self.intro.configure(wraplength=max(e.width - 40, 300)))
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(0, 6))
        self.headline = ttk.Label(row, text="", font="TkHeadingFont")
        self.headline.pack(side="left")
        self.only_gaps = tkinter.BooleanVar(master=self, value=True)
        ttk.Checkbutton(
            row, text="Only pupils with a gap", variable=self.only_gaps, command=self.show_rows
        ).pack(side="right")
        holder = ttk.Frame(body)
        holder.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            holder, columns=[c[0] for c in COLUMNS], show="headings", selectmode="browse"
        )
        char = font.nametofont("TkDefaultFont").measure("0")
        for key, heading, width, _ in COLUMNS:
            self.tree.heading(key, text=heading, anchor="w", command=partial(self.sort_by, key))
            self.tree.column(key, width=width * char, minwidth=4 * char, anchor="w", stretch=key == "missing")
        scroll = ttk.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_detail())
        # the selected pupil's gaps in full, with what would close each (the table has one line)
        self.detail = ttk.Label(body, text="", justify="left", wraplength=1000)
        self.detail.pack(anchor="w", fill="x", pady=(8, 0))
        foot = ttk.Frame(body)
        foot.pack(fill="x", pady=(10, 0))
        ttk.Button(foot, text=dialogs.CLOSE, command=self.destroy).pack(side="right")
        self.print_button = ttk.Button(
            foot, text="Print the case sample… (Ctrl+P)", bootstyle="primary", command=self.print_selected
        )
        self.print_button.pack(side="left")
        self.open_button = ttk.Button(
            foot, text="Open the record (Enter)", bootstyle="secondary-outline", command=self.open_selected
        )
        self.open_button.pack(side="left", padx=(8, 0))
        ttk.Button(foot, text="Check again", bootstyle="secondary-outline", command=self.refresh).pack(
            side="left", padx=(8, 0)
        )

    # --- the list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.found = case_sample.school_gaps(self.actor)
        except UserError as e:
            self.found = None
            self.headline.configure(text=e.message)
            return
        self.headline.configure(
            text=self.found.headline, bootstyle="danger" if self.found.with_gaps else "success"
        )
        self.show_rows()

    def rows(self) -> list[PupilGaps]:
        if self.found is None:
            return []
        shown = self.found.with_gaps if self.only_gaps.get() else list(self.found.pupils)
        return sorted(shown, key=SORT_KEYS[self.sort_column], reverse=self.sort_reverse)

    def show_rows(self) -> None:
        keep = self.selected_id()
        self.tree.delete(*self.tree.get_children())
        for p in self.rows():
            self.tree.insert(
                "",
                "end",
                iid=str(p.pupil.pupil_id),
                values=(
                    p.pupil.name,
                    codes.year_label(p.pupil.year_group),
                    codes.SEN_STATUSES.get(p.sen_status, p.sen_status),
                    p.cycles,
                    len(p.gaps) or "None",
                    case_sample_summary(p),
                ),
            )
        for key, heading, _, _ in COLUMNS:
            mark = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            self.tree.heading(key, text=heading + mark)
        children = self.tree.get_children()
        chosen = str(keep) if keep is not None and str(keep) in children else next(iter(children), "")
        if chosen:
            self.tree.selection_set(chosen)
            self.tree.focus(chosen)
        self.show_detail()

    def sort_by(self, column: str) -> None:
        """Click a heading: sort by it (most gaps first for Gaps); again: the other way."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, column in ("gaps", "cycles")
        self.show_rows()

    def selected_id(self) -> int | None:
        chosen = self.tree.focus() or next(iter(self.tree.selection()), "")
        return int(chosen) if chosen else None

    def selected(self) -> PupilGaps | None:
        pupil_id = self.selected_id()
        return next((p for p in self.rows() if p.pupil.pupil_id == pupil_id), None)

    def show_detail(self) -> None:
        p = self.selected()
        has = p is not None
        for button in (self.print_button, self.open_button):
            button.configure(state="normal" if has else "disabled")
        if p is None:
            self.detail.configure(text="No pupil on the register has a gap." if self.found else "")
            return
        if not p.gaps:
            self.detail.configure(text=f"{p.pupil.name}: nothing missing against the checks.")
            return
        lines = [f"{p.pupil.name}:"] + [f"• {g.what} To close: {g.to_close}" for g in p.gaps]
        self.detail.configure(text="\n".join(lines))

    # --- actions -----------------------------------------------------------------------------
    def open_selected(self) -> Any:
        pupil_id = self.selected_id()
        return self.main.open_pupil(pupil_id) if pupil_id is not None else None

    def print_selected(self) -> ExportDialog | None:
        p = self.selected()
        if p is None:
            return None
        try:
            return ExportDialog(self, case_sample_job(self.actor, p.pupil.pupil_id, p.pupil.name)).show()
        except UserError as e:
            dialogs.show_error(self, e.message)
            return None
