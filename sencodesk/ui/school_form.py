"""The school's details as a form: used by the first-run dialog and the Settings screen."""

from __future__ import annotations

import tkinter

from ..domain.school import SCHOOL_FIELDS
from ..services import settings
from ..services.actor import Actor
from .kit import Form

_HINTS = {
    "urn": "6 digits",
    "la_number": "3 digits, e.g. 938",
    "estab_number": "4 digits, e.g. 2001",
    "la_name": "filled in from the LA number if left blank",
}
# The LA number comes before its name: the name is filled in from the number when left blank.
_ORDER = ("school_name", "urn", "la_number", "la_name", "estab_number", "senco_name")


class SchoolForm(Form):
    def __init__(self, master: tkinter.Misc, actor: Actor):
        super().__init__(master, columns=1)
        self.actor = actor
        for key in _ORDER:
            self.text(key, SCHOOL_FIELDS[key], hint=_HINTS.get(key, ""), width=36)
        self.place_status()
        self.reload()

    def reload(self) -> None:
        self.load(settings.get_settings(self.actor))

    def save(self) -> bool:
        """Save through the service; on bad input each message is shown by its field."""
        if not self.submit(lambda: settings.save_school(self.actor, self.collect())):
            return False
        self.load(self.result)
        return True
