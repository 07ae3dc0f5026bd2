"""The pupil record's EHC tab: EHC needs assessment requests with each LA step's statutory date
beside the actual one and the days late; exceptions; the EHC plan; annual reviews with their
steps, flags (phase transfer, preparation for adulthood) and the annual review pack."""

from __future__ import annotations

import tkinter.font
from datetime import date

import ttkbootstrap as ttk

from ...domain import field_access, statutory
from ...domain.dates import uk
from ...domain.ehc import LA_DECISIONS, REQUESTED_BY
from ...domain.errors import UserError
from ...domain.plural import plural
from ...services import annual_review_pack, annual_reviews, ehc_plans, ehcna_requests, plan_links
from .. import dialogs
from ..save_as import ask_save_path
from . import record_forms, timeline

WRAP = 820


class EhcTab(ttk.Frame):
    def __init__(self, master):
        super().__init__(master, padding=12)
        self.record = None
        self.dialog = None  # the form last opened (tests drive it)
        self.content = ttk.Frame(self)
        self.content.pack(fill="both", expand=True)
        # the body font in bold (follows the text size chosen in Settings, unlike a fixed size)
        self.bold = tkinter.font.nametofont("TkDefaultFont").copy()
        self.bold.configure(weight="bold")

    # ---- loading ------------------------------------------------------------------------------
    def show_pupil(self, record) -> None:
        """Called by the pupil record whenever it loads."""
        self.record = record
        self.refresh()

    @property
    def actor(self):
        return self.record.actor

    @property
    def pupil_id(self) -> int | None:
        return self.record.pupil_id if self.record else None

    def refresh(self) -> None:
        for child in self.content.winfo_children():
            child.destroy()
        if self.pupil_id is None:
            ttk.Label(
                self.content,
                text="Save the pupil first; then their EHC needs assessment requests, "
                "plan and annual reviews are recorded here.",
            ).pack(anchor="w")
            return
        user = self.actor.user
        if not user.can("statutory.read"):
            ttk.Label(
                self.content,
                text="EHC needs assessments, plans and reviews are not shown to your role. Ask the SENCO.",
            ).pack(anchor="w")
            return
        self.can_edit, self.can_export = user.can("statutory.edit"), user.can("export.packs")
        today = date.today()
        self.request_trees: dict[int, ttk.Treeview] = {}
        self.review_trees: dict[int, ttk.Treeview] = {}
        self._requests(today)
        self._plan(today)
        self._ceased_plans()

    def _section(self, title: str, *buttons: tuple[str, object]) -> ttk.Frame:
        head = ttk.Frame(self.content)
        head.pack(fill="x", pady=(10, 4))
        ttk.Label(head, text=title, font="TkHeadingFont").pack(side="left")
        for text, command in reversed(buttons):
            if not (self.can_export if text.startswith("Export") else self.can_edit):
                continue  # a button the person may not use is not offered
            ttk.Button(head, text=text, bootstyle="primary-outline", command=command).pack(
                side="right", padx=(6, 0)
            )
        ttk.Separator(self.content).pack(fill="x")
        body = ttk.Frame(self.content)
        body.pack(fill="x", pady=(4, 0))
        return body

    def _requests(self, today: date) -> None:
        body = self._section("EHC needs assessment requests", ("New request…", self.new_request))
        requests = ehcna_requests.requests_for_pupil(self.actor, self.pupil_id)
        if not requests:
            ttk.Label(
                body, text="No request for an EHC needs assessment is recorded.", bootstyle="secondary"
            ).pack(anchor="w")
        for request in requests:
            d = request.dates
            words = [f"Sent {uk(d.sent_on)} by {REQUESTED_BY[request.requested_by].lower()}"]
            words += [
                x
                for x in (
                    request.la_name and f"to {request.la_name}",
                    request.pack_reference and f"pack: {request.pack_reference}",
                )
                if x
            ]
            ttk.Label(body, text=", ".join(words), font=self.bold).pack(anchor="w", pady=(6, 2))
            tree = timeline.make_tree(body, 3)
            timeline.fill(tree, request.timeline(), today)
            tree.pack(fill="x")
            self.request_trees[request.id] = tree
            for exc_id, exc in zip(request.exception_ids, d.exceptions, strict=True):
                row = ttk.Frame(body)
                row.pack(fill="x")
                period = f" ({uk(exc.starts_on)} to {uk(exc.ends_on)})" if exc.starts_on else ""
                ttk.Label(
                    row,
                    text=f"Exception ticked: {statutory.EXCEPTIONS[exc.kind]}{period}. Note: {exc.note}",
                    wraplength=WRAP - 120,
                    justify="left",
                ).pack(side="left")
                if self.can_edit:
                    ttk.Button(
                        row,
                        text="Remove",
                        bootstyle="link",
                        command=lambda r=request.id, e=exc_id: self.remove_exception(r, e),
                    ).pack(side="right")
            if request.appeal_note and not field_access.is_hidden(request.appeal_note):
                ttk.Label(
                    body, text=f"Appeal or mediation: {request.appeal_note}", wraplength=WRAP, justify="left"
                ).pack(anchor="w")
            if not self.can_edit:
                continue
            buttons = ttk.Frame(body)
            buttons.pack(fill="x", pady=(2, 6))
            ttk.Button(
                buttons, text="Record the LA's steps…", command=lambda r=request: self.edit_request(r)
            ).pack(side="left")
            ttk.Button(
                buttons,
                text="Tick an exception…",
                bootstyle="secondary-outline",
                command=lambda r=request: self.add_exception(r.id),
            ).pack(side="left", padx=(6, 0))

    def _plan(self, today: date) -> None:
        plan = ehc_plans.current_plan(self.actor, self.pupil_id)
        if plan is None:
            body = self._section("EHC plan", ("Record the plan as issued…", self.new_plan))
            ttk.Label(body, text="No current EHC plan.", bootstyle="secondary").pack(anchor="w")
            return
        body = self._section(
            "EHC plan",
            ("Edit the plan…", lambda: self.edit_plan(plan)),
            ("Cease the plan…", lambda: self.cease_plan(plan)),
        )
        facts = ttk.Frame(body)
        facts.pack(fill="x")
        for r, (label, value) in enumerate(
            (
                ("Plan date", uk(plan.plan_date)),
                ("Local authority", plan.la_name or "—"),
                ("Named school (I)", plan.named_school or "—"),
                ("Personal budget (J)", plan.personal_budget or "—"),
            )
        ):
            ttk.Label(facts, text=label, bootstyle="secondary").grid(
                row=r // 2, column=(r % 2) * 2, sticky="w", padx=(0, 8)
            )
            ttk.Label(facts, text=value, wraplength=300).grid(
                row=r // 2, column=(r % 2) * 2 + 1, sticky="w", padx=(0, 24)
            )
        self._sections(body, plan)
        self._reviews(plan, today)

    def _sections(self, body: ttk.Frame, plan) -> None:
        """Sections B, E (with the cycle outcomes linked to each) and F, as words."""
        ttk.Label(
            body,
            text="Section B needs: " + "; ".join(n.text for n in plan.needs),
            wraplength=WRAP,
            justify="left",
        ).pack(anchor="w", pady=(6, 0))
        ttk.Label(body, text="Section E outcomes, with the cycles working towards each:").pack(
            anchor="w", pady=(6, 0)
        )
        for i, item in enumerate(
            plan_links.plan_outcome_evidence(self.actor, self.pupil_id, plan_id=plan.id), start=1
        ):
            n = len(item.linked)
            where = (
                (
                    f"{plural(n, 'cycle outcome')} linked; latest rating: "
                    f"{item.latest.rating_label if item.latest else 'none yet'}"
                )
                if n
                else "no cycle linked yet"
            )
            ttk.Label(
                body, text=f"  {i}. {item.outcome.text} ({where})", wraplength=WRAP, justify="left"
            ).pack(anchor="w")
        ttk.Label(
            body,
            text="Section F provision: "
            + "; ".join(p.text + (f" ({p.detail})" if p.detail else "") for p in plan.provision),
            wraplength=WRAP,
            justify="left",
        ).pack(anchor="w", pady=(6, 0))

    def _ceased_plans(self) -> None:
        """Plans the LA ceased are kept for the record: shown to read, with no buttons (a ceased
        plan is not edited, reviewed or ceased again)."""
        self.ceased_frames: dict[int, ttk.Frame] = {}
        ceased = [p for p in ehc_plans.plans_for_pupil(self.actor, self.pupil_id) if p.status != "current"]
        if not ceased:
            return
        head = ttk.Frame(self.content)
        head.pack(fill="x", pady=(10, 4))
        ttk.Label(head, text="Earlier EHC plans (ceased, kept for the record)", font="TkHeadingFont").pack(
            side="left"
        )
        ttk.Separator(self.content).pack(fill="x")
        for plan in ceased:  # newest first
            body = ttk.Frame(self.content)
            body.pack(fill="x", pady=(4, 6))
            ttk.Label(
                body, font=self.bold, text=f"Plan dated {uk(plan.plan_date)}, ceased on {uk(plan.ceased_on)}"
            ).pack(anchor="w")
            ttk.Label(
                body,
                wraplength=WRAP,
                justify="left",
                bootstyle="secondary",
                text=(
                    f"Local authority: {plan.la_name or '—'}. Named school (I): {plan.named_school or '—'}. "
                    f"Personal budget (J): {plan.personal_budget or '—'}."
                ),
            ).pack(anchor="w")
            self._sections(body, plan)
            reviews, _ = annual_reviews.reviews_for_plan(self.actor, plan.id)
            held = [
                f"meeting {uk(r.dates.meeting_on)}"
                + (
                    f" (LA decision: {LA_DECISIONS[r.dates.la_decision].lower()})"
                    if r.dates.la_decision
                    else ""
                )
                for r in reviews
                if r.dates.meeting_on
            ]
            ttk.Label(
                body,
                wraplength=WRAP,
                justify="left",
                text="Annual reviews: " + ("; ".join(held) if held else "none recorded") + ".",
            ).pack(anchor="w", pady=(6, 0))
            self.ceased_frames[plan.id] = body

    def _reviews(self, plan, today: date) -> None:
        body = self._section(
            "Annual reviews",
            ("Book a review…", lambda: self.new_review(plan.id)),
            ("Export annual review pack…", self.export_pack),
        )
        reviews, next_due = annual_reviews.reviews_for_plan(self.actor, plan.id)
        flags = annual_reviews.review_flags(self.actor, self.pupil_id, today=today)
        days = (next_due - today).days
        when = f"overdue by {plural(-days, 'day')}" if days < 0 else f"in {plural(days, 'day')}"
        self.next_due_label = ttk.Label(
            body,
            text=f"Next annual review due by {uk(next_due)} ({when}).",
            bootstyle="danger" if days < 0 else "default",
        )
        self.next_due_label.pack(anchor="w")
        transfer = flags["phase_transfer"]
        if transfer:
            ttk.Label(
                body,
                text=f"Phase transfer this year: {transfer.what}. The amended plan must be "
                f"final by {uk(transfer.deadline)}.",
                bootstyle="primary",
                wraplength=WRAP,
                justify="left",
            ).pack(anchor="w")
        if flags["preparation_for_adulthood"]:
            ttk.Label(
                body,
                text=flags["preparation_for_adulthood"],
                bootstyle="primary",
                wraplength=WRAP,
                justify="left",
            ).pack(anchor="w")
        for review in reversed(reviews):
            ttk.Label(
                body,
                text=f"Review meeting {uk(review.dates.meeting_on)} (due by {uk(review.dates.due_by)})",
                font=self.bold,
            ).pack(anchor="w", pady=(8, 2))
            tree = timeline.make_tree(body, 4)
            timeline.fill(tree, review.timeline(), today)
            tree.pack(fill="x")
            self.review_trees[review.id] = tree
            ttk.Label(
                body, text=_invitations_words(review), bootstyle="secondary", wraplength=WRAP, justify="left"
            ).pack(anchor="w")
            if not self.can_edit:
                continue
            buttons = ttk.Frame(body)
            buttons.pack(fill="x", pady=(2, 6))
            ttk.Button(
                buttons,
                text="Record the review's steps…",
                command=lambda r=review: self.edit_review(plan.id, r),
            ).pack(side="left")
            ttk.Button(
                buttons,
                text="Views and proposed amendments…",
                bootstyle="secondary-outline",
                command=lambda r=review: self.edit_report(r.id),
            ).pack(side="left", padx=(6, 0))

    def reveal(self, record: str, record_id: int, step_key: str) -> bool:
        """Select one step (from the Deadlines screen) and move the focus to it, which scrolls
        the tab to it. False when that record is not shown here (e.g. a plan's own date)."""
        tree = {
            "ehcna_request": getattr(self, "request_trees", {}),
            "annual_review": getattr(self, "review_trees", {}),
        }.get(record, {}).get(record_id)
        if tree is None:
            return False
        row = next((i for i in tree.get_children() if i.startswith(f"{step_key}-")), None)
        if row is not None:
            tree.selection_set(row)
            tree.focus(row)
        # once laid out, so the record can scroll to it (unless a reload replaced the table)
        self.after_idle(lambda: tree.winfo_exists() and tree.focus_set())
        return True

    # ---- actions ------------------------------------------------------------------------------
    def changed(self) -> None:
        """After any save here: the record reloads (a plan changes the SEN status and version),
        unless the person has unsaved edits in its other tabs; then only this tab does."""
        record = self.record
        if record.dirty:
            self.refresh()
            record.set_banner("Saved on the EHC tab. Your other changes are not saved yet.", "info")
        else:
            record.load()
            record.set_banner("Saved.", "success")
        record.on_saved(record, record.pupil_id)

    def new_request(self):
        self.dialog = record_forms.request_dialog(self, self.actor, self.pupil_id, None, self.changed)
        return self.dialog

    def edit_request(self, request):
        self.dialog = record_forms.request_dialog(self, self.actor, self.pupil_id, request, self.changed)
        return self.dialog

    def add_exception(self, request_id: int):
        self.dialog = record_forms.exception_dialog(self, self.actor, request_id, self.changed)
        return self.dialog

    def remove_exception(self, request_id: int, exception_id: int) -> None:
        if not dialogs.confirm(
            self,
            "Remove this exception? The LA's usual time limits apply again.",
            yes="Remove the exception",
            no="Keep it",
        ):
            return
        ehcna_requests.remove_exception(self.actor, request_id, exception_id)
        self.changed()

    def new_plan(self):
        # the plan most likely ends the latest request still waiting for one
        waiting = [
            r
            for r in ehcna_requests.requests_for_pupil(self.actor, self.pupil_id)
            if r.dates.will_assess is not False
            and not (r.dates.final_plan_on or r.dates.no_plan_on or r.dates.withdrawn_on)
        ]
        self.dialog = record_forms.plan_dialog(
            self,
            self.actor,
            self.pupil_id,
            None,
            self.changed,
            request_id=waiting[0].id if waiting else None,
        )
        return self.dialog

    def edit_plan(self, plan):
        self.dialog = record_forms.plan_dialog(self, self.actor, self.pupil_id, plan, self.changed)
        return self.dialog

    def cease_plan(self, plan):
        self.dialog = record_forms.cease_dialog(self, self.actor, plan, self.changed)
        return self.dialog

    def new_review(self, plan_id: int):
        self.dialog = record_forms.review_dialog(self, self.actor, self.pupil_id, plan_id, None, self.changed)
        return self.dialog

    def edit_review(self, plan_id: int, review):
        self.dialog = record_forms.review_dialog(
            self, self.actor, self.pupil_id, plan_id, review, self.changed
        )
        return self.dialog

    def edit_report(self, review_id: int):
        self.dialog = record_forms.review_report_dialog(self, self.actor, review_id, self.changed)
        return self.dialog

    def export_pack(self):
        """Save the annual review pack where the person chooses; say what is not yet recorded."""
        name = annual_review_pack.annual_review_filename(self.actor, self.pupil_id)
        path = ask_save_path(
            self,
            title="Save the annual review pack",
            initialfile=name,
            filetypes=[("PDF", "*.pdf")],
            extension=".pdf",
        )
        if path is None:
            return None
        try:
            result = annual_review_pack.export_annual_review(self.actor, self.pupil_id, path)
        except UserError as e:
            dialogs.show_error(self, e.message)
            return None
        gaps = "".join(f"\n• {m}" for m in result.missing)
        dialogs.show_info(
            self,
            f"Saved {result.path.name}."
            + (f"\n\nNot yet recorded (the pack says so where it matters):{gaps}" if gaps else ""),
        )
        return result


def _invitations_words(review) -> str:
    """Who of the statutory invitees (reg 20(2)) has not been sent an invitation, by name."""
    sent = {i.invitee for i in review.invitations if i.sent_on}
    missing = [label for key, label in statutory.STATUTORY_INVITEES.items() if key not in sent]
    others = sum(1 for i in review.invitations if i.sent_on and i.invitee not in statutory.STATUTORY_INVITEES)
    words = (
        f"Invitations: all {len(statutory.STATUTORY_INVITEES)} statutory invitees sent"
        if not missing
        else f"Invitations not yet sent to: {'; '.join(missing)}"
    )
    if others:
        words += f" (and {plural(others, 'other')})"
    decision = review.dates.la_decision
    return words + (f". LA decision: {LA_DECISIONS[decision].lower()}." if decision else ".")
