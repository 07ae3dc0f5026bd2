"""SEN tab: status and its start date, ranked needs, the broad areas, and the dated history."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.pupil import Pupil
from ..widgets import Field
from . import choices
from .details import DATE_HINT, check_date_field

NO_LAYER = "(not chosen)"


class SenTab(ttk.Frame):
    FIELDS = ("sen_status", "sen_start_date", "primary_need", "secondary_need", "support_layer")

    def __init__(self, master):
        super().__init__(master, padding=12)
        self.fields: dict[str, Field] = {
            "sen_status": Field(self, "SEN status", kind="combo", values=tuple(choices.STATUS_CHOICES)),
            "sen_start_date": Field(self, "SEN status start date", hint=DATE_HINT),
            "primary_need": Field(
                self, "Primary need (rank 1)", kind="combo", values=tuple(choices.NEED_CHOICES), width=44
            ),
            "secondary_need": Field(
                self, "Secondary need (rank 2)", kind="combo", values=tuple(choices.NEED_CHOICES), width=44
            ),
            # the school's own list (Settings); the 2026 White Paper proposes four such layers
            "support_layer": Field(self, "Layer of support", kind="combo", values=(NO_LAYER,), width=26),
        }
        for row, field in enumerate(self.fields.values()):
            field.grid(row=row // 2, column=row % 2, sticky="nwe", padx=(0, 18), pady=(0, 2))
        self.fields["sen_start_date"].input.bind(
            "<FocusOut>", lambda e: check_date_field(self.fields["sen_start_date"], "sen_start_date")
        )
        ttk.Label(self, text="Broad areas of need (from the needs):").grid(
            row=3, column=0, sticky="w", pady=(8, 0)
        )
        self.areas_label = ttk.Label(self, text="", wraplength=560, justify="left")
        self.areas_label.grid(row=4, column=0, columnspan=2, sticky="w")
        for key in ("primary_need", "secondary_need"):
            self.fields[key].var.trace_add("write", lambda *_: self.show_areas())
        ttk.Label(self, text="SEN history (oldest first)").grid(row=5, column=0, sticky="w", pady=(12, 2))
        self.history = ttk.Treeview(
            self,
            columns=("from", "status", "primary", "secondary", "by"),
            show="headings",
            height=5,
            selectmode="none",
        )
        for key, heading, width in (
            ("from", "From", 100),
            ("status", "Status", 140),
            ("primary", "Primary need", 220),
            ("secondary", "Secondary need", 220),
            ("by", "Recorded by", 120),
        ):
            self.history.heading(key, text=heading, anchor="w")
            self.history.column(key, width=width, anchor="w")
        self.history.grid(row=6, column=0, columnspan=2, sticky="nsew")
        self.columnconfigure((0, 1), weight=1, uniform="col")
        self.rowconfigure(6, weight=1)

    def set_layers(self, layers: list[str]) -> None:
        """The school's layers to choose from (a name no longer on the list stays shown)."""
        self.layers = list(layers)
        self.fields["support_layer"].input.configure(values=[NO_LAYER, *self.layers])

    def show_areas(self) -> None:
        needs = [choices.code_of(self.fields[k].get()) for k in ("primary_need", "secondary_need")]
        areas = codes.areas_for_needs([n for n in needs if n])
        text = "; ".join(codes.AREAS[a] for a in areas) or "None yet (no need recorded)"
        self.areas_label.configure(text=text)

    def load(self, form: dict, pupil: Pupil | None) -> None:
        self.fields["sen_status"].set(choices.status_label(form.get("sen_status") or "N"))
        self.fields["sen_start_date"].set(form.get("sen_start_date") or "")
        self.fields["primary_need"].set(choices.need_label(form.get("primary_need")))
        self.fields["secondary_need"].set(choices.need_label(form.get("secondary_need")))
        self.fields["support_layer"].set(form.get("support_layer") or NO_LAYER)
        for field in self.fields.values():
            field.clear()
        self.show_areas()
        self.history.delete(*self.history.get_children())
        for entry in pupil.sen_history if pupil else []:
            self.history.insert(
                "",
                "end",
                values=(
                    uk(entry.start_date),
                    choices.status_label(entry.status),
                    codes.need_label(entry.primary_need),
                    codes.need_label(entry.secondary_need),
                    entry.recorded_by,
                ),
            )

    def collect(self) -> dict:
        return {
            "sen_status": choices.code_of(self.fields["sen_status"].get()),
            "sen_start_date": self.fields["sen_start_date"].get(),
            "primary_need": choices.code_of(self.fields["primary_need"].get()),
            "secondary_need": choices.code_of(self.fields["secondary_need"].get()),
            "support_layer": "" if (layer := self.fields["support_layer"].get()) == NO_LAYER else layer,
        }
