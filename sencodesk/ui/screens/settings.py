"""Settings: the school's details (as on first run), the theme and the text size, and the school
calendar (terms, INSET days, closures)."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...services import settings
from .. import appearance
from ..data.panel import DataPanel
from ..school_form import SchoolForm
from .calendar_panel import CalendarPanel
from .pack_settings import PackSettingsPanel
from .parents_settings import ParentsSettingsPanel
from .strategy_settings import StrategySettingsPanel


class SettingsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        ttk.Label(self, text="Settings", font="TkHeadingFont").pack(anchor="w")
        # Scrolls, and the data panel drops below the others when the three columns do not fit
        # side by side (large text): no panel or button is ever off screen.
        scroller = ttk.ScrolledFrame(self, auto_hide=True, padding=0)
        scroller.container.pack(fill="both", expand=True, pady=(10, 0))
        columns = self.columns = ttk.Frame(scroller)
        columns.pack(fill="both", expand=True)

        school = ttk.Labelframe(columns, text="School", padding=12)
        school.grid(row=0, column=0, sticky="nw")
        self.form = SchoolForm(school, main_window.actor)
        self.form.pack(fill="x")
        self.save_school_button = ttk.Button(
            school, text="Save school details", bootstyle="primary", command=self.save_school
        )
        self.save_school_button.pack(anchor="e", pady=(8, 0))
        self.school_message = ttk.Label(school, text="", bootstyle="success")
        self.school_message.pack(anchor="e")

        # Packs and the look share one column: four side by side ran off a 1366-wide screen.
        middle = ttk.Frame(columns)
        middle.grid(row=0, column=1, sticky="nw", padx=(16, 0))
        self.packs = PackSettingsPanel(middle, main_window.actor)
        self.packs.pack(anchor="n", fill="x")
        # the inclusion strategy's budgets: only for the SENCO and the head, who write it
        self.strategy = None
        if main_window.actor.user.can("strategy.edit"):
            self.strategy = StrategySettingsPanel(middle, main_window.actor)
            self.strategy.pack(anchor="n", fill="x", pady=(12, 0))

        look = ttk.Labelframe(middle, text="How SENCO desk looks on this computer", padding=12)
        look.pack(anchor="n", fill="x", pady=(12, 0))
        prefs = settings.get_settings(main_window.actor)
        self.theme_var = tkinter.StringVar(master=self, value=prefs.get("theme", "light"))
        ttk.Label(look, text="Theme").pack(anchor="w")
        self.theme_buttons = {}
        for key, label in appearance.THEME_LABELS.items():
            button = ttk.Radiobutton(look, text=label, value=key, variable=self.theme_var)
            button.pack(anchor="w")
            self.theme_buttons[key] = button
        ttk.Label(look, text="Text size (100% to 200%)").pack(anchor="w", pady=(12, 0))
        self.scale_var = tkinter.StringVar(
            master=self, value=str(appearance.clamp_scale(prefs.get("text_scale")))
        )
        self.scale_box = ttk.Spinbox(
            look, from_=100, to=200, increment=10, width=6, textvariable=self.scale_var
        )
        self.scale_box.pack(anchor="w")
        self.apply_button = ttk.Button(look, text="Apply", bootstyle="primary", command=self.save_look)
        self.apply_button.pack(anchor="w", pady=(10, 0))
        self.look_message = ttk.Label(look, text="", wraplength=280, justify="left")
        self.look_message.pack(anchor="w")

        self.data = DataPanel(columns, main_window)
        self.data.grid(row=0, column=2, sticky="nw", padx=(16, 0))
        # Below the others: it is wide (this year and next as small calendars).
        self.calendar = CalendarPanel(columns, main_window.actor)
        self.calendar.grid(row=2, column=0, columnspan=3, sticky="nw", pady=(16, 0))
        # the invitation letter's words and the support layers (the SENCO edits; others read)
        self.parents = ParentsSettingsPanel(columns, main_window.actor)
        self.parents.grid(row=3, column=0, columnspan=3, sticky="nw", pady=(16, 0))
        self._panels = (school, middle)
        scroller.container.bind("<Configure>", lambda e: self.reflow(e.width), add="+")

    def reflow(self, width: int) -> None:
        """The data panel beside the others if it fits in `width` pixels, else under them."""
        needed = sum(p.winfo_reqwidth() for p in self._panels) + self.data.winfo_reqwidth() + 48
        if needed <= width:
            self.data.grid_configure(row=0, column=2, columnspan=1, padx=(16, 0), pady=0)
        else:
            self.data.grid_configure(row=1, column=0, columnspan=2, padx=0, pady=(16, 0))

    def save_school(self) -> None:
        self.school_message.configure(text="")
        if self.form.save():
            self.school_message.configure(text="Saved.")
            self.main.settings_changed()

    def save_look(self) -> None:
        raw = self.scale_var.get().strip().rstrip("%")
        if not raw.isdigit() or not 100 <= int(raw) <= 200:
            self.look_message.configure(
                text="Text size must be a number from 100 to 200.", bootstyle="danger"
            )
            return
        theme, scale = self.theme_var.get(), int(raw)
        settings.save_preferences(self.main.actor, theme=theme, text_scale=scale)
        appearance.apply_theme(self.main.root, theme)
        appearance.apply_text_scale(self.main.root, scale)
        self.look_message.configure(
            text=f"Saved: {appearance.THEME_LABELS[theme]} theme, text at {scale}%.", bootstyle="success"
        )
