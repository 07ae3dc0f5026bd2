"""Assess-plan-do-review cycles: start, assess, plan (outcomes, provision, staff), log sessions,
review (ratings, views, impact, decision), and a pupil's whole graduated-approach record."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..domain import codes
from ..domain import cycles as rules
from ..domain.attainment import KINDS as ASSESSMENT_KINDS
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import AlreadyRecorded, NotFound, PermissionDenied, ValidationError
from ..domain.graduated import Assessment, Cycle, Outcome, PupilCycles, Review, SupportGlance
from ..domain.plural import plural
from ..domain.provision import whole_number
from ..domain.pupil import known_name
from ..domain.wording import Hint, check_outcome, vague_phrases
from ..store import cycles as store
from ..store import plan_links
from ..store import provision as provision_store
from ..store import pupils as pupil_store
from .actor import Actor
from .calendar import school_calendar
from .concerns import pupil_concerns
from .conflicts import stale
from .cycle_start import open_new_cycle
from .provision import get_costing, to_allocation

PLAN_LINK = "plan_outcome_id"  # form key of an outcome's link to the EHC plan's Section E
IN_MY_WORDS = "in_my_words"  # form key of an outcome in the pupil's words (the parent's copy)
AT_HOME = "at_home"  # form key of what parents can do at home (the parent's copy)
NEEDS_FIELDS = {"CI": "needs_ci", "CL": "needs_cl", "SEMH": "needs_semh", "SP": "needs_sp"}
ASSESS_TEXT = (
    "needs_ci",
    "needs_cl",
    "needs_semh",
    "needs_sp",
    "attainment",
    "pupil_views",
    "pupil_views_by",
    "parent_views",
    "parent_views_by",
    "outside_advice",
)
ASSESS_DATES = {
    "assess_date": "Assessment date",
    "pupil_views_on": "Date of the pupil's views",
    "parent_views_on": "Date of the parents' views",
}


# -- reading ----------------------------------------------------------------------------------


def pupil_record(actor: Actor, pupil_id: int, *, today: date | None = None) -> PupilCycles:
    """A pupil's cycles with every part, and their concerns: what the pupil record opens.

    A fixed number of queries whatever the number of cycles (each part fetched for all cycles).
    """
    actor.require_pupil(pupil_id, "cycle.read")
    rows = store.for_pupil(actor.db, pupil_id)
    return PupilCycles(
        pupil_id=pupil_id,
        cycles=_build(actor, rows, today or date.today()),
        concerns=pupil_concerns(actor, pupil_id),
    )


def support_glance(actor: Actor, pupil_id: int, *, today: date | None = None) -> SupportGlance:
    """Has the pupil any cycle, and is the open one overdue: one query, for a record opening (the
    whole record, pupil_record, is read when the Support tab is)."""
    actor.require_pupil(pupil_id, "cycle.read")
    row = store.glance(actor.db, pupil_id)
    return SupportGlance(
        has_cycles=row["cycles"] > 0,
        overdue=rules.is_overdue("open", row["open_review_date"], today or date.today()),
        open_number=row["open_number"],
        has_plan=row["open_plan_start"] is not None,
        review_date=date.fromisoformat(row["open_review_date"]) if row["open_review_date"] else None,
    )


def get_cycle(actor: Actor, cycle_id: int, *, today: date | None = None) -> Cycle:
    row = store.get(actor.db, cycle_id)
    if row is None:
        raise NotFound("That cycle is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "cycle.read")
    return _build(actor, [row], today or date.today())[0]


def _build(actor: Actor, rows: list[dict], today: date) -> list[Cycle]:
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    db = actor.db
    settings = get_costing(actor)
    parts: dict[str, dict[int, list]] = {
        k: defaultdict(list) for k in ("staff", "assess", "outcomes", "alloc")
    }
    for s in store.staff(db, ids):
        parts["staff"][s["cycle_id"]].append((s["user_id"], s["display_name"]))
    for a in store.assessments(db, ids):
        parts["assess"][a["cycle_id"]].append(
            Assessment(
                name=a["name"],
                taken_on=from_iso(a["taken_on"]),
                score=a["score"],
                meaning=a["meaning"],
                id=a["id"],
                kind=a["kind"],
            )
        )
    for o in store.outcomes(db, ids):
        parts["outcomes"][o["cycle_id"]].append(to_outcome(o))
    for a in store.allocations(db, ids):
        parts["alloc"][a["cycle_id"]].append(to_allocation(a, settings))
    review_rows = store.reviews(db, ids)
    impacts: dict[int, dict] = defaultdict(dict)
    for i in store.impacts(db, [r["id"] for r in review_rows]):
        impacts[i["review_id"]][i["allocation_id"]] = (i["attendance_pct"], i["judgement"])
    reviews = {r["cycle_id"]: _review(r, impacts[r["id"]]) for r in review_rows}
    return [_cycle(r, parts, reviews.get(r["id"]), today) for r in rows]


def to_outcome(o: dict) -> Outcome:
    return Outcome(
        id=o["id"],
        position=o["position"],
        text=o["text"],
        by_when=from_iso(o["by_when"]),
        measure=o["measure"],
        carried_from=o["carried_from"],
        rating=o["rating"],
        evidence=o["evidence"],
        plan_outcome_id=o.get("plan_outcome_id"),
        in_my_words=o.get("in_my_words") or "",
    )


def _review(r: dict, impacts: dict) -> Review:
    return Review(
        id=r["id"],
        held_on=date.fromisoformat(r["held_on"]),
        parent_present=bool(r["parent_present"]),
        pupil_present=bool(r["pupil_present"]),
        others=r["others"],
        pupil_views=r["pupil_views"],
        parent_views=r["parent_views"],
        decision=r["decision"],
        refer_to=r["refer_to"],
        notes=r["notes"],
        next_cycle_id=r["next_cycle_id"],
        impacts=impacts,
        version=r["version"],
        updated_at=r["updated_at"],
        updated_by=r["updated_by"],
    )


def _cycle(r: dict, parts: dict, review: Review | None, today: date) -> Cycle:
    cid = r["id"]
    return Cycle(
        id=cid,
        pupil_id=r["pupil_id"],
        number=r["number"],
        status=r["status"],
        concern_id=r["concern_id"],
        assess_date=from_iso(r["assess_date"]),
        needs={a: r[f] for a, f in NEEDS_FIELDS.items()},
        attainment=r["attainment"],
        pupil_views=r["pupil_views"],
        pupil_views_by=r["pupil_views_by"],
        pupil_views_on=from_iso(r["pupil_views_on"]),
        parent_views=r["parent_views"],
        parent_views_by=r["parent_views_by"],
        parent_views_on=from_iso(r["parent_views_on"]),
        outside_advice=r["outside_advice"],
        strategies=r["strategies"],
        plan_start=from_iso(r["plan_start"]),
        review_date=from_iso(r["review_date"]),
        parents_told_on=from_iso(r["parents_told_on"]),
        parents_agreed_on=from_iso(r["parents_agreed_on"]),
        staff=parts["staff"][cid],
        assessments=parts["assess"][cid],
        outcomes=parts["outcomes"][cid],
        allocations=parts["alloc"][cid],
        review=review,
        overdue=rules.is_overdue(r["status"], r["review_date"], today),
        version=r["version"],
        updated_at=r["updated_at"],
        updated_by=r["updated_by"],
        at_home=r.get("at_home") or "",
    )


def staff_choices(actor: Actor) -> list[tuple[int, str]]:
    """People who can be named as responsible or delivering (active users)."""
    actor.require("cycle.read")
    return [(u["id"], u["display_name"]) for u in store.users(actor.db)]


# -- starting a cycle ---------------------------------------------------------------------------


def start_cycle(actor: Actor, pupil_id: int) -> int:
    """Start the next cycle for a pupil on SEN support or with an EHC plan (one open at a time)."""
    actor.require_pupil(pupil_id, "cycle.edit")
    pupil = pupil_store.get(actor.db, pupil_id)
    if pupil is None:
        raise NotFound("That pupil is not in SENCO desk.")
    if pupil["sen_status"] not in codes.ON_REGISTER:
        raise ValidationError(
            {
                "cycle": "This pupil is not on the SEN register. Triage a concern to start "
                "SEN support, or change their SEN status first."
            }
        )
    if pupil["left_on"]:
        raise ValidationError({"cycle": "This pupil has left the school."})
    with actor.write():
        return open_new_cycle(actor, pupil_id)


def _editable(actor: Actor, cycle_id: int, permission: str) -> dict:
    row = store.get(actor.db, cycle_id)
    if row is None:
        raise NotFound("That cycle is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], permission)
    if row["status"] != "open":
        raise ValidationError(
            {
                "cycle": f"Cycle {row['number']} has been reviewed; it is part of the pupil's "
                "record now and cannot be changed. Work in the current cycle."
            }
        )
    return row


def _changes(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


# -- assess ------------------------------------------------------------------------------------


def _assessment_kind(value: object) -> str | None:
    """The kind of score chosen (its code or its label); '' for none; None for anything else."""
    text = str(value or "").strip()
    if not text:
        return ""
    chosen = (code for code, label in ASSESSMENT_KINDS.items() if text.lower() in (code, label.lower()))
    return next(chosen, None)


def save_assess(actor: Actor, cycle_id: int, version: int, form: dict) -> None:
    """Assess: date, needs by broad area, assessments used, attainment, pupil's and parents'
    views (who, when), outside advice."""
    row = _editable(actor, cycle_id, "cycle.edit")
    errors: dict[str, str] = {}
    values: dict = {k: str(form.get(k) or "").strip() for k in ASSESS_TEXT}
    for k, label in ASSESS_DATES.items():
        try:
            values[k] = to_iso(parse_date(form.get(k), k, label=label))
        except ValidationError as e:
            errors.update(e.field_errors)
    tests = []
    for i, a in enumerate(form.get("assessments") or [], start=1):
        name = str(a.get("name") or "").strip()
        rest = {k: str(a.get(k) or "").strip() for k in ("score", "meaning")}
        kind = _assessment_kind(a.get("kind"))
        if kind is None:
            errors[f"assessment_{i}"] = (
                f"Assessment {i}: choose what kind of score it is from the list, or leave it blank."
            )
            kind = ""
        rest["kind"] = kind
        try:
            taken = to_iso(parse_date(a.get("taken_on"), f"assessment_{i}", label=f"Assessment {i} date"))
        except ValidationError as e:
            errors.update(e.field_errors)
            taken = None
        if not name and (rest["score"] or rest["meaning"] or taken):
            errors[f"assessment_{i}"] = f"Assessment {i} needs a name, e.g. 'Salford reading test'."
        elif name:
            tests.append({"name": name, "taken_on": taken, **rest})
    if errors:
        raise ValidationError(errors)
    changes = _changes(row, values)
    with actor.write() as db:
        if not store.update(db, cycle_id, version, values, actor.user.display_name):
            raise stale(actor, "cycles", cycle_id, "cycle")
        store.replace_assessments(db, cycle_id, tests)
        actor.audit(
            "update",
            "cycle",
            cycle_id,
            pupil_id=row["pupil_id"],
            summary=f"saved the assessment of cycle {row['number']}",
            changes=changes | {"assessments": [None, [t["name"] for t in tests]]},
        )


# -- plan --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSaved:
    review_date: date
    hints: dict[str, list[Hint]]  # field -> wording hints (never blocking)


def plan_hints(form: dict) -> dict[str, list[Hint]]:
    """Wording hints for a plan as it is typed: each outcome and the strategies."""
    hints: dict[str, list[Hint]] = {}
    for i, o in enumerate(form.get("outcomes") or [], start=1):
        found = check_outcome(str(o.get("text") or ""))
        if found:
            hints[f"outcome_{i}"] = found
    found = vague_phrases(str(form.get("strategies") or ""))
    if found:
        hints["strategies"] = found
    return hints


def _plan_link(o: dict, i: int, allowed: frozenset[int] | set[int], errors: dict) -> int | None:
    """The EHC plan outcome (Section E) this cycle outcome works towards: one of the pupil's."""
    value = o.get(PLAN_LINK)
    if value in (None, ""):
        return None
    try:
        plan_outcome_id = int(value)
    except (TypeError, ValueError):
        plan_outcome_id = None
    if plan_outcome_id not in allowed:
        errors.setdefault(
            f"outcome_{i}",
            f"Outcome {i}: the EHC plan outcome it links to is not in this "
            "pupil's plan any more. Choose the plan outcome again.",
        )
        return None
    return plan_outcome_id


def _clean_outcomes(
    form: dict, plan_start: date | None, errors: dict, allowed_links: frozenset[int] | set[int] = frozenset()
) -> list[rules.OutcomeDraft]:
    drafts = []
    for i, o in enumerate(form.get("outcomes") or [], start=1):
        try:
            by_when = parse_date(o.get("by_when"), f"outcome_{i}", label=f"Outcome {i}: by when")
        except ValidationError as e:
            errors.update(e.field_errors)
            by_when = None
        drafts.append(
            rules.OutcomeDraft(
                text=str(o.get("text") or "").strip(),
                by_when=by_when,
                measure=str(o.get("measure") or "").strip(),
                id=o.get("id"),
                carried_from=o.get("carried_from"),
                plan_outcome_id=_plan_link(o, i, allowed_links, errors),
                in_my_words=str(o.get(IN_MY_WORDS) or "").strip() if IN_MY_WORDS in o else None,
            )
        )
    try:
        rules.check_outcomes(drafts, plan_start)
    except ValidationError as e:
        errors.update(e.field_errors)
    return [d for d in drafts if d.text]


def _clean_allocations(actor: Actor, form: dict, plan_start: date | None, errors: dict) -> list[dict]:
    """Each allocation's problems are joined under one key (allocation_N), next to its row."""
    rows = []
    for i, a in enumerate(form.get("allocations") or [], start=1):
        key = f"allocation_{i}"
        provision = provision_store.get(actor.db, int(a.get("provision_id") or 0))
        if provision is None:
            errors[key] = f"Provision {i}: choose an item from the catalogue."
            continue
        label = provision["name"]
        found: dict[str, str] = {}
        row = {
            "id": a.get("id"),
            "provision_id": provision["id"],
            "carried_from": a.get("carried_from"),
            "staff_user_id": a.get("staff_user_id") or None,
            "staff_name": str(a.get("staff_name") or "").strip(),
        }
        if not provision["active"] and not a.get("id"):
            found["retired"] = f"{label} has been retired from the catalogue; choose another provision."
        for k, what, high in (
            ("group_size", "group size", 40),
            ("session_minutes", "session length (minutes)", 480),
            ("sessions_per_week", "sessions per week", 25),
            ("weeks", "number of weeks", 52),
        ):
            row[k] = whole_number(a.get(k), k, f"{label}: {what}", 1, high, found, blank_ok=True)
        try:
            start = parse_date(a.get("start_date"), "start", label=f"{label}: start date")
            end = parse_date(a.get("end_date"), "end", label=f"{label}: end date")
            if start and end and end < start:
                found["end"] = f"{label}: the end date ({uk(end)}) is before the start date ({uk(start)})."
            row["start_date"], row["end_date"] = to_iso(start), to_iso(end)
        except ValidationError as e:
            found.update(e.field_errors)
        if found:
            errors[key] = " ".join(found.values())
        rows.append(row)
    return rows


def save_plan(actor: Actor, cycle_id: int, version: int, form: dict) -> PlanSaved:
    """Plan: 1-6 outcomes, strategies, provision allocated, staff responsible, start date and
    review date (blank: 12 weeks after the start), the date parents were told / agreed.

    form["outcomes"]: [{id?, text, by_when, measure}]; form["allocations"]: [{id?, provision_id,
    staff_user_id or staff_name, group_size/session_minutes/sessions_per_week/weeks (blank = as
    the catalogue), start_date, end_date}]; form["staff"]: [user id, ...].
    """
    row = _editable(actor, cycle_id, "cycle.edit")
    errors: dict[str, str] = {}
    dates = {}
    for k, label in (
        ("plan_start", "Plan start date"),
        ("review_date", "Review date"),
        ("parents_told_on", "Date parents were told"),
        ("parents_agreed_on", "Date parents agreed"),
    ):
        try:
            dates[k] = parse_date(form.get(k), k, label=label)
        except ValidationError as e:
            errors.update(e.field_errors)
            dates[k] = None
    start = dates["plan_start"]
    if start and dates["review_date"] is None and "review_date" not in errors:
        dates["review_date"] = rules.default_review_date(start, school_calendar(actor))
    if not errors:
        try:
            rules.check_plan_dates(start, dates["review_date"])
        except ValidationError as e:
            errors.update(e.field_errors)
    form_outcomes = form.get("outcomes") or []
    outcomes = _clean_outcomes(
        form,
        start,
        errors,
        plan_links.pupil_plan_outcome_ids(actor.db, row["pupil_id"])
        if any(o.get(PLAN_LINK) not in (None, "") for o in form_outcomes)
        else set(),
    )
    # Only outcomes whose form carried the field set their link, so a plan form that does not
    # show links (or an older caller) never drops one silently.
    links_given = [PLAN_LINK in o for o in form_outcomes if str(o.get("text") or "").strip()]
    allocations = _clean_allocations(actor, form, start, errors)
    staff = [int(u) for u in form.get("staff") or []]
    if set(staff) - store.user_ids(actor.db, staff):
        errors["staff"] = "One of the staff named is not a SENCO desk user any more; choose again."
    delivering = [int(a["staff_user_id"]) for a in allocations if a.get("staff_user_id")]
    if set(delivering) - store.user_ids(actor.db, delivering):
        errors["allocations"] = "A provision names a member of staff who is not a SENCO desk user any more."
    _check_removed_allocations(actor, cycle_id, allocations, errors)
    if errors:
        raise ValidationError(errors)
    carried = _carried(actor, row, allocations)
    values = {k: to_iso(v) for k, v in dates.items()} | {
        "strategies": str(form.get("strategies") or "").strip()
    }
    if AT_HOME in form:  # a caller that does not show it leaves what is saved as it is
        values[AT_HOME] = str(form.get(AT_HOME) or "").strip()
    with actor.write() as db:
        if not store.update(db, cycle_id, version, values, actor.user.display_name):
            raise stale(actor, "cycles", cycle_id, "cycle")
        store.save_outcomes(
            db,
            cycle_id,
            [
                {
                    "id": o.id,
                    "text": o.text,
                    "by_when": to_iso(o.by_when),
                    "measure": o.measure,
                    "carried_from": o.carried_from,
                }
                | ({PLAN_LINK: o.plan_outcome_id} if given else {})
                | ({IN_MY_WORDS: o.in_my_words} if o.in_my_words is not None else {})
                for o, given in zip(outcomes, links_given, strict=True)
            ],
        )
        store.save_allocations(db, cycle_id, allocations, actor.user.display_name)
        store.replace_staff(db, cycle_id, staff)
        actor.audit(
            "update",
            "cycle",
            cycle_id,
            pupil_id=row["pupil_id"],
            summary=f"saved the plan of cycle {row['number']}: {plural(len(outcomes), 'outcome')}, "
            f"{plural(len(allocations), 'provision')}, review on {uk(dates['review_date'])}"
            + "".join(f"; {line}" for line in carried),
            changes=_changes(row, values)
            | {
                "outcomes": [None, [o.text for o in outcomes]],
                "allocations": [None, [a["provision_id"] for a in allocations]],
                "staff": [None, staff],
            }
            | ({"carried": [None, carried]} if carried else {})
            | ({"plan links": [None, [o.plan_outcome_id for o in outcomes]]} if any(links_given) else {}),
        )
    review_date = dates["review_date"]
    assert review_date is not None  # check_plan_dates refuses a plan without one
    return PlanSaved(review_date=review_date, hints=plan_hints(form))


def _carried(actor: Actor, row: dict, allocations: list[dict]) -> list[str]:
    """'Phonics catch-up carried from cycle 1' for each new allocation the plan form proposed
    from an earlier cycle of this pupil (the mark only words the audit: the copy is a new
    allocation, and the sessions logged stay with the cycle they were delivered in)."""
    wanted = [
        int(a["carried_from"])
        for a in allocations
        if str(a.get("carried_from") or "").isdigit() and not a.get("id")
    ]
    if not wanted:
        return []
    sources = {
        r["id"]: r
        for r in store.allocation_rows(actor.db, wanted)
        if r["pupil_id"] == row["pupil_id"] and r["cycle_id"] != row["id"]
    }
    return [
        f"{sources[i]['provision_name']} carried from cycle {sources[i]['cycle_number']}"
        for i in wanted
        if i in sources
    ]


def _check_removed_allocations(actor: Actor, cycle_id: int, kept: list[dict], errors: dict) -> None:
    """Sessions logged against a provision are evidence: removing it would drop them silently."""
    kept_ids = {a["id"] for a in kept if a.get("id")}
    current = [a for a in store.allocations(actor.db, [cycle_id]) if a["id"] not in kept_ids]
    for a in current:
        if a["logged"]:
            errors["allocations"] = (
                f"{a['provision_name']} has {plural(a['logged'], 'session')} logged, so it cannot be "
                "removed. Give it an end date instead."
            )


# -- do: logging sessions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    added: int
    changed: int


def log_sessions(
    actor: Actor,
    held_on,
    entries: list[dict],
    *,
    staff_user_id: int | None = None,
    staff_name: str = "",
    today: date | None = None,
    replace: bool = False,
) -> Logged:
    """Log one delivered session for one or many pupils (a group: one date, one tick each).

    entries: [{allocation_id, attended: bool, minutes?: int (default: the session length),
    note?: str}]. A session already logged for the same allocation and day is replaced only with
    `replace` (the person was asked); without it, AlreadyRecorded says whose it is and nothing is
    saved (a teacher's save once silently overwrote the SENCO's session).
    """
    actor.require("session.log")
    today = today or date.today()
    day = parse_date(held_on, "held_on", label="Session date")
    if day is None:
        raise ValidationError({"held_on": "The session date is required."})
    if day > today:
        raise ValidationError(
            {"held_on": "A session cannot be logged before it happens (the date is in the future)."}
        )
    if not entries:
        raise ValidationError({"entries": "Choose at least one pupil to log the session for."})
    if staff_user_id is not None and not store.user_ids(actor.db, [staff_user_id]):
        raise ValidationError({"staff": "The member of staff chosen is not a SENCO desk user any more."})
    rows = {r["id"]: r for r in store.allocation_rows(actor.db, [int(e["allocation_id"]) for e in entries])}
    visible = actor.visible_pupil_ids()
    errors: dict[str, str] = {}
    values = []
    for e in entries:
        a = rows.get(int(e["allocation_id"]))
        if a is None:
            errors["entries"] = "One of the provisions chosen is no longer in SENCO desk; reload the list."
            continue
        if visible is not None and a["pupil_id"] not in visible:
            raise PermissionDenied(
                "One of these pupils is not yours in SENCO desk (no cycle or provision "
                "names you). Ask the SENCO."
            )
        key = f"allocation_{a['id']}"
        if a["cycle_status"] != "open":
            errors[key] = (
                f"{a['provision_name']}: that cycle has been reviewed, so sessions cannot be added to it."
            )
        elif a["start_date"] and day.isoformat() < a["start_date"]:
            errors[key] = f"{a['provision_name']} starts on {uk(a['start_date'])}, after this session date."
        elif a["end_date"] and day.isoformat() > a["end_date"]:
            errors[key] = f"{a['provision_name']} ended on {uk(a['end_date'])}, before this session date."
        minutes = e.get("minutes") or a["eff_minutes"]
        if not str(minutes).isdigit() or not 1 <= int(minutes) <= 480:
            errors[key] = f"{a['provision_name']}: minutes must be a whole number from 1 to 480."
            continue
        values.append(
            (
                a,
                {
                    "allocation_id": a["id"],
                    "held_on": day.isoformat(),
                    "minutes": int(minutes),
                    "attended": int(bool(e.get("attended", True))),
                    "staff_user_id": staff_user_id,
                    "staff_name": staff_name.strip(),
                    "note": str(e.get("note") or "").strip(),
                },
            )
        )
    if errors:
        raise ValidationError(errors)
    if not replace:
        _refuse_overwrite(actor, day, [a for a, _ in values])
    added = changed = 0
    with actor.write() as db:
        for a, v in values:
            result = store.upsert_session(db, v, actor.user.display_name)
            added += result == "added"
            changed += result == "changed"
            actor.audit(
                "create" if result == "added" else "update",
                "session",
                a["id"],
                pupil_id=a["pupil_id"],
                summary=f"logged {a['provision_name']} on {uk(day)}: "
                f"{'attended' if v['attended'] else 'did not attend'}",
                changes={k: [None, v[k]] for k in ("held_on", "minutes", "attended", "note")},
            )
    return Logged(added=added, changed=changed)


def _refuse_overwrite(actor: Actor, day: date, allocations: list[dict]) -> None:
    by_id = {a["id"]: a for a in allocations}
    existing = store.sessions_on(actor.db, list(by_id), day.isoformat())
    if not existing:
        return
    lines = []
    for s in existing:
        a = by_id[s["allocation_id"]]
        who = f", by {s['staff_display']}" if s["staff_display"] else ""
        came = "attended" if s["attended"] else "did not attend"
        lines.append(f"{known_name(a)} ({a['provision_name']}{who}: {s['minutes']} minutes, {came})")
    said = "; ".join(lines)
    raise AlreadyRecorded(
        f"Nothing was saved: a session on {uk(day)} is already logged for {said}. Log it again "
        "and choose to replace it to correct it.",
        f"A session on {uk(day)} is already logged for {said}. Replace it with this one?",
    )


def loggable_allocations(actor: Actor, *, provision_id: int | None = None) -> list[dict]:
    """Allocations in open cycles to log sessions against, for the bulk 'log a group' screen
    (a teacher sees their own pupils' only). Each: allocation id, provision, pupil name, minutes."""
    actor.require("session.log")
    visible = actor.visible_pupil_ids()
    return [
        {
            "allocation_id": r["id"],
            "provision_id": r["provision_id"],
            "provision": r["provision_name"],
            "pupil_id": r["pupil_id"],
            "pupil": known_name(r),
            "year_group": r["year_group"],
            "minutes": r["eff_minutes"],
            "staff": r["staff_display"] or "",
        }
        for r in store.open_allocations(actor.db, provision_id=provision_id)
        if visible is None or r["pupil_id"] in visible
    ]


def allocation_sessions(actor: Actor, allocation_id: int) -> list[dict]:
    rows = store.allocation_rows(actor.db, [allocation_id])
    if not rows:
        raise NotFound("That provision is not in SENCO desk.")
    actor.require_pupil(rows[0]["pupil_id"], "cycle.read")
    return [
        {
            "held_on": date.fromisoformat(s["held_on"]),
            "minutes": s["minutes"],
            "attended": bool(s["attended"]),
            "staff": s["staff_display"] or "",
            "note": s["note"],
        }
        for s in store.sessions_for(actor.db, [allocation_id])
    ]


# -- review ------------------------------------------------------------------------------------


def record_review(
    actor: Actor, cycle_id: int, version: int, form: dict, *, today: date | None = None
) -> int | None:
    """Review: date held, who attended, each outcome rated with evidence, views, the impact of
    each provision (attendance from the sessions logged + a judgement), and the decision.

    continue / refer / consider_ehcna: a new cycle opens with the unmet outcomes carried
    across (support carries on). close: the pupil leaves SEN support, status N from the review
    date (their history kept). Returns the new cycle's id, or None when closed.
    form: held_on, parent_present, pupil_present, others, pupil_views, parent_views,
    ratings {outcome id: rating}, evidence {outcome id: text}, impacts {allocation id: judgement},
    decision, refer_to, notes.
    """
    row = _editable(actor, cycle_id, "review.record")
    today = today or date.today()
    pupil_id = row["pupil_id"]
    decision = str(form.get("decision") or "")
    if decision not in rules.DECISIONS:
        raise ValidationError(
            {"decision": "Choose the decision: continue, close, refer, or consider an EHC needs assessment."}
        )
    if decision == "close" and not actor.user.can("pupil.edit_sen"):
        raise PermissionDenied(
            "Only the SENCO can take a pupil off SEN support. Record the review as "
            "'continue' and tell the SENCO, or ask them to record it."
        )
    held_on = parse_date(form.get("held_on"), "held_on", label="Date of the review")
    rules.check_review_allowed(from_iso(row["plan_start"]), held_on)
    assert held_on is not None  # check_review_allowed refuses a review with no date
    if held_on > today:
        raise ValidationError(
            {"held_on": "A review cannot be recorded before it is held (the date is in the future)."}
        )
    outcome_rows = store.outcomes(actor.db, [cycle_id])
    ratings = {int(k): v for k, v in (form.get("ratings") or {}).items()}
    rules.check_ratings([o["id"] for o in outcome_rows], ratings)
    refer_to = str(form.get("refer_to") or "").strip()
    if decision == "refer" and not refer_to:
        raise ValidationError(
            {"refer_to": "Say which service the pupil is being referred to, e.g. Educational Psychology."}
        )
    pupil = pupil_store.get(actor.db, pupil_id)
    if pupil is None:
        raise NotFound("That pupil is not in SENCO desk.")
    if decision == "close" and pupil["sen_status"] == "E":
        raise ValidationError(
            {
                "decision": "This pupil has an EHC plan: leaving SEN support is not the school's "
                "decision. Choose continue, or refer."
            }
        )
    evidence = {int(k): str(v or "").strip() for k, v in (form.get("evidence") or {}).items()}
    judgements = {int(k): str(v or "").strip() for k, v in (form.get("impacts") or {}).items()}
    allocations = store.allocations(actor.db, [cycle_id])
    with actor.write() as db:
        if not store.update(db, cycle_id, version, {"status": "reviewed"}, actor.user.display_name):
            raise stale(actor, "cycles", cycle_id, "cycle")
        review_values = {
            "cycle_id": cycle_id,
            "held_on": held_on.isoformat(),
            "parent_present": int(bool(form.get("parent_present"))),
            "pupil_present": int(bool(form.get("pupil_present"))),
            **{k: str(form.get(k) or "").strip() for k in ("others", "pupil_views", "parent_views", "notes")},
            "decision": decision,
            "refer_to": refer_to,
        }
        review_id = store.insert_review(db, review_values, actor.user.display_name)
        for o in outcome_rows:
            store.rate_outcome(db, o["id"], ratings[o["id"]], evidence.get(o["id"], ""))
        store.insert_impacts(
            db,
            [
                {
                    "review_id": review_id,
                    "allocation_id": a["id"],
                    "attendance_pct": rules.attendance_pct(a["attended"], a["logged"]),
                    "judgement": judgements.get(a["id"], ""),
                }
                for a in allocations
            ],
        )
        next_id = None
        if decision == "close":
            if pupil["sen_status"] == "K":
                from .pupils import change_sen_status

                change_sen_status(
                    actor,
                    pupil_id,
                    "N",
                    held_on,
                    reason=f"SEN support closed at the review of cycle {row['number']}",
                )
        else:
            next_id = _next_cycle(actor, row, outcome_rows, ratings)
            db.execute("UPDATE reviews SET next_cycle_id = ? WHERE id = ?", [next_id, review_id])
        rated = ", ".join(f"{rules.RATINGS[ratings[o['id']]].lower()}" for o in outcome_rows)
        actor.audit(
            "create",
            "review",
            review_id,
            pupil_id=pupil_id,
            summary=f"reviewed cycle {row['number']} on {uk(held_on)}: outcomes {rated}; "
            f"decision: {rules.DECISIONS[decision].lower()}" + (f" ({refer_to})" if refer_to else ""),
            changes={k: [None, v] for k, v in review_values.items() if v not in ("", 0)}
            | {"ratings": [None, {o["id"]: ratings[o["id"]] for o in outcome_rows}]},
        )
    return next_id


def _next_cycle(actor: Actor, row: dict, outcome_rows: list[dict], ratings: dict[int, str]) -> int:
    """The next cycle, with the unmet outcomes carried across and the same responsible staff
    (so the teachers keep the pupil in 'My pupils')."""
    db = actor.db
    cycle_id = open_new_cycle(actor, row["pupil_id"])
    rated = [o | {"rating": ratings[o["id"]]} for o in outcome_rows]
    carried = rules.carried_outcomes(rated)
    store.insert_outcomes(
        db,
        cycle_id,
        [
            {
                "text": o.text,
                "measure": o.measure,
                "by_when": None,
                "carried_from": o.carried_from,
                PLAN_LINK: o.plan_outcome_id,
                IN_MY_WORDS: o.in_my_words or "",
            }
            for o in carried
        ],
    )
    store.replace_staff(db, cycle_id, [s["user_id"] for s in store.staff(db, [row["id"]])])
    return cycle_id
