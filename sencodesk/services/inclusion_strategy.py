"""The inclusion strategy (Inclusive Mainstream Fund): the school's words for each year, the
budgets typed in Settings, the draft built from the record, its export (PDF or Word), its
publication, and its deadline for the dashboard and the Deadlines calendar.

The guidance it follows, and why the headings are what they are, is in the docstring of
domain/inclusion_strategy.py. Only the SENCO and the headteacher may read, write, export or
publish it ("strategy.edit"). The document holds no pupil's name or UPN: counts only, with
small numbers suppressed exactly as the governors' summary does (domain.small_numbers).
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from datetime import date
from fractions import Fraction
from pathlib import Path

from ..domain import codes, costing
from ..domain.cycles import impact_share
from ..domain.dates import academic_year_label, from_iso, uk
from ..domain.errors import UserError, ValidationError
from ..domain.inclusion_strategy import (
    DEADLINE_BASIS,
    DEADLINES,
    SECTIONS,
    Activity,
    Budgets,
    Strategy,
    apportion,
    clean_budgets,
    clean_published,
    clean_strategy,
    clean_year,
    planned_share_in_year,
    round_pence,
    year_end,
    year_start,
)
from ..domain.statutory import Deadline, StatutoryDate
from ..reports.models import Count
from ..reports.strategy_model import ProvisionCost, StaffTime, StrategyModel, StrategySection
from ..store import cycles as cycle_store
from ..store import inclusion_strategy as store
from ..store import settings as settings_store
from ._saving import create_or_update
from .actor import Actor
from .conflicts import stale
from .packs import ExportResult, _audited_export, school_info, summary_model
from .provision import get_costing
from .settings import get_settings

PERMISSION = "strategy.edit"
BUDGETS_KEY = "inclusion_budgets"  # setting: {"2026/27": {"notional_sen": pence, "imf": pence}}
FORMATS = {".pdf": "PDF", ".docx": "Word"}
# A review's decision as a published document says it (no codes, no jargon).
DECISION_WORDS = {
    "continue": "Support carried on with a new plan",
    "close": "No longer needed SEN support",
    "refer": "Referred to an outside service",
    "consider_ehcna": "Went on to consider an EHC needs assessment",
}


def _year(year: str | None, today: date | None) -> str:
    return clean_year(year) if year else academic_year_label(today or date.today())


# --- the school's words ----------------------------------------------------------------------


def _to_strategy(row: dict, earlier: str | None) -> Strategy:
    return Strategy(
        year=row["academic_year"],
        words=dict(row["words"]),
        years=row["years"],
        next_review_on=from_iso(row["next_review_on"]),
        activities=[Activity(a["what"], a["pence"]) for a in row["activities"]],
        published_on=from_iso(row["published_on"]),
        published_url=row["published_url"],
        published_by=row["published_by"],
        id=row["id"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        earlier_year=earlier,
    )


def get_strategy(actor: Actor, year: str | None = None, *, today: date | None = None) -> Strategy:
    """This year's words (or `year`'s); an empty Strategy (version 0) when none are saved yet."""
    actor.require(PERMISSION)
    label = _year(year, today)
    earlier = store.latest_before(actor.db, label)
    earlier_year = earlier["academic_year"] if earlier else None
    row = store.get(actor.db, label)
    return _to_strategy(row, earlier_year) if row else Strategy(year=label, earlier_year=earlier_year)


def strategy_years(actor: Actor, *, today: date | None = None) -> list[str]:
    """The years with a strategy saved, and this year, newest first (the app's year list)."""
    actor.require(PERMISSION)
    found = set(store.years(actor.db)) | {_year(None, today)}
    return sorted(found, reverse=True)


def save_strategy(actor: Actor, year: str, version: int, form: dict) -> Strategy:
    """Save the words, years covered, next review and whole-school activity lines.

    version 0 starts the year's record; otherwise a save over someone else's newer one is a
    Conflict naming who saved and when (nothing written, the typed text stays in the form), and
    so is a first save that meets another first save of the same year."""
    actor.require(PERMISSION)
    label = clean_year(year)
    create_or_update(
        actor,
        store.TABLE,
        "inclusion_strategy",
        version,
        store.as_stored(clean_strategy(form) | {"academic_year": label}),
        key="academic_year",
        what="inclusion strategy",
        created=f"started the inclusion strategy for {label}",
        changed=f"changed the inclusion strategy for {label}",
    )
    return get_strategy(actor, label)


def carry_forward(actor: Actor, year: str) -> Strategy:
    """Start `year` from the latest earlier year's words and activity lines (the school edits
    them from there). Refused when the year already has words of its own."""
    actor.require(PERMISSION)
    label = clean_year(year)
    earlier = store.latest_before(actor.db, label)
    if earlier is None:
        raise UserError(f"There is no earlier year's strategy to carry forward into {label}.")
    values = {
        "academic_year": label,
        "words": earlier["words"],
        "activities": earlier["activities"],
        "years": 1,
    }
    with actor.write() as db:
        # Looked for under the write lock: a first save of the year at the same moment is seen.
        if store.get(db, label) is not None:
            raise UserError(f"{label} already has its own words. Nothing was copied.")
        strategy_id = store.insert(db, values, actor.user.display_name)
        actor.audit(
            "create",
            "inclusion_strategy",
            strategy_id,
            summary=f"started the inclusion strategy for {label} from {earlier['academic_year']}'s words",
            changes={"words": [None, earlier["words"]], "activities": [None, earlier["activities"]]},
        )
    return get_strategy(actor, label)


def mark_published(
    actor: Actor, year: str, version: int, form: dict, *, today: date | None = None
) -> Strategy:
    """Record the date and web page it went on the school's website (both blank: undo a mark
    made by mistake). Once marked, the deadline leaves the dashboard and the calendar."""
    actor.require(PERMISSION)
    today = today or date.today()
    label = clean_year(year)
    current = store.get(actor.db, label)
    if current is None:
        raise UserError(f"Write and save the {label} strategy before marking it published.")
    published_on, url = clean_published(form, today)
    after = {
        "published_on": published_on.isoformat() if published_on else None,
        "published_url": url,
        "published_by": actor.user.display_name if published_on else "",
    }
    changes = {k: [current[k], v] for k, v in after.items() if current[k] != v}
    if version != current["version"]:
        raise stale(actor, store.TABLE, current["id"], "inclusion strategy")
    if changes:
        with actor.write() as db:
            if not store.update(db, current["id"], version, after, actor.user.display_name):
                raise stale(actor, store.TABLE, current["id"], "inclusion strategy")
            actor.audit(
                "update",
                "inclusion_strategy",
                current["id"],
                summary=(
                    f"marked the {label} inclusion strategy published on {uk(published_on)} at {url}"
                    if published_on
                    else f"marked the {label} inclusion strategy as not yet published"
                ),
                changes=changes,
            )
    return get_strategy(actor, label)


# --- the budgets (Settings) ------------------------------------------------------------------


def get_budgets(actor: Actor, year: str | None = None, *, today: date | None = None) -> Budgets:
    actor.require(PERMISSION)
    label = _year(year, today)
    figures = (get_settings(actor).get(BUDGETS_KEY) or {}).get(label) or {}
    return Budgets(label, figures.get("notional_sen"), figures.get("imf"))


def save_budgets(actor: Actor, year: str, form: dict) -> Budgets:
    """Settings: the notional SEN budget and the fund's allocation for a year, typed in pounds.

    Every year's figures live in one settings row, so it is read inside the save's transaction,
    from the file (never this person's cached settings): a save of another year just made by
    someone else is kept."""
    actor.require(PERMISSION)
    label = clean_year(year)
    notional, imf = clean_budgets(form)
    with actor.write() as db:
        every = dict(settings_store.load(db).get(BUDGETS_KEY) or {})
        before = every.get(label) or {}
        changes = {
            k: [before.get(k), new]
            for k, new in (("notional_sen", notional), ("imf", imf))
            if before.get(k) != new
        }
        if changes:
            every[label] = {"notional_sen": notional, "imf": imf}
            settings_store.save(db, {BUDGETS_KEY: every})
            actor.audit(
                "update",
                "settings",
                None,
                summary=f"changed the notional SEN budget and fund allocation for {label}",
                changes=changes,
            )
    return Budgets(label, notional, imf)


# --- the draft from the record ---------------------------------------------------------------


def _costed_provision(
    actor: Actor, first: date, last: date
) -> tuple[list[ProvisionCost], list[StaffTime], list[StaffTime], tuple[int, int]]:
    """Per intervention: pupils, sessions delivered in the year, this year's planned cost and
    the delivered cost; staff time by role and by person; the fixed costs' part of the totals.

    Planned: each allocation's yearly cost (school rates, shared across its group) times the
    share of its block inside this school year. Delivered: each session held in the year, its
    minutes at the role's hourly rate shared across the group, plus the group share of the fixed
    costs (materials are bought when a block starts) once any session has been delivered."""
    rates = get_costing(actor)
    rows = cycle_store.allocations_in_period(actor.db, first.isoformat(), last.isoformat())
    done = store.sessions_in_period(actor.db, first.isoformat(), last.isoformat())
    ratings: dict[int, list[str | None]] = defaultdict(list)
    for o in cycle_store.outcomes(actor.db, sorted({r["cycle_id"] for r in rows})):
        ratings[o["cycle_id"]].append(o["rating"])
    zero = Fraction(0)
    lines = []
    role_time: dict[str, list[Fraction]] = defaultdict(lambda: [zero] * 4)  # minutes, pence; planned/done
    person_time: dict[tuple[str, str], list[Fraction]] = defaultdict(lambda: [zero] * 4)
    fixed = [zero, zero]
    by_provision: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        by_provision[r["provision_id"]].append(r)
    for group in by_provision.values():
        planned = delivered = zero
        sessions = 0
        for r in group:
            size, rate, role = r["eff_group_size"], rates.rate(r["staff_role"]), r["staff_role"]
            # the store selects only allocations with a start (their own, or their plan's)
            start = date.fromisoformat(r["start_date"] or r["plan_start"])
            share = planned_share_in_year(start, from_iso(r["end_date"]), r["eff_weeks"], first, last)
            minutes = Fraction(r["eff_minutes"] * r["eff_per_week"] * r["eff_weeks"], size) * share
            held, held_minutes = done.get(r["id"], (0, 0))
            done_minutes = Fraction(held_minutes or 0, size)
            fixed_share = Fraction(r["fixed_cost"], size)
            time = [minutes, minutes * rate / 60, done_minutes, done_minutes * rate / 60]
            for totals in (role_time[role], person_time[(r["staff_display"] or "Not named", role)]):
                for i, value in enumerate(time):
                    totals[i] += value
            fixed[0] += fixed_share * share
            fixed[1] += fixed_share if held else zero
            planned += time[1] + fixed_share * share
            delivered += time[3] + (fixed_share if held else zero)
            sessions += held
        first_row = group[0]
        cycles = {r["cycle_id"] for r in group}
        rated = [x for c in cycles for x in ratings[c]]
        lines.append(
            ProvisionCost(
                name=first_row["provision_name"],
                area=codes.AREAS.get(first_row["area"], first_row["area"]),
                staff=costing.STAFF_ROLES.get(first_row["staff_role"], first_row["staff_role"]),
                pupils=len({r["pupil_id"] for r in group}),
                sessions=sessions,
                planned=round_pence(planned),
                delivered=round_pence(delivered),
                impact=impact_share(rated),
                rated=sum(1 for x in rated if x),
            )
        )
    lines.sort(key=lambda p: p.name.lower())
    roles = sorted(role_time, key=lambda role: list(costing.STAFF_ROLES).index(role))
    # the staff lines and the fixed costs add up to the interventions' own totals, to the penny
    planned_split = apportion([role_time[r][1] for r in roles] + [fixed[0]], sum(p.planned for p in lines))
    done_split = apportion([role_time[r][3] for r in roles] + [fixed[1]], sum(p.delivered for p in lines))
    staff = [
        StaffTime(
            who=costing.STAFF_ROLES[role],
            rate=rates.rate(role),
            planned_minutes=round_pence(role_time[role][0]),
            delivered_minutes=round_pence(role_time[role][2]),
            planned=planned_split[i],
            delivered=done_split[i],
        )
        for i, role in enumerate(roles)
    ]
    people = [
        StaffTime(
            who=f"{name} ({costing.STAFF_ROLES.get(role, role)})",
            rate=rates.rate(role),
            planned_minutes=round_pence(t[0]),
            delivered_minutes=round_pence(t[2]),
            planned=round_pence(t[1]),
            delivered=round_pence(t[3]),
        )
        for (name, role), t in sorted(person_time.items(), key=lambda kv: kv[0][0].lower())
    ]
    return lines, staff, people, (planned_split[-1], done_split[-1])


def strategy_model(actor: Actor, year: str | None = None, *, today: date | None = None) -> StrategyModel:
    """The draft strategy for a school year (default: this one), built from the record."""
    actor.require(PERMISSION)
    today = today or date.today()
    label = _year(year, today)
    first, last = year_start(label), year_end(label)
    words = get_strategy(actor, label, today=today)
    budgets = get_budgets(actor, label)
    numbers = summary_model(actor, first, last, today=today)  # the governors' summary's counts
    provision, staff, people, (fixed_planned, fixed_delivered) = _costed_provision(actor, first, last)
    decisions = store.review_decisions_between(actor.db, first.isoformat(), last.isoformat())
    by_status = {c.label: c.count for c in numbers.by_status}
    return StrategyModel(
        school=school_info(actor),
        year=label,
        year_start=first,
        year_end=last,
        printed_on=today,
        sections=[StrategySection(s, words.text(s.key)) for s in SECTIONS],
        covers=words.covers,
        years=words.years,
        next_review_on=words.next_review_on,
        deadline=DEADLINES.get(label),
        published_on=words.published_on,
        published_url=words.published_url,
        notional_sen=budgets.notional_sen,
        imf=budgets.imf,
        activities=list(words.activities),
        provision=provision,
        staff=staff,
        staff_people=people,
        fixed_planned=fixed_planned,
        fixed_delivered=fixed_delivered,
        on_roll=numbers.on_roll,
        sen_support=by_status.get(codes.SEN_STATUSES["K"], 0),
        ehc_plans=by_status.get(codes.SEN_STATUSES["E"], 0),
        by_need=numbers.by_need,
        by_year=numbers.by_year,
        reviews_held=(numbers.reviews_on_time or 0) + (numbers.reviews_late or 0),
        outcomes_total=numbers.outcomes_total or 0,
        outcomes_met=numbers.outcomes_met or 0,
        decisions=[Count(DECISION_WORDS[k], decisions[k]) for k in DECISION_WORDS if decisions[k]],
    )


def suggested_filename(actor: Actor, year: str | None = None, suffix: str = ".pdf") -> str:
    """'Inclusion strategy 2026-27 - School name.pdf' (no slash: it is a file name)."""
    actor.require(PERMISSION)
    school = get_settings(actor).get("school_name") or "school"
    safe = "".join(c for c in school if c not in '<>:"/\\|?*').strip()
    return f"Inclusion strategy {_year(year, None).replace('/', '-')} - {safe}{suffix}"


def export_strategy(
    actor: Actor,
    path: Path | str,
    *,
    year: str | None = None,
    today: date | None = None,
    invariant: bool = False,
) -> ExportResult:
    """Write the strategy as a PDF or a Word document (.docx, for the school to finish in Word),
    chosen by the file's ending; audited as an export like every pack."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValidationError({"out": f"Save the strategy as a .pdf or a .docx file, not '{path.name}'."})
    model = strategy_model(actor, year, today=today)
    writer = importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.reports.strategy")
    with _audited_export(
        actor, f"the {model.year} inclusion strategy ({kind})", path, None, "inclusion_strategy", None
    ):
        written = (writer.build if kind == "PDF" else writer.build_docx)(model, path, invariant=invariant)
    return ExportResult(written, model.missing())


# --- the deadline ----------------------------------------------------------------------------


def strategy_deadlines(actor: Actor, *, today: date | None = None) -> list[Deadline]:
    """This year's publishing deadline while it is not marked published, for the dashboard and
    the Deadlines calendar; nothing for a role that does not write the strategy."""
    actor.require("statutory.read")  # who may read the calendar at all
    if not actor.user.can(PERMISSION):
        return []
    label = _year(None, today)
    due = DEADLINES.get(label)
    if due is None:
        return []
    row = store.get(actor.db, label)
    if row is not None and row["published_on"]:
        return []
    step = StatutoryDate(
        "publish",
        f"Publish the {label} inclusion strategy on the school website",
        due,
        None,
        "school",
        DEADLINE_BASIS,
    )
    return [Deadline("inclusion_strategy", row["id"] if row else 0, None, "Whole school", step)]
