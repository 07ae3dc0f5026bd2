"""Screens whose features arrive with later work: one honest line about what will be here."""
from __future__ import annotations

import ttkbootstrap as ttk


class UpcomingScreen(ttk.Frame):
    TITLE = ""
    TEXT = ""

    def __init__(self, master, main_window):
        super().__init__(master, padding=24)
        ttk.Label(self, text=self.TITLE, font="TkHeadingFont").pack(anchor="w")
        self.line = ttk.Label(self, text=self.TEXT, wraplength=700, justify="left")
        self.line.pack(anchor="w", pady=(8, 0))


class ReportsScreen(UpcomingScreen):
    TITLE = "Reports"
    TEXT = ("PDF packs for the local authority and outside services, and the headteacher's "
            "summary, will be made here. This is not built yet.")
