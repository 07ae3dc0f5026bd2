"""The school's own words for an EHC needs assessment request (and the LA's extra questions),
and the parents' consent to the request."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain.dates import uk
from ...domain.la_profile import UNKNOWN_QUESTION, question_wordings
from ...domain.plural import plural
from ...services import la_profiles, referrals
from ..kit import Form
from .answers import Answers
from .consent import ConsentSection

KINDS = {"new": "New request", "re": "Re-request"}


class RequestSection(ttk.Labelframe):
    def __init__(self, master: tkinter.Misc, *, role: str | None):
        super().__init__(master, text="EHC needs assessment request: the school's text", padding=10)
        self.actor = None
        self.pupil_id: int | None = None
        self.draft_version = 0
        self.form = Form(self, role=role, columns=3)
        self.form.pack(fill="x")
        f = self.form
        f.date("request_date", "Request date", access="ehcna_drafts.request_date")
        f.choice(
            "request_kind", "New request or re-request", KINDS, width=22, access="ehcna_drafts.request_kind"
        )
        f.text("completed_by", "Person completing", width=22, access="ehcna_drafts.completed_by")
        # The pupil's record (Details tab) holds both now; the packs print these only where it does not.
        f.text(
            "home_language", "Home language, if not on Details", width=22, access="ehcna_drafts.home_language"
        )
        f.text(
            "attendance_pct",
            "Attendance %, if not on Details",
            width=10,
            access="ehcna_drafts.attendance_pct",
        )
        f.text(
            "now_needed", "What the school thinks is now needed", lines=3, access="ehcna_drafts.now_needed"
        )
        f.text("outcomes_sought", "Outcomes sought", lines=3, access="ehcna_drafts.outcomes_sought")
        self.la_answers = Answers(f, lines=2, label="The LA's questions")
        f.add("la_answers", self.la_answers, wide=True, access="ehcna_drafts.la_answers")
        f.place_status()
        self.save_button = ttk.Button(self, text="Save request text", bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=(4, 0))
        self.consent = ConsentSection(
            self,
            "Consent to the request",
            "request",
            "Record consent to the request",
            self.record_consent,
            role=role,
        )
        self.consent.pack(fill="x")

    @property
    def la_boxes(self) -> dict:
        return self.la_answers.boxes

    @property
    def dirty(self) -> bool:
        return self.form.dirty or self.consent.form.dirty

    @property
    def buttons(self) -> tuple[ttk.Button, ...]:
        return (self.save_button, self.consent.button)

    def load(self, actor, pupil_id: int) -> None:
        self.actor, self.pupil_id = actor, pupil_id
        draft = referrals.get_ehcna_draft(actor, pupil_id)
        self.draft_version = draft.version if draft else 0
        answers = dict(draft.la_answers) if draft else {}
        profile = la_profiles.school_profile(actor)
        questions = [(q.id, f"{profile.name} asks: {q.text}") for q in profile.questions]
        # an answer to a question this profile does not ask shows that question's own words
        # (from the profile that asked it), else a plain label: never its id
        others = [k for k in answers if k not in dict(questions)]
        if others:  # the profiles' files are read only when an answer needs them
            wording = question_wordings(profile, la_profiles.load_profiles(actor)[0].values())
            questions += [
                (k, f"Not asked by {profile.name}: {wording.get(k, UNKNOWN_QUESTION)}") for k in others
            ]
        self.la_answers.ask(questions)
        self.form.load(
            {
                "request_date": uk(draft.request_date) if draft else "",
                "request_kind": "re" if draft and draft.request_kind == "re" else "new",
                "completed_by": draft.completed_by if draft else "",
                "home_language": draft.home_language if draft else "",
                "attendance_pct": f"{draft.attendance_pct:g}"
                if draft and draft.attendance_pct is not None
                else "",
                "now_needed": draft.now_needed if draft else "",
                "outcomes_sought": draft.outcomes_sought if draft else "",
                "la_answers": answers,
            }
        )
        self._consent_line()

    def _consent_line(self) -> None:
        consents = referrals.ehcna_consents(self.actor, self.pupil_id)
        latest = max(consents, key=lambda c: (c.given_on, c.id or 0), default=None)
        self.consent.now.configure(
            text="No consent to the request is recorded yet."
            if latest is None
            else f"Latest: {latest.given_by} {'agreed' if latest.consent_to_refer else 'did NOT agree'} on "
            f"{uk(latest.given_on)} ({plural(len(consents), 'record')} in all).",
            bootstyle="danger" if latest is None or not latest.consent_to_refer else "default",
        )

    def save(self) -> bool:
        values = self.form.collect()
        if not self.form.submit(
            lambda: referrals.save_ehcna_draft(self.actor, self.pupil_id, self.draft_version, values)
        ):
            return False
        self.load(self.actor, self.pupil_id)  # (a consent typed and not yet recorded stays typed)
        self.form.say("Request text saved.", "success")
        return True

    def record_consent(self) -> bool:
        if not self.consent.record(
            lambda: referrals.record_ehcna_consent(self.actor, self.pupil_id, self.consent.form.collect())
        ):
            return False
        self._consent_line()
        return True
