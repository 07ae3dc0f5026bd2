"""Settings, Letters to parents and layers of support: the school's own list of support layers
(the 2026 White Paper proposes universal, targeted, targeted plus and specialist), and the letter
inviting parents to review meetings, with its placeholders and a preview. Everyone may read them;
only the SENCO changes them (settings.edit)."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain import letters
from ...domain.errors import UserError
from ...services import invitations, support_layers
from ...services.actor import Actor
from ..kit import attempt
from ..widgets import ERROR_STYLE, read_only

WRAP = 560


class ParentsSettingsPanel(ttk.Labelframe):
    def __init__(self, master: tkinter.Misc, actor: Actor) -> None:
        super().__init__(master, text="Letters to parents, and layers of support", padding=12)
        self.actor = actor
        may_edit = actor.user.can("settings.edit")
        left = ttk.Frame(self)
        left.grid(row=0, column=0, sticky="nw")
        right = ttk.Frame(self)
        right.grid(row=0, column=1, sticky="nw", padx=(24, 0))
        ttk.Label(left, text="Layers of support", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            left,
            text="One a line, the least support first. Change a name in place to rename it on every "
            "pupil's record. These are the 2026 Schools White Paper's proposed layers: a proposal, "
            "not law.",
            wraplength=260,
            justify="left",
            bootstyle="secondary",
        ).pack(anchor="w", pady=(0, 4))
        self.layers = ttk.Text(left, height=6, width=28, wrap="none", undo=True)
        self.layers.pack(anchor="w")
        self.in_use = ttk.Label(left, text="", wraplength=260, justify="left", bootstyle="secondary")
        self.in_use.pack(anchor="w", pady=(4, 0))
        self.save_layers_button = ttk.Button(
            left, text="Save the layers", bootstyle="primary", command=self.save_layers
        )
        self.save_layers_button.pack(anchor="e", pady=(6, 0))
        self.layers_message = ttk.Label(left, text="", wraplength=260, justify="left")
        self.layers_message.pack(anchor="w")

        ttk.Label(right, text="Invitation to a review meeting", font="TkHeadingFont").pack(anchor="w")
        names = ", ".join("{" + name + "}" for name in letters.PLACEHOLDERS)
        ttk.Label(
            right,
            text=f"SENCO desk fills in: {names}. Type a brace itself twice: {{{{ or }}}}. Keep the "
            "sentences short: parents with a reading age of 11 should be able to read it.",
            wraplength=WRAP,
            justify="left",
            bootstyle="secondary",
        ).pack(anchor="w", pady=(0, 4))
        self.template = ttk.Text(right, height=12, width=72, wrap="word", undo=True)
        self.template.pack(anchor="w", fill="x")
        self.template_message = ttk.Label(right, text="", wraplength=WRAP, justify="left")
        self.template_message.pack(anchor="w")
        buttons = ttk.Frame(right)
        buttons.pack(fill="x", pady=(6, 0))
        self.save_template_button = ttk.Button(
            buttons, text="Save the letter", bootstyle="primary", command=self.save_template
        )
        self.save_template_button.pack(side="right")
        self.default_button = ttk.Button(
            buttons, text="Put back SENCO desk's words", bootstyle="secondary-outline", command=self.put_back
        )
        self.default_button.pack(side="right", padx=(0, 8))
        self.preview_button = ttk.Button(
            buttons, text="Show a preview", bootstyle="secondary-outline", command=self.preview
        )
        self.preview_button.pack(side="left")
        self.preview_text = ttk.Text(right, height=10, width=72, wrap="word")
        read_only(self.preview_text)
        self.load()
        if not may_edit:
            read_only(self, keep=(self.preview_button,))

    def load(self) -> None:
        self.layers.delete("1.0", "end")
        layers = support_layers.support_layers(self.actor)
        self.layers.insert("1.0", "\n".join(layers))
        if self.actor.user.can("settings.edit"):
            counts = support_layers.layer_counts(self.actor)
            self.in_use.configure(
                text="Pupils in each: " + ", ".join(f"{k} {counts[k]}" for k in layers if k in counts)
                if counts
                else "No pupil is in a layer yet: choose one on the SEN tab of their record."
            )
        text, _ = invitations.invitation_template(self.actor)
        self.template.delete("1.0", "end")
        self.template.insert("1.0", text)

    def _template(self) -> str:
        return self.template.get("1.0", "end-1c")

    def save_layers(self) -> bool:
        try:
            support_layers.save_support_layers(self.actor, self.layers.get("1.0", "end-1c").splitlines())
        except UserError as e:
            self.layers_message.configure(text=e.message, bootstyle=ERROR_STYLE)
            return False
        self.load()
        self.layers_message.configure(text="Saved.", bootstyle="success")
        return True

    def preview(self) -> str | None:
        ok, shown, _ = attempt(
            lambda: invitations.preview_invitation(self.actor, self._template()),
            say=lambda text, style: self.template_message.configure(text=text, bootstyle=style),
        )
        if not ok:
            return None
        self.template_message.configure(
            text="The letter for a made-up pupil, as it will print:", bootstyle="secondary"
        )
        self.preview_text.delete("1.0", "end")
        self.preview_text.insert("1.0", shown)
        self.preview_text.pack(anchor="w", fill="x", pady=(6, 0))
        return shown

    def put_back(self) -> None:
        self.template.delete("1.0", "end")
        self.template.insert("1.0", letters.DEFAULT_TEMPLATE)
        self.template_message.configure(
            text="SENCO desk's own words: Save the letter to keep them.", bootstyle="secondary"
        )

    def save_template(self) -> bool:
        try:
            invitations.save_invitation_template(self.actor, self._template())
        except UserError as e:
            self.template_message.configure(text=e.message, bootstyle=ERROR_STYLE)
            return False
        self.template_message.configure(text="Saved: new letters use these words.", bootstyle="success")
        return True
