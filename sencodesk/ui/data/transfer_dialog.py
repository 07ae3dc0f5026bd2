"""A leaver's transfer pack: save the whole SEN file as a PDF for the next school, then mark it
as sent (the dashboard lists leavers until it is)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.plural import plural
from ...services import leavers, transfer
from ...services.actor import Actor
from .. import dialogs, file_choice
from ..kit import DateField, TextField, attempt


class TransferPackDialog(ttk.Toplevel):
    def __init__(
        self,
        master,
        actor: Actor,
        pupil_id: int,
        name: str,
        *,
        on_changed: Callable[[], None] = lambda: None,
    ):
        super().__init__(title=f"Transfer pack: {name}", resizable=(False, False), master=master)
        self.withdraw()
        self.actor, self.pupil_id, self.name, self.on_changed = actor, pupil_id, name, on_changed
        body = ttk.Frame(self, padding=16)
        body.pack(fill="both", expand=True)
        ttk.Label(body, text=f"Send {name}'s SEN file to their next school", font="TkHeadingFont").pack(
            anchor="w"
        )
        self.status = ttk.Label(body, text="", wraplength=460, justify="left")
        self.status.pack(anchor="w", pady=(4, 8))
        ttk.Label(
            body,
            wraplength=460,
            justify="left",
            text=(
                "The transfer pack holds the whole SEN file: status history, needs, every cycle with its "
                "provision and review, referrals and outside professionals. Save it, send it securely, "
                "then mark it as sent."
            ),
        ).pack(anchor="w")
        # what the next school needs but is blank, listed before saving as the other packs do
        self.missing_summary = ttk.Label(body, text="", wraplength=460, justify="left")
        self.missing_summary.pack(anchor="w", pady=(8, 0))
        self.missing_list = ttk.Label(body, text="", wraplength=460, justify="left", bootstyle="danger")
        self.missing_list.pack(anchor="w")
        self.save_button = ttk.Button(
            body, text="Save the transfer pack (PDF)…", bootstyle="primary", command=self.save_pack
        )
        self.save_button.pack(anchor="w", pady=(8, 0))
        sent = ttk.Labelframe(body, text="Mark as sent", padding=10)
        sent.pack(fill="x", pady=(12, 0))
        self.sent_on = DateField(sent, "Date sent")
        self.sent_on.set(uk(date.today()))
        self.sent_on.pack(fill="x")
        self.sent_to = TextField(sent, "Sent to (school)", width=40)
        self.sent_to.pack(fill="x")
        self.mark_button = ttk.Button(sent, text="Mark as sent", command=self.mark_sent)
        self.mark_button.pack(anchor="e", pady=(6, 0))
        self.message = ttk.Label(body, text="", wraplength=460, justify="left")
        self.message.pack(anchor="w", pady=(8, 0))
        ttk.Button(body, text=dialogs.CLOSE, command=self.destroy).pack(anchor="e", pady=(8, 0))
        self.bind("<Escape>", lambda e: self.destroy())
        self._show_status()
        self._show_missing()

    def show(self, parent) -> None:
        dialogs.run_modal(self, parent, focus=self.save_button)

    def _due(self) -> leavers.LeaverDue | None:
        return next(
            (d for d in leavers.leavers_awaiting_pack(self.actor) if d.pupil_id == self.pupil_id), None
        )

    def _show_status(self) -> None:
        due = self._due()
        if due is None:
            self.status.configure(text="The pack is marked as sent.", bootstyle="success")
            return
        self.sent_to.set(due.destination)
        where = f" to {due.destination}" if due.destination else ""
        self.status.configure(
            text=f"Left on {uk(due.left_on)}{where}. {due.status}.",
            bootstyle="danger" if due.overdue else "default",
        )

    def _show_missing(self) -> None:
        try:
            self.missing = transfer.transfer_model(self.actor, self.pupil_id).missing()
        except UserError as e:
            self.missing = []
            self.missing_summary.configure(text=e.message, bootstyle="danger")
            return
        if not self.missing:
            self.missing_summary.configure(
                text="Everything the next school needs is recorded.", bootstyle="success"
            )
            self.missing_list.configure(text="")
            return
        self.missing_summary.configure(
            text=(
                f"{plural(len(self.missing), 'thing')} not yet recorded. You can still save: each gap says "
                '"Not yet recorded" in the pack, but the next school will have to chase it. '
                "Close this to fix them first."
            ),
            bootstyle="default",
        )
        self.missing_list.configure(text="\n".join(f"• Missing: {item}" for item in self.missing))

    def save_pack(self) -> None:
        path = file_choice.save_file(
            self,
            "Save the transfer pack",
            transfer.suggested_name(self.name, date.today()),
            [("PDF", "*.pdf")],
            ".pdf",
        )
        if not path:
            return
        try:
            result = transfer.export_transfer_pack(self.actor, self.pupil_id, path)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return
        self.message.configure(text=f"Saved to {result.path}.", bootstyle="success")

    def mark_sent(self) -> bool:
        ok, _, _ = attempt(
            lambda: leavers.mark_pack_sent(self.actor, self.pupil_id, self.sent_on.get(), self.sent_to.get()),
            say=lambda text, style: self.message.configure(text=text, bootstyle=style),
            fields={"pack_sent_on": self.sent_on, "pack_sent_to": self.sent_to},
        )
        if not ok:
            return False
        self._show_status()
        self.message.configure(
            text="Marked as sent: the dashboard no longer lists this pupil.", bootstyle="success"
        )
        self.on_changed()
        return True
