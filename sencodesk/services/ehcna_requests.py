"""EHC needs assessment requests: the LA's process after a request is sent, step by step,
each step's statutory date beside the actual one, and the exceptions the regulations allow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain import ehc, field_access, statutory
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import NotFound
from ..store import statutory as store
from .actor import Actor
from .conflicts import stale

STEP_LABELS = {
    "requested_by": "sent by",
    "sent_on": "date sent",
    "la_received_on": "date the LA received it",
    "pack_reference": "pack reference",
    "la_name": "local authority",
    "will_assess": "decision to assess",
    "decision_on": "date of the decision to assess",
    "advice_requested_on": "date advice was requested",
    "advice_sent_on": "date the school's advice was sent",
    "draft_received_on": "date the draft plan arrived",
    "comments_returned_on": "date comments were returned",
    "final_plan_on": "date the final plan was issued",
    "no_plan_on": "date of the decision not to issue a plan",
    "withdrawn_on": "date withdrawn",
    "appeal_note": "appeal/mediation note",
    "notes": "notes",
}


def _row_values(values: dict) -> dict:
    row = dict(values)
    for k, v in row.items():
        if isinstance(v, date):
            row[k] = to_iso(v)
    if row.get("will_assess") is not None:
        row["will_assess"] = int(row["will_assess"])
    return row


def _exception(row: dict) -> statutory.TimeLimitException:
    return statutory.TimeLimitException(
        row["kind"], row["note"], from_iso(row["starts_on"]), from_iso(row["ends_on"])
    )


def to_request(row: dict, exceptions: list[dict], pupil_name: str) -> ehc.EhcnaRequest:
    """A stored row (+ its exception rows) as the domain's request, dates parsed."""
    dates = statutory.RequestDates(
        sent_on=date.fromisoformat(row["sent_on"]),
        la_received_on=from_iso(row["la_received_on"]),
        decision_on=from_iso(row["decision_on"]),
        will_assess=None if row["will_assess"] is None else bool(row["will_assess"]),
        advice_requested_on=from_iso(row["advice_requested_on"]),
        advice_sent_on=from_iso(row["advice_sent_on"]),
        draft_received_on=from_iso(row["draft_received_on"]),
        comments_returned_on=from_iso(row["comments_returned_on"]),
        final_plan_on=from_iso(row["final_plan_on"]),
        no_plan_on=from_iso(row["no_plan_on"]),
        withdrawn_on=from_iso(row["withdrawn_on"]),
        exceptions=tuple(_exception(e) for e in exceptions),
    )
    return ehc.EhcnaRequest(
        id=row["id"],
        pupil_id=row["pupil_id"],
        pupil_name=pupil_name,
        requested_by=row["requested_by"],
        pack_reference=row["pack_reference"],
        la_name=row["la_name"],
        dates=dates,
        appeal_note=row["appeal_note"],
        notes=row["notes"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        exception_ids=tuple(e["id"] for e in exceptions),
    )


def _shown(value) -> str:
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return uk(value)
    if value in (0, 1) and not isinstance(value, str):
        return "yes" if value else "no"
    return str(value)


def record_request(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    """A request for an EHC needs assessment has gone to the LA (from the school or a parent)."""
    actor.require_pupil(pupil_id, "statutory.edit")
    today = today or date.today()
    values = _row_values(ehc.clean_request(form, today=today))
    name = store.pupil_name(actor.db, pupil_id)
    if not name:
        raise NotFound("That pupil is not in SENCO desk.")
    with actor.write() as db:
        request_id = store.insert(
            db, "ehcna_requests", {**values, "pupil_id": pupil_id}, actor.user.display_name
        )
        who = ehc.REQUESTED_BY[values["requested_by"]].lower()
        actor.audit(
            "create",
            "ehcna_request",
            request_id,
            pupil_id=pupil_id,
            summary=f"recorded an EHC needs assessment request for {name}, sent by {who} "
            f"on {uk(values['sent_on'])}",
            changes={k: [None, v] for k, v in values.items() if v not in (None, "")},
        )
    return request_id


def get_request(actor: Actor, request_id: int) -> ehc.EhcnaRequest:
    row = store.get(actor.db, "ehcna_requests", request_id)
    if row is None:
        raise NotFound("That EHC needs assessment request is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "statutory.read")
    exceptions = store.exceptions_for(actor.db, [request_id])[request_id]
    return _for_reader(actor, to_request(row, exceptions, store.pupil_name(actor.db, row["pupil_id"])))


def _for_reader(actor: Actor, request: ehc.EhcnaRequest) -> ehc.EhcnaRequest:
    """The request as the reader's role may see it: the appeal note and the SENCO's notes are
    HIDDEN from a teacher (field_access), never blank."""
    hidden = field_access.unreadable(actor.user.role, "ehcna_requests")
    if not hidden & {"appeal_note", "notes"}:
        return request
    return replace(
        request,
        appeal_note=field_access.HIDDEN if "appeal_note" in hidden else request.appeal_note,
        notes=field_access.HIDDEN if "notes" in hidden else request.notes,
    )


def requests_for_pupil(actor: Actor, pupil_id: int) -> list[ehc.EhcnaRequest]:
    """The pupil's requests, newest first, each with its timeline ready to show."""
    actor.require_pupil(pupil_id, "statutory.read")
    rows = store.requests_for_pupil(actor.db, pupil_id)
    exceptions = store.exceptions_for(actor.db, [r["id"] for r in rows])
    name = store.pupil_name(actor.db, pupil_id)
    return [_for_reader(actor, to_request(r, exceptions[r["id"]], name)) for r in rows]


def request_form(request: ehc.EhcnaRequest) -> dict:
    """A request as the strings its form shows (the inverse of clean_request)."""
    d = request.dates
    form = {
        k: uk(getattr(d, k))
        for k in (
            "sent_on",
            "la_received_on",
            "decision_on",
            "advice_requested_on",
            "advice_sent_on",
            "draft_received_on",
            "comments_returned_on",
            "final_plan_on",
            "no_plan_on",
            "withdrawn_on",
        )
    }
    form["will_assess"] = "" if d.will_assess is None else ("yes" if d.will_assess else "no")
    return form | {
        "requested_by": request.requested_by,
        "pack_reference": request.pack_reference,
        "la_name": request.la_name,
        "appeal_note": request.appeal_note,
        "notes": request.notes,
    }


def update_request(
    actor: Actor, request_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    """Record the LA's steps as they happen (each with its date). Stale version -> Conflict."""
    current = get_request(actor, request_id)
    actor.require_pupil(current.pupil_id, "statutory.edit")
    after = _row_values(ehc.clean_request(form, today=today or date.today()))
    row = store.get(actor.db, "ehcna_requests", request_id)
    assert row is not None  # get_request found it above
    before = {k: row[k] for k in after}
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return
    with actor.write() as db:
        if not store.update(db, "ehcna_requests", request_id, version, after, actor.user.display_name):
            raise stale(actor, "ehcna_requests", request_id)
        summary = "; ".join(
            f"{STEP_LABELS.get(k, k)}: {_shown(old)} -> {_shown(new)}" for k, (old, new) in changes.items()
        )
        actor.audit(
            "update",
            "ehcna_request",
            request_id,
            pupil_id=current.pupil_id,
            summary=f"EHC needs assessment request for {current.pupil_name}: {summary}",
            changes=changes,
        )


def add_exception(actor: Actor, request_id: int, form: dict) -> int:
    """Tick an exception in the regulations (with a note, and its period where it has one)."""
    current = get_request(actor, request_id)
    actor.require_pupil(current.pupil_id, "statutory.edit")
    exc = ehc.clean_exception(form, advice_requested_on=current.dates.advice_requested_on)
    values = {
        "kind": exc.kind,
        "note": exc.note,
        "starts_on": to_iso(exc.starts_on),
        "ends_on": to_iso(exc.ends_on),
    }
    period = f" ({uk(exc.starts_on)} to {uk(exc.ends_on)})" if exc.starts_on else ""
    with actor.write() as db:
        exception_id = store.add_exception(db, request_id, values, actor.user.display_name)
        actor.audit(
            "create",
            "ehcna_exception",
            exception_id,
            pupil_id=current.pupil_id,
            summary=f"ticked an exception to the LA's time limits for {current.pupil_name}: "
            f"{statutory.EXCEPTIONS[exc.kind]}{period}",
            changes={k: [None, v] for k, v in values.items() if v},
        )
    return exception_id


def remove_exception(actor: Actor, request_id: int, exception_id: int) -> None:
    """Untick an exception ticked in error: the time limits apply again."""
    current = get_request(actor, request_id)
    actor.require_pupil(current.pupil_id, "statutory.edit")
    if exception_id not in current.exception_ids:
        raise NotFound("That exception is not on this request.")
    exc = current.dates.exceptions[current.exception_ids.index(exception_id)]
    with actor.write() as db:
        store.delete_exception(db, exception_id)
        actor.audit(
            "delete",
            "ehcna_exception",
            exception_id,
            pupil_id=current.pupil_id,
            summary=f"removed an exception from {current.pupil_name}'s request: "
            f"{statutory.EXCEPTIONS[exc.kind]} ({exc.note})",
            changes={"kind": [exc.kind, None], "note": [exc.note, None]},
        )
