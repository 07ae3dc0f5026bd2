"""The form kit: every screen's fields, forms, dialogs and tables are built from these.

- `fields`: TextField (one line, or many with `lines=`), DateField (DD/MM/YYYY typed, or picked
  from a calendar; `warn=` adds the calendar's not-a-school-day line), ChoiceField (codes shown
  in words), MessageSlot (an error line for what is not a field).
- `form.Form`: declared fields laid out in a grid, `load(values)`, `collect() -> dict`,
  `dirty`, and `submit(service_call)`, which shows every refusal a person can cause the same
  way: a ValidationError's messages by their fields (the first wrong one focused, scrolled into
  view and named in the status line), a PermissionDenied, Conflict or other UserError in the
  status line; nothing typed is lost.
- `form.attempt(service_call, say=..., fields=...)`: the same handling for a screen that is not
  one Form (a file read, a wizard's step); the one place outside the services where a
  refusal is caught.
- `dialog.FormDialog`: a Form in a resizable, scrolling, modal dialog that remembers its size,
  saves on Ctrl+S or Enter, cancels on Esc (asking first if something was typed) and keeps Tab
  inside itself.
- `table.Table`: columns with minimum widths measured in the font in use, sorted by heading,
  Enter opens a row.
- `access.describe`: hands a field's label and hint to the screen reader when the running Tk
  can (Tk 9.1's `tk accessible`); does nothing on Tk 8.6.
- `readonly`: a role that may read but not change a form gets it read-only.

A field declared with `access="table.column"` follows domain/field_access.py for the form's
`role`: not drawn if the role may not read it, read-only if it may not write it.

A worked example: a dialog that records an outside professional's involvement.

    from ..kit import Column, FormDialog, Table
    from ...services import referrals


    class InvolvementDialog(FormDialog):
        SAVE_TEXT = "Save involvement"

        def __init__(self, parent, actor, pupil_id, *, on_done=None):
            super().__init__(parent, "An outside professional", on_done=on_done, role=actor.user.role)
            self.actor, self.pupil_id = actor, pupil_id
            form = self.sheet
            form.choice("service", "Service", SERVICES, free=True, access="involvements.service")
            form.text("professional", "Professional's name", access="involvements.professional")
            form.date("started_on", "From", access="involvements.started_on")
            form.text("summary", "What they advised", lines=3, access="involvements.summary")

        def submit(self):  # Save, Ctrl+S or Enter; a refusal is shown by the kit
            return referrals.add_involvement(self.actor, self.pupil_id, self.collect())


    InvolvementDialog(record, actor, pupil_id, on_done=lambda new_id: tab.reload()).show()

A form on a screen rather than in a dialog is a `Form` packed like any frame: declare its
fields, `form.place_status()` under them, `form.load(values)`, and on its button
`form.submit(lambda: service(actor, form.collect()), done="Saved.")`.
"""

from __future__ import annotations

from .access import describe
from .dialog import FormDialog
from .fields import DATE_HINT, ChoiceField, DateField, Field, MessageSlot, TextField, read_date
from .form import Form, attempt, confirm_discard, typed_state
from .readonly import hide, is_read_only, read_only
from .table import Column, Table, text_width

__all__ = [
    "DATE_HINT",
    "ChoiceField",
    "Column",
    "DateField",
    "Field",
    "Form",
    "FormDialog",
    "MessageSlot",
    "Table",
    "TextField",
    "attempt",
    "confirm_discard",
    "describe",
    "hide",
    "is_read_only",
    "read_date",
    "read_only",
    "text_width",
    "typed_state",
]
