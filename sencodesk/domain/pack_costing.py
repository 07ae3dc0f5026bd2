"""Costing one allocation for a pack: the school's rates, or an LA profile's rules instead.

An LA profile may name its own hourly rates (by role code or the role's label, any case: "TA",
"Teacher"), weeks in the school year and how a group session is split. Its rules override the
school's in that LA's packs only; a role the LA gives no rate for keeps the school's rate, so
no line is ever left uncosted.
"""

from __future__ import annotations

from .costing import STAFF_ROLES, Cost, CostingSettings, annual_cost
from .la_profile import Costing

# what an LA file may call each role, lower case (the code, its label, and the usual short forms)
_ROLE_NAMES = {code: {code, label.lower()} for code, label in STAFF_ROLES.items()}
_ROLE_NAMES["ta"] |= {"teaching assistant", "ta"}
_ROLE_NAMES["external"] |= {"specialist", "external specialist"}


def la_rate(rules: Costing, role: str, school: CostingSettings) -> int:
    names = _ROLE_NAMES.get(role, {role})
    for key, pence in rules.hourly_pence.items():
        if key.strip().lower() in names:
            return pence
    return school.rate(role)


def la_weeks(rules: Costing, weeks: int, school: CostingSettings) -> int:
    """A provision that runs the whole school year is costed at the LA's weeks; a shorter block
    keeps its own length (at most the LA's year)."""
    if weeks >= school.weeks_per_year:
        return rules.weeks_per_year
    return min(weeks, rules.weeks_per_year)


def cost_line(
    *,
    role: str,
    minutes: int,
    per_week: int,
    weeks: int,
    group_size: int,
    fixed: int,
    fixed_note: str,
    school: CostingSettings,
    rules: Costing | None = None,
) -> Cost:
    """One pupil's share of an allocation's annual cost, with the working shown."""
    if rules is None:
        return annual_cost(
            minutes=minutes,
            per_week=per_week,
            weeks=weeks,
            group_size=group_size,
            rate=school.rate(role),
            fixed=fixed,
            fixed_note=fixed_note,
        )
    # "whole": the LA charges each pupil the whole session, not a share of it
    group = group_size if rules.group_split == "equal" else 1
    return annual_cost(
        minutes=minutes,
        per_week=per_week,
        weeks=la_weeks(rules, weeks, school),
        group_size=group,
        rate=la_rate(rules, role, school),
        fixed=fixed,
        fixed_note=fixed_note,
    )
