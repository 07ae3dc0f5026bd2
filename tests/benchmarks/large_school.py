"""Years of history for the benchmark's large school (issue 8): about 450 pupils on the register
now, and five years of the graduated approach behind the whole roll — some 6,000 cycles,
20,000 outcomes, 50,000 sessions and 1,000 referrals.

The demo school gives its register pupils 1-5 cycles. Past history comes from the same
generator: pupils who were on SEN support in earlier years are put on K for the generator, given
their cycles, then their cycles are closed and their status put back to N, as when support ends.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from sencodesk.demo.graduated import add_graduated_history
from sencodesk.services.actor import Actor
from sencodesk.store.rows import now_iso

SERVICES = ["ep", "salt", "camhs", "ot", "sts"]
STATUSES = ["sent", "accepted", "seen", "closed", "declined", "draft"]
RATINGS = ["not_met", "partly_met", "partly_met", "met", "met", "exceeded"]


def add_years_of_history(
    actor: Actor,
    *,
    on_register: int = 450,
    target_cycles: int = 6000,
    target_outcomes: int = 20000,
    referrals: int = 1000,
    seed: int = 2026,
    today: date | None = None,
) -> dict:
    today = today or date.today()
    rng = random.Random(seed)
    db = actor.db
    _fill_register(actor, rng, on_register, today)
    add_graduated_history(actor, rng, today, {})  # pupils on the register now, if not already
    cycles = db.execute("SELECT COUNT(*) FROM cycles").fetchone()[0]
    past = [
        r[0]
        for r in db.execute(
            "SELECT id FROM pupils WHERE sen_status = 'N' AND id NOT IN (SELECT pupil_id FROM cycles)"
        )
    ]
    rng.shuffle(past)
    # about three cycles each: enough past pupils to reach the target
    chosen = past[: max(0, int((target_cycles - cycles) / 2.5))]
    start = (today - timedelta(days=5 * 365)).isoformat()
    with actor.write():
        for i in range(0, len(chosen), 500):
            part = chosen[i : i + 500]
            marks = ",".join("?" * len(part))
            db.execute(
                f"UPDATE pupils SET sen_status = 'K', primary_need = 'MLD', sen_start_date = ?"
                f" WHERE id IN ({marks})",
                [start, *part],
            )
    add_graduated_history(actor, rng, today, {})
    with actor.write():
        for i in range(0, len(chosen), 500):
            part = chosen[i : i + 500]
            marks = ",".join("?" * len(part))
            db.execute(
                f"UPDATE cycles SET status = 'reviewed' WHERE status = 'open' AND pupil_id IN ({marks})", part
            )
            db.execute(
                f"UPDATE pupils SET sen_status = 'N', primary_need = NULL, secondary_need = NULL,"
                f" sen_start_date = NULL WHERE id IN ({marks})",
                part,
            )
        stamp = now_iso()
        ids = [r[0] for r in db.execute("SELECT DISTINCT pupil_id FROM cycles")]
        rows, consents = [], []
        first = db.execute("SELECT COALESCE(MAX(id), 0) FROM referrals").fetchone()[0]
        for n in range(referrals):
            pupil_id = rng.choice(ids)
            on = (today - timedelta(days=rng.randint(1, 5 * 365))).isoformat()
            status = rng.choice(STATUSES)
            rows.append(
                {
                    "id": first + n + 1,
                    "pupil_id": pupil_id,
                    "service": rng.choice(SERVICES),
                    "referred_on": on,
                    "reason": "Little progress after two reviewed cycles.",
                    "asks": "Assessment and advice on next steps.",
                    "answers": json.dumps({}),
                    "status": status,
                    "outcome_notes": "",
                    "version": 1,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "updated_by": "benchmark",
                }
            )
            if status != "draft":
                consents.append(
                    {
                        "purpose": "referral",
                        "referral_id": first + n + 1,
                        "pupil_id": pupil_id,
                        "given_by": "Parent",
                        "relationship": "Mother",
                        "given_on": on,
                        "method": "signed",
                        "consent_to_refer": 1,
                        "share_with": "[]",
                        "exclusions": "",
                        "version": 1,
                        "created_at": stamp,
                        "updated_at": stamp,
                        "updated_by": "benchmark",
                    }
                )
        db["referrals"].insert_all(rows)
        db["consents"].insert_all(consents)
        _top_up_outcomes(db, rng, target_outcomes)
    return {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("cycles", "outcomes", "sessions", "reviews", "referrals")
    } | {
        "on_register": db.execute(
            "SELECT COUNT(*) FROM pupils WHERE sen_status IN ('K','E') AND left_on IS NULL"
        ).fetchone()[0]
    }


def _top_up_outcomes(db, rng: random.Random, wanted: int) -> None:
    """The demo plans 1-4 outcomes a cycle (about 2.6); a school five years in has more: past
    reviewed cycles get more rated outcomes (never more than the six a plan allows), drawn from
    the demo's own wording, until there are `wanted` in all."""
    missing = wanted - db.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0]
    if missing <= 0:
        return
    wording = db.execute("SELECT DISTINCT text, measure FROM outcomes LIMIT 400").fetchall()
    room = [
        list(r)
        for r in db.execute(
            "SELECT c.id, c.review_date, COUNT(o.id) FROM cycles c JOIN outcomes o ON o.cycle_id = c.id"
            " WHERE c.status = 'reviewed' GROUP BY c.id HAVING COUNT(o.id) < 6"
        )
    ]
    rng.shuffle(room)
    rows = []
    while missing > 0 and room:
        for cycle in [c for c in room if c[2] < 6][:missing]:
            text, measure = rng.choice(wording)
            rows.append(
                {
                    "cycle_id": cycle[0],
                    "position": cycle[2],
                    "text": text,
                    "by_when": cycle[1],
                    "measure": measure,
                    "rating": rng.choice(RATINGS),
                    "evidence": "",
                }
            )
            cycle[2] += 1
            missing -= 1
        room = [c for c in room if c[2] < 6]
    db["outcomes"].insert_all(rows)


def _fill_register(actor: Actor, rng: random.Random, wanted: int, today: date) -> None:
    """Put pupils on SEN support (with their dated history) until `wanted` are on the register."""
    from sencodesk.services import pupils

    db = actor.db
    now = db.execute(
        "SELECT COUNT(*) FROM pupils WHERE sen_status IN ('K','E') AND left_on IS NULL"
    ).fetchone()[0]
    others = [r[0] for r in db.execute("SELECT id FROM pupils WHERE sen_status = 'N' AND left_on IS NULL")]
    for pupil_id in rng.sample(others, max(0, min(len(others), wanted - now))):
        start = today - timedelta(days=rng.randint(30, 3 * 365))
        pupils.change_sen_status(
            actor, pupil_id, "K", start, primary_need=rng.choice(["SLCN", "SEMH", "MLD", "SPLD", "ASD"])
        )
