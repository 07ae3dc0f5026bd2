"""A pupil's plan as a documented JSON file, for their next school or a future national format.

The 2026 Schools White Paper "Every child achieving and thriving" (DfE, 23 February 2026) and its
consultation "SEND reform: putting children and young people first" propose a digital Individual
Support Plan for every child with SEND, in layers of support (universal, targeted, targeted plus,
specialist). It is a proposal, not law (from 2029 at the earliest), and no template or data
standard exists yet, so none is guessed here: the file holds what SENCO desk records, under names
that say what each thing is, with its schema committed beside the code
(docs/schemas/support-plan.schema.json, JSON Schema 2020-12) and a version in every file
("schema": "sencodesk-support-plan/1"). A reader maps it to whatever format is set later.

It carries the UPN (it is for a school: the DfE's Common Transfer File carries it too) and the
SEN file a next school needs (the support given over the pupil's time at the school and its impact);
no phone numbers or email addresses (the Common Transfer File brings those) and no costs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import outputs
from ..domain import codes
from ..domain import cycles as cycle_rules
from ..domain import support_layers as layer_rules
from ..domain.dates import to_iso
from ..domain.ehc import LA_DECISIONS, TEXT_SECTIONS, EhcPlan, PlanItem
from ..domain.graduated import Cycle
from ..domain.referrals import service_label
from ..domain.users import ROLES
from .actor import Actor
from .annual_reviews import reviews_for_plan
from .cycles import pupil_record
from .ehc_plans import current_plan
from .packs import school_info
from .parent_meetings import pupil_meetings
from .pupils import get_pupil
from .referrals import involvements_for_pupil
from .support_layers import support_layers

SCHEMA = "sencodesk-support-plan/1"
SCHEMA_FILE = "docs/schemas/support-plan.schema.json"
MARKER = b'"schema": "sencodesk-support-plan/'  # an existing export may be replaced without asking
ABOUT = (
    "A pupil's SEN support plan and its history, exported from SENCO desk for their next school or "
    f"for a future national format. Its schema is {SCHEMA_FILE} in SENCO desk's source."
)


def _views(text: str, by: str, on: date | None) -> dict[str, Any] | None:
    return {"text": text, "given_by": by, "given_on": to_iso(on)} if text.strip() else None


def _current(c: Cycle) -> dict[str, Any]:
    return {
        "cycle": c.number,
        "status": c.status,
        "assessed_on": to_iso(c.assess_date),
        "needs_by_area": {area: text for area, text in c.needs.items() if text.strip()},
        "pupil_views": _views(c.pupil_views, c.pupil_views_by, c.pupil_views_on),
        "parent_views": _views(c.parent_views, c.parent_views_by, c.parent_views_on),
        "plan_start": to_iso(c.plan_start),
        "review_date": to_iso(c.review_date),
        "parents_agreed_on": to_iso(c.parents_agreed_on),
        "strategies": c.strategies,
        "at_home": c.at_home,
        "outcomes": [
            {
                "text": o.text,
                "in_my_words": o.in_my_words,
                "by_when": to_iso(o.by_when),
                "measure": o.measure,
                "carried_from_earlier_cycle": o.carried_from is not None,
            }
            for o in c.outcomes
        ],
        "provision": [
            {
                "name": a.provision_name,
                "area": a.area,
                "delivered_by_role": a.staff_role,
                "group_size": a.group_size,
                "session_minutes": a.session_minutes,
                "sessions_per_week": a.sessions_per_week,
                "weeks": a.weeks,
                "start_date": to_iso(a.start_date),
                "end_date": to_iso(a.end_date),
                "sessions_logged": a.logged,
                "sessions_attended": a.attended,
            }
            for a in c.allocations
        ],
    }


def _history(c: Cycle) -> dict[str, Any]:
    r = c.review
    return {
        "cycle": c.number,
        "plan_start": to_iso(c.plan_start),
        "reviewed_on": to_iso(r.held_on) if r else None,
        "decision": r.decision if r else None,
        "decision_label": cycle_rules.DECISIONS.get(r.decision, r.decision) if r else None,
        "parent_present": r.parent_present if r else None,
        "pupil_present": r.pupil_present if r else None,
        "pupil_views": r.pupil_views if r else "",
        "parent_views": r.parent_views if r else "",
        "outcomes": [{"text": o.text, "rating": o.rating} for o in c.outcomes],
        "provision": [a.provision_name for a in c.allocations],
    }


def support_plan(actor: Actor, pupil_id: int, *, today: date | None = None) -> dict[str, Any]:
    """The file's contents (see the schema for each field's meaning)."""
    actor.require("export.packs")
    actor.require_pupil(pupil_id, "statutory.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    record = pupil_record(actor, pupil_id, today=today)
    plan = current_plan(actor, pupil_id)
    layers = support_layers(actor)
    school = school_info(actor)
    needs = [
        {
            "rank": rank,
            "code": code,
            "description": codes.NEEDS.get(code, (code, None))[0],
            "area": codes.NEEDS.get(code, (code, None))[1],
        }
        for rank, code in enumerate((pupil.primary_need, pupil.secondary_need), start=1)
        if code
    ]
    current = record.open_cycle
    done = [c for c in record.cycles if c is not current]
    return {
        "schema": SCHEMA,
        "about": ABOUT,
        "produced_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "produced_by": {"name": actor.user.display_name, "role": ROLES.get(actor.user.role, actor.user.role)},
        "school": {
            "name": school.name,
            "urn": school.urn,
            "local_authority": school.la_name,
            "senco_name": school.senco_name,
            "senco_contact": school.senco_contact,
        },
        "pupil": {
            "upn": pupil.upn,
            "former_upn": pupil.former_upn,
            "legal_forename": pupil.legal_forename,
            "legal_surname": pupil.legal_surname,
            "preferred_forename": pupil.preferred_forename,
            "preferred_surname": pupil.preferred_surname,
            "date_of_birth": to_iso(pupil.dob),
            "gender": pupil.gender,
            "year_group": pupil.year_group,
            "home_language": pupil.home_language,
        },
        "sen": {
            "status": pupil.sen_status,
            "status_label": codes.SEN_STATUSES.get(pupil.sen_status, pupil.sen_status),
            "since": to_iso(pupil.sen_start_date),
            "needs": needs,
            "areas": [{"code": a, "label": codes.AREAS[a]} for a in pupil.areas],
        },
        "support_layer": (
            {
                "name": pupil.support_layer,
                "position": layers.index(pupil.support_layer) + 1 if pupil.support_layer in layers else None,
                "school_layers": layers,
                "basis": layer_rules.BASIS,
            }
            if pupil.support_layer
            else None
        ),
        "parents": [
            {
                "name": c.name,
                "relationship": c.relationship,
                "parental_responsibility": c.parental_responsibility,
                "first_language": c.first_language,
                "interpreter_needed": c.interpreter_needed,
            }
            for c in pupil.contacts
        ],
        "current_plan": _current(current) if current is not None else None,
        "history": [_history(c) for c in done],
        "specialists": [
            {
                "service": i.service,
                "service_label": service_label(i.service),
                "professional": i.professional,
                "started_on": to_iso(i.started_on),
                "ended_on": to_iso(i.ended_on),
                "latest_report_on": to_iso(i.latest_report_on),
                "summary": i.summary,
            }
            for i in involvements_for_pupil(actor, pupil_id)
        ],
        "meetings_with_parents": [
            {
                "held_on": to_iso(m.held_on),
                "how": "review" if m.is_review else m.how,
                "attendees": m.attendees,
                "agreed": m.agreed,
                "review_of_cycle": m.review_cycle,
            }
            for m in reversed(pupil_meetings(actor, pupil_id, today=today).meetings)
        ],
        "ehc_plan": _ehc_plan(actor, plan) if plan is not None else None,
    }


def _ehc_plan(actor: Actor, plan: EhcPlan) -> dict[str, Any]:
    reviews, next_due = reviews_for_plan(actor, plan.id)

    def items(part: tuple[PlanItem, ...]) -> list[dict[str, str]]:
        return [{"area": i.area, "text": i.text, "detail": i.detail} for i in part]

    return {
        "plan_date": to_iso(plan.plan_date),
        "local_authority": plan.la_name,
        "named_school": plan.named_school,
        "personal_budget": plan.personal_budget,
        "sections": {
            key.removeprefix("section_").upper(): plan.sections.get(key, "") for key in TEXT_SECTIONS
        },
        "needs": items(plan.needs),
        "outcomes": items(plan.outcomes),
        "provision": items(plan.provision),
        "annual_reviews": [
            {
                "meeting_on": to_iso(r.dates.meeting_on),
                "la_decision": r.dates.la_decision,
                "la_decision_label": LA_DECISIONS.get(r.dates.la_decision or "", None),
            }
            for r in reviews
        ],
        "next_annual_review_due": to_iso(next_due),
    }


def suggested_name(pupil_name: str, today: date | None = None) -> str:
    """support-plan_Amy-Smith_2026-11-29.json"""
    slug = "-".join(pupil_name.split()) or "pupil"
    return f"support-plan_{slug}_{(today or date.today()).isoformat()}.json"


def export_support_plan(actor: Actor, pupil_id: int, path: Path | str, *, today: date | None = None) -> Path:
    """Write the file atomically (outputs.write_text: never into the data folder, never over a
    file SENCO desk did not make) and audit the export."""
    data = support_plan(actor, pupil_id, today=today)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    name = f"{data['pupil']['legal_forename']} {data['pupil']['legal_surname']}"
    with actor.write():
        actor.audit(
            "export",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"exported {name}'s plan as a JSON file ({SCHEMA}) to {Path(path).name}",
            changes={"file": [None, str(path)]},
        )
        written = outputs.write_text(path, text, marker=MARKER)
    return written
