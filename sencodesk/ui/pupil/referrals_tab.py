"""Referrals tab: referrals to outside services with their consent and status (referrals.py),
the outside professionals involved (involvements.py), and the school's EHC needs assessment
request text and consent (ehcna_request.py).

Each section saves through services.referrals with its own button; what a service refuses (a
referral marked sent without consent, a date in the future) is said by the kit's forms, and
what was typed stays.
"""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain import field_access
from ..kit import hide
from .ehcna_request import RequestSection
from .involvements import InvolvementsSection
from .referrals import ReferralsSection


class ReferralsTab(ttk.Frame):
    def __init__(self, master: tkinter.Misc):
        super().__init__(master, padding=12)
        self.actor = None
        self.pupil_id: int | None = None
        # The record this tab is in says whose it is: each field follows that role's access.
        role = getattr(getattr(self.winfo_toplevel(), "user", None), "role", None)
        self.referrals_box = ReferralsSection(self, role=role)
        self.involvements_box = InvolvementsSection(self, role=role)
        self.request_box = RequestSection(self, role=role)
        self.sections = (self.referrals_box, self.involvements_box, self.request_box)
        for section in self.sections:
            section.pack(fill="x", pady=(0, 12))
        self.shows = {"referrals": True, "request": True}
        self.bind("<Map>", lambda e: self._on_map(e), add="+")

    def _on_map(self, event: tkinter.Event) -> None:
        # reload when shown, unless that would throw away something typed and not yet saved
        if event.widget is self and not self.dirty:
            self.reload()

    @property
    def dirty(self) -> bool:
        """Typed on this tab and not saved by its own buttons (the record asks before closing)."""
        return any(section.dirty for section in self.sections if section.winfo_manager())

    def apply_role(self, user) -> None:
        """As field_access says for this role: a teacher sees who is involved from outside, not
        the referrals, consents or the request text (the sections are not shown, not shown
        empty); the head reads every section and changes none (no buttons, no typing)."""
        role = user.role
        self.shows = {
            "referrals": field_access.may_read_table(role, "referrals"),
            "request": field_access.may_read_table(role, "ehcna_drafts"),
        }
        for section, shown in (
            (self.referrals_box, self.shows["referrals"]),
            (self.request_box, self.shows["request"]),
        ):
            if not shown:
                hide(section)
        if not field_access.may_write(role, "involvements.service"):
            self.involvements_box.read_only()
        for section, field in (
            (self.referrals_box, "referrals.reason"),
            (self.request_box, "ehcna_drafts.now_needed"),
        ):
            if not field_access.may_write(role, field):
                for button in section.buttons:
                    hide(button)
                hide(section.consent)  # a new dated consent record is the SENCO's to add

    def reload(self) -> None:
        record = self.winfo_toplevel()
        self.actor, self.pupil_id = record.actor, record.pupil_id
        saved = self.pupil_id is not None
        self.referrals_box.not_saved.configure(
            text="" if saved else "Save the new pupil first: referrals belong to a saved record."
        )
        for section in self.sections:
            for button in section.buttons:
                button.configure(state="normal" if saved else "disabled")
        if not saved:
            return
        if self.shows["referrals"]:
            self.referrals_box.load(self.actor, self.pupil_id)
        self.involvements_box.load(self.actor, self.pupil_id)
        if self.shows["request"]:
            self.request_box.load(self.actor, self.pupil_id)
