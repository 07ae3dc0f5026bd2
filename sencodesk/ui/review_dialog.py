"""Recording a review: date, who attended, each outcome rated with evidence, views, the impact
of each provision (attendance from the sessions logged), and the decision. The same dialog,
filled in, corrects a recorded review; its decision is shown but fixed (it has taken effect)."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ..domain.cycles import DECISIONS, RATINGS, decision_fixed_reason
from ..domain.dates import uk
from ..domain.graduated import Allocation, Outcome, Review
from ..services import cycles, review_edits
from ..services.actor import Actor
from .date_warning import watch_date
from .kit import FormDialog, MessageSlot, TextField
from .pupil.details import DATE_HINT
from .widgets import Field

RATING_CHOICES = tuple(RATINGS.values())


def attendance_text(a: Allocation) -> str:
    if not a.logged:
        return "no sessions logged yet"
    return f"attended {a.attended} of {a.logged} sessions logged ({a.attendance_pct}%)"


class ReviewDialog(FormDialog):
    SAVE_TEXT = "Save review"

    def __init__(
        self,
        parent,
        actor: Actor,
        *,
        cycle_id: int,
        version: int,
        cycle_number: int,
        pupil_name: str,
        outcomes: list[Outcome],
        allocations: list[Allocation],
        on_done=None,
        review: Review | None = None,
        next_cycle_number: int | None = None,
    ):
        title = f"{'Correct the review' if review else 'Review'} of cycle {cycle_number}: {pupil_name}"
        super().__init__(parent, title, on_done=on_done, width=720)
        # correcting: `version` is the review's own (the cycle is closed; the review is what changes)
        self.actor, self.cycle_id, self.version, self.recorded = actor, cycle_id, version, review
        if review:
            self.save_button.configure(text="Save corrections")
        scroller = ttk.ScrolledFrame(self.body, auto_hide=True, height=480, width=760)
        scroller.pack(fill="both", expand=True)
        body = ttk.Frame(scroller, padding=(0, 0, 14, 0))
        body.pack(fill="both", expand=True)
        self.held_on = Field(body, "Date the review was held", hint=DATE_HINT, width=12)
        self.held_on.set(uk(date.today()))
        self.held_on.pack(anchor="w")
        watch_date(self.held_on, actor, "The review")
        who = ttk.Frame(body)
        who.pack(fill="x", pady=(4, 0))
        self.parent_present = tkinter.BooleanVar(master=self, value=False)
        self.pupil_present = tkinter.BooleanVar(master=self, value=False)
        ttk.Checkbutton(who, text="Parent or carer present", variable=self.parent_present).pack(side="left")
        ttk.Checkbutton(who, text="Pupil present", variable=self.pupil_present).pack(
            side="left", padx=(16, 0)
        )
        self.others = Field(body, "Also attended (names and roles)", width=60)
        self.others.pack(anchor="w")
        ttk.Label(body, text="Outcomes", font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        self.ratings: dict[int, Field] = {}
        self.evidence: dict[int, Field] = {}
        self.fields = {"held_on": self.held_on, "others": self.others}
        for i, o in enumerate(outcomes, start=1):
            box = ttk.Labelframe(body, text=f"Outcome {i}", padding=(8, 2))
            box.pack(fill="x", pady=(0, 4))
            ttk.Label(
                box,
                text=o.text + (f"  (by {uk(o.by_when)})" if o.by_when else ""),
                wraplength=680,
                justify="left",
            ).grid(row=0, column=0, columnspan=2, sticky="w")
            self.ratings[o.id] = Field(box, "Rating", kind="combo", values=RATING_CHOICES, width=12)
            self.ratings[o.id].grid(row=1, column=0, sticky="nw")
            self.evidence[o.id] = Field(box, f"Evidence ({o.measure})" if o.measure else "Evidence", width=60)
            self.evidence[o.id].grid(row=1, column=1, sticky="nwe", padx=(12, 0))
            box.columnconfigure(1, weight=1)
            self.fields[f"rating_{o.id}"] = self.ratings[o.id]
        self.pupil_views = TextField(body, "The pupil's views", lines=2)
        self.pupil_views.pack(fill="x", pady=(4, 0))
        self.parent_views = TextField(body, "Parents' views", lines=2)
        self.parent_views.pack(fill="x")
        ttk.Label(body, text="Impact of each provision", font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        self.impacts: dict[int, Field] = {}
        for a in allocations:
            self.impacts[a.id] = Field(
                body, f"{a.provision_name}: {attendance_text(a)}. Your judgement:", width=70
            )
            self.impacts[a.id].pack(anchor="w", fill="x")
        if not allocations:
            ttk.Label(body, text="No provision was allocated in this cycle.", bootstyle="secondary").pack(
                anchor="w"
            )
        ttk.Label(body, text="Decision", font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        self.decision = tkinter.StringVar(master=self, value="")
        for key, label in DECISIONS.items():
            ttk.Radiobutton(body, text=label, value=key, variable=self.decision).pack(anchor="w")
        self.decision_slot = MessageSlot(body)
        self.decision_slot.pack(anchor="w")
        self.refer_to = Field(body, "Referred to (when referring)", width=40)
        self.refer_to.pack(anchor="w")
        if not review:  # what each decision does; a correction cannot choose one
            ttk.Label(
                body,
                bootstyle="secondary",
                wraplength=680,
                justify="left",
                text="Continue, refer or consider an EHC needs assessment: a new cycle opens with the "
                "outcomes not met or partly met carried across. Close: the pupil leaves SEN "
                "support from the review date (their history is kept).",
            ).pack(anchor="w")
        self.notes = TextField(body, "Notes", lines=2)
        self.notes.pack(fill="x", pady=(4, 0))
        self.fields |= {
            "decision": self.decision_slot,
            "refer_to": self.refer_to,
            "notes": self.notes,
            "pupil_views": self.pupil_views,
            "parent_views": self.parent_views,
        }
        self.decision_buttons = [w for w in body.winfo_children() if isinstance(w, ttk.Radiobutton)]
        if review:
            self._fill(review, outcomes)
            carried = (
                f" A rating changed here does not change the outcomes already carried into cycle "
                f"{next_cycle_number}: change those in its plan."
                if next_cycle_number
                else ""
            )
            self._fix_decision(
                decision_fixed_reason(review.decision, review.held_on, next_cycle_number) + carried
            )

    def _fill(self, review: Review, outcomes: list[Outcome]) -> None:
        """The recorded review as it was saved, to correct."""
        self.held_on.set(uk(review.held_on))
        self.parent_present.set(review.parent_present)
        self.pupil_present.set(review.pupil_present)
        for field, value in (
            (self.others, review.others),
            (self.pupil_views, review.pupil_views),
            (self.parent_views, review.parent_views),
            (self.notes, review.notes),
            (self.refer_to, review.refer_to),
        ):
            field.set(value)
        for o in outcomes:
            if o.rating:
                self.rate(o.id, o.rating)
            self.evidence[o.id].set(o.evidence)
        for aid, field in self.impacts.items():
            field.set(review.impacts.get(aid, (None, ""))[1])
        self.decision.set(review.decision)

    def _fix_decision(self, reason: str) -> None:
        """The decision has taken effect: shown, not changeable; trying says why."""
        self.decision_reason = ttk.Label(
            self.decision_slot.master, text=reason, bootstyle="secondary", wraplength=680, justify="left"
        )
        self.decision_reason.pack(after=self.decision_slot, anchor="w")
        for button in (*self.decision_buttons, self.refer_to.input):
            button.configure(state="disabled")
            # the reason is already written there: trying makes it stand out, not a second copy
            button.bind("<Button-1>", lambda e: self.decision_reason.configure(bootstyle="danger"))

    def rate(self, outcome_id: int, rating: str) -> None:
        """For tests and keyboard users alike: choose a rating by its key ('met')."""
        self.ratings[outcome_id].set(RATINGS[rating])

    def form(self) -> dict:
        codes = {label: key for key, label in RATINGS.items()}
        return {
            "held_on": self.held_on.get(),
            "parent_present": self.parent_present.get(),
            "pupil_present": self.pupil_present.get(),
            "others": self.others.get(),
            "pupil_views": self.pupil_views.get(),
            "parent_views": self.parent_views.get(),
            "ratings": {oid: codes.get(f.get(), "") for oid, f in self.ratings.items()},
            "evidence": {oid: f.get() for oid, f in self.evidence.items()},
            "impacts": {aid: f.get() for aid, f in self.impacts.items()},
            "decision": self.decision.get(),
            "refer_to": self.refer_to.get(),
            "notes": self.notes.get(),
        }

    def submit(self) -> int | bool | None:
        if self.recorded:
            return review_edits.edit_review(self.actor, self.cycle_id, self.version, self.form())
        return cycles.record_review(self.actor, self.cycle_id, self.version, self.form())
