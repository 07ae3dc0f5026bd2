"""The dashboard's list of leavers whose transfer pack is not marked sent, most urgent first,
with the send-by date (15 school days after leaving). Double-click opens the pupil's record,
where "Transfer pack…" saves the PDF and marks it sent."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.errors import PermissionDenied
from ...services import leavers


class LeaversPanel(ttk.Labelframe):
    def __init__(self, master, main_window):
        super().__init__(master, text="Leavers: SEN file to send to the next school", padding=10)
        self.main = main_window
        self.note = ttk.Label(self, text="", wraplength=1000, justify="left")
        self.note.pack(anchor="w")
        self.tree = ttk.Treeview(
            self, columns=("name", "to", "when"), show="headings", height=5, selectmode="browse"
        )
        for key, text, width in (("name", "Pupil", 200), ("to", "Moving to", 260), ("when", "Send by", 420)):
            self.tree.heading(key, text=text, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=key == "when")
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())

    def refresh(self) -> None:
        # The theme's own red, read on each refresh: a fixed dark red could not be read on the
        # dark theme's background.
        self.tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.tree.delete(*self.tree.get_children())
        try:
            due = leavers.leavers_awaiting_pack(self.main.actor)
        except PermissionDenied:
            due = []
        if not due:
            self.note.configure(text="Every leaver's transfer pack is marked as sent.")
            self.tree.pack_forget()
            return
        who = "1 leaver whose SEN file is" if len(due) == 1 else f"{len(due)} leavers whose SEN files are"
        self.note.configure(
            text=f'{who} not marked as sent. Double-click to open the record and use "Transfer pack…".'
        )
        self.tree.configure(height=min(4, len(due)))  # more scroll: the dashboard must fit 768 high
        self.tree.pack(fill="x", pady=(6, 0))
        for d in due:
            self.tree.insert(
                "",
                "end",
                iid=str(d.pupil_id),
                values=(d.name, d.destination or "Not recorded", d.status),
                tags=("overdue",) if d.overdue else (),
            )

    def rows(self) -> list[tuple]:
        return [tuple(self.tree.item(i, "values")) for i in self.tree.get_children()]

    def open_selected(self):
        selected = self.tree.focus() or next(iter(self.tree.selection()), "")
        return self.main.open_pupil(int(selected)) if selected else None
