"""Settings for the PDF packs: what they print about the school, and the LA profile."""

from __future__ import annotations

from tkinter import filedialog

import ttkbootstrap as ttk

from ...services import la_profiles, pack_settings
from .. import dialogs
from ..kit import attempt
from ..widgets import Field


class PackSettingsPanel(ttk.Labelframe):
    def __init__(self, master, actor):
        super().__init__(master, text="PDF packs", padding=12)
        self.actor = actor
        self.fields: dict[str, Field] = {}
        for key, label in pack_settings.PACK_FIELDS.items():
            field = Field(self, label, width=30)
            field.pack(fill="x", pady=(0, 4))
            self.fields[key] = field
        self.browse_button = ttk.Button(
            self, text="Browse for the logo…", bootstyle="secondary-link", command=self.browse
        )
        self.browse_button.pack(anchor="w")
        self.profiles, problems = la_profiles.load_profiles(actor)
        self.by_name = {p.name: key for key, p in self.profiles.items()}
        self.profile = Field(
            self, "LA profile (EHCNA request layout)", kind="combo", values=tuple(self.by_name), width=30
        )
        self.profile.pack(fill="x", pady=(6, 0))
        self.problems = ttk.Label(self, text="", bootstyle="danger", wraplength=280, justify="left")
        if problems:
            self.problems.configure(
                text="These LA profile files could not be read: "
                + "; ".join(f"{p.path}: {p.message}" for p in problems)
            )
        self.problems.pack(anchor="w")
        self.save_button = ttk.Button(self, text="Save pack settings", bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=(8, 0))
        self.message = ttk.Label(self, text="", bootstyle="success", wraplength=280)
        self.message.pack(anchor="e")
        self.load()

    def load(self) -> None:
        for key, value in pack_settings.get_pack_settings(self.actor).items():
            self.fields[key].set(value)
        self.profile.set(la_profiles.school_profile(self.actor).name)

    def browse(self) -> None:
        if dialogs.testing.active:
            return
        chosen = filedialog.askopenfilename(
            parent=self, title="Choose the school's logo", filetypes=[("Pictures", "*.png *.jpg *.jpeg")]
        )
        if chosen:
            self.fields["logo_path"].set(chosen)

    def save(self) -> bool:
        form = {k: f.get() for k, f in self.fields.items()}

        def save_both() -> None:
            pack_settings.save_pack_settings(self.actor, form)
            la_profiles.choose_profile(self.actor, self.by_name.get(self.profile.get(), ""))

        ok, _, _ = attempt(
            save_both,
            say=lambda text, style: self.message.configure(text=text, bootstyle=style),
            fields={"profile": self.profile, **self.fields},
        )
        if not ok:
            return False
        self.message.configure(text="Saved.", bootstyle="success")
        self.load()
        return True
