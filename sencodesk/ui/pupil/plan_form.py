"""Plan: 1-6 SMART outcomes, strategies, provision from the catalogue (its cost worked out on
screen), the staff responsible, the plan's dates and when parents were told / agreed."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain import costing
from ...domain.cycles import (
    MAX_OUTCOMES,
    REVIEW_WEEKS,
    CarriedAllocation,
    default_review_date,
    proposed_provision,
)
from ...domain.dates import uk
from ...domain.errors import PermissionDenied
from ...domain.graduated import Allocation, Cycle, Outcome
from ...domain.money import pounds
from ...domain.plural import plural
from ...domain.provision import Provision
from ...domain.wording import check_outcome, vague_phrases
from ...services import calendar, cycles, ehc_plans, provision
from ..date_warning import watch_date
from ..kit import MessageSlot, TextField, read_date
from ..widgets import Field, read_only
from .details import DATE_HINT
from .stage_save import save_button

NOBODY = "(not named)"
NO_LINK = "(not linked to the plan)"
SIZES = (
    ("group_size", "Group"),
    ("session_minutes", "Minutes"),
    ("sessions_per_week", "Per week"),
    ("weeks", "Weeks"),
)


class OutcomeRow(ttk.Labelframe):
    def __init__(self, master, form: PlanForm, outcome: Outcome | None):
        super().__init__(master, text="", padding=(8, 2))
        self.form = form
        self.id = outcome.id if outcome else None
        self.carried_from = outcome.carried_from if outcome else None
        self.text = TextField(self, "What the pupil will be able to do", width=70, checker=check_outcome)
        self.text.grid(row=0, column=0, columnspan=3, sticky="we")
        self.hints = self.text.hints
        self.by_when = Field(self, "By when", hint=DATE_HINT, width=12)
        self.by_when.grid(row=1, column=0, sticky="w")
        self.measure = Field(self, "How we'll know", width=48)
        self.measure.grid(row=1, column=1, sticky="we", padx=(12, 0))
        # the parent's copy prints it in place of the outcome: "I will ..."
        self.in_my_words = Field(self, "In the pupil's words, for the copy for home (optional)", width=70)
        self.in_my_words.grid(row=3, column=0, columnspan=3, sticky="we")
        self.remove = ttk.Button(
            self, text="Remove", bootstyle="link", command=lambda: form.remove_outcome(self)
        )
        self.remove.grid(row=1, column=2, sticky="se")
        self.columnconfigure(1, weight=1)
        linked = outcome.plan_outcome_id if outcome else None
        # The link is shown (and sent) only for a pupil with a plan, or an outcome already
        # linked: a form without it leaves the saved link as it is.
        self.links = form.link_choices(linked)
        self.link = None
        if len(self.links) > 1:
            self.link = Field(
                self, "Links to plan outcome (Section E)", kind="combo", values=tuple(self.links), width=70
            )
            self.link.grid(row=2, column=0, columnspan=3, sticky="we")
            self.link.set(next(label for label, pid in self.links.items() if pid == linked))
        if outcome:
            self.text.set(outcome.text)
            self.by_when.set(uk(outcome.by_when))
            self.measure.set(outcome.measure)
            self.in_my_words.set(outcome.in_my_words)

    def link_to(self, plan_outcome_id: int | None) -> None:
        if self.link is not None:
            self.link.set(next(label for label, pid in self.links.items() if pid == plan_outcome_id))

    @property
    def blank(self) -> bool:
        return not any(f.get().strip() for f in (self.text, self.by_when, self.measure, self.in_my_words))

    def collect(self) -> dict:
        values = {
            "id": self.id,
            "carried_from": self.carried_from,
            "text": self.text.get(),
            "by_when": self.by_when.get(),
            "measure": self.measure.get(),
            cycles.IN_MY_WORDS: self.in_my_words.get(),
        }
        if self.link is not None:
            values[cycles.PLAN_LINK] = self.links.get(self.link.get())
        return values


class AllocationRow(ttk.Labelframe):
    def __init__(
        self,
        master,
        form: PlanForm,
        allocation: Allocation | None,
        carried: CarriedAllocation | None = None,
    ):
        super().__init__(master, text="", padding=(8, 2))
        self.form = form
        # A proposal from the reviewed cycle is a NEW allocation (its sessions stay over there)
        self.carried = carried
        self.proposed: tuple[str, str] | None = None  # the dates this row proposed, while untouched
        allocation = carried.allocation if carried else allocation
        self.id = None if carried else (allocation.id if allocation else None)
        self.provision = Field(
            self,
            "Provision (from the catalogue)",
            kind="combo",
            values=tuple(form.catalogue_names(allocation)),
            width=34,
        )
        self.provision.grid(row=0, column=0, sticky="w")
        self.staff = Field(self, "Delivered by", kind="combo", values=(NOBODY, *form.staff_names), width=22)
        self.staff.grid(row=0, column=1, sticky="w", padx=(12, 0))
        self.sizes: dict[str, Field] = {}
        sizes = ttk.Frame(self)
        sizes.grid(row=1, column=0, columnspan=2, sticky="w")
        for key, label in SIZES:
            self.sizes[key] = Field(sizes, label, width=7)
            self.sizes[key].pack(side="left", padx=(0, 8))
        self.start = Field(sizes, "Starts", hint="", width=11)
        self.start.pack(side="left", padx=(8, 8))
        self.end = Field(sizes, "Ends", width=11)
        self.end.pack(side="left")
        self.defaults = ttk.Label(self, text="", bootstyle="secondary")
        self.defaults.grid(row=2, column=0, columnspan=3, sticky="w")
        self.cost = ttk.Label(self, text="", wraplength=760, justify="left")
        self.cost.grid(row=3, column=0, columnspan=3, sticky="w")
        self.slot = MessageSlot(self)
        self.slot.grid(row=4, column=0, columnspan=3, sticky="w")
        ttk.Button(self, text="Remove", bootstyle="link", command=lambda: form.remove_allocation(self)).grid(
            row=0, column=2, sticky="ne"
        )
        if allocation:
            self.provision.set(allocation.provision_name)
            self.staff.set(allocation.staff or NOBODY)
            for key, _ in SIZES:
                self.sizes[key].set(allocation.overrides.get(key))
            self.start.set(uk(allocation.start_date))
            self.end.set(uk(allocation.end_date))
            if carried:
                self.date_from(None)
        else:
            self.staff.set(NOBODY)
        for var in (self.provision.var, *(f.var for f in self.sizes.values())):
            var.trace_add("write", lambda *_: self.show_cost())
        self.show_cost()

    def date_from(self, plan_start) -> None:
        """A proposal's dates follow the new plan's start, until the person types their own."""
        if self.carried is None:
            return
        if self.proposed is not None and (self.start.get(), self.end.get()) != self.proposed:
            return  # the person changed the dates: theirs stand
        self.proposed = tuple(uk(d) for d in self.carried.dates(plan_start, self.form.cal))
        self.start.set(self.proposed[0])
        self.end.set(self.proposed[1])

    def chosen(self) -> Provision | None:
        return self.form.catalogue.get(self.provision.get())

    def show_cost(self) -> None:
        """The cost to this pupil worked out as it will be saved, with the rule written out."""
        p = self.chosen()
        if p is None:
            self.defaults.configure(text="Choose a provision to see its cost.")
            self.cost.configure(text="")
            return
        self.defaults.configure(
            text=(
                f"Catalogue: {plural(p.group_size, 'pupil')}, {p.session_minutes} min × "
                f"{p.sessions_per_week} a week for {p.weeks} weeks, "
                f"{costing.STAFF_ROLES.get(p.staff_role, p.staff_role)}. "
                "Leave a box blank to use the catalogue's figure."
            )
        )
        figures = {k: getattr(p, k) for k, _ in SIZES}
        for key, field in self.sizes.items():
            text = field.get().strip()
            if text:
                if not text.isdigit() or int(text) < 1:
                    self.cost.configure(text="Cost: type whole numbers (1 or more) to see it.")
                    return
                figures[key] = int(text)
        cost = costing.annual_cost(
            minutes=figures["session_minutes"],
            per_week=figures["sessions_per_week"],
            weeks=figures["weeks"],
            group_size=figures["group_size"],
            rate=self.form.rates.rate(p.staff_role),
            fixed=p.fixed_cost,
            fixed_note=p.fixed_cost_note,
        )
        self.cost.configure(
            text=f"Cost to this pupil: {pounds(cost.pence)} a year. How it is worked out: {cost.explanation}"
        )

    def collect(self) -> dict:
        p = self.chosen()
        staff = self.staff.get().strip()
        user_id = self.form.staff_ids.get(staff)
        return {
            "id": self.id,
            "carried_from": self.carried.allocation.id if self.carried else None,
            "provision_id": p.id if p else None,
            "staff_user_id": user_id,
            "staff_name": "" if user_id or staff == NOBODY else staff,
            **{k: f.get() for k, f in self.sizes.items()},
            "start_date": self.start.get(),
            "end_date": self.end.get(),
        }


class PlanForm(ttk.Frame):
    def __init__(self, master, tab, cycle: Cycle):
        super().__init__(master, padding=8)
        self.tab, self.cycle = tab, cycle
        actor = tab.actor
        items = provision.list_provisions(actor, include_inactive=True)
        self.catalogue: dict[str, Provision] = {p.name: p for p in items}
        self.active_names = [p.name for p in items if p.active]
        self.rates = provision.get_costing(actor)
        self.cal = calendar.school_calendar(actor)  # proposed dates fall on its school days
        staff = cycles.staff_choices(actor)
        self.plan_outcomes = _plan_outcomes(actor, cycle.pupil_id)
        self.staff_ids = {name: uid for uid, name in staff}
        self.staff_names = [name for _, name in staff]
        dates = ttk.Frame(self)
        dates.pack(fill="x")
        self.fields: dict = {}
        for key, label, hint in (
            ("plan_start", "Plan starts", DATE_HINT),
            ("review_date", "Review date", f"blank: {REVIEW_WEEKS} weeks on"),
            ("parents_told_on", "Parents told on", DATE_HINT),
            ("parents_agreed_on", "Parents agreed on", DATE_HINT),
        ):
            self.fields[key] = Field(dates, label, hint=hint, width=12)
            self.fields[key].pack(side="left", padx=(0, 14), anchor="n")
        # a review typed on a weekend, a bank holiday or in the holidays is said, never refused
        watch_date(self.fields["review_date"], actor, "The review date").configure(wraplength=200)
        self.fields["plan_start"].input.bind("<FocusOut>", lambda e: self.default_review(), add="+")
        ttk.Label(
            self,
            text=f"Outcomes (1 to {MAX_OUTCOMES}): specific, with a date and how we'll know",
            font="TkHeadingFont",
        ).pack(anchor="w", pady=(8, 0))
        if self.plan_outcomes:
            ttk.Label(
                self,
                bootstyle="secondary",
                wraplength=760,
                justify="left",
                text=(
                    "This pupil has an EHC plan: link each outcome to the Section E outcome it works "
                    "towards, so the annual review shows the evidence against it."
                ),
            ).pack(anchor="w")
        self.outcomes_slot = MessageSlot(self)
        self.outcomes_slot.pack(anchor="w")
        self.outcome_box = ttk.Frame(self)
        self.outcome_box.pack(fill="x")
        self.outcome_rows: list[OutcomeRow] = []
        outcome_buttons = ttk.Frame(self)
        outcome_buttons.pack(anchor="w", pady=(2, 6))
        self.add_outcome_button = ttk.Button(
            outcome_buttons,
            text="Add an outcome",
            bootstyle="secondary-outline",
            command=lambda: self.add_outcome(None),
        )
        self.add_outcome_button.pack(side="left")
        self.copy_button = None
        if self.plan_outcomes:
            self.copy_button = ttk.Menubutton(
                outcome_buttons, text="Copy from the plan", bootstyle="secondary-outline"
            )
            menu = tkinter.Menu(self.copy_button, tearoff=False)
            for label, plan_outcome_id in list(self.link_choices(None).items())[1:]:
                menu.add_command(label=label, command=lambda i=plan_outcome_id: self.copy_from_plan(i))
            self.copy_button.configure(menu=menu)
            self.copy_button.pack(side="left", padx=(8, 0))
        self.strategies = TextField(self, "Strategies for all staff", checker=vague_phrases, lines=3)
        self.strategies.pack(fill="x")
        self.at_home = TextField(
            self, "What parents and carers can do at home (printed on the copy for home: plain words)"
        )
        self.at_home.pack(fill="x", pady=(4, 0))
        ttk.Label(self, text="Provision allocated", font="TkHeadingFont").pack(anchor="w", pady=(8, 0))
        self.proposals = proposed_provision(tab.data, cycle) if tab.data else []
        if self.proposals:
            ttk.Label(
                self,
                wraplength=760,
                justify="left",
                text=(
                    f"Proposed from cycle {self.proposals[0].from_cycle}: the same provision as allocated "
                    "then. Check each one, change or remove it; nothing is allocated until you save the "
                    "plan. Sessions already logged stay with the cycle they were delivered in."
                ),
            ).pack(anchor="w")
        self.allocations_slot = MessageSlot(self)
        self.allocations_slot.pack(anchor="w")
        self.allocation_box = ttk.Frame(self)
        self.allocation_box.pack(fill="x")
        self.allocation_rows: list[AllocationRow] = []
        ttk.Button(
            self,
            text="Add provision",
            bootstyle="secondary-outline",
            command=lambda: self.add_allocation(None),
        ).pack(anchor="w", pady=(2, 6))
        ttk.Label(
            self, text="Staff responsible (they see this pupil in My pupils)", font="TkHeadingFont"
        ).pack(anchor="w", pady=(8, 0))
        staff_box = ttk.Frame(self)
        staff_box.pack(fill="x")
        chosen = {uid for uid, _ in cycle.staff}
        self.staff_vars: dict[int, tkinter.BooleanVar] = {}
        for i, (uid, name) in enumerate(staff):
            var = tkinter.BooleanVar(master=self, value=uid in chosen)
            ttk.Checkbutton(staff_box, text=name, variable=var).grid(
                row=i // 4, column=i % 4, sticky="w", padx=(0, 16)
            )
            self.staff_vars[uid] = var
        if not staff:
            ttk.Label(
                staff_box,
                bootstyle="secondary",
                text="No staff accounts yet: add them under accounts to name who is responsible.",
            ).pack(anchor="w")
        self.staff_slot = MessageSlot(self)
        self.staff_slot.pack(anchor="w")
        self.fields |= {
            "outcomes": self.outcomes_slot,
            "strategies": self.strategies,
            cycles.AT_HOME: self.at_home,
            "allocations": self.allocations_slot,
            "staff": self.staff_slot,
        }
        self.save_button = save_button(
            self,
            "Save plan",
            self.save,
            may_edit=tab.actor.user.can("cycle.edit"),
            what="plan",
            may_log=tab.actor.user.can("session.log"),
        )
        self.load()
        self.saved_form = self.collect()  # what is on screen when nothing was changed yet
        if not tab.actor.user.can("cycle.edit"):
            read_only(self)  # readable, not typeable: the line under it says who changes it

    def load(self) -> None:
        c = self.cycle
        for key in ("plan_start", "review_date", "parents_told_on", "parents_agreed_on"):
            self.fields[key].set(uk(getattr(c, key)))
        self.strategies.set(c.strategies)
        self.at_home.set(c.at_home)
        for outcome in c.outcomes or [None]:
            self.add_outcome(outcome)
        for allocation in c.allocations:
            self.add_allocation(allocation)
        for carried in self.proposals:
            self.add_allocation(None, carried=carried)

    def link_choices(self, linked: int | None) -> dict[str, int | None]:
        """Labels for an outcome's link: none, each current Section E outcome, and a link the
        outcome already has to an earlier (ceased) plan, kept unless changed."""
        choices: dict[str, int | None] = {NO_LINK: None}
        for i, item in enumerate(self.plan_outcomes, start=1):
            choices[f"{i}. {_short(item.text)}"] = item.id
        if linked is not None and linked not in choices.values():
            choices["An outcome of an earlier EHC plan (kept)"] = linked
        return choices

    def copy_from_plan(self, plan_outcome_id: int) -> OutcomeRow | None:
        """Start an outcome from a Section E outcome's wording, linked to it; the person then
        makes it this cycle's step, with a date and how we'll know."""
        item = next(o for o in self.plan_outcomes if o.id == plan_outcome_id)
        row = next((r for r in self.outcome_rows if r.blank), None) or self.add_outcome(None)
        if row is None:  # six already: add_outcome has said so
            return None
        row.text.set(item.text)
        row.link_to(plan_outcome_id)
        row.text.input.focus_set()
        row.text.input.icursor("end")
        return row

    def catalogue_names(self, allocation: Allocation | None) -> list[str]:
        names = list(self.active_names)
        if allocation and allocation.provision_name not in names:
            names.append(allocation.provision_name)  # retired since: still shown on this plan
        return names

    def default_review(self) -> None:
        """Fill the review date 12 weeks after the start (the next school day) when it is still
        blank (editable)."""
        start, wrong = read_date(self.fields["plan_start"].get(), "plan_start")
        if wrong:
            return
        if start and not self.fields["review_date"].get().strip():
            self.fields["review_date"].set(uk(default_review_date(start, self.cal)))
        for row in self.allocation_rows:
            row.date_from(start)

    def add_outcome(self, outcome: Outcome | None) -> OutcomeRow | None:
        if len(self.outcome_rows) >= MAX_OUTCOMES:
            self.outcomes_slot.show_error(f"A plan has at most {MAX_OUTCOMES} outcomes.")
            return None
        row = OutcomeRow(self.outcome_box, self, outcome)
        row.pack(fill="x", pady=(0, 4))
        self.outcome_rows.append(row)
        self._number_rows()
        return row

    def remove_outcome(self, row: OutcomeRow) -> None:
        self.outcome_rows.remove(row)
        row.destroy()
        self._number_rows()

    def add_allocation(
        self, allocation: Allocation | None, *, carried: CarriedAllocation | None = None
    ) -> AllocationRow:
        row = AllocationRow(self.allocation_box, self, allocation, carried)
        row.pack(fill="x", pady=(0, 4))
        self.allocation_rows.append(row)
        self._number_rows()
        return row

    def remove_allocation(self, row: AllocationRow) -> None:
        self.allocation_rows.remove(row)
        row.destroy()
        self._number_rows()

    def _number_rows(self) -> None:
        for i, row in enumerate(self.outcome_rows, start=1):
            carried = " (carried from the last cycle)" if row.carried_from else ""
            row.configure(text=f"Outcome {i}{carried}")
        for i, row in enumerate(self.allocation_rows, start=1):
            carried = (
                f" (proposed: carried from cycle {row.carried.from_cycle}, not saved yet)"
                if row.carried
                else ""
            )
            row.configure(text=f"Provision {i}{carried}")
        self.add_outcome_button.configure(
            state="normal" if len(self.outcome_rows) < MAX_OUTCOMES else "disabled"
        )

    @property
    def dirty(self) -> bool:
        return self.collect() != self.saved_form

    def collect(self) -> dict:
        form = {
            k: self.fields[k].get()
            for k in ("plan_start", "review_date", "parents_told_on", "parents_agreed_on")
        }
        return form | {
            "strategies": self.strategies.get(),
            cycles.AT_HOME: self.at_home.get(),
            "outcomes": [r.collect() for r in self.outcome_rows],
            "allocations": [r.collect() for r in self.allocation_rows],
            "staff": [uid for uid, var in self.staff_vars.items() if var.get()],
        }

    def error_fields(self) -> dict:
        fields = dict(self.fields)
        for i, row in enumerate(self.outcome_rows, start=1):
            fields[f"outcome_{i}"] = row.text
        for i, row in enumerate(self.allocation_rows, start=1):
            fields[f"allocation_{i}"] = row.slot
        return fields

    def save(self) -> bool:
        return self.tab.save_stage(
            self,
            lambda: cycles.save_plan(self.tab.actor, self.cycle.id, self.cycle.version, self.collect()),
            "Plan saved.",
        )


def _plan_outcomes(actor, pupil_id: int) -> list:
    """The current EHC plan's Section E outcomes, or none for a person who may not read plans."""
    if not actor.user.can("statutory.read"):
        return []
    try:
        return ehc_plans.plan_outcomes(actor, pupil_id)
    except PermissionDenied:
        return []


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
