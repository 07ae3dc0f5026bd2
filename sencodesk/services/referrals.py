"""Referrals to outside services with their consent, outside involvements, and the school's
text for an EHC needs assessment request. Each write: permission, validation, one transaction
with its audit row.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from ..domain import referrals as rules
from ..domain.dates import from_iso, to_iso, uk
from ..domain.errors import NotFound
from ..domain.referrals import Consent, EhcnaDraft, Involvement, Referral
from ..store import referrals as store
from ._saving import create_or_update
from .actor import Actor
from .conflicts import stale
from .pupils import get_pupil


def _referral_values(r: Referral) -> dict:
    return {
        "pupil_id": r.pupil_id,
        "service": r.service,
        "referred_on": to_iso(r.referred_on),
        "reason": r.reason,
        "asks": r.asks,
        "answers": json.dumps(r.answers, ensure_ascii=False),
        "status": r.status,
        "outcome_notes": r.outcome_notes,
    }


def _to_consent(row: dict) -> Consent:
    return Consent(
        given_by=row["given_by"],
        relationship=row["relationship"],
        given_on=date.fromisoformat(row["given_on"]),
        method=row["method"],
        consent_to_refer=bool(row["consent_to_refer"]),
        share_with=json.loads(row["share_with"]),
        exclusions=row["exclusions"],
        id=row["id"],
        referral_id=row["referral_id"],
    )


def _to_referral(row: dict, consents: list[dict]) -> Referral:
    return Referral(
        pupil_id=row["pupil_id"],
        service=row["service"],
        referred_on=date.fromisoformat(row["referred_on"]),
        reason=row["reason"],
        asks=row["asks"],
        answers=json.loads(row["answers"]),
        status=row["status"],
        outcome_notes=row["outcome_notes"],
        consents=[_to_consent(c) for c in consents if c["referral_id"] == row["id"]],
        id=row["id"],
        version=row["version"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def add_referral(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    """A new referral is a draft: it can be marked sent once consent to refer is recorded."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    pupil = get_pupil(actor, pupil_id)
    referral = rules.clean_referral(form, pupil_id, today=today)
    if referral.status != "draft":
        # a brand-new referral has no consent record yet, so this explains what to do first
        rules.check_status_change(referral, referral.status)
    with actor.write() as db:
        referral_id = store.insert_referral(db, _referral_values(referral), actor.user.display_name)
        actor.audit(
            "create",
            "referral",
            referral_id,
            pupil_id=pupil_id,
            summary=f"started a referral of {pupil.display_name} to {rules.service_label(referral.service)}",
            changes={k: [None, v] for k, v in _referral_values(referral).items() if v},
        )
    return referral_id


def get_referral(actor: Actor, referral_id: int) -> Referral:
    row = store.get_row(actor.db, "referrals", referral_id)
    if row is None:
        raise NotFound("That referral is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "pupil.read_sen")
    actor.require_table("referrals", "Referrals to outside services")
    return _to_referral(row, store.consents_for_referrals(actor.db, [referral_id]))


def referrals_for_pupil(actor: Actor, pupil_id: int) -> list[Referral]:
    """Newest first, each with its consent records (two queries, not one per referral)."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    actor.require_table("referrals", "Referrals to outside services")
    rows = store.referrals_for_pupil(actor.db, pupil_id)
    consents = store.consents_for_referrals(actor.db, [r["id"] for r in rows])
    return [_to_referral(r, consents) for r in rows]


def update_referral(
    actor: Actor, referral_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    """Edit a referral, status included; a status past draft needs consent to refer."""
    current = get_referral(actor, referral_id)
    actor.require_pupil(current.pupil_id, "pupil.edit_sen")
    updated = rules.clean_referral(
        form | {"service": form.get("service") or current.service}, current.pupil_id, today=today
    )
    updated.consents = current.consents
    if updated.status != current.status:
        rules.check_status_change(updated, updated.status)
    before, after = _referral_values(current), _referral_values(updated)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return
    with actor.write() as db:
        if not store.update_referral(
            db, referral_id, version, {k: after[k] for k in changes}, actor.user.display_name
        ):
            raise stale(actor, "referrals", referral_id, "referral")
        actor.audit(
            "update",
            "referral",
            referral_id,
            pupil_id=current.pupil_id,
            summary=f"changed the {rules.service_label(current.service)} referral"
            + (f" (now {rules.STATUSES[updated.status].lower()})" if "status" in changes else ""),
            changes=changes,
        )


def set_referral_status(
    actor: Actor, referral_id: int, version: int, status: str, outcome_notes: str | None = None
) -> None:
    current = get_referral(actor, referral_id)
    actor.require_pupil(current.pupil_id, "pupil.edit_sen")
    rules.check_status_change(current, status)
    values = {"status": status}
    if outcome_notes is not None and outcome_notes.strip() != current.outcome_notes:
        values["outcome_notes"] = outcome_notes.strip()
    before = {"status": current.status, "outcome_notes": current.outcome_notes}
    changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if not changes:
        return
    with actor.write() as db:
        if not store.update_referral(db, referral_id, version, values, actor.user.display_name):
            raise stale(actor, "referrals", referral_id, "referral")
        actor.audit(
            "update",
            "referral",
            referral_id,
            pupil_id=current.pupil_id,
            summary=f"marked the {rules.service_label(current.service)} referral "
            f"{rules.STATUSES[status].lower()}",
            changes=changes,
        )


def record_consent(actor: Actor, referral_id: int, form: dict, *, today: date | None = None) -> int:
    """Add a dated consent record; a later record is the one that counts."""
    current = get_referral(actor, referral_id)
    actor.require_pupil(current.pupil_id, "pupil.edit_sen")
    consent = rules.clean_consent(form, today=today)
    values = {
        "referral_id": referral_id,
        "pupil_id": current.pupil_id,
        "given_by": consent.given_by,
        "relationship": consent.relationship,
        "given_on": to_iso(consent.given_on),
        "method": consent.method,
        "consent_to_refer": int(consent.consent_to_refer),
        "share_with": json.dumps(consent.share_with, ensure_ascii=False),
        "exclusions": consent.exclusions,
    }
    with actor.write() as db:
        consent_id = store.insert_consent(db, values, actor.user.display_name)
        answer = "agreed to" if consent.consent_to_refer else "did not agree to"
        actor.audit(
            "create",
            "consent",
            consent_id,
            pupil_id=current.pupil_id,
            summary=f"recorded that {consent.given_by} {answer} the "
            f"{rules.service_label(current.service)} referral on {uk(consent.given_on)}",
            changes={k: [None, v] for k, v in values.items()},
        )
    return consent_id


def _involvement_values(i: Involvement) -> dict:
    return {
        "pupil_id": i.pupil_id,
        "service": i.service,
        "professional": i.professional,
        "started_on": to_iso(i.started_on),
        "ended_on": to_iso(i.ended_on),
        "latest_report_on": to_iso(i.latest_report_on),
        "summary": i.summary,
    }


def add_involvement(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    get_pupil(actor, pupil_id)
    involvement = rules.clean_involvement(form, pupil_id, today=today)
    values = _involvement_values(involvement)
    with actor.write() as db:
        involvement_id = store.insert_involvement(db, values, actor.user.display_name)
        actor.audit(
            "create",
            "involvement",
            involvement_id,
            pupil_id=pupil_id,
            summary=f"recorded {involvement.service} involvement"
            + (f" ({involvement.professional})" if involvement.professional else ""),
            changes={k: [None, v] for k, v in values.items() if v},
        )
    return involvement_id


def update_involvement(
    actor: Actor, involvement_id: int, version: int, form: dict, *, today: date | None = None
) -> None:
    row = store.get_row(actor.db, "involvements", involvement_id)
    if row is None:
        raise NotFound("That involvement is not in SENCO desk.")
    actor.require_pupil(row["pupil_id"], "pupil.edit_sen")
    after = _involvement_values(rules.clean_involvement(form, row["pupil_id"], today=today))
    changes = {k: [row[k], v] for k, v in after.items() if row[k] != v}
    if not changes:
        return
    with actor.write() as db:
        if not store.update_involvement(
            db, involvement_id, version, {k: after[k] for k in changes}, actor.user.display_name
        ):
            raise stale(actor, "involvements", involvement_id, "involvement")
        actor.audit(
            "update",
            "involvement",
            involvement_id,
            pupil_id=row["pupil_id"],
            summary=f"changed the {after['service']} involvement",
            changes=changes,
        )


def involvements_for_pupil(actor: Actor, pupil_id: int) -> list[Involvement]:
    actor.require_pupil(pupil_id, "pupil.read_sen")
    return [
        Involvement(
            pupil_id=r["pupil_id"],
            service=r["service"],
            professional=r["professional"],
            started_on=from_iso(r["started_on"]),
            ended_on=from_iso(r["ended_on"]),
            latest_report_on=from_iso(r["latest_report_on"]),
            summary=r["summary"],
            id=r["id"],
            version=r["version"],
        )
        for r in store.involvements_for_pupil(actor.db, pupil_id)
    ]


def _draft_values(d: EhcnaDraft) -> dict:
    values = asdict(d)
    for k in ("id", "version"):
        values.pop(k)
    values["request_date"] = to_iso(d.request_date)
    values["la_answers"] = json.dumps(d.la_answers, ensure_ascii=False)
    return values


def get_ehcna_draft(actor: Actor, pupil_id: int) -> EhcnaDraft | None:
    actor.require_pupil(pupil_id, "pupil.read_sen")
    actor.require_table("ehcna_drafts", "Drafts of the EHC needs assessment request")
    row = store.ehcna_draft(actor.db, pupil_id)
    if row is None:
        return None
    return EhcnaDraft(
        pupil_id=pupil_id,
        request_kind=row["request_kind"],
        request_date=from_iso(row["request_date"]),
        completed_by=row["completed_by"],
        home_language=row["home_language"],
        attendance_pct=row["attendance_pct"],
        now_needed=row["now_needed"],
        outcomes_sought=row["outcomes_sought"],
        la_answers=json.loads(row["la_answers"]),
        id=row["id"],
        version=row["version"],
    )


def save_ehcna_draft(
    actor: Actor, pupil_id: int, version: int, form: dict, *, today: date | None = None
) -> int:
    """Create or update the school's request text (version 0 = there is none yet)."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    pupil = get_pupil(actor, pupil_id)
    after = _draft_values(rules.clean_ehcna_draft(form, pupil_id, today=today))
    return create_or_update(
        actor,
        "ehcna_drafts",
        "ehcna_draft",
        version,
        after,
        what="request",
        created=f"started the EHC needs assessment request text for {pupil.display_name}",
        changed="changed the EHC needs assessment request text",
    )


def record_ehcna_consent(actor: Actor, pupil_id: int, form: dict, *, today: date | None = None) -> int:
    """A parent's (or young person's) dated agreement to the school's EHCNA request."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    pupil = get_pupil(actor, pupil_id)
    consent = rules.clean_consent(form, today=today)
    values = {
        "purpose": "ehcna",
        "referral_id": None,
        "pupil_id": pupil_id,
        "given_by": consent.given_by,
        "relationship": consent.relationship,
        "given_on": to_iso(consent.given_on),
        "method": consent.method,
        "consent_to_refer": int(consent.consent_to_refer),
        "share_with": json.dumps(consent.share_with, ensure_ascii=False),
        "exclusions": consent.exclusions,
    }
    with actor.write() as db:
        consent_id = store.insert_consent(db, values, actor.user.display_name)
        answer = "agreed to" if consent.consent_to_refer else "did not agree to"
        actor.audit(
            "create",
            "consent",
            consent_id,
            pupil_id=pupil_id,
            summary=f"recorded that {consent.given_by} {answer} the EHC needs assessment "
            f"request for {pupil.display_name} on {uk(consent.given_on)}",
            changes={k: [None, v] for k, v in values.items() if v is not None},
        )
    return consent_id


def ehcna_consents(actor: Actor, pupil_id: int) -> list[Consent]:
    actor.require_pupil(pupil_id, "pupil.read_sen")
    actor.require_table("consents", "Consent records")
    return [_to_consent(r) for r in store.ehcna_consents(actor.db, pupil_id)]


def latest_referral(actor: Actor, pupil_id: int, service: str) -> Referral:
    """The pupil's most recent referral to this service (the command line exports it)."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    actor.require_table("referrals", "Referrals to outside services")
    row = store.latest_referral(actor.db, pupil_id, service)
    if row is None:
        raise NotFound(
            f"No {rules.service_label(service).lower()} referral is recorded for this pupil. "
            "Add the referral first."
        )
    return _to_referral(row, store.consents_for_referrals(actor.db, [row["id"]]))
