"""Assess: the date, needs by broad area, assessments used and what they tell us, attainment,
the pupil's and parents' views (who gave them, when), and outside advice considered."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.attainment import KINDS
from ...domain.dates import uk
from ...domain.graduated import Assessment, Cycle
from ...services import cycles
from ..kit import MessageSlot, TextField
from ..widgets import Field, read_only
from .details import DATE_HINT
from .stage_save import save_button

NEEDS = (("needs_ci", "CI"), ("needs_cl", "CL"), ("needs_semh", "SEMH"), ("needs_sp", "SP"))


class AssessmentRow(ttk.Frame):
    def __init__(self, master, form: AssessForm, a: Assessment | None):
        super().__init__(master)
        self.name = Field(self, "Assessment", width=24)
        self.taken_on = Field(self, "Date", hint="", width=11)
        self.score = Field(self, "Score / result", width=14)
        # how the score reads against national expectations (the request prints it)
        self.kind = Field(self, "Kind of score", kind="combo", values=("", *KINDS.values()), width=22)
        self.meaning = Field(self, "What it tells us", width=30)
        for column, field in enumerate((self.name, self.taken_on, self.score, self.kind, self.meaning)):
            field.grid(row=0, column=column, sticky="nwe", padx=(0, 8))
        ttk.Button(self, text="Remove", bootstyle="link", command=lambda: form.remove_assessment(self)).grid(
            row=0, column=5, sticky="s"
        )
        self.slot = MessageSlot(self)
        self.slot.grid(row=1, column=0, columnspan=6, sticky="w")
        self.columnconfigure(4, weight=1)
        if a:
            self.name.set(a.name)
            self.taken_on.set(uk(a.taken_on))
            self.score.set(a.score)
            self.kind.set(KINDS.get(a.kind, ""))
            self.meaning.set(a.meaning)

    def collect(self) -> dict:
        return {
            "name": self.name.get(),
            "taken_on": self.taken_on.get(),
            "score": self.score.get(),
            "kind": self.kind.get(),
            "meaning": self.meaning.get(),
        }


class AssessForm(ttk.Frame):
    def __init__(self, master, tab, cycle: Cycle):
        super().__init__(master, padding=8)
        self.tab, self.cycle = tab, cycle
        self.fields: dict = {"assess_date": Field(self, "Date of the assessment", hint=DATE_HINT, width=12)}
        self.fields["assess_date"].pack(anchor="w")
        ttk.Label(self, text="Needs, by broad area (leave blank where none)", font="TkHeadingFont").pack(
            anchor="w", pady=(8, 0)
        )
        grid = ttk.Frame(self)
        grid.pack(fill="x")
        for i, (key, area) in enumerate(NEEDS):
            self.fields[key] = TextField(grid, codes.AREAS[area], lines=2, width=40)
            self.fields[key].grid(row=i // 2, column=i % 2, sticky="we", padx=(0, 12))
        grid.columnconfigure((0, 1), weight=1, uniform="needs")
        ttk.Label(self, text="Assessments used and results", font="TkHeadingFont").pack(
            anchor="w", pady=(8, 0)
        )
        self.assessment_box = ttk.Frame(self)
        self.assessment_box.pack(fill="x")
        self.rows: list[AssessmentRow] = []
        ttk.Button(
            self,
            text="Add an assessment",
            bootstyle="secondary-outline",
            command=lambda: self.add_assessment(None),
        ).pack(anchor="w", pady=(2, 6))
        self.fields["attainment"] = TextField(self, "Attainment and progress", lines=2)
        self.fields["attainment"].pack(fill="x")
        for who in ("pupil", "parent"):
            label = "The pupil's views" if who == "pupil" else "Parents' views"
            self.fields[f"{who}_views"] = TextField(self, label, lines=2)
            self.fields[f"{who}_views"].pack(fill="x", pady=(4, 0))
            line = ttk.Frame(self)
            line.pack(fill="x")
            self.fields[f"{who}_views_by"] = Field(line, "Given by", width=30)
            self.fields[f"{who}_views_by"].pack(side="left")
            self.fields[f"{who}_views_on"] = Field(line, "On", hint=DATE_HINT, width=12)
            self.fields[f"{who}_views_on"].pack(side="left", padx=(12, 0))
        self.fields["outside_advice"] = TextField(
            self, "Outside advice considered (service, date, what it said)", lines=2
        )
        self.fields["outside_advice"].pack(fill="x", pady=(4, 0))
        self.save_button = save_button(
            self,
            "Save assessment",
            self.save,
            may_edit=tab.actor.user.can("cycle.edit"),
            what="assessment",
            may_log=tab.actor.user.can("session.log"),
        )
        self.load()
        self.saved_form = self.collect()  # what is on screen when nothing was changed yet
        if not tab.actor.user.can("cycle.edit"):
            read_only(self)  # readable, not typeable: the line under it says who changes it

    def load(self) -> None:
        c = self.cycle
        self.fields["assess_date"].set(uk(c.assess_date))
        for key, area in NEEDS:
            self.fields[key].set(c.needs.get(area) or "")
        for key in (
            "attainment",
            "pupil_views",
            "pupil_views_by",
            "parent_views",
            "parent_views_by",
            "outside_advice",
        ):
            self.fields[key].set(getattr(c, key))
        for key in ("pupil_views_on", "parent_views_on"):
            self.fields[key].set(uk(getattr(c, key)))
        for a in c.assessments or [None]:
            self.add_assessment(a)

    def add_assessment(self, a: Assessment | None) -> AssessmentRow:
        row = AssessmentRow(self.assessment_box, self, a)
        row.pack(fill="x")
        self.rows.append(row)
        return row

    def remove_assessment(self, row: AssessmentRow) -> None:
        self.rows.remove(row)
        row.destroy()

    @property
    def dirty(self) -> bool:
        return self.collect() != self.saved_form

    def collect(self) -> dict:
        return {k: f.get() for k, f in self.fields.items()} | {
            "assessments": [r.collect() for r in self.rows]
        }

    def error_fields(self) -> dict:
        return self.fields | {f"assessment_{i}": r.slot for i, r in enumerate(self.rows, start=1)}

    def save(self) -> bool:
        return self.tab.save_stage(
            self,
            lambda: cycles.save_assess(self.tab.actor, self.cycle.id, self.cycle.version, self.collect()),
            "Assessment saved.",
        )
