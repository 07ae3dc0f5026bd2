"""Support tab of the pupil record: the pupil's assess-plan-do-review cycles, newest first, and
for the open cycle its four stages. Overdue reviews say "Overdue" in words as well as red.

Built when the tab is first looked at (opening a record stays fast); the cycles are read in a
fixed number of queries whatever their number.
"""

from __future__ import annotations

import tkinter as tk
from datetime import date

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.cycles import DECISIONS, RATINGS
from ...domain.dates import uk
from ...domain.errors import UserError
from ...domain.graduated import Cycle, PupilCycles, SupportGlance
from ...domain.money import pounds
from ...domain.plural import plural
from ...services import cycles
from .. import dialogs
from ..kit import attempt
from ..review_dialog import ReviewDialog, attendance_text
from ..widgets import text_width
from . import support_state
from .assess_form import AssessForm
from .do_form import DoForm
from .plan_form import PlanForm

STAGES = (("Assess", AssessForm), ("Plan", PlanForm), ("Do", DoForm))


def cycle_status(c: Cycle) -> str:
    if c.status != "open":
        return "Reviewed"
    if c.overdue:
        return "Overdue"
    return "Open" if c.has_plan else "Open (no plan yet)"


def cycle_text(c: Cycle) -> str:
    """A reviewed cycle in plain words, for reading back."""
    lines = [
        f"Cycle {c.number}: plan from {uk(c.plan_start) or '-'}, review date {uk(c.review_date) or '-'}."
    ]
    needs = [f"{codes.AREAS[a]}: {t}" for a, t in c.needs.items() if t]
    if needs:
        lines += ["", "Needs:", *needs]
    if c.assessments:
        lines += [
            "",
            "Assessments:",
            *(f"- {a.name} ({uk(a.taken_on)}): {a.score}. {a.meaning}" for a in c.assessments),
        ]
    lines += ["", "Outcomes:"] + [
        f"{i}. {o.text} - {RATINGS.get(o.rating or '', 'not rated')}"
        + (f". Evidence: {o.evidence}" if o.evidence else "")
        for i, o in enumerate(c.outcomes, start=1)
    ]
    if c.allocations:
        lines += ["", "Provision:"] + [
            f"- {a.provision_name}: {pounds(a.cost.pence)} a year; {attendance_text(a)}"
            for a in c.allocations
        ]
    if c.review:
        r = c.review
        present = ", ".join(
            x for x, here in (("parent", r.parent_present), ("pupil", r.pupil_present)) if here
        )
        lines += [
            "",
            f"Review held {uk(r.held_on)}"
            + (f" ({present} present)" if present else "")
            + f". Decision: {DECISIONS.get(r.decision, r.decision)}"
            + (f" ({r.refer_to})" if r.refer_to else "")
            + ".",
        ]
        for label, text in (
            ("Pupil's views", r.pupil_views),
            ("Parents' views", r.parent_views),
            ("Notes", r.notes),
        ):
            if text:
                lines.append(f"{label}: {text}")
    return "\n".join(lines)


class SupportTab(ttk.Frame):
    def __init__(self, master, record):
        super().__init__(master, padding=10)
        self.record = record
        self.actor = record.actor
        self.data: PupilCycles | None = None
        self.pupil_name, self.year_group = "", ""
        self.stale = True
        self.stage_index = 0
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.status = ttk.Label(top, text="", font="TkHeadingFont", wraplength=620, justify="left")
        self.status.pack(side="left")
        self.review_button = ttk.Button(
            top, text="Record the review…", bootstyle="primary", command=self.review
        )
        self.start_button = ttk.Button(
            top, text="Start the next cycle", bootstyle="primary-outline", command=self.start_cycle
        )
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", fill="x", pady=(2, 4))
        self.tree = ttk.Treeview(
            self,
            columns=("cycle", "plan", "review", "status", "decision", "cost"),
            show="headings",
            height=3,
            selectmode="browse",
        )
        date_width = text_width(self, "Review date", "00/00/0000", at_least=100)  # whole at 150% text
        for key, heading, width in (
            ("cycle", "Cycle", text_width(self, "Cycle", at_least=60)),
            ("plan", "Plan from", date_width),
            ("review", "Review date", date_width),
            ("status", "Status", text_width(self, "Reviewed", at_least=130)),
            ("decision", "Decision", 300),
            ("cost", "Cost", text_width(self, "£1,000.00", at_least=90)),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=key == "decision")
        self.tree.pack(fill="x")
        self.tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_selected())
        self.area = ttk.Frame(self)
        self.area.pack(fill="both", expand=True, pady=(6, 0))
        self.stages: ttk.Notebook | None = None
        self.shown_cycle: int | None = None
        self.forms: dict[str, ttk.Frame] = {}

    # ---- loading ------------------------------------------------------------------------
    def load(self, pupil) -> bool:
        """Read the pupil's cycles; True when the tab applies (cycles, or on the register)."""
        self.pupil = pupil
        if pupil is None:
            return False
        self.pupil_name, self.year_group = pupil.display_name, pupil.year_group
        self.data = cycles.pupil_record(self.actor, pupil.id)
        self._show_summary()
        if self.dirty:  # the record was saved while a stage has unsaved typing: keep it on screen
            if self.shown_cycle is not None and self.tree.exists(str(self.shown_cycle)):
                self.tree.selection_set(str(self.shown_cycle))
            return True
        self.stale = True
        if self.visible():
            self.build()
        return support_state.applies(pupil, SupportGlance.of(self.data))

    def visible(self) -> bool:
        try:
            return self.record.tabs.select() == str(self)
        except tk.TclError:  # the record is closing: its notebook is gone
            return False

    def _show_summary(self) -> None:
        current = self.data.open_cycle
        danger = False
        if current is None:
            text = (
                "No cycle is open."
                if self.data.cycles
                else "No cycles yet: triage a concern to SEN support, or start cycle 1."
            )
        elif current.overdue:
            days = (date.today() - current.review_date).days
            text = (
                f"Overdue: the review of cycle {current.number} was due on {uk(current.review_date)} "
                f"({plural(days, 'day')} ago)."
            )
            danger = True
        elif current.has_plan:
            text = f"Cycle {current.number} is open; review due on {uk(current.review_date)}."
        else:
            text = f"Cycle {current.number} is open: assess, then write the plan."
        self.status.configure(text=text, bootstyle="danger" if danger else "default")
        glance = SupportGlance.of(self.data)
        self.record.tabs.tab(str(self), text=support_state.title(glance))
        self.record.show_cycle(glance)
        self.review_button.pack_forget()
        self.start_button.pack_forget()
        user = self.actor.user  # only what this role may do is offered (the head records no review)
        if current is not None and current.has_plan and user.can("review.record"):
            self.review_button.pack(side="right")
        elif (
            current is None
            and user.can("cycle.edit")
            and self.pupil.sen_status in codes.ON_REGISTER
            and not self.pupil.is_leaver
        ):
            self.start_button.pack(side="right")
        self.tree.delete(*self.tree.get_children())
        for c in reversed(self.data.cycles):
            decision = DECISIONS.get(c.review.decision, "") if c.review else ""
            self.tree.insert(
                "",
                "end",
                iid=str(c.id),
                tags=("overdue",) if c.overdue else (),
                values=(
                    c.number,
                    uk(c.plan_start),
                    uk(c.review_date),
                    cycle_status(c),
                    decision,
                    pounds(c.cost),
                ),
            )
        self.tree.configure(height=max(1, min(4, len(self.data.cycles))))

    def build(self) -> None:
        """The stages of the open cycle (or the chosen past cycle in words)."""
        self.stale = False
        if self.data.cycles:
            chosen = self.data.open_cycle or self.data.cycles[-1]
            self.tree.selection_set(str(chosen.id))
        self.show_selected(force=True)

    @property
    def dirty(self) -> bool:
        """Typed in a stage and not saved yet (the record asks before closing)."""
        return any(getattr(form, "dirty", False) for form in self.forms.values())

    def show_selected(self, force: bool = False) -> None:
        picked = self.tree.selection()
        shown = self.shown_cycle
        if not force and (not picked or (shown is not None and picked[0] == str(shown))):
            return  # already shown, or the list was just refilled: keep what is typed
        if (
            picked
            and shown is not None
            and picked[0] != str(shown)
            and self.dirty
            and not dialogs.confirm(
                self,
                "The changes you typed in this cycle are not saved. Look at the other cycle and lose them?",
                yes="Lose my changes",
                no="Keep editing",
            )
        ):
            self.tree.selection_set(str(shown))
            return
        self.shown_cycle = int(picked[0]) if picked else None
        cycle = next((c for c in self.data.cycles if str(c.id) == picked[0]), None) if picked else None
        if self.stages is not None and self.stages.winfo_exists():
            self.stage_index = self.stages.index(self.stages.select()) if self.stages.tabs() else 0
        for child in self.area.winfo_children():
            child.destroy()
        self.stages, self.forms = None, {}
        if cycle is None:
            return
        if cycle.status != "open":
            if cycle.review and self.actor.user.can("review.record"):
                self.edit_review_button = ttk.Button(
                    self.area, text="Edit review…", bootstyle="secondary-outline", command=self.edit_review
                )
                self.edit_review_button.pack(anchor="e", pady=(0, 4))
            text = ttk.Text(self.area, wrap="word", height=16)
            text.insert("1.0", cycle_text(cycle))
            text.configure(state="disabled")
            text.pack(fill="both", expand=True)
            self.past_text = text
            return
        self.stages = ttk.Notebook(self.area)
        self.stages.pack(fill="both", expand=True)
        self.holders: dict[str, ttk.ScrolledFrame] = {}
        for label, _ in STAGES:
            holder = ttk.ScrolledFrame(self.stages, auto_hide=True, padding=0)
            self.stages.add(holder.container, text=label)
            self.holders[label] = holder
        review = ttk.Frame(self.stages, padding=10)
        self._review_page(review, cycle)
        self.stages.add(review, text="Review")
        self.stages.bind("<<NotebookTabChanged>>", lambda e, c=cycle: self._stage_shown(c))
        self.stages.select(min(self.stage_index, 3))
        self._stage_shown(cycle)

    def _stage_shown(self, cycle: Cycle) -> None:
        """Each stage's form is built the first time it is looked at (a record opens fast)."""
        index = self.stages.index(self.stages.select())
        if index < len(STAGES):
            self.form(STAGES[index][0], cycle)

    def form(self, label: str, cycle: Cycle | None = None):
        """The stage's form, built now if it was not yet (tests and keyboard users ask for it)."""
        if label not in self.forms:
            cycle = cycle or self.data.open_cycle
            form = dict(STAGES)[label](self.holders[label], self, cycle)
            form.pack(fill="both", expand=True)
            self.forms[label] = form
        return self.forms[label]

    def _review_page(self, page: ttk.Frame, cycle: Cycle) -> None:
        if not cycle.has_plan:
            ttk.Label(
                page,
                wraplength=760,
                justify="left",
                text=(
                    "This cycle has no plan yet, so there is nothing to review. Write the plan (outcomes, "
                    "provision, review date) first."
                ),
            ).pack(anchor="w")
            return
        when = f"Review date: {uk(cycle.review_date)}"
        ttk.Label(
            page,
            text=("Overdue. " if cycle.overdue else "") + when,
            bootstyle="danger" if cycle.overdue else "default",
        ).pack(anchor="w")
        ttk.Label(page, text="Outcomes to rate at the review:").pack(anchor="w", pady=(8, 0))
        for i, o in enumerate(cycle.outcomes, start=1):
            ttk.Label(page, text=f"{i}. {o.text}", wraplength=760, justify="left").pack(anchor="w")
        if self.actor.user.can("review.record"):  # the head reads the review; the teacher records it
            ttk.Button(page, text="Record the review…", bootstyle="primary", command=self.review).pack(
                anchor="w", pady=(10, 0)
            )

    def reload(self, message: str = "", style: str = "success") -> None:
        """After a save: read again, rebuild the stage shown, say what happened."""
        if self.stages is not None and self.stages.tabs():
            self.stage_index = self.stages.index(self.stages.select())
        self.data = cycles.pupil_record(self.actor, self.pupil.id)
        self._show_summary()
        self.build()
        self.message.configure(text=message, bootstyle=style)
        self.record.on_saved(self.record, self.pupil.id)

    # ---- actions ------------------------------------------------------------------------
    def save_stage(self, form, call, done: str) -> bool:
        ok, _, _ = attempt(
            call,
            say=lambda text, style: self.message.configure(text=text, bootstyle=style),
            fields=form.error_fields(),
        )
        if not ok:
            return False
        self.reload(done)
        return True

    def start_cycle(self) -> None:
        try:
            cycles.start_cycle(self.actor, self.pupil.id)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return
        self.stage_index = 0
        self.reload("A new cycle is open: start with the assessment.")

    def review(self) -> ReviewDialog | None:
        cycle = self.data.open_cycle
        if cycle is None:
            return None
        dialog = ReviewDialog(
            self,
            self.actor,
            cycle_id=cycle.id,
            version=cycle.version,
            cycle_number=cycle.number,
            pupil_name=self.pupil_name,
            outcomes=cycle.outcomes,
            allocations=cycle.allocations,
            on_done=self._reviewed,
        )
        return dialog.show(self)

    def edit_review(self) -> ReviewDialog | None:
        """Correct the review of the reviewed cycle shown (a typo in the views, a wrong rating)."""
        cycle = next((c for c in self.data.cycles if c.id == self.shown_cycle), None)
        if cycle is None or cycle.review is None:
            return None
        following = next((c.number for c in self.data.cycles if c.id == cycle.review.next_cycle_id), None)
        dialog = ReviewDialog(
            self,
            self.actor,
            cycle_id=cycle.id,
            version=cycle.review.version,
            cycle_number=cycle.number,
            pupil_name=self.pupil_name,
            outcomes=cycle.outcomes,
            allocations=cycle.allocations,
            review=cycle.review,
            next_cycle_number=following,
            on_done=lambda changed: self._review_edited(cycle, changed),
        )
        return dialog.show(self)

    def _review_edited(self, cycle: Cycle, changed: bool) -> None:
        self.reload(
            f"Review of cycle {cycle.number} corrected." if changed else "Nothing was changed in the review."
        )
        self.tree.selection_set(str(cycle.id))  # stay on the cycle just corrected
        self.show_selected()

    def _reviewed(self, next_cycle_id: int | None) -> None:
        text = (
            "Review saved. A new cycle is open with the unmet outcomes carried across."
            if next_cycle_id
            else "Review saved. The pupil has left SEN support; their history is kept."
        )
        self.stage_index = 1
        if not self.record.dirty:  # the SEN status may have changed: show it (nothing typed is lost)
            self.record.load()
            self.record.on_saved(self.record, self.pupil.id)
        else:
            self.reload()
        self.message.configure(text=text, bootstyle="success")
