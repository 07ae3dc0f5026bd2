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


class ConcernsScreen(UpcomingScreen):
    TITLE = "Concerns"
    TEXT = ("Concerns raised by staff about pupils not yet on the register will be listed here, "
            "ready for you to triage. This is not built yet.")


class ProvisionScreen(UpcomingScreen):
    TITLE = "Provision"
    TEXT = ("The provision map (interventions, who runs them, how often and what they cost) will "
            "be kept here. This is not built yet.")
