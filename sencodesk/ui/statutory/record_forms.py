"""The forms for each statutory record, built on FormDialog and saved through the services."""

from __future__ import annotations

import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain import codes, ehc, statutory
from ...services import annual_reviews, consultations, ehc_plans, ehcna_requests, plan_links
from ...services.actor import Actor
from ..date_warning import watch_date
from ..kit import DATE_HINT, FormDialog
from ..widgets import ERROR_STYLE
from .items_editor import add_items

YES_NO = {"yes": "Yes: the LA will assess", "no": "No: the LA refused to assess"}
AREAS = tuple(codes.AREAS)


def request_dialog(
    parent, actor: Actor, pupil_id: int, request: ehc.EhcnaRequest | None, on_saved: Callable[[], None]
) -> FormDialog:
    """A new request (sent by the school or a parent), or the LA's steps on one, each dated."""

    def save(form: dict) -> None:
        if request is None:
            ehcna_requests.record_request(actor, pupil_id, form)
        else:
            ehcna_requests.update_request(actor, request.id, request.version, form)
        on_saved()

    d = FormDialog(
        parent,
        "EHC needs assessment request",
        on_save=save,
        size=(760, 600),
        intro=(
            "Record each step as it happens, with its date. The statutory due dates are worked out "
            "from the date the LA received the request (or the date sent)."
        ),
    )
    d.heading("The request")
    d.choice("requested_by", "Sent by", ehc.REQUESTED_BY)
    d.field("sent_on", "Date sent", date=True)
    d.field("la_received_on", "Date the LA received it", date=True)
    d.field("la_name", "Local authority")
    d.field("pack_reference", "Pack sent (reference)")
    d.heading("The LA's steps")
    d.choice("will_assess", "Decision to assess", YES_NO)
    d.field("decision_on", "Date of the decision", date=True)
    d.field("advice_requested_on", "LA asked the school for advice", date=True)
    d.field("advice_sent_on", "School's advice sent", date=True)
    d.field("draft_received_on", "Draft plan received", date=True)
    d.field("comments_returned_on", "Comments on the draft returned", date=True)
    d.field("final_plan_on", "Final plan issued", date=True)
    d.field("no_plan_on", "LA decided not to issue a plan", date=True)
    d.field("withdrawn_on", "Request withdrawn", date=True)
    d.text("appeal_note", "Appeal or mediation (if any)", height=2)
    d.text("notes", "Notes", height=2)
    d.load(ehcna_requests.request_form(request) if request else {"requested_by": "school"})
    return d.show()


def exception_dialog(parent, actor: Actor, request_id: int, on_saved: Callable[[], None]) -> FormDialog:
    def save(form: dict) -> None:
        ehcna_requests.add_exception(actor, request_id, form)
        on_saved()

    d = FormDialog(
        parent,
        "Exception to the LA's time limits",
        on_save=save,
        size=(700, 440),
        intro=(
            "Tick an exception the regulations allow, with a note. A closure or absence of 4 weeks or "
            "more moves the affected dates back by its length; exceptional personal circumstances lift "
            "the time limit."
        ),
    )
    d.choice("kind", "Which exception", statutory.EXCEPTIONS)
    d.field("starts_on", "First day of the period", date=True)
    d.field("ends_on", "Last day of the period", date=True)
    d.text("note", "Note (what happened)", height=3)
    d.load({})
    return d.show()


def plan_dialog(
    parent,
    actor: Actor,
    pupil_id: int,
    plan: ehc.EhcPlan | None,
    on_saved: Callable[[], None],
    *,
    request_id: int | None = None,
) -> FormDialog:
    """The EHC plan as issued (or amended): sections A-K, with B, E and F as lists. A new plan
    from a request on record also dates that request's final plan (request_id)."""

    def save(form: dict) -> None:
        if plan is None:
            ehc_plans.issue_plan(actor, pupil_id, form, request_id=request_id)
        else:
            ehc_plans.update_plan(actor, plan.id, plan.version, form)
        on_saved()

    intro = (
        "Record the final plan as the LA issued it. Saving puts the pupil on E (EHC plan) from "
        "the plan date; the SEN history keeps what was there before."
        if plan is None
        else "Change the plan after an amendment, or correct what was typed. Outcome lines keep their "
        "links to the cycles working towards them."
    )
    d = FormDialog(parent, "EHC plan", on_save=save, size=(900, 680), intro=intro)
    d.field("plan_date", "Plan date (date issued)", date=True)
    d.field("la_name", "Local authority")
    d.field("named_school", "Section I: named school", width=40)
    d.field("personal_budget", "Section J: personal budget", width=40)
    d.text("section_a", ehc.TEXT_SECTIONS["section_a"], height=2)
    add_items(d, "needs", "Section B: special educational needs", detail_label="Detail", areas=AREAS)
    d.text("section_c", ehc.TEXT_SECTIONS["section_c"], height=2)
    d.text("section_d", ehc.TEXT_SECTIONS["section_d"], height=2)
    add_items(d, "outcomes", "Section E: outcomes", detail_label="By when", areas=AREAS)
    add_items(
        d, "provision", "Section F: special educational provision", detail_label="Who, how often", areas=AREAS
    )
    for key in ("section_g", "section_h1", "section_h2", "section_k"):
        d.text(key, ehc.TEXT_SECTIONS[key], height=2)
    d.load(ehc_plans.plan_form(plan) if plan else {"needs": [], "outcomes": [], "provision": []})
    return d.show()


class InvitationsTable(ttk.Frame):
    """One line per statutory invitee (reg 20(2)) and two for anyone else: name and date sent."""

    OTHER_ROWS = 2

    def __init__(self, master):
        super().__init__(master)
        ttk.Label(self, text="Invitations (at least 2 weeks before the meeting)", font="TkHeadingFont").grid(
            row=0, column=0, columnspan=3, sticky="w", pady=(6, 2)
        )
        for col, text in enumerate(("Who", "Name", f"Date sent ({DATE_HINT})")):
            ttk.Label(self, text=text, bootstyle="secondary").grid(row=1, column=col, sticky="w")
        self.rows: list[tuple[str, tkinter.StringVar, tkinter.StringVar]] = []
        keys = list(statutory.STATUTORY_INVITEES) + ["other"] * self.OTHER_ROWS
        for r, key in enumerate(keys, start=2):
            name, sent = tkinter.StringVar(self), tkinter.StringVar(self)
            label = statutory.STATUTORY_INVITEES.get(key, "Someone else (name them)")
            ttk.Label(self, text=label, wraplength=300).grid(row=r, column=0, sticky="w", padx=(0, 8))
            ttk.Entry(self, textvariable=name, width=24).grid(
                row=r, column=1, sticky="we", padx=(0, 8), pady=1
            )
            ttk.Entry(self, textvariable=sent, width=12).grid(row=r, column=2, sticky="w", pady=1)
            self.rows.append((key, name, sent))
        self.message = ttk.Label(self, text="", bootstyle=ERROR_STYLE, wraplength=600, justify="left")
        self.message.grid(row=len(keys) + 2, column=0, columnspan=3, sticky="w")
        self.columnconfigure(1, weight=1)

    def get(self) -> list[dict]:
        return [{"invitee": key, "name": name.get(), "sent_on": sent.get()} for key, name, sent in self.rows]

    def set(self, invitations) -> None:
        others = [i for i in invitations or [] if i["invitee"] not in statutory.STATUTORY_INVITEES]
        given = {i["invitee"]: i for i in invitations or [] if i["invitee"] in statutory.STATUTORY_INVITEES}
        for key, name, sent in self.rows:
            item = given.get(key) if key != "other" else (others.pop(0) if others else None)
            name.set((item or {}).get("name") or "")
            sent.set((item or {}).get("sent_on") or "")
        if others:  # more "other" invitees than lines: never drop one silently
            self.message.configure(
                text="More people were invited than this table shows: " + ", ".join(i["name"] for i in others)
            )

    def show_error(self, text: str) -> None:
        shown = str(self.message.cget("text"))
        self.message.configure(text=f"{shown}\n{text}" if shown else text)

    def clear(self) -> None:
        self.message.configure(text="")


def review_dialog(
    parent,
    actor: Actor,
    pupil_id: int,
    plan_id: int,
    review: ehc.AnnualReview | None,
    on_saved: Callable[[], None],
) -> FormDialog:
    """Book an annual review (a future meeting date) or record its steps as they happen."""

    def save(form: dict) -> None:
        if review is None:
            annual_reviews.record_review(actor, plan_id, form)
        else:
            annual_reviews.update_review(actor, review.id, review.version, form)
        on_saved()

    flags = annual_reviews.review_flags(actor, pupil_id)
    notes = []
    if flags["phase_transfer"]:
        t = flags["phase_transfer"]
        notes.append(f"Phase transfer this year: {t.what}, by {t.deadline:%d/%m/%Y}.")
    if flags["preparation_for_adulthood"]:
        notes.append(flags["preparation_for_adulthood"])
    d = FormDialog(
        parent,
        "Annual review",
        on_save=save,
        size=(860, 680),
        intro=" ".join(notes) or "Book the meeting, then record each step with its date.",
    )
    watch_date(d.field("meeting_on", "Meeting date", date=True), actor, "The meeting")
    d.field("advice_gathered_on", "Advice gathered", date=True)
    d.field("advice_circulated_on", "Advice circulated (2 weeks before)", date=True)
    d.field("report_sent_on", "Report sent to the LA (within 2 weeks after)", date=True)
    d.widget("invitations", InvitationsTable(d.body))
    d.heading("The LA's decision (within 4 weeks of the meeting)")
    d.choice("la_decision", "LA decision", ehc.LA_DECISIONS)
    d.field("la_decision_on", "Date of the decision", date=True)
    d.field("amendment_notice_on", "Amendment notice", date=True)
    d.field("amendments_finalised_on", "Amended plan finalised", date=True)
    d.text("pfa_notes", "Preparation for adulthood (from Year 9)", height=2)
    d.text("notes", "Notes", height=2)
    d.load(
        annual_reviews.review_form(review) if review else {"invitations": annual_reviews.blank_invitations()}
    )
    return d.show()


def review_report_dialog(parent, actor: Actor, review_id: int, on_saved: Callable[[], None]) -> FormDialog:
    """The school's words for the review report: they print in the annual review pack."""
    report = plan_links.get_review_report(actor, review_id)

    def save(form: dict) -> None:
        plan_links.save_review_report(actor, review_id, report.version, form)
        on_saved()

    d = FormDialog(
        parent,
        "Annual review report: the school's words",
        on_save=save,
        size=(760, 600),
        intro=(
            "These print in the annual review pack beside the evidence from the cycles. Views left "
            "blank are taken from the latest cycle's review, and say so."
        ),
    )
    d.text("pupil_views", "The pupil's views", height=4)
    d.text("parent_views", "The parents' and carers' views", height=4)
    d.text("progress_summary", "Summary of progress", height=4)
    d.text("proposed_amendments", "Amendments the school proposes", height=4)
    d.load({k: getattr(report, k) for k in plan_links.REPORT_LABELS})
    return d.show()


def consultation_dialog(
    parent,
    actor: Actor,
    consultation: ehc.Consultation | None,
    on_saved: Callable[[], None],
    *,
    pupil_id: int | None = None,
) -> FormDialog:
    """An LA consultation about naming the school (for a child not yet on roll, or a pupil)."""
    on_roll = pupil_id is not None or (consultation is not None and consultation.pupil_id is not None)

    def save(form: dict) -> None:
        if consultation is None:
            consultations.record_consultation(actor, form, pupil_id=pupil_id)
        else:
            consultations.update_consultation(actor, consultation.id, consultation.version, form)
        on_saved()

    d = FormDialog(
        parent,
        "LA consultation",
        on_save=save,
        size=(760, 620),
        intro=(
            "The school must reply within 15 days of the papers arriving: can it meet the child's "
            "needs, and if not, why, and what would be needed."
        ),
    )
    if not on_roll:
        d.field("child_name", "Child's name")
        d.field("child_dob", "Child's date of birth", date=True)
    d.field("la_name", "Local authority")
    d.field("received_on", "Date the papers arrived", date=True)
    d.field("due_on", "Reply due by (blank: 15 days)", date=True)
    d.text("papers", "Papers received", height=2)
    d.heading("The school's reply")
    d.choice("reply", "Reply", ehc.REPLIES)
    d.field("sent_on", "Date the reply was sent", date=True)
    d.text("reasons", "Reasons", height=3)
    d.text("needed", "What would be needed", height=3)
    d.load(consultations.consultation_form(consultation) if consultation else {})
    return d.show()


AFTER_CEASING = {"K": "K: SEN support", "N": "N: off the SEN register"}


def cease_dialog(parent, actor: Actor, plan: ehc.EhcPlan, on_saved: Callable[[], None]) -> FormDialog:
    """The LA has ceased the plan: it is kept for the record and the pupil's status changes."""

    def save(form: dict) -> None:
        ehc_plans.cease_plan(
            actor,
            plan.id,
            plan.version,
            form["ceased_on"],
            status_after=form["status_after"] or "K",
            reason=form["reason"].strip(),
        )
        on_saved()

    d = FormDialog(
        parent,
        "Cease the EHC plan",
        on_save=save,
        size=(700, 420),
        intro=(
            "Only when the LA has decided to cease the plan. The plan and its reviews stay on record; "
            "from the date it ceased the pupil is on SEN support or off the register, as you choose."
        ),
    )
    d.field("ceased_on", "Date the plan ceased", date=True)
    d.choice("status_after", "SEN status from that date", AFTER_CEASING)
    d.text("reason", "Reason (as the LA gave it)", height=2)
    d.load({"status_after": "K"})
    return d.show()
