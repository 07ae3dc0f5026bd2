"""Demo step: a realistic mix of complete and gappy records, so the inclusion case sample (its
whole-school list and each pupil's pack) has something to find, as it would in a real school.

The earlier steps write every cycle in full. Here a few pupils on the register lose one thing
each, the kinds of gap a busy term leaves: the parents' views at one cycle (not asked at the
assessment, not at the review), the pupil's views in the current cycle, the date the parents were
told of a plan, a cycle's assessment notes, the sessions of an intervention nobody logged. Other
gaps arise on their own (reviews overdue, sessions that fell in a holiday, advice not yet used).
The pupils whose EHC needs assessment request the demo writes in full keep their whole record.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ..domain.case_sample import SESSIONS_GRACE_DAYS
from ..services.actor import Actor
from .assess_stage import ehcna_candidates

# Of the pupils on the register, the share that loses each kind of record (one kind each).
SHARES = {
    "parent_voice": 0.08,
    "pupil_voice": 0.05,
    "parents_not_told": 0.03,
    "assessment": 0.03,
    "sessions": 0.03,
}


def leave_record_gaps(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> dict[str, int]:
    actor.require("cycle.edit")
    with actor.write() as db:
        spared = set(ehcna_candidates(db, today, ctx))
        cycles: dict[int, list[dict]] = {}
        for c in db.query(
            "SELECT c.id, c.pupil_id, c.status, c.plan_start FROM cycles c JOIN pupils p ON p.id = c.pupil_id"
            " WHERE p.left_on IS NULL AND p.sen_status IN ('K', 'E') ORDER BY c.pupil_id, c.number"
        ):
            if c["pupil_id"] not in spared:
                cycles.setdefault(c["pupil_id"], []).append(c)
        pool = sorted(cycles)
        rng.shuffle(pool)
        counts: dict[str, int] = {}
        touched: list[int] = []
        for kind, share in SHARES.items():
            wanted, done = round(len(cycles) * share), 0
            while pool and done < wanted:
                pupil_id = pool.pop()
                if _leave_out(db, kind, cycles[pupil_id], rng, today):
                    done += 1
                    touched.append(pupil_id)
            counts[kind] = done
        actor.audit(
            "update",
            "demo",
            None,
            summary="left some demo records incomplete, as real ones are",
            changes={k: [None, v] for k, v in counts.items()},
        )
    ctx.setdefault("summary", {})["gap_pupils"] = sorted(touched)
    return counts


def _leave_out(db, kind: str, cycles: list[dict], rng: random.Random, today: date) -> bool:
    """Take one kind of record out of one of the pupil's cycles; False when none fits."""
    reviewed = [c for c in cycles if c["status"] == "reviewed"]
    current = [c for c in cycles if c["status"] == "open" and c["plan_start"]]
    if kind == "parent_voice" and reviewed:
        cycle_id = rng.choice(reviewed)["id"]
        db.execute(
            "UPDATE cycles SET parent_views = '', parent_views_by = '', parent_views_on = NULL WHERE id = ?",
            [cycle_id],
        )
        db.execute("UPDATE reviews SET parent_present = 0, parent_views = '' WHERE cycle_id = ?", [cycle_id])
        return True
    if kind == "pupil_voice" and current:
        db.execute(
            "UPDATE cycles SET pupil_views = '', pupil_views_by = '', pupil_views_on = NULL WHERE id = ?",
            [current[0]["id"]],
        )
        return True
    if kind == "parents_not_told" and reviewed:
        db.execute(
            "UPDATE cycles SET parents_told_on = NULL, parents_agreed_on = NULL WHERE id = ?",
            [rng.choice(reviewed)["id"]],
        )
        return True
    if kind == "assessment" and reviewed:
        cycle_id = rng.choice(reviewed)["id"]
        db.execute(
            "UPDATE cycles SET assess_date = NULL, needs_ci = '', needs_cl = '', needs_semh = '',"
            " needs_sp = '', attainment = '' WHERE id = ?",
            [cycle_id],
        )
        db.execute("DELETE FROM assessments WHERE cycle_id = ?", [cycle_id])
        return True
    if kind == "sessions" and current:
        started = date.fromisoformat(current[0]["plan_start"])
        if (today - started).days <= SESSIONS_GRACE_DAYS + 7:
            return False  # too new for an inspector to expect sessions
        allocation = db.execute(
            "SELECT id FROM allocations WHERE cycle_id = ? ORDER BY id LIMIT 1", [current[0]["id"]]
        ).fetchone()
        if allocation is None:
            return False
        db.execute("DELETE FROM sessions WHERE allocation_id = ?", [allocation[0]])
        return True
    return False
