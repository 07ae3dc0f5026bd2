"""The dashboard's statutory deadlines panel: how many are overdue and coming, the most urgent
few by name (each opens its record), and the way to the Deadlines screen."""

from __future__ import annotations

from datetime import date

import ttkbootstrap as ttk

from ...services import deadlines
from ..tiles import TileRow
from .deadlines import due_words

SHOWN = 5


class DeadlinesPanel(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master)
        self.main = main_window
        self.actor = main_window.actor
        ttk.Label(self, text="Statutory deadlines", font="TkHeadingFont").pack(anchor="w", pady=(18, 6))
        if not self.actor.user.can("statutory.read"):
            ttk.Label(self, text="Not shown to your role.", bootstyle="secondary").pack(anchor="w")
            self.buttons = {}
            return
        self.tiles = TileRow(self)  # as the numbers above, wrapping in half the width
        self.tiles.pack(fill="x")
        self.buttons: dict[str, ttk.Button] = {}
        for key, style in (
            ("overdue", "danger-outline"),
            ("next_7_days", "primary-outline"),
            ("next_8_weeks", "primary-outline"),
        ):
            self.buttons[key] = self.tiles.add(style, self.open_screen)
        self.lines = ttk.Frame(self)
        self.lines.pack(anchor="w", fill="x", pady=(8, 0))
        self.refresh()

    def refresh(self) -> None:
        if not self.buttons:
            return
        today = date.today()
        items = deadlines.deadlines(self.actor, today=today)
        overdue = sum(d.step.overdue(today) for d in items)
        week = sum(not d.step.overdue(today) and d.step.days_left(today) <= 7 for d in items)
        self.buttons["overdue"].configure(text=f"{overdue} overdue")
        self.buttons["next_7_days"].configure(text=f"{week} due in the next 7 days")
        self.buttons["next_8_weeks"].configure(text=f"{len(items) - overdue} due in the next 8 weeks")
        for child in self.lines.winfo_children():
            child.destroy()
        for d in items[:SHOWN]:
            late = d.step.overdue(today)
            ttk.Button(
                self.lines,
                text=f"{due_words(d, today)}: {d.pupil_name}, {d.step.what}",
                bootstyle="danger-link" if late else "link",
                padding=(0, 1),
                command=lambda d=d: self.main.show("deadlines").open_deadline(d),
            ).pack(anchor="w")
        if len(items) > SHOWN:
            ttk.Button(
                self.lines,
                text=f"All {len(items)} on the Deadlines screen",
                bootstyle="link",
                padding=(0, 1),
                command=self.open_screen,
            ).pack(anchor="w")

    def open_screen(self):
        return self.main.show("deadlines")
