"""Settings: the school's details (as on first run), the theme and the text size."""
from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...services import settings
from .. import appearance
from ..data.panel import DataPanel
from ..school_form import SchoolForm
from .pack_settings import PackSettingsPanel


class SettingsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        ttk.Label(self, text="Settings", font="TkHeadingFont").pack(anchor="w")
        columns = ttk.Frame(self)
        columns.pack(fill="both", expand=True, pady=(10, 0))

        school = ttk.Labelframe(columns, text="School", padding=12)
        school.pack(side="left", anchor="n")
        self.form = SchoolForm(school, main_window.session)
        self.form.pack(fill="x")
        self.save_school_button = ttk.Button(school, text="Save school details", bootstyle="primary",
                                             command=self.save_school)
        self.save_school_button.pack(anchor="e", pady=(8, 0))
        self.school_message = ttk.Label(school, text="", bootstyle="success")
        self.school_message.pack(anchor="e")

        self.packs = PackSettingsPanel(columns, main_window.session)
        self.packs.pack(side="left", anchor="n", padx=(16, 0))

        look = ttk.Labelframe(columns, text="How SENCO desk looks on this computer", padding=12)
        look.pack(side="left", anchor="n", padx=(16, 0))
        prefs = settings.get_settings(main_window.session)
        self.theme_var = tkinter.StringVar(master=self, value=prefs.get("theme", "light"))
        ttk.Label(look, text="Theme").pack(anchor="w")
        self.theme_buttons = {}
        for key, label in appearance.THEME_LABELS.items():
            button = ttk.Radiobutton(look, text=label, value=key, variable=self.theme_var)
            button.pack(anchor="w")
            self.theme_buttons[key] = button
        ttk.Label(look, text="Text size (100% to 200%)").pack(anchor="w", pady=(12, 0))
        self.scale_var = tkinter.StringVar(master=self, value=str(appearance.clamp_scale(prefs.get("text_scale"))))
        self.scale_box = ttk.Spinbox(look, from_=100, to=200, increment=10, width=6,
                                     textvariable=self.scale_var)
        self.scale_box.pack(anchor="w")
        self.apply_button = ttk.Button(look, text="Apply", bootstyle="primary", command=self.save_look)
        self.apply_button.pack(anchor="w", pady=(10, 0))
        self.look_message = ttk.Label(look, text="", wraplength=280, justify="left")
        self.look_message.pack(anchor="w")

        self.data = DataPanel(columns, main_window)
        self.data.pack(side="left", anchor="n", padx=(16, 0))

    def save_school(self) -> None:
        self.school_message.configure(text="")
        if self.form.save():
            self.school_message.configure(text="Saved.")
            self.main.settings_changed()

    def save_look(self) -> None:
        raw = self.scale_var.get().strip().rstrip("%")
        if not raw.isdigit() or not 100 <= int(raw) <= 200:
            self.look_message.configure(text="Text size must be a number from 100 to 200.",
                                        bootstyle="danger")
            return
        theme, scale = self.theme_var.get(), int(raw)
        settings.save_preferences(self.main.session, theme=theme, text_scale=scale)
        appearance.apply_theme(self.main.root, theme)
        appearance.apply_text_scale(self.main.root, scale)
        self.look_message.configure(text=f"Saved: {appearance.THEME_LABELS[theme]} theme, text at {scale}%.",
                                    bootstyle="success")
