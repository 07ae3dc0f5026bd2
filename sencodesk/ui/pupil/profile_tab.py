"""One-page profile tab: the child's own words for the profile (pupil passport), written with
the child and family. The strategies in the current plan are added when it prints."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.errors import UserError, ValidationError
from ...services import passports
from .referrals_tab import Form, TextBox


class ProfileTab(ttk.Frame):
    def __init__(self, master):
        super().__init__(master, padding=12)
        self.actor, self.pupil_id, self.version = None, None, 0
        ttk.Label(
            self,
            wraplength=820,
            justify="left",
            text=(
                "The one-page profile is for staff and parents, in the child's voice. Write it with them. "
                "When it prints, the strategies and outcomes of the current plan are added after these."
            ),
        ).pack(anchor="w")
        self.form = Form(self)
        self.form.pack(fill="x", pady=(8, 0))
        self.boxes = {
            "like_and_admire": TextBox(self.form, "What people like and admire about me"),
            "important_to_me": TextBox(self.form, "What is important to me"),
            "how_to_support": TextBox(self.form, "How best to support me (one strategy per line)", height=5),
        }
        for row, box in enumerate(self.boxes.values()):
            box.grid(row=row, column=0, sticky="we", pady=(4, 0))
        self.form.columnconfigure(0, weight=1)
        self.form.message.grid(row=3, column=0, sticky="w")
        self.save_button = ttk.Button(self, text="Save profile words", bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=(6, 0))
        self._saved: dict | None = None
        self.bind("<Map>", lambda e: self.reload() if e.widget is self and not self.dirty else None, add="+")

    def _values(self) -> dict:
        return {k: box.get() for k, box in self.boxes.items()}

    @property
    def dirty(self) -> bool:
        return self._saved is not None and self._values() != self._saved

    def reload(self) -> None:
        record = self.winfo_toplevel()
        self.actor, self.pupil_id = record.actor, record.pupil_id
        self.save_button.configure(state="normal" if self.pupil_id else "disabled")
        if self.pupil_id is None:
            self.form.say("Save the new pupil first.", "secondary")
            return
        words = passports.get_passport(self.actor, self.pupil_id)
        self.version = words.version if words else 0
        self.boxes["like_and_admire"].set(words.like_and_admire if words else "")
        self.boxes["important_to_me"].set(words.important_to_me if words else "")
        self.boxes["how_to_support"].set("\n".join(words.how_to_support) if words else "")
        self._saved = self._values()

    def save(self) -> bool:
        self.form.say("")
        try:
            passports.save_passport(self.actor, self.pupil_id, self.version, self._values())
        except ValidationError as e:
            self.form.say("Not saved: " + " ".join(e.field_errors.values()))
            return False
        except UserError as e:
            self.form.say(e.message)
            return False
        self.reload()
        self.form.say("Saved.", "success")
        return True
