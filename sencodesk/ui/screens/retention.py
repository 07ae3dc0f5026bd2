"""Retention: leavers' records past their keep-until date, each deleted for good only when the
SENCO types the pupil's name to confirm. The school's retention period is set here too."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.plural import plural
from ...services import leavers
from ..kit import attempt


class RetentionScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.rows: dict[str, leavers.RetentionRow] = {}
        ttk.Label(self, text="Retention of leavers' records", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            self,
            bootstyle="secondary",
            wraplength=900,
            justify="left",
            text=(
                "A leaver's SEN file is kept until their retention date (date of birth + the years "
                "below, unless set by hand on the record), then deleted. Deleting removes everything "
                "about the pupil from SENCO desk for good; the audit keeps only that a record was "
                "deleted, when and by whom. Backups taken before still hold it until they are rotated "
                "out."
            ),
        ).pack(anchor="w", pady=(2, 8))
        period = ttk.Frame(self)
        period.pack(anchor="w")
        ttk.Label(period, text="Keep records until date of birth +").pack(side="left")
        self.years_var = tkinter.StringVar(master=self)
        ttk.Spinbox(period, from_=6, to=100, width=5, textvariable=self.years_var).pack(side="left", padx=6)
        ttk.Label(period, text="years").pack(side="left")
        ttk.Button(period, text="Save", command=self.save_years).pack(side="left", padx=(10, 0))
        self.years_message = ttk.Label(period, text="")
        self.years_message.pack(side="left", padx=(10, 0))

        self.summary = ttk.Label(self, text="", wraplength=900, justify="left")
        self.summary.pack(anchor="w", pady=(12, 4))
        frame = ttk.Frame(self)
        frame.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            frame, columns=("name", "dob", "left", "until"), show="headings", selectmode="browse"
        )
        for key, text, width in (
            ("name", "Pupil", 260),
            ("dob", "Date of birth", 120),
            ("left", "Left on", 120),
            ("until", "Keep until", 260),
        ):
            self.tree.heading(key, text=text, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=key == "until")
        scroll = ttk.Scrollbar(frame, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())

        confirm = ttk.Labelframe(self, text="Delete the selected record for good", padding=10)
        confirm.pack(fill="x", pady=(8, 0))
        self.confirm_label = ttk.Label(
            confirm, text="Choose a record in the list.", wraplength=880, justify="left"
        )
        self.confirm_label.pack(anchor="w")
        row = ttk.Frame(confirm)
        row.pack(anchor="w", pady=(4, 0))
        self.typed_var = tkinter.StringVar(master=self)
        self.typed_var.trace_add("write", lambda *a: self._update_button())
        self.typed_entry = ttk.Entry(row, textvariable=self.typed_var, width=34)
        self.typed_entry.pack(side="left")
        self.delete_button = ttk.Button(
            row, text="Delete for good", bootstyle="danger", state="disabled", command=self.delete_selected
        )
        self.delete_button.pack(side="left", padx=(8, 0))
        self.message = ttk.Label(confirm, text="", wraplength=880, justify="left")
        self.message.pack(anchor="w", pady=(4, 0))
        self.refresh()

    def on_show(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        actor = self.main.actor
        self.years_var.set(str(leavers.retention_years(actor)))
        self.tree.delete(*self.tree.get_children())
        self.rows.clear()
        try:
            due = leavers.retention_due(actor)
        except UserError as e:
            self.summary.configure(text=e.message, bootstyle="danger")
            return
        for r in due:
            iid = str(r.pupil_id)
            self.rows[iid] = r
            until = uk(r.retain_until) + (" (set on the record)" if r.set_by_hand else "")
            self.tree.insert("", "end", iid=iid, values=(r.name, uk(r.dob), uk(r.left_on), until))
        self.summary.configure(
            text=(
                f"{plural(len(due), 'record')} past their retention date."
                if due
                else "No records are past their retention date."
            ),
            bootstyle="default",
        )
        self._selected()

    @property
    def selected(self) -> leavers.RetentionRow | None:
        return self.rows.get(next(iter(self.tree.selection()), ""))

    def _selected(self) -> None:
        row = self.selected
        self.typed_var.set("")
        self.confirm_label.configure(
            text=(
                f"To delete {row.name}'s record for good, type their name exactly as shown: {row.name}"
                if row
                else "Choose a record in the list."
            )
        )
        self._update_button()

    def _update_button(self) -> None:
        row = self.selected
        typed = " ".join(self.typed_var.get().split()).casefold()
        ok = row is not None and typed == " ".join(row.name.split()).casefold()
        self.delete_button.configure(state="normal" if ok else "disabled")

    def delete_selected(self) -> None:
        row = self.selected
        if row is None or str(self.delete_button.cget("state")) == "disabled":
            return
        record = self.main.records.get(row.pupil_id)
        if record is not None and record.winfo_exists():
            record.destroy()  # its data is about to go; nothing in it may be saved back
            self.main.records.pop(row.pupil_id, None)
        try:
            erased = leavers.delete_pupil_for_good(self.main.actor, row.pupil_id)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return
        self.refresh()
        self.main.pupils_changed()
        self.message.configure(
            bootstyle="success",
            text=(
                f"{row.name}'s record was deleted for good."
                if erased
                else f"{row.name}'s record was deleted. SENCO desk is open elsewhere on this computer, so "
                "the file will be tidied the next time it is the only copy open."
            ),
        )

    def save_years(self) -> None:
        ok, years, _ = attempt(
            lambda: leavers.set_retention_years(self.main.actor, self.years_var.get()),
            say=lambda text, style: self.years_message.configure(text=text, bootstyle=style),
        )
        if not ok:
            return
        self.years_message.configure(text=f"Saved: {years} years.", bootstyle="success")
        self.refresh()
