"""Dashboard: the register's headline counts, each opening the register filtered."""
from __future__ import annotations

import ttkbootstrap as ttk

from ...services import pupils
from .deadlines_panel import DeadlinesPanel
from .leavers_panel import LeaversPanel


class DashboardScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=24)
        self.main = main_window
        ttk.Label(self, text="Dashboard", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(self, text="Choose a number to open the register showing those pupils.",
                  bootstyle="secondary").pack(anchor="w", pady=(2, 12))
        row = ttk.Frame(self)
        row.pack(anchor="w")
        self.buttons: dict[str, ttk.Button] = {}
        for key, status in (("pupils", ""), ("K", "K"), ("E", "E")):
            button = ttk.Button(row, bootstyle="primary-outline", padding=(18, 14),
                                command=lambda s=status: self.main.open_register(status=s))
            button.pack(side="left", padx=(0, 12))
            self.buttons[key] = button
        self.deadlines = DeadlinesPanel(self, main_window)
        self.deadlines.pack(anchor="w", fill="x")
        self.leavers = LeaversPanel(self, main_window)
        self.leavers.pack(fill="x", anchor="w", pady=(18, 0))
        self.refresh()

    def refresh(self) -> None:
        counts = pupils.register_counts(self.main.session)
        self.buttons["pupils"].configure(text=_plural(counts["pupils"], "pupil on roll", "pupils on roll"))
        self.buttons["K"].configure(text=f"{counts['K']} on SEN support")
        self.buttons["E"].configure(text=_plural(counts["E"], "with an EHC plan", "with EHC plans"))
        self.deadlines.refresh()
        self.leavers.refresh()

    def on_show(self) -> None:
        self.refresh()


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
