"""Demo step: the cycles of pupils with EHC plans work towards the plan's Section E outcomes
(each cycle outcome linked to one), and each plan's latest held review has the school's
report words (views and a progress summary), so the annual review pack has real evidence."""

from __future__ import annotations

import random
from datetime import date

from ..services import annual_reviews, ehc_plans, plan_links
from ..services.actor import Actor
from ..store import plan_links as store

PUPIL_VIEWS = (
    "I like my group sessions and I can do more on my own now. I still find lunchtimes hard.",
    "The check-ins help me. I want to get better at writing my ideas down.",
)
PARENT_VIEWS = (
    "We have seen real progress at home; we would like the support to carry on next year.",
    "Mornings are calmer. We are worried about the move to the next school.",
)


def link_plan_outcomes(actor: Actor, rng: random.Random, today: date, ctx: dict | None = None) -> None:
    plan_ids = (ctx or {}).get("statutory", {}).get("plans", [])
    plans = [ehc_plans.get_plan(actor, plan_id) for plan_id in plan_ids]
    by_pupil = {p.pupil_id: [o.id for o in p.outcomes] for p in plans if p.outcomes}
    links = []
    counts: dict[int, int] = {}
    for row in store.pupils_outcomes(actor.db, list(by_pupil)):
        targets = by_pupil[row["pupil_id"]]
        n = counts.get(row["pupil_id"], 0)
        links.append((row["id"], targets[n % len(targets)]))
        counts[row["pupil_id"]] = n + 1
    with actor.write():
        store.link_outcomes(actor.db, links)
        actor.audit(
            "create",
            "demo",
            None,
            summary="linked demo cycle outcomes to EHC plan outcomes",
            changes={"links": [None, len(links)]},
        )
    for plan in plans:
        reviews, _ = annual_reviews.reviews_for_plan(actor, plan.id)
        held = [r for r in reviews if r.dates.meeting_on <= today]
        if held:
            plan_links.save_review_report(
                actor,
                held[-1].id,
                0,
                {
                    "pupil_views": rng.choice(PUPIL_VIEWS),
                    "parent_views": rng.choice(PARENT_VIEWS),
                    "progress_summary": "Good progress towards most outcomes; "
                    "see the evidence for each below.",
                    "proposed_amendments": "Update Section E outcome 1 to the next step; "
                    "keep Section F as it is.",
                },
            )
