"""One-page profile tab: the child's own words for the profile (pupil passport), written with
the child and family. The strategies in the current plan are added when it prints."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...services import passports
from ..kit import Form


class ProfileTab(ttk.Frame):
    def __init__(self, master: tkinter.Misc):
        super().__init__(master, padding=12)
        self.actor, self.pupil_id, self.version = None, None, 0
        role = getattr(getattr(self.winfo_toplevel(), "user", None), "role", None)
        ttk.Label(
            self,
            wraplength=820,
            justify="left",
            text=(
                "The one-page profile is for staff and parents, in the child's voice. Write it with them. "
                "When it prints, the strategies and outcomes of the current plan are added after these."
            ),
        ).pack(anchor="w")
        self.form = Form(self, role=role, columns=1)
        self.form.pack(fill="x", pady=(8, 0))
        for key, label, lines in (
            ("like_and_admire", "What people like and admire about me", 3),
            ("important_to_me", "What is important to me", 3),
            ("how_to_support", "How best to support me (one strategy per line)", 5),
        ):
            self.form.text(key, label, lines=lines, access=f"pupil_passports.{key}")
        self.form.place_status()
        self.boxes = self.form.fields
        self.save_button = ttk.Button(self, text="Save profile words", bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=(6, 0))
        self._loaded = False
        self.bind("<Map>", lambda e: self.reload() if e.widget is self and not self.dirty else None, add="+")

    @property
    def dirty(self) -> bool:
        return self._loaded and self.form.dirty

    def reload(self) -> None:
        record = self.winfo_toplevel()
        self.actor, self.pupil_id = record.actor, record.pupil_id
        self.save_button.configure(state="normal" if self.pupil_id else "disabled")
        if self.pupil_id is None:
            self.form.say("Save the new pupil first.", "secondary")
            return
        words = passports.get_passport(self.actor, self.pupil_id)
        self.version = words.version if words else 0
        self.form.load(
            {
                "like_and_admire": words.like_and_admire if words else "",
                "important_to_me": words.important_to_me if words else "",
                "how_to_support": "\n".join(words.how_to_support) if words else "",
            }
        )
        self._loaded = True

    def save(self) -> bool:
        values = self.form.collect()
        if not self.form.submit(
            lambda: passports.save_passport(self.actor, self.pupil_id, self.version, values)
        ):
            return False
        self.reload()
        self.form.say("Saved.", "success")
        return True
