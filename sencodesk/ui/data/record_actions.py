"""Buttons the pupil record gains for data going out: the transfer pack (leavers) and the
subject access export (anyone saved). Attached with one line from the record."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.errors import UserError
from .. import dialogs, file_choice

# The PDF code (reportlab) loads on first use, not when a record opens: opening stays quick.


class RecordActions:
    def __init__(self, record, bar: ttk.Frame):
        self.record = record
        user = record.actor.user
        # Only for the roles that may make them: a teacher was offered both and then refused.
        self.may_sar, self.may_transfer = user.can("export.sar"), user.can("export.packs")
        self.sar_button = ttk.Button(bar, text="Subject access export…", command=self.subject_access)
        if self.may_sar:
            self.sar_button.pack(side="left", padx=(8, 0))
        self.transfer_button = ttk.Button(bar, text="Transfer pack…", command=self.transfer_pack)

    def update(self) -> None:
        """After each load: the transfer pack only for a leaver, nothing before the first save."""
        pupil = self.record.pupil
        self.sar_button.configure(state="normal" if pupil is not None else "disabled")
        if pupil is not None and pupil.is_leaver and self.may_transfer:
            self.transfer_button.pack(side="left", padx=(8, 0))
        else:
            self.transfer_button.pack_forget()

    def transfer_pack(self):
        from .transfer_dialog import TransferPackDialog

        record = self.record
        dialog = TransferPackDialog(
            record,
            record.actor,
            record.pupil_id,
            record.pupil.display_name,
            on_changed=lambda: record.on_saved(record, record.pupil_id),
        )
        dialog.show(record)
        return dialog

    def subject_access(self) -> None:
        from ...services import subject_access_pack

        record = self.record
        folder = file_choice.folder(record, "Choose a folder for the subject access export")
        if not folder:
            return
        try:
            json_path, pdf_path = subject_access_pack.export_everything(record.actor, record.pupil_id, folder)
        except UserError as e:
            dialogs.show_error(record, e.message)
            return
        dialogs.show_info(
            record, f"Everything held about {record.pupil.display_name} was saved:\n{pdf_path}\n{json_path}"
        )


def attach(record, bar: ttk.Frame) -> RecordActions:
    return RecordActions(record, bar)
