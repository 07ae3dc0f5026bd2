"""The parent's copy of the plan after a review: what we are working on, what school will do,
what you can do at home, when we meet next, in plain words (PDF or Word).

LAs' local offers tell parents they should get a copy of the plan after every review; the SEND
Code of Practice (DfE and DHSC, January 2015) 6.68 asks that a record of the outcomes, action and
support agreed be given to the pupil's parents. Built from the pupil's record: the newest reviewed
cycle (how it went) and the open cycle's plan (what comes next). The SENCO's own words (goals, the
help in class, what to do at home) are printed as written and measured: any a parent with a
reading age of 11 may find hard is listed before printing (`checks`), never rewritten.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.errors import PermissionDenied, UserError
from ..domain.graduated import Allocation, Cycle
from ..domain.plain_words import jargon_in
from ..domain.pupil import Pupil
from ..reports.parent_models import LastGoal, ParentCopyModel, ParentLine, WordsCheck
from .actor import Actor
from .cycles import pupil_record
from .packs import ExportResult, _audited_export, school_info
from .pupils import get_pupil

HOW_IT_WENT = {
    "not_met": "not yet",
    "partly_met": "part of the way there",
    "met": "done",
    "exceeded": "done, and more than we hoped",
}
WHO = {
    "teacher": "a teacher",
    "hlta": "a senior teaching assistant",
    "ta": "a teaching assistant",
    "external": "a specialist from outside school",
}
TIMES = {1: "once a week", 2: "twice a week"}


def parents_of(pupil: Pupil) -> list[ParentLine]:
    """Who a letter home is to: those with parental responsibility (everyone listed, if none is)."""
    chosen = [c for c in pupil.contacts if c.parental_responsibility] or pupil.contacts
    return [ParentLine(c.name, c.relationship, c.language_line) for c in chosen]


def help_words(a: Allocation) -> str:
    """'Phonics catch-up: in a small group of 4, 3 times a week, 20 minutes each time, with a
    teaching assistant.' The catalogue's name, then how often and with whom, in plain words."""
    group = "one to one" if a.group_size <= 1 else f"in a small group of {a.group_size}"
    times = TIMES.get(a.sessions_per_week, f"{a.sessions_per_week} times a week")
    who = WHO.get(a.staff_role, "an adult")
    named = f"{a.staff} ({who})" if a.staff and a.staff_role != "external" else who
    return f"{a.provision_name}: {group}, {times}, {a.session_minutes} minutes each time, with {named}."


def _check(where: str, text: str) -> WordsCheck | None:
    from ..reports.readability import measure

    text = text.strip()
    if not text:
        return None
    result, jargon = measure(text), tuple(t.word for t in jargon_in(text))
    if not (result.too_hard or jargon):
        return None
    return WordsCheck(where, text, result.reading_age, result.long_sentences, jargon)


def parent_copy_model(actor: Actor, pupil_id: int, *, today: date | None = None) -> ParentCopyModel:
    """The copy's read-model; UserError when the pupil has no plan to copy yet."""
    if not (actor.user.can("export.profile") or actor.user.can("export.packs")):
        raise PermissionDenied("You are not allowed to print letters to parents. Ask the SENCO.")
    actor.require_pupil(pupil_id, "cycle.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    record = pupil_record(actor, pupil_id, today=today)
    plan = record.open_cycle if record.open_cycle and record.open_cycle.has_plan else None
    reviewed = next((c for c in reversed(record.cycles) if c.review is not None), None)
    if plan is None and reviewed is None:
        raise UserError(f"{pupil.forename} has no plan to copy yet. Write the plan on the Support tab first.")
    model = ParentCopyModel(
        school=school_info(actor),
        pupil_first_name=pupil.forename,
        pupil_name=pupil.display_name,
        printed_on=today,
        parents=parents_of(pupil),
        reviewed_on=reviewed.review.held_on if reviewed and reviewed.review else None,
        last_goals=_last_goals(reviewed),
    )
    if plan is not None:
        model.plan_start = plan.plan_start
        model.goals = [o.in_my_words or o.text for o in plan.outcomes]
        model.school_help = [help_words(a) for a in plan.allocations]
        model.in_class = plan.strategies
        model.at_home = plan.at_home
        model.next_meeting = plan.review_date
    pieces = [
        *((f"Goal {i}", goal) for i, goal in enumerate(model.goals, start=1)),
        ("In class", model.in_class),
        ("What you can do at home", model.at_home),
        *((f"How the last plan went ({i})", g.text) for i, g in enumerate(model.last_goals, start=1)),
    ]
    model.checks = [c for where, text in pieces if (c := _check(where, text))]
    return model


def _last_goals(cycle: Cycle | None) -> list[LastGoal]:
    if cycle is None:
        return []
    return [
        LastGoal(o.in_my_words or o.text, HOW_IT_WENT.get(o.rating or "", "not looked at yet"))
        for o in cycle.outcomes
    ]


def suggested_filename(model: ParentCopyModel, suffix: str = ".pdf") -> str:
    slug = "-".join(model.pupil_name.split()) or "pupil"
    return f"plan-for-home_{slug}_{model.printed_on.isoformat()}{suffix}"


def export_parent_copy(
    actor: Actor, pupil_id: int, path: Path | str, *, today: date | None = None, invariant: bool = False
) -> ExportResult:
    """Write the copy: a Word file when `path` ends .docx, else a PDF. Audited as an export."""
    from ..reports import parent_letters

    model = parent_copy_model(actor, pupil_id, today=today)
    kind = "Word" if Path(path).suffix.lower() == ".docx" else "PDF"
    with _audited_export(
        actor, f"the parent's copy of {model.pupil_name}'s plan ({kind})", path, pupil_id, "pupil", pupil_id
    ):
        written = parent_letters.build_copy(model, path, invariant=invariant)
    return ExportResult(written, model.missing(), notes=[f"Hard to read: {c.advice}" for c in model.checks])
