"""The demo school's inclusion strategy: plausible budgets for this year and the school's own
words under two headings, the rest left for the SENCO to write (as a school would find it)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from ..domain.dates import academic_year_label
from ..services import inclusion_strategy
from ..services.actor import Actor

# pounds per pupil on roll: a notional SEN budget of about a tenth of a school's core budget,
# and the fund at about £14,000 for an average primary and £48,000 for an average secondary
# (the DfE's figures as Schools Week reported them, 25 March 2026)
PER_PUPIL = {"primary": (560, 67), "secondary": (450, 48)}

ABOUT = (
    "This is our inclusion strategy for {year}. It sets out how we remove the barriers that stop "
    "some of our pupils learning and taking part in school life, and what that costs. It covers "
    "this school year. The governing board agreed it; the SENCO and the headteacher review it "
    "each term."
)
NEEDS = (
    "Most of the needs we see are in speech, language and communication, early reading and "
    "managing feelings. Many children join us in Reception with speech well below their age.\n"
    "We check every child's speech and language in their first half term, and teachers raise a "
    "concern with the SENCO as soon as a child finds something hard, without waiting for a "
    "diagnosis."
)
ACTIVITIES = (
    "Training for all staff in adaptive teaching (two INSET sessions and follow-up coaching): £2,400\n"
    "Speech and language screening for every Reception child: £1,150\n"
    "Visual timetables and calm-corner resources for every classroom: £850"
)


def add_inclusion_strategy(actor: Actor, rng: random.Random, today: date, ctx: dict[str, Any]) -> None:
    year = academic_year_label(today)
    pupils = max(ctx["pupils"], 1)
    notional, fund = PER_PUPIL.get(ctx["phase"], PER_PUPIL["primary"])
    inclusion_strategy.save_budgets(
        actor,
        year,
        {
            "notional_sen": str(round(notional * pupils * rng.uniform(0.9, 1.1), -2)),
            "imf": str(round(fund * pupils * rng.uniform(0.95, 1.05), -1)),
        },
    )
    inclusion_strategy.save_strategy(
        actor,
        year,
        0,
        {
            "words": {"about": ABOUT.format(year=year), "needs": NEEDS},
            "activities": ACTIVITIES,
        },
    )
