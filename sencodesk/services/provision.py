"""The provision catalogue, the costing settings, and the costed provision maps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date
from fractions import Fraction

from ..domain import costing
from ..domain.costing import Block, BlockWeeks, Cost, CostingSettings
from ..domain.cycles import attendance_pct, impact_share
from ..domain.dates import academic_year_label, academic_year_start, from_iso, to_iso
from ..domain.errors import NotFound, ValidationError
from ..domain.graduated import (
    Allocation,
    ProvisionMapLine,
    PupilProvisionMap,
    PupilRef,
    SchoolProvisionLine,
    SchoolProvisionMap,
)
from ..domain.provision import Provision, clean_provision
from ..domain.wording import Hint, check_provision
from ..store import cycles as cycle_store
from ..store import provision as store
from ..store import settings as settings_store
from .actor import Actor
from .calendar import school_calendar
from .conflicts import stale
from .settings import get_settings

# -- costing settings -------------------------------------------------------------------------


def get_costing(actor: Actor) -> CostingSettings:
    """The school's rates, weeks and threshold (defaults until the SENCO changes them)."""
    s = get_settings(actor)
    return CostingSettings(
        rates=costing.DEFAULT_RATES | dict(s.get("costing_rates") or {}),
        weeks_per_year=int(s.get("costing_weeks") or costing.DEFAULT_WEEKS),
        threshold=int(s.get("costing_threshold") or costing.DEFAULT_THRESHOLD),
    )


def save_costing(actor: Actor, form: dict) -> CostingSettings:
    """Settings: hourly rate per staff role, weeks in the school year, the threshold."""
    actor.require("settings.edit")
    new = costing.clean_costing(form)
    old = get_costing(actor)
    changes = {}
    for role in costing.STAFF_ROLES:
        if old.rate(role) != new.rate(role):
            changes[f"rate_{role}"] = [old.rate(role), new.rate(role)]
    if old.weeks_per_year != new.weeks_per_year:
        changes["weeks_per_year"] = [old.weeks_per_year, new.weeks_per_year]
    if old.threshold != new.threshold:
        changes["threshold"] = [old.threshold, new.threshold]
    if not changes:
        return new
    with actor.write() as db:
        settings_store.save(
            db,
            {
                "costing_rates": new.rates,
                "costing_weeks": new.weeks_per_year,
                "costing_threshold": new.threshold,
            },
        )
        actor.audit("update", "settings", None, summary="changed the costing rates", changes=changes)
    return new


def allocation_cost(row: dict, settings: CostingSettings) -> Cost:
    """One pupil's share of an allocation's annual cost (row: the store's allocation columns)."""
    return costing.annual_cost(
        minutes=row["eff_minutes"],
        per_week=row["eff_per_week"],
        weeks=row["eff_weeks"],
        group_size=row["eff_group_size"],
        rate=settings.rate(row["staff_role"]),
        fixed=row["fixed_cost"],
        fixed_note=row["fixed_cost_note"],
    )


def provision_cost(p: Provision, settings: CostingSettings) -> Cost:
    """A catalogue item's cost per pupil at its default size, for the catalogue screen."""
    return costing.annual_cost(
        minutes=p.session_minutes,
        per_week=p.sessions_per_week,
        weeks=p.weeks,
        group_size=p.group_size,
        rate=settings.rate(p.staff_role),
        fixed=p.fixed_cost,
        fixed_note=p.fixed_cost_note,
    )


def to_allocation(row: dict, settings: CostingSettings) -> Allocation:
    return Allocation(
        id=row["id"],
        cycle_id=row["cycle_id"],
        pupil_id=row["pupil_id"],
        provision_id=row["provision_id"],
        provision_name=row["provision_name"],
        area=row["area"],
        staff_role=row["staff_role"],
        staff_user_id=row["staff_user_id"],
        staff=row["staff_display"] or "",
        group_size=row["eff_group_size"],
        session_minutes=row["eff_minutes"],
        sessions_per_week=row["eff_per_week"],
        weeks=row["eff_weeks"],
        start_date=from_iso(row["start_date"]),
        end_date=from_iso(row["end_date"]),
        logged=row["logged"],
        attended=row["attended"],
        attendance_pct=attendance_pct(row["attended"], row["logged"]),
        cost=allocation_cost(row, settings),
        overrides={k: row[k] for k in ("group_size", "session_minutes", "sessions_per_week", "weeks")},
    )


# -- the catalogue ----------------------------------------------------------------------------


def _to_provision(row: dict) -> Provision:
    return Provision(
        name=row["name"],
        area=row["area"],
        description=row["description"],
        group_size=row["group_size"],
        session_minutes=row["session_minutes"],
        sessions_per_week=row["sessions_per_week"],
        weeks=row["weeks"],
        staff_role=row["staff_role"],
        fixed_cost=row["fixed_cost"],
        fixed_cost_note=row["fixed_cost_note"],
        active=bool(row["active"]),
        id=row["id"],
        version=row["version"],
    )


def list_provisions(actor: Actor, *, include_inactive: bool = False) -> list[Provision]:
    actor.require("provision.read")
    return [_to_provision(r) for r in store.all_rows(actor.db, include_inactive=include_inactive)]


def get_provision(actor: Actor, provision_id: int) -> Provision:
    actor.require("provision.read")
    row = store.get(actor.db, provision_id)
    if row is None:
        raise NotFound("That provision is not in the catalogue.")
    return _to_provision(row)


def provision_form(p: Provision) -> dict:
    form = asdict(p)
    form["fixed_cost"] = f"{p.fixed_cost / 100:.2f}" if p.fixed_cost else ""
    for k in ("group_size", "session_minutes", "sessions_per_week", "weeks"):
        form[k] = str(form[k])
    return form


def provision_hints(form: dict) -> list[Hint]:
    """As the SENCO types a description: vague phrases, frequency and staff (never blocking)."""
    return check_provision(
        str(form.get("description") or ""),
        sessions_per_week=_int_or_none(form.get("sessions_per_week")),
        staff_named=bool(str(form.get("staff_role") or "").strip()),
    )


def _int_or_none(raw) -> int | None:
    text = str(raw if raw is not None else "").strip()
    return int(text) if text.isdigit() else None


def save_provision(
    actor: Actor, provision_id: int | None, version: int | None, form: dict
) -> tuple[int, list[Hint]]:
    """Add (provision_id None) or edit a catalogue item. Returns (id, wording hints)."""
    actor.require("provision.edit")
    p = clean_provision(form)
    values = {k: getattr(p, k) for k in store.COLUMNS}
    values["active"] = int(values["active"])
    with actor.write() as db:
        if store.name_taken(db, p.name, provision_id):
            raise ValidationError({"name": f"The catalogue already has a provision called '{p.name}'."})
        if provision_id is None:
            provision_id = store.insert(db, values, actor.user.display_name)
            actor.audit(
                "create",
                "provision",
                provision_id,
                summary=f"added {p.name} to the catalogue",
                changes={k: [None, v] for k, v in values.items()},
            )
        else:
            before = store.get(db, provision_id)
            if before is None:
                raise NotFound("That provision is not in the catalogue.")
            if not store.update(db, provision_id, version or 0, values, actor.user.display_name):
                raise stale(actor, "provisions", provision_id, "provision")
            changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
            actor.audit(
                "update",
                "provision",
                provision_id,
                summary=f"changed {p.name} in the catalogue",
                changes=changes,
            )
    return provision_id, provision_hints(form)


def set_provision_active(actor: Actor, provision_id: int, version: int, active: bool) -> None:
    """Retire (or bring back) a catalogue item. Allocations already made keep it."""
    actor.require("provision.edit")
    with actor.write() as db:
        row = store.get(db, provision_id)
        if row is None:
            raise NotFound("That provision is not in the catalogue.")
        if not store.update(db, provision_id, version, {"active": int(active)}, actor.user.display_name):
            raise stale(actor, "provisions", provision_id, "provision")
        actor.audit(
            "update" if active else "archive",
            "provision",
            provision_id,
            summary=f"{'brought back' if active else 'retired'} {row['name']} in the catalogue",
            changes={"active": [row["active"], int(active)]},
        )


# -- provision maps -------------------------------------------------------------------------
#
# A year's planned cost counts each block's weeks in that academic year on the school's calendar
# (costing.block_weeks): a block that starts in November is costed for the weeks left, one that
# runs past 31 August is split, and one whose planned weeks ended before the year is not in it.


def _year(year_start: date | None, today: date | None) -> tuple[date, date]:
    start = academic_year_start(year_start or today or date.today())
    return start, date(start.year + 1, 8, 31)


def _ref(row: dict) -> PupilRef:
    return PupilRef(
        pupil_id=row["pupil_id"],
        surname=row["preferred_surname"] or row["legal_surname"],
        forename=row["preferred_forename"] or row["legal_forename"],
        year_group=row["year_group"],
    )


def block_of(row: dict) -> Block:
    """When an allocation runs: from its own start (else its plan's) for its weeks, stopped by
    its own end date or the review that closed its cycle."""
    starts = from_iso(row["runs_from"])
    if starts is None:  # no plan start yet: nothing runs (the period queries never return one)
        return Block(date.max, date.min, 0)
    return Block(starts, from_iso(row["runs_to"]), row["eff_weeks"])


def _part(row: dict, year: int, settings: CostingSettings, cal) -> BlockWeeks:
    return costing.block_weeks(cal, block_of(row), year, default_weeks=settings.weeks_per_year)


def _year_exact(row: dict, part: BlockWeeks, settings: CostingSettings) -> Fraction:
    return costing.year_exact(
        part,
        minutes=row["eff_minutes"],
        per_week=row["eff_per_week"],
        group_size=row["eff_group_size"],
        rate=settings.rate(row["staff_role"]),
        fixed=row["fixed_cost"],
    )


def _costed_in_year(part: BlockWeeks, fixed: int) -> bool:
    """A block with no weeks in the year (its planned weeks ended before it) costs nothing there."""
    return bool(part.weeks or (part.starts_here and fixed))


def pupil_provision_map(
    actor: Actor, pupil_id: int, *, year_start: date | None = None, today: date | None = None
) -> PupilProvisionMap:
    """Every allocation running in the academic year (this one, or the one containing
    year_start), its planned cost for the weeks it runs in the year, the total and the total
    against the threshold."""
    actor.require_pupil(pupil_id, "provision.read")
    start, end = _year(year_start, today)
    settings = get_costing(actor)
    cal = school_calendar(actor)
    rows = cycle_store.allocations_in_period(actor.db, to_iso(start), to_iso(end), pupil_id=pupil_id)
    lines = []
    for r in rows:
        part = _part(r, start.year, settings, cal)
        if not _costed_in_year(part, r["fixed_cost"]):
            continue
        cost = costing.year_cost(
            part,
            minutes=r["eff_minutes"],
            per_week=r["eff_per_week"],
            group_size=r["eff_group_size"],
            rate=settings.rate(r["staff_role"]),
            fixed=r["fixed_cost"],
            fixed_note=r["fixed_cost_note"],
        )
        lines.append(ProvisionMapLine(allocation=replace(to_allocation(r, settings), cost=cost)))
    total = sum(line.allocation.cost.pence for line in lines)
    t = costing.against_threshold(total, settings.threshold)
    return PupilProvisionMap(
        pupil_id=pupil_id,
        year_label=academic_year_label(start),
        year_start=start,
        year_end=end,
        lines=lines,
        total=total,
        threshold=t.threshold,
        over=t.over,
        share=t.share,
        threshold_text=t.text,
        weeks_note=costing.weeks_note(cal, start.year, settings.weeks_per_year),
    )


def _visible(actor: Actor, rows: list[dict]) -> list[dict]:
    """A teacher's share of the school's allocation rows: their own pupils' (as the register)."""
    visible = actor.visible_pupil_ids()
    return rows if visible is None else [r for r in rows if r["pupil_id"] in visible]


def school_provision_map(
    actor: Actor, *, year_start: date | None = None, today: date | None = None
) -> SchoolProvisionMap:
    """Per provision this year: pupils, sessions delivered, planned cost, and impact (share of
    the rated outcomes met or exceeded in the cycles of pupils who had it). A teacher's map holds
    their own pupils only, like the register."""
    actor.require("provision.read")
    start, end = _year(year_start, today)
    settings = get_costing(actor)
    cal = school_calendar(actor)
    rows = _visible(actor, cycle_store.allocations_in_period(actor.db, to_iso(start), to_iso(end)))
    ratings_by_cycle: dict[int, list[str | None]] = defaultdict(list)
    for o in cycle_store.outcomes(actor.db, sorted({r["cycle_id"] for r in rows})):
        ratings_by_cycle[o["cycle_id"]].append(o["rating"])
    grouped: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        grouped[r["provision_id"]].append(r)
    lines = []
    for provision_id, group in grouped.items():
        pupils = {r["pupil_id"]: _ref(r) for r in group}
        cycles = {r["cycle_id"] for r in group}
        ratings = [x for c in cycles for x in ratings_by_cycle[c]]
        lines.append(
            SchoolProvisionLine(
                provision_id=provision_id,
                name=group[0]["provision_name"],
                area=group[0]["area"],
                pupils=sorted(pupils.values(), key=lambda p: (p.surname.lower(), p.forename.lower())),
                allocations=len(group),
                sessions=sum(r["logged"] for r in group),
                cost=0,
                impact=impact_share(ratings),
                rated=sum(1 for x in ratings if x),
            )
        )
    lines.sort(key=lambda line: line.name.lower())
    # Each line's cost is its exact shares summed, rounded across the lines so that the lines add
    # up to the total (and to the governors' summary): a group's shares are not rounded one by one.
    exact = {
        provision_id: sum(
            (_year_exact(r, _part(r, start.year, settings, cal), settings) for r in group), Fraction(0)
        )
        for provision_id, group in grouped.items()
    }
    pence = costing.apportion([exact[line.provision_id] for line in lines])
    lines = [replace(line, cost=p) for line, p in zip(lines, pence, strict=True)]
    return SchoolProvisionMap(
        year_label=academic_year_label(start),
        year_start=start,
        year_end=end,
        lines=lines,
        total=sum(line.cost for line in lines),
        weeks_note=costing.weeks_note(cal, start.year, settings.weeks_per_year),
    )


def year_spend(actor: Actor, today: date | None = None) -> int:
    """The school's planned provision spend this academic year (pence): the dashboard figure,
    each block costed for its weeks in the year. A teacher's is their own pupils' share."""
    actor.require("provision.read")
    start, end = _year(None, today)
    settings = get_costing(actor)
    cal = school_calendar(actor)
    total = Fraction(0)
    # Exact shares summed and rounded once, as the governors' summary does: the two agree.
    if actor.visible_pupil_ids() is not None:  # a teacher: their own pupils' allocations only
        for r in _visible(actor, cycle_store.allocations_in_period(actor.db, to_iso(start), to_iso(end))):
            total += _year_exact(r, _part(r, start.year, settings, cal), settings)
        return costing.round_pence(total)
    for m, f, w, g, role, fixed, runs_from, runs_to in cycle_store.period_cost_rows(
        actor.db, to_iso(start), to_iso(end)
    ):
        block = Block(from_iso(runs_from) or start, from_iso(runs_to), w)
        part = costing.block_weeks(cal, block, start.year, default_weeks=settings.weeks_per_year)
        total += costing.year_exact(
            part, minutes=m, per_week=f, group_size=g, rate=settings.rate(role), fixed=fixed
        )
    return costing.round_pence(total)


@dataclass(frozen=True)
class YearSpend:
    """A year's provision spend, planned and delivered, for a screen or a report."""

    year_label: str
    planned: int  # pence: year_spend, each block costed for its weeks in the year
    delivered: int  # pence: the staff time of the sessions logged in the year, and fixed costs
    sessions: int  # sessions logged in the year (one per pupil per session)
    approximate: bool  # the year has no term dates: the planned weeks are on a typical pattern


def planned_and_delivered(
    actor: Actor, *, year_start: date | None = None, today: date | None = None
) -> YearSpend:
    """The academic year's planned spend (as the dashboard and the school provision map count it)
    and what was delivered: each session logged in the year, its minutes at the staff role's
    rate shared across the group, plus the fixed costs of the blocks that start in the year and
    had a session in it. Rounded once each. Whole-school figures (the inclusion strategy's): for
    those who see the whole school's spend (export.summary), not a teacher."""
    actor.require("export.summary")
    start, end = _year(year_start, today)
    settings = get_costing(actor)
    cal = school_calendar(actor)
    delivered = Fraction(0)
    sessions = 0
    for minutes, count, group, role, fixed, runs_from, runs_to, weeks in cycle_store.delivered_rows(
        actor.db, to_iso(start), to_iso(end)
    ):
        block = Block(from_iso(runs_from) or start, from_iso(runs_to), weeks)
        starts_here = costing.block_weeks(cal, block, start.year).starts_here
        delivered += costing.delivered_exact(
            minutes=minutes, group_size=group, rate=settings.rate(role), fixed=fixed if starts_here else 0
        )
        sessions += count
    return YearSpend(
        year_label=academic_year_label(start),
        planned=year_spend(actor, start),
        delivered=costing.round_pence(delivered),
        sessions=sessions,
        approximate=not cal.has_terms(start.year),
    )
