"""The school's details as a form: used by the first-run dialog and the Settings screen."""

from __future__ import annotations

import ttkbootstrap as ttk

from ..domain.errors import ValidationError
from ..domain.school import SCHOOL_FIELDS
from ..services import settings
from ..services.actor import Actor
from .widgets import Field

_HINTS = {
    "urn": "6 digits",
    "la_number": "3 digits, e.g. 938",
    "estab_number": "4 digits, e.g. 2001",
    "la_name": "filled in from the LA number if left blank",
}
# The LA number comes before its name: the name is filled in from the number when left blank.
_ORDER = ("school_name", "urn", "la_number", "la_name", "estab_number", "senco_name")


class SchoolForm(ttk.Frame):
    def __init__(self, master, actor: Actor):
        super().__init__(master)
        self.actor = actor
        self.fields: dict[str, Field] = {}
        for row, key in enumerate(_ORDER):
            field = Field(self, SCHOOL_FIELDS[key], width=36, hint=_HINTS.get(key, ""))
            field.grid(row=row, column=0, sticky="we", pady=(0, 2))
            self.fields[key] = field
        self.columnconfigure(0, weight=1)
        self.load()

    def load(self) -> None:
        values = settings.get_settings(self.actor)
        for key, field in self.fields.items():
            field.set(values.get(key, ""))
            field.clear()

    def save(self) -> bool:
        """Save through the service; on bad input show each message by its field."""
        for field in self.fields.values():
            field.clear()
        try:
            values = settings.save_school(self.actor, {k: f.get() for k, f in self.fields.items()})
        except ValidationError as e:
            for key, message in e.field_errors.items():
                self.fields.get(key, self.fields["school_name"]).show_error(message)
            first = next((k for k in self.fields if k in e.field_errors), "school_name")
            self.fields[first].input.focus_set()
            return False
        for key, field in self.fields.items():
            field.set(values.get(key, ""))
        return True
