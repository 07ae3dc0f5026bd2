"""The whole school's audit trail (SENCO and headteacher), filtered by pupil, with CSV export."""

from __future__ import annotations

import csv
import tkinter
from pathlib import Path

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...services import audit
from ..widgets import text_width

SHOWN_AT_MOST = 2000  # newest first; the export always has every row


def when(at: str) -> str:
    return f"{uk(at)} {at[11:16]}"


def safe_cell(text: str) -> str:
    """No spreadsheet formulas from typed text (a name starting '=' stays text)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class AuditTrailScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        ttk.Label(self, text="Audit trail", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            self,
            text="Every change, export and sign-in, newest first. Nobody can edit it.",
            bootstyle="secondary",
        ).pack(anchor="w")
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(8, 6))
        ttk.Label(bar, text="Pupil's UPN (blank for everyone):").pack(side="left")
        self.upn_var = tkinter.StringVar(master=self)
        self.upn_entry = ttk.Entry(bar, textvariable=self.upn_var, width=16)
        self.upn_entry.pack(side="left", padx=(4, 6))
        self.upn_entry.bind("<Return>", lambda e: self.refresh())
        ttk.Button(bar, text="Show", command=self.refresh).pack(side="left")
        self.export_button = ttk.Button(bar, text="Export to CSV…", bootstyle="primary", command=self.export)
        self.export_button.pack(side="right")
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w")
        # A long change ("changed SEN status from K to N; ...") runs past the column: the chosen
        # line is shown whole, wrapped, under the list.
        self.detail = ttk.Label(
            self,
            text="Choose a line to read it in full.",
            wraplength=1100,
            justify="left",
            bootstyle="secondary",
        )
        self.detail.pack(side="bottom", anchor="w", fill="x", pady=(6, 0))
        holder = ttk.Frame(self)
        holder.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            holder, columns=("when", "who", "pupil", "what"), show="headings", selectmode="browse"
        )
        # "29/11/2026 10:16" whole at any text size: the width comes from the font in use.
        when_width = text_width(self, "29/11/2026 10:16", at_least=130)
        for key, heading, width, stretch in (
            ("when", "When", when_width, False),
            ("who", "Who", 150, False),
            ("pupil", "Pupil", 150, False),
            ("what", "What", 520, True),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=stretch)
        scroll = ttk.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_chosen())
        self.entries: list[audit.AuditEntry] = []
        self.refresh()

    def on_show(self) -> None:
        self.refresh()

    def _load(self, export: bool = False) -> list[audit.AuditEntry] | None:
        self.message.configure(text="")
        try:
            return audit.audit_trail(self.actor, upn=self.upn_var.get().strip() or None, export=export)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return None

    def refresh(self) -> None:
        entries = self._load()
        if entries is None:
            return
        self.entries = entries
        names = audit.pupil_names(self.actor, {e.pupil_id for e in entries if e.pupil_id})
        self.tree.delete(*self.tree.get_children())
        for e in reversed(entries[-SHOWN_AT_MOST:]):
            self.tree.insert("", "end", values=(when(e.at), e.who, names.get(e.pupil_id, ""), e.summary))
        self.show_chosen()
        if len(entries) > SHOWN_AT_MOST:
            self.message.configure(
                text=f"Showing the newest {SHOWN_AT_MOST:,} of {len(entries):,} entries; "
                "the export has them all.",
                bootstyle="secondary",
            )

    def show_chosen(self) -> None:
        chosen = self.tree.selection()
        if not chosen:
            self.detail.configure(text="Choose a line to read it in full.")
            return
        at, who, pupil, what = self.tree.item(chosen[0], "values")
        about = f" about {pupil}" if pupil else ""
        self.detail.configure(text=f"{at}, {who}{about}: {what}")

    def export(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            from tkinter import filedialog

            path = filedialog.asksaveasfilename(
                parent=self,
                title="Export the audit trail",
                defaultextension=".csv",
                initialfile="sencodesk-audit.csv",
                filetypes=[("CSV", "*.csv")],
            )
            if not path:
                return None
        entries = self._load(export=True)  # the service records the export itself
        if entries is None:
            return None
        names = audit.pupil_names(self.actor, {e.pupil_id for e in entries if e.pupil_id})
        path = Path(path)
        try:
            with path.open("w", newline="", encoding="utf-8-sig") as f:
                out = csv.writer(f)
                out.writerow(["when", "who", "action", "record", "pupil", "what"])
                for e in entries:
                    out.writerow(
                        [
                            when(e.at),
                            safe_cell(e.who),
                            e.action,
                            e.entity,
                            safe_cell(names.get(e.pupil_id, "")),
                            safe_cell(e.summary),
                        ]
                    )
        except OSError as err:
            self.message.configure(
                text=f"Could not write that file: {err.strerror}. Choose another place.", bootstyle="danger"
            )
            return None
        self.refresh()  # the export's own audit row joins the list
        self.message.configure(text=f"Exported {len(entries):,} entries to {path}.", bootstyle="success")
        return path
