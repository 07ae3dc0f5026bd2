"""Costing one allocation for a pack: the school's rates, or an LA profile's rules instead.

An LA profile may name its own hourly rates (by role code or the role's label, any case: "TA",
"Teacher"), weeks in the school year and how a group session is split. Its rules override the
school's in that LA's packs only; a role the LA gives no rate for keeps the school's rate, so
no line is ever left uncosted.

A pack costs each block for the weeks it runs in the academic year shown (costing.block_weeks,
on the school's calendar); an LA that fixes its weeks a year has them used for a block that runs
the whole year.
"""

from __future__ import annotations

from .costing import STAFF_ROLES, BlockWeeks, Cost, CostingSettings, year_cost
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


def la_weeks(rules: Costing, weeks: int, year_weeks: int) -> int:
    """A block that runs the whole school year (`year_weeks`, from the school's calendar) is
    costed at the LA's weeks; a shorter one keeps its own weeks (at most the LA's year)."""
    if weeks >= year_weeks:
        return rules.weeks_per_year
    return min(weeks, rules.weeks_per_year)


def cost_line(
    *,
    role: str,
    minutes: int,
    per_week: int,
    part: BlockWeeks,
    year_weeks: int,
    group_size: int,
    fixed: int,
    fixed_note: str,
    school: CostingSettings,
    rules: Costing | None = None,
) -> Cost:
    """One pupil's share of an allocation's planned cost in one academic year (`part`: the
    block's weeks in it; `year_weeks`: that year's weeks), with the working shown."""
    if rules is None:
        return year_cost(
            part,
            minutes=minutes,
            per_week=per_week,
            group_size=group_size,
            rate=school.rate(role),
            fixed=fixed,
            fixed_note=fixed_note,
        )
    # "whole": the LA charges each pupil the whole session, not a share of it
    group = group_size if rules.group_split == "equal" else 1
    weeks = la_weeks(rules, part.weeks, year_weeks)
    return year_cost(
        BlockWeeks(part.year, weeks, max(part.block_weeks, weeks), part.starts_here, part.approximate),
        minutes=minutes,
        per_week=per_week,
        group_size=group,
        rate=la_rate(rules, role, school),
        fixed=fixed,
        fixed_note=fixed_note,
    )
