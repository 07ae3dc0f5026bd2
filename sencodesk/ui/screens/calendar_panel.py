"""Settings > School calendar: the terms, INSET days and closures, this year and next as small
calendars, and a CSV import. Every school-day count in SENCO desk reads these dates."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError, ValidationError
from ...domain.school_calendar import DAY_KINDS, TERM_KINDS
from ...services import calendar as service
from .. import file_choice
from ..kit import attempt

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Colours for the small calendar; the legend says in words what each means, and the term list
# beside it gives every date as text (colour is never the only signal).
COLOURS = {
    "school": "#ffffff",
    "weekend": "#d9d9d9",
    "holiday": "#b7d7f0",
    "bank_holiday": "#f4b183",
    "inset": "#c5e0b4",
    "closure": "#f8a5a5",
    "": "",
}
LEGEND = {
    "school": "School day",
    "holiday": "School holiday",
    "bank_holiday": "Bank holiday",
    "inset": "INSET day",
    "closure": "Closed",
    "weekend": "Weekend",
}
CELL = 15


class CalendarPanel(ttk.Labelframe):
    def __init__(self, master: tkinter.Misc, actor, *, today: date | None = None) -> None:
        super().__init__(master, text="School calendar", padding=12)
        self.actor = actor
        self.today = today
        can_edit = actor.user.can("settings.edit")
        self.warning = ttk.Label(self, text="", bootstyle="warning", wraplength=900, justify="left")
        self.warning.pack(anchor="w")
        self.canvas = tkinter.Canvas(self, height=2 * (4 * 8 * CELL + 30), width=3 * 8 * CELL * 2 + 40)
        self.canvas.configure(highlightthickness=0, background=self.winfo_toplevel().cget("background"))
        self.canvas.pack(anchor="w", pady=(6, 0))
        legend = ttk.Frame(self)
        legend.pack(anchor="w", pady=(2, 8))
        for kind, words in LEGEND.items():
            swatch = tkinter.Label(legend, width=2, background=COLOURS[kind], relief="solid", borderwidth=1)
            swatch.pack(side="left")
            ttk.Label(legend, text=words).pack(side="left", padx=(2, 10))

        lists = ttk.Frame(self)
        lists.pack(fill="x")
        self.tree = ttk.Treeview(lists, columns=("what",), show="headings", height=7)
        self.tree.heading("what", text="Terms and marked days", anchor="w")
        self.tree.column("what", width=520, stretch=True)
        self.tree.pack(side="left", fill="x", expand=True)
        self.remove_button = ttk.Button(lists, text="Remove selected", command=self.remove_selected)
        self.remove_button.pack(side="left", anchor="n", padx=(8, 0))

        form = ttk.Frame(self)
        form.pack(anchor="w", pady=(8, 0))
        ttk.Label(form, text="First day").grid(row=0, column=0, sticky="w")
        ttk.Label(form, text="Last day").grid(row=0, column=1, sticky="w")
        ttk.Label(form, text="Term").grid(row=0, column=2, sticky="w")
        self.start = ttk.Entry(form, width=12)
        self.end = ttk.Entry(form, width=12)
        self.kind = ttk.Combobox(form, values=list(TERM_KINDS), width=9, state="readonly")
        self.kind.set("autumn")
        self.start.grid(row=1, column=0, padx=(0, 6))
        self.end.grid(row=1, column=1, padx=(0, 6))
        self.kind.grid(row=1, column=2, padx=(0, 6))
        self.add_button = ttk.Button(form, text="Add term", bootstyle="primary", command=self.add_term)
        self.add_button.grid(row=1, column=3)

        ttk.Label(form, text="Date").grid(row=2, column=0, sticky="w", pady=(8, 0))
        ttk.Label(form, text="Mark as").grid(row=2, column=1, sticky="w", pady=(8, 0))
        ttk.Label(form, text="Note").grid(row=2, column=2, sticky="w", pady=(8, 0))
        self.day = ttk.Entry(form, width=12)
        self.day_kind = ttk.Combobox(form, values=list(DAY_KINDS.values()), width=30, state="readonly")
        self.day_kind.set(DAY_KINDS["inset"])
        self.note = ttk.Entry(form, width=20)
        self.day.grid(row=3, column=0, padx=(0, 6))
        self.day_kind.grid(row=3, column=1, padx=(0, 6))
        self.note.grid(row=3, column=2, padx=(0, 6))
        self.mark_button = ttk.Button(form, text="Mark day", command=self.mark_day)
        self.mark_button.grid(row=3, column=3)
        self.import_button = ttk.Button(form, text="Import CSV…", command=self.import_csv)
        self.import_button.grid(row=1, column=4, padx=(12, 0))
        ttk.Label(
            form,
            text="CSV: start,end,kind (autumn, spring, summer, inset, closure, bank holiday).",
            bootstyle="secondary",
        ).grid(row=4, column=0, columnspan=5, sticky="w", pady=(4, 0))
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        if not can_edit:
            for w in (self.add_button, self.mark_button, self.import_button, self.remove_button):
                w.configure(state="disabled")
        self.refresh()

    # -- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        view = service.calendar_view(self.actor, today=self.today)
        self.view = view
        self.warning.configure(text=view.warning)
        self.tree.delete(*self.tree.get_children())
        for row in view.terms:
            self.tree.insert("", "end", iid=f"term-{row.id}", values=(row.text,))
        for d in view.days:
            self.tree.insert(
                "", "end", iid=f"day-{d.day.isoformat()}-{d.kind}", values=(f"{uk(d.day)}: {d.label}",)
            )
        self.draw()

    def draw(self) -> None:
        c = self.canvas
        c.delete("all")
        # The two years one above the other: side by side they ran off a 1366-wide screen.
        year_width = 6 * 8 * CELL + 30
        year_height = 20 + 2 * (7 * CELL + 14) + 10
        for n, year in enumerate(self.view.years):
            x0, y0 = 0, n * year_height
            how = "the school's dates" if year.own_dates else "approximate: typical pattern"
            c.create_text(
                x0,
                y0,
                anchor="nw",
                text=f"{year.label}: {year.school_days} school days ({year.weeks} weeks), {how}",
                font="TkDefaultFont",
            )
            for i, (y, m, weeks) in enumerate(year.months):
                mx = x0 + (i % 6) * 8 * CELL
                my = y0 + 20 + (i // 6) * (7 * CELL + 14)
                c.create_text(mx, my, anchor="nw", text=f"{MONTHS[m - 1]} {y}", font="TkSmallCaptionFont")
                for r, week in enumerate(weeks):
                    for col, (day, kind) in enumerate(week):
                        if not day:
                            continue
                        x, yy = mx + col * CELL, my + 12 + r * CELL
                        c.create_rectangle(
                            x, yy, x + CELL - 1, yy + CELL - 1, fill=COLOURS[kind], outline="#999999"
                        )
                        c.create_text(x + CELL // 2, yy + CELL // 2, text=str(day), font=("TkDefaultFont", 6))
        c.configure(height=2 * year_height, width=year_width)

    # -- editing ----------------------------------------------------------------------------

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.configure(text=text, bootstyle="success" if ok else "danger")

    def _say_styled(self, text: str, style: str) -> None:
        self.message.configure(text=text, bootstyle=style)

    def add_term(self) -> None:
        form = {"starts_on": self.start.get(), "ends_on": self.end.get(), "kind": self.kind.get()}
        if not attempt(lambda: service.add_term(self.actor, form), say=self._say_styled)[0]:
            return
        self.start.delete(0, "end")
        self.end.delete(0, "end")
        self._say(f"Added the {self.kind.get()} term.")
        self.refresh()

    def mark_day(self) -> None:
        kind = next((k for k, v in DAY_KINDS.items() if v == self.day_kind.get()), "")
        form = {"day": self.day.get(), "kind": kind, "note": self.note.get()}
        if not attempt(lambda: service.mark_day(self.actor, form), say=self._say_styled)[0]:
            return
        self._say(f"Marked {self.day.get().strip()} as {self.day_kind.get().lower()}.")
        self.day.delete(0, "end")
        self.note.delete(0, "end")
        self.refresh()

    def remove_selected(self) -> None:
        selected = next(iter(self.tree.selection()), "")
        if not selected:
            self._say("Choose a term or a day in the list first.", ok=False)
            return
        try:
            if selected.startswith("term-"):
                service.delete_term(self.actor, int(selected.split("-", 1)[1]))
            else:
                # iid "day-YYYY-MM-DD-kind"
                service.unmark_day(self.actor, selected[4:14], selected[15:])
        except UserError as e:
            self._say(e.message, ok=False)
            return
        self._say("Removed.")
        self.refresh()

    def import_csv(self) -> None:
        path = file_choice.open_file(self, "Import term dates", [("CSV", "*.csv"), ("All files", "*.*")])
        if not path:
            return
        self.import_path(path)

    def import_path(self, path: str) -> None:
        ok, said, refused = attempt(
            lambda: service.import_calendar_csv(self.actor, path), say=self._say_styled
        )
        if isinstance(refused, ValidationError):  # each wrong line of the file on a line of its own
            self._say("Nothing was imported:\n" + "\n".join(refused.field_errors.values()), ok=False)
        if not ok:
            return
        self._say(said)
        self.refresh()
