"""Consent, as a referral's and the EHC needs assessment request's sections show it: the line
saying what is recorded now, and the form for a new dated record (consent to the referral or
request and, separately, to sharing information with named services)."""

from __future__ import annotations

import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain.referrals import CONSENT_METHODS
from ..kit import Form

YES_NO = {"yes": "Yes", "no": "No"}


class ConsentSection(ttk.Frame):
    """`what` is what is agreed to ("referral", "request"); `command` records the form."""

    def __init__(
        self,
        master: tkinter.Misc,
        title: str,
        what: str,
        button_text: str,
        command: Callable[[], object],
        *,
        role: str | None,
    ):
        super().__init__(master)
        ttk.Label(self, text=title, font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        self.now = ttk.Label(self, text="", wraplength=820, justify="left")
        self.now.pack(anchor="w")
        self.form = Form(self, role=role, columns=3)
        self.form.pack(fill="x")
        f = self.form
        f.text("given_by", "Consent given by (name)", width=22, access="consents.given_by")
        f.text("relationship", "Relationship to the child", width=22, access="consents.relationship")
        f.date("given_on", "Date given", access="consents.given_on")
        f.choice("method", "How it was given", CONSENT_METHODS, blank="", width=22, access="consents.method")
        f.choice(
            "consent_to_refer",
            f"Agrees to the {what}?",
            YES_NO,
            blank="",
            width=22,
            access="consents.consent_to_refer",
        )
        f.new_row()
        f.text(
            "share_with",
            "Agrees to share information with (names, commas between)",
            width=44,
            span=2,
            access="consents.share_with",
        )
        f.text("exclusions", "Do not share with / exclusions", width=22, access="consents.exclusions")
        f.place_status()
        self.button = ttk.Button(self, text=button_text, bootstyle="secondary", command=command)
        self.button.pack(anchor="e", pady=(4, 0))

    def record(self, service_call: Callable[[], object]) -> bool:
        """Record the consent typed; emptied once recorded (the next is a new dated record)."""
        if not self.form.submit(service_call):
            return False
        self.form.load({})
        self.form.say("Consent recorded.", "success")
        return True
