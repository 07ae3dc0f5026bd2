"""The demo's build steps, run in order by build_demo. Each is `step(session, rng, today, ctx)`.

`ctx` carries what earlier steps made for later ones: "phase", "pupils" (how many were asked
for), "school" (its details), "pupil_ids" (in roll order), "plans" (each pupil's intended SEN
history), "summary" (what build_demo reports) and "ehcna_pupils" (the pupils whose EHCNA
request the evidence steps write in full). Later issues append their own steps
(cycles, provision, reviews, referrals) to STEPS.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ..services import pupils, settings
from ..services.actor import Actor
from .accounts import create_demo_accounts
from .assess_stage import add_assess_stage
from .calendar import calendar_step, school_day_by
from .case_gaps import leave_record_gaps
from .graduated import add_graduated_history
from .names import DESTINATIONS
from .outside import add_outside_services
from .parents import add_parents_as_partners
from .plan_links import link_plan_outcomes
from .profiles import add_profiles_and_requests
from .roll import roll_forms
from .school import school_details
from .staff_requests import add_staff_requests
from .statutory import add_statutory_history
from .strategy import add_inclusion_strategy

LEAVER_SHARE = 0.015


def school_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    ctx["school"] = settings.save_school(actor, school_details(rng, ctx["phase"]))


def roll_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    school = ctx["school"]
    forms, plans = roll_forms(
        rng,
        ctx["phase"],
        ctx["pupils"],
        school["la_number"],
        school["estab_number"],
        today,
        ctx.get("calendar"),
    )
    ctx["pupil_ids"] = pupils.add_pupils(actor, forms, today=today)
    ctx["plans"] = plans


def sen_history_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    """Later changes of status, so histories read K then E, or K then off the register."""
    for pupil_id, plan in zip(ctx["pupil_ids"], ctx["plans"], strict=True):
        if "plan_from" in plan:
            pupils.change_sen_status(actor, pupil_id, "E", plan["plan_from"], reason="EHC plan issued")
        elif "off_register_from" in plan:
            pupils.change_sen_status(
                actor,
                pupil_id,
                "N",
                plan["off_register_from"],
                reason="making expected progress; removed from SEN support",
            )


def census_flags_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    """The census SEN indicators: no demo pupil is in an SEN unit or resourced provision."""
    from ..services.census_check import record_indicators_no

    record_indicators_no(actor)


def leavers_step(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    """A few pupils who left this year: archived, kept, hidden from the register by default."""
    ids = ctx["pupil_ids"]
    chosen = rng.sample(ids, k=round(len(ids) * LEAVER_SHARE)) if ids else []
    for pupil_id in chosen:
        pupil = pupils.get_pupil(actor, pupil_id)
        admitted = pupil.admission_date or pupil.dob
        last_change = max([admitted] + [h.start_date for h in pupil.sen_history])
        first = last_change + timedelta(days=1)
        latest = today - timedelta(days=1)
        if first > latest:
            continue
        left_on = first + timedelta(days=rng.randint(0, (latest - first).days))
        left_on = max(first, school_day_by(ctx["calendar"], left_on))  # pupils leave on a school day
        pupils.mark_leaver(actor, pupil_id, pupil.version, left_on, rng.choice(DESTINATIONS))
    ctx["leaver_ids"] = chosen


def accounts_step(actor, rng, today, ctx) -> None:
    """One sign-in account per role (senco, teacher, head, office; password 'demo'), before the
    cycles so the demo teacher is named on some of them ("my pupils" is not empty)."""
    ctx["accounts"] = create_demo_accounts(actor)


STEPS = [
    school_step,
    calendar_step,
    roll_step,
    sen_history_step,
    census_flags_step,
    leavers_step,
    accounts_step,
    add_graduated_history,
    add_statutory_history,
    link_plan_outcomes,
    # the packs' evidence: assessments and views, outside services, profiles and requests
    add_assess_stage,
    add_outside_services,
    add_profiles_and_requests,
    # the SENCO's requests for staff observations: one awaiting the demo teacher, one overdue
    add_staff_requests,
    # then a few records left incomplete, as real ones are (the inclusion case sample finds them)
    leave_record_gaps,
    # the school's inclusion strategy (Inclusive Mainstream Fund): budgets and a start on its words
    add_inclusion_strategy,
    # parents as partners: meetings, languages, support layers, the plan's words for home
    add_parents_as_partners,
]
