"""A fictional school to try SENCO desk on: `sencodesk demo`, `sencodesk --demo`, the benchmark.

build_demo runs the functions in STEPS in order, each `step(session, rng, today, ctx)`, inside
one transaction: a failed build leaves no half-made school. Later issues add their steps
(cycles, provision, reviews, referrals) to STEPS.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..services import pupils, settings
from ..services.actor import open_school
from .accounts import encrypt_demo_school
from .steps import STEPS

PHASES = {"primary": 210, "secondary": 1000}  # default number of pupils on roll


def build_demo(
    data_dir: Path,
    *,
    phase: str = "primary",
    pupils: int | None = None,
    seed: int | None = None,
    today: date | None = None,
    encrypt: bool = False,
) -> dict:
    """Create a demo school in `data_dir` (which must not already hold one). Returns a summary.

    `encrypt`: encrypt it as a real school would be, with the passphrase 'demo' (the command
    line's `sencodesk demo` and `sencodesk --demo` do; tests and the benchmark need not)."""
    if phase not in PHASES:
        raise UserError(f"The demo school can be primary or secondary, not '{phase}'.")
    count = PHASES[phase] if pupils is None else pupils
    if count < 0 or count > 5000:
        raise UserError("The demo school can have from 0 to 5,000 pupils.")
    seed = random.randrange(1_000_000) if seed is None else seed
    today = today or date.today()
    actor = open_school(Path(data_dir))
    try:
        _refuse_existing_school(actor)
        ctx: dict[str, Any] = {
            "phase": phase,
            "pupils": count,
            "seed": seed,
            "pupil_ids": [],
            "plans": [],
            "summary": {},
        }
        rng = random.Random(seed)
        with actor.write():
            for step in STEPS:
                step(actor, rng, today, ctx)
        summary = _summary(actor, ctx)
        if encrypt:
            encrypt_demo_school(actor)
        summary["encrypted"] = encrypt
        return summary
    finally:
        actor.close()


def _refuse_existing_school(actor) -> None:
    # A demo must never mix with (or overwrite) a real school's records.
    if settings.is_set_up(actor) or pupils.register_counts(actor)["pupils"]:
        raise UserError(
            f"{actor.data_dir} already holds a school. Choose an empty folder for the demo "
            f"school (it never changes an existing one)."
        )


def _summary(actor, ctx: dict[str, Any]) -> dict[str, Any]:
    counts = pupils.register_counts(actor)
    return {
        "data_dir": str(actor.data_dir),
        "school_name": ctx["school"]["school_name"],
        "phase": ctx["phase"],
        "seed": ctx["seed"],
        "pupils": len(ctx["pupil_ids"]),
        "on_roll": counts["pupils"],
        "sen_support": counts["K"],
        "ehc_plans": counts["E"],
        "leavers": len(ctx["pupil_ids"]) - counts["pupils"],
    } | ctx["summary"]
