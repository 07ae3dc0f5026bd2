"""Adding or editing a catalogue item, with its cost per pupil worked out as it is typed and
the wording check on its description (advice only: it never stops a save)."""

from __future__ import annotations

import ttkbootstrap as ttk

from ..domain import codes, costing
from ..domain.costing import CostingSettings
from ..domain.money import pounds
from ..domain.provision import Provision, provision_or_none
from ..services import provision
from ..services.actor import Actor
from .kit import ChoiceField, FormDialog, TextField

AREA_CHOICES = {f"{k} - {v}": k for k, v in codes.AREAS.items()}
ROLE_CHOICES = {v: k for k, v in costing.STAFF_ROLES.items()}
NUMBERS = (
    ("group_size", "Pupils in the group"),
    ("session_minutes", "Minutes a session"),
    ("sessions_per_week", "Sessions a week"),
    ("weeks", "Number of weeks"),
)


class ProvisionDialog(FormDialog):
    def __init__(self, parent, actor: Actor, item: Provision | None, rates: CostingSettings, *, on_done=None):
        super().__init__(
            parent, f"Edit {item.name}" if item else "Add a provision to the catalogue", on_done=on_done
        )
        self.actor, self.item, self.rates = actor, item, rates
        f = self.fields
        f["name"] = TextField(self.body, "Name", width=40)
        f["name"].pack(anchor="w")
        line = ttk.Frame(self.body)
        line.pack(fill="x")
        f["area"] = ChoiceField(line, "Area of need", tuple(AREA_CHOICES), width=36)
        f["area"].pack(side="left")
        f["staff_role"] = ChoiceField(line, "Delivered by", tuple(ROLE_CHOICES), width=20)
        f["staff_role"].pack(side="left", padx=(12, 0))
        f["description"] = TextField(
            self.body, "Description: what happens, who delivers it, how often", lines=3, checker=self._wording
        )
        f["description"].pack(fill="x", pady=(4, 0))
        numbers = ttk.Frame(self.body)
        numbers.pack(fill="x")
        for key, label in NUMBERS:
            f[key] = TextField(numbers, label, width=8)
            f[key].pack(side="left", padx=(0, 10), anchor="n")
        fixed = ttk.Frame(self.body)
        fixed.pack(fill="x")
        f["fixed_cost"] = TextField(fixed, "Fixed cost for the group, £ (optional)", width=12)
        f["fixed_cost"].pack(side="left", anchor="n")
        f["fixed_cost_note"] = TextField(fixed, "What it is for (materials, licence, fee)", width=30)
        f["fixed_cost_note"].pack(side="left", padx=(12, 0), anchor="n")
        self.cost = ttk.Label(self.body, text="", wraplength=540, justify="left")
        self.cost.pack(anchor="w", pady=(6, 0))
        if item:
            form = provision.provision_form(item)
            for key in ("name", "description", *(k for k, _ in NUMBERS), "fixed_cost", "fixed_cost_note"):
                f[key].set(form[key])
            f["area"].set(next(label for label, code in AREA_CHOICES.items() if code == item.area))
            f["staff_role"].set(costing.STAFF_ROLES.get(item.staff_role, ""))
        for key in ("staff_role", *(k for k, _ in NUMBERS), "fixed_cost", "fixed_cost_note"):
            f[key].var.trace_add("write", lambda *_: self.show_cost())
        f["description"].check_wording()  # now that the frequency and staff role are in
        self.show_cost()

    def form(self) -> dict:
        f = self.fields
        values = {
            k: f[k].get()
            for k in ("name", "description", *(k for k, _ in NUMBERS), "fixed_cost", "fixed_cost_note")
        }
        return values | {
            "area": AREA_CHOICES.get(f["area"].get(), ""),
            "staff_role": ROLE_CHOICES.get(f["staff_role"].get(), ""),
            "active": self.item.active if self.item else True,
        }

    def _wording(self, text: str):
        return provision.provision_hints(self.form() | {"description": text})

    def show_cost(self) -> None:
        p = provision_or_none(self.form() | {"name": "x", "area": "CL"})
        if p is None:
            self.cost.configure(text="Cost per pupil: fill in who delivers it and the numbers to see it.")
            return
        cost = provision.provision_cost(p, self.rates)
        self.cost.configure(text=f"Cost per pupil a year: {pounds(cost.pence)}. How: {cost.explanation}")

    def submit(self):
        item = self.item
        return provision.save_provision(
            self.actor, item.id if item else None, item.version if item else None, self.form()
        )
