"""A pupil's referrals to outside services: the list, the referral chosen (with the service's
own questions), its status, and consent to it."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.referrals import CONSENT_METHODS, SERVICE_QUESTIONS, SERVICES, STATUSES, Referral
from ...services import referrals
from ..kit import Column, Form, Table
from .answers import Answers
from .consent import ConsentSection

COLUMNS = (
    Column("service", "Service", sample="Speech and language therapy"),
    Column("date", "Date", sample="00/00/0000"),
    Column("status", "Status", sample=max(STATUSES.values(), key=len)),
    Column("consent", "Consent to refer", sample="Yes: Mrs Montgomery, 00/00/0000", stretch=True),
)


class ReferralsSection(ttk.Labelframe):
    def __init__(self, master: tkinter.Misc, *, role: str | None):
        super().__init__(master, text="Referrals to outside services", padding=10)
        self.actor = None
        self.pupil_id: int | None = None
        self.items: list[Referral] = []
        self.current: Referral | None = None
        self.not_saved = ttk.Label(self, text="", bootstyle="secondary")
        self.not_saved.pack(anchor="w")
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.table = Table(top, COLUMNS, height=4)
        self.table.pack(side="left", fill="x", expand=True)
        self.tree = self.table.tree
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected(), add="+")
        self.new_button = ttk.Button(
            top, text="New referral", bootstyle="secondary-outline", command=self.new_referral
        )
        self.new_button.pack(side="left", anchor="n", padx=(8, 0))

        self.form = Form(self, role=role, columns=3)
        self.form.pack(fill="x", pady=(8, 0))
        f = self.form
        service = f.choice(
            "service", "Service", SERVICES, blank="", width=40, span=2, access="referrals.service"
        )
        if service is not None:
            service.var.trace_add("write", lambda *a: self._ask(self.form.fields["service"].get()))
        # the school sends a referral on a school day: another day is said (never refused)
        f.date(
            "referred_on",
            "Date of referral",
            access="referrals.referred_on",
            warn=(lambda: self.actor, "The referral date"),
        )
        f.text("reason", "Reason for referral (what worries the school)", lines=3, access="referrals.reason")
        f.text("asks", "What the school is asking the service for", lines=2, access="referrals.asks")
        self.questions = Answers(f, label="The service's questions")
        f.add("answers", self.questions, wide=True, access="referrals.answers")
        self.save_button = ttk.Button(
            f, text="Save referral", bootstyle="primary", command=self.save_referral
        )
        f.new_row()
        f.put(self.save_button, span=3)
        self.save_button.grid_configure(sticky="e")
        f.place_status()

        self.status_form = Form(self, role=role, columns=3)
        self.status_form.pack(fill="x", pady=(8, 0))
        s = self.status_form
        self.status_box = s.choice("status", "Status", STATUSES, width=20, access="referrals.status")
        s.text("outcome_notes", "Outcome notes", width=30, access="referrals.outcome_notes")
        self.status_button = ttk.Button(s, text="Set status", bootstyle="secondary", command=self.set_status)
        s.put(self.status_button)
        self.status_button.grid_configure(sticky="sw")
        s.place_status()
        self.status_message = s.status

        self.consent = ConsentSection(
            self,
            "Consent to this referral (add a new dated record when it changes)",
            "referral",
            "Record consent",
            self.record_consent,
            role=role,
        )
        self.consent.pack(fill="x")

    @property
    def dirty(self) -> bool:
        return self.form.dirty or self.status_form.dirty or self.consent.form.dirty

    @property
    def buttons(self) -> tuple[ttk.Button, ...]:
        return (self.new_button, self.save_button, self.status_button, self.consent.button)

    # ---- loading ------------------------------------------------------------------------------
    def load(self, actor, pupil_id: int, select: int | None = None) -> None:
        self.actor, self.pupil_id = actor, pupil_id
        keep = select or (self.current.id if self.current else None)
        self.items = referrals.referrals_for_pupil(actor, pupil_id)
        self.table.show((str(r.id), _row(r)) for r in self.items)
        chosen = next((r for r in self.items if r.id == keep), None) or next(iter(self.items), None)
        if chosen is None:
            self.new_referral()
        else:
            self.table.select(str(chosen.id))
            self._show(chosen)

    def _selected(self) -> None:
        chosen = self.table.selected()
        found = next((r for r in self.items if str(r.id) == chosen), None)
        if found is not None and found is not self.current:
            self._show(found)

    def _ask(self, service: str, answers: dict[str, str] | None = None) -> None:
        """The chosen service's questions; answers to questions it does not list are kept and
        shown, never dropped."""
        answers = answers if answers is not None else self.questions.get()
        known = SERVICE_QUESTIONS.get(service, [])
        extra = [(k, k) for k in answers if k not in dict(known) and answers[k]]
        self.questions.ask(known + extra, answers)

    def _show(self, r: Referral | None) -> None:
        self.current = r
        self.form.clear_errors()
        self.status_form.clear_errors()
        self.form.load(
            {
                "service": r.service if r else "",
                "referred_on": uk(r.referred_on) if r else uk(date.today()),
                "reason": r.reason if r else "",
                "asks": r.asks if r else "",
            }
        )
        self._ask(r.service if r else "", dict(r.answers) if r else {})
        self.form.mark_clean()
        self.status_form.load(
            {"status": r.status if r else "", "outcome_notes": r.outcome_notes if r else ""}
        )
        state = "normal" if r else "disabled"
        for button in (self.status_button, self.consent.button):
            button.configure(state=state)
        if self.status_box is not None and not self.status_box.locked:
            self.status_box.input.configure(state="readonly" if r else "disabled")
        c = r.consent if r else None
        self.consent.now.configure(
            text=(
                "Save the referral first, then record consent."
                if r is None
                else "No consent is recorded: the referral prints with a CONSENT NOT RECORDED banner "
                "and cannot be marked sent."
                if c is None
                else f"Latest: {c.given_by} ({c.relationship or 'relationship not given'}) "
                f"{'agreed' if c.consent_to_refer else 'did NOT agree'} on {uk(c.given_on)}, "
                f"{CONSENT_METHODS.get(c.method, c.method).lower()}; may share with: "
                f"{', '.join(c.share_with) or 'no services named'}"
                + (f"; not with: {c.exclusions}" if c.exclusions else "")
            ),
            bootstyle="danger" if r is not None and (c is None or not c.consent_to_refer) else "default",
        )

    def new_referral(self) -> None:
        self.tree.selection_remove(*self.tree.selection())
        self._show(None)

    # ---- saving -------------------------------------------------------------------------------
    def referral_form(self) -> dict:
        values = self.form.collect()
        return values | {
            "status": self.current.status if self.current else "draft",
            "outcome_notes": self.current.outcome_notes if self.current else "",
        }

    def save_referral(self) -> bool:
        current, form = self.current, self.referral_form()

        def save() -> int:
            if current is None:
                return referrals.add_referral(self.actor, self.pupil_id, form)
            referrals.update_referral(self.actor, current.id, current.version, form)
            return current.id

        if not self.form.submit(save):
            return False
        self.current = None
        self.load(self.actor, self.pupil_id, select=self.form.result)
        self.form.say("Referral saved.", "success")
        return True

    def set_status(self) -> bool:
        current = self.current
        if current is None:
            return False
        if self.form.dirty:
            self.status_form.say("Save the changes to the referral first (Save referral).")
            return False
        values = self.status_form.collect()
        if not self.status_form.submit(
            lambda: referrals.set_referral_status(
                self.actor, current.id, current.version, values["status"], values["outcome_notes"]
            )
        ):
            return False
        self.load(self.actor, self.pupil_id)
        self.status_form.say(f"Status saved: {STATUSES[values['status']].lower()}.", "success")
        return True

    def record_consent(self) -> bool:
        current = self.current
        if current is None:
            return False
        if self.form.dirty:
            self.consent.form.say(
                "Save the changes to the referral first (Save referral); the consent you typed is still here."
            )
            return False
        if not self.consent.record(
            lambda: referrals.record_consent(self.actor, current.id, self.consent.form.collect())
        ):
            return False
        self.load(self.actor, self.pupil_id)
        return True


def _row(r: Referral) -> tuple[str, str, str, str]:
    c = r.consent
    consent = (
        "Not recorded"
        if c is None
        else f"{'Yes' if c.consent_to_refer else 'No'}: {c.given_by}, {uk(c.given_on)}"
    )
    return (SERVICES.get(r.service, r.service), uk(r.referred_on), STATUSES.get(r.status, r.status), consent)
