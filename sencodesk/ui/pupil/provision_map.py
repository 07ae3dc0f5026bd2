"""A pupil's provision map: every allocation in an academic year, its cost worked out, the
total, and the total against the threshold as a bar with the numbers written beside it."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import academic_year_label, academic_year_start, uk
from ...domain.graduated import PupilProvisionMap
from ...domain.money import pounds
from ...services import provision

YEARS_BACK = 5


def year_choices(today: date | None = None) -> dict[str, date]:
    """This academic year and the five before it: label -> the year's first day."""
    start = academic_year_start(today or date.today())
    years = [date(start.year - n, 9, 1) for n in range(YEARS_BACK + 1)]
    return {academic_year_label(y): y for y in years}


class ThresholdBar(ttk.Frame):
    """The total against the threshold: a bar (red when over) and the sentence with the figures."""

    def __init__(self, master):
        super().__init__(master)
        self.bar = ttk.Progressbar(self, length=360, maximum=100, bootstyle="info")
        self.bar.pack(side="left")
        self.text = ttk.Label(self, text="", wraplength=520, justify="left")
        self.text.pack(side="left", padx=(12, 0))

    def show(self, m: PupilProvisionMap) -> None:
        self.bar.configure(value=min(100.0, 100 * m.share), bootstyle="danger" if m.over else "info")
        self.text.configure(
            text=m.threshold_text + (" (the bar is full: over the threshold)" if m.over else "")
        )


class ProvisionMapTab(ttk.Frame):
    def __init__(self, master, record):
        super().__init__(master, padding=10)
        self.record = record
        self.pupil_id: int | None = None
        self.years = year_choices()
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="Academic year:").pack(side="left")
        self.year_var = tkinter.StringVar(master=self, value=next(iter(self.years)))
        self.year_box = ttk.Combobox(
            top, textvariable=self.year_var, values=list(self.years), state="readonly", width=9
        )
        self.year_box.pack(side="left", padx=(4, 0))
        self.year_var.trace_add("write", lambda *_: self.show())
        self.tree = ttk.Treeview(
            self,
            columns=("provision", "dates", "staff", "cost", "how"),
            show="headings",
            height=7,
            selectmode="browse",
        )
        for key, heading, width, stretch in (
            ("provision", "Provision", 190, False),
            ("dates", "From - to", 170, False),
            ("staff", "Delivered by", 120, False),
            ("cost", "Cost", 80, False),
            ("how", "How the cost is worked out", 480, True),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w" if key != "cost" else "e", stretch=stretch)
        self.tree.pack(fill="both", expand=True, pady=(8, 4))
        # how the weeks were counted: the school's term dates, or approximate without them
        self.weeks_note = ttk.Label(self, text="", bootstyle="secondary", wraplength=900, justify="left")
        self.weeks_note.pack(anchor="w")
        self.total = ttk.Label(self, text="", font="TkHeadingFont")
        self.total.pack(anchor="w")
        self.bar = ThresholdBar(self)
        self.bar.pack(anchor="w", fill="x", pady=(4, 0))
        self.map: PupilProvisionMap | None = None

    def load(self, pupil_id: int | None) -> None:
        self.pupil_id = pupil_id
        if self.record.tabs.select() == str(self):
            self.show()

    def show(self) -> None:
        if self.pupil_id is None:
            return
        self.map = m = provision.pupil_provision_map(
            self.record.actor, self.pupil_id, year_start=self.years[self.year_var.get()]
        )
        self.tree.delete(*self.tree.get_children())
        for line in m.lines:
            a = line.allocation
            ends = uk(a.end_date) or "review"
            self.tree.insert(
                "",
                "end",
                values=(
                    a.provision_name,
                    f"{uk(a.start_date) or 'plan start'} - {ends}",
                    a.staff or "-",
                    pounds(a.cost.pence),
                    a.cost.explanation,
                ),
            )
        if not m.lines:
            self.tree.insert("", "end", values=("No provision in this year", "", "", "", ""))
        self.weeks_note.configure(text=m.weeks_note)
        self.total.configure(text=f"Total for {m.year_label}: {pounds(m.total)}")
        self.bar.show(m)
