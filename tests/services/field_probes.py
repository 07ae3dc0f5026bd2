"""The field-level half of the permissions matrix: a school whose every free-text field holds its
own marker, written through the real services, and every read path a role can take.

seed() fills one pupil's whole file (the roll, contacts, SENCO's notes, a concern, a full cycle
with assessment, plan, sessions and review, a referral with consent, an involvement, the EHCNA
request text, the one-page profile, an EHCNA request with an exception, a consultation, an EHC
plan with its annual review, invitations and report, and the leaver's file) as the SENCO, on a
pupil who is the teacher's own, so the teacher's row rule never hides what the field rule must.
Each marker is letters only (names are checked for digits) and unique: "Qq<table><column>Qq".

READERS are the read services, record read-models, lists, packs, the audit trail, the
record's history and subject access: what a role finds through any of them is what it reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sencodesk.domain.errors import NotFound, PermissionDenied
from sencodesk.domain.users import User
from sencodesk.services import (
    annual_review_pack,
    annual_reviews,
    attachments,
    case_sample,
    census_check,
    concerns,
    consultations,
    cycles,
    dashboard,
    ehc_plans,
    ehcna_requests,
    leavers,
    pack_evidence,
    packs,
    parent_copy,
    parent_meetings,
    passports,
    plan_links,
    provision,
    pupils,
    referrals,
    review_edits,
    staff_requests,
    subject_access,
    support_plan,
    transfer,
)
from sencodesk.services import audit as audit_service
from sencodesk.services.actor import Actor
from sencodesk.store import users as users_store
from tests.helpers import make_upn

from . import attached_files

TODAY = date(2026, 11, 29)


def mark(field: str) -> str:
    """The marker a free-text field holds: unique, letters only."""
    return "Qq" + "".join(ch for ch in field if ch.isalpha()) + "Qq"


# Columns that hold a code, a number, a yes/no or JSON of codes (no marker fits them): the test
# checks that their rule is the same as a free-text field's of their table, which it tries.
def _names(table: str, columns: str) -> set[str]:
    return {f"{table}.{c}" for c in columns.split()}


NOT_FREE_TEXT = (
    _names(
        "pupils",
        "upn former_upn gender year_group sen_status primary_need secondary_need pupil_premium eal"
        " looked_after fsm attendance_pct sen_unit resourced_provision top_up_funding support_layer"
        " ethnicity interpreter_needed nhs_number social_care",
    )
    | _names("sen_history", "status primary_need secondary_need")
    | _names("contacts", "phone email parental_responsibility interpreter_needed")
    | _names("assessments", "kind")
    | _names("concerns", "areas decision")
    | _names("cycle_staff", "user_id")
    | _names("outcomes", "rating plan_outcome_id")
    | _names("allocations", "provision_id staff_user_id group_size session_minutes sessions_per_week weeks")
    | _names("sessions", "minutes attended staff_user_id")
    | _names("reviews", "parent_present pupil_present decision")
    | _names("referrals", "service status")
    | _names("consents", "method consent_to_refer")
    | _names("involvements", "service")
    | _names("ehcna_drafts", "request_kind attendance_pct")
    | _names("ehcna_requests", "requested_by will_assess")
    | _names("ehcna_exceptions", "kind")
    | _names("consultations", "reply child_name")  # a pupil on roll is named by their record
    | _names("plan_needs", "area")
    | _names("plan_outcomes", "area")
    | _names("plan_provision", "area")
    | _names("annual_reviews", "la_decision")
    | _names("review_invitations", "invitee")
    | _names("staff_requests", "purpose")
    | _names("staff_request_recipients", "user_id")
    | _names("attachments", "kind visibility content")  # codes, and the file's bytes
    | _names("parent_meetings", "how")
)
DATE_SUFFIXES = ("_on", "_date", "dob", "by_when", "_at", "retain_until", "plan_start", "look_again")


def is_free_text(field: str) -> bool:
    column = field.split(".", 1)[1]
    return field not in NOT_FREE_TEXT and not column.endswith(DATE_SUFFIXES) and column != "dob"


@dataclasses.dataclass
class Seeded:
    pupil_id: int
    cycle_id: int
    reviewed_cycle_id: int
    allocation_id: int
    referral_id: int
    request_id: int
    consultation_id: int
    plan_id: int
    annual_review_id: int
    asked: tuple[int, ...] = ()  # the teacher's parts of requests for observations (their rows)


def seed(senco: Actor, teacher_id: int) -> Seeded:
    """The marked file, written as the SENCO through the real services."""
    m = mark
    form = {
        "upn": make_upn(),
        "legal_surname": m("pupils.legal_surname"),
        "legal_forename": m("pupils.legal_forename"),
        "preferred_surname": m("pupils.preferred_surname"),
        "preferred_forename": m("pupils.preferred_forename"),
        "dob": "03/04/2018",
        "gender": "F",
        "year_group": "3",
        "class_name": m("pupils.class_name"),
        "home_language": m("pupils.home_language"),
        "notes": m("pupils.notes"),
        **{k: m(f"pupils.{k}") for k in ("address", "gp_practice", "previous_schools")},
        "ethnicity": "WBRI",
        "interpreter_needed": True,
        "nhs_number": "943 476 5919",
        "social_care": "early_help",
        "sen_status": "N",
        "contacts": [
            {
                "name": m("contacts.name"),
                "relationship": m("contacts.relationship"),
                "phone": "01234 567890",
                "email": "parent@example.org",
                "first_language": m("contacts.first_language"),
                "interpreter_needed": True,
            }
        ],
        "support_layer": "Targeted",
    }
    pupil_id, _ = pupils.add_pupil(senco, form)
    concern_id = concerns.raise_concern(
        senco,
        pupil_id,
        {
            "raised_on": "01/07/2026",
            "areas": ["CL"],
            "seen": m("concerns.seen"),
            "tried": m("concerns.tried"),
        },
        today=TODAY,
    )
    first = concerns.triage_concern(
        senco,
        concern_id,
        1,
        {"decision": "sen_support", "start_date": "01/09/2026", "parents_told_on": "01/09/2026"}
        | {"primary_need": "SPLD"},
        today=TODAY,
    )
    # a second concern closed with a reason (the first became SEN support, which has none)
    other = concerns.raise_concern(senco, pupil_id, {"raised_on": "02/07/2026", "seen": "Tired"}, today=TODAY)
    concerns.triage_concern(
        senco, other, 1, {"decision": "no_action", "reason": m("concerns.reason")}, today=TODAY
    )
    cycles.save_assess(
        senco,
        first,
        cycles.get_cycle(senco, first).version,
        {
            "assess_date": "05/09/2026",
            **{k: m(f"cycles.{k}") for k in ("needs_ci", "needs_cl", "needs_semh", "needs_sp", "attainment")},
            **{k: m(f"cycles.{k}") for k in ("pupil_views", "pupil_views_by", "parent_views")},
            **{"parent_views_by": m("cycles.parent_views_by"), "outside_advice": m("cycles.outside_advice")},
            "pupil_views_on": "04/09/2026",
            "parent_views_on": "04/09/2026",
            "assessments": [
                {
                    "name": m("assessments.name"),
                    "taken_on": "03/09/2026",
                    "score": m("assessments.score"),
                    "meaning": m("assessments.meaning"),
                    "kind": "standardised",
                }
            ],
        },
    )
    phonics = next(p.id for p in provision.list_provisions(senco) if p.name == "Phonics catch-up")
    cycles.save_plan(
        senco,
        first,
        cycles.get_cycle(senco, first).version,
        {
            "plan_start": "07/09/2026",
            "review_date": "20/11/2026",
            "strategies": m("cycles.strategies"),
            "parents_told_on": "07/09/2026",
            "outcomes": [
                {
                    "text": m("outcomes.text"),
                    "measure": m("outcomes.measure"),
                    "in_my_words": m("outcomes.in_my_words"),
                }
            ],
            "allocations": [{"provision_id": phonics, "staff_name": m("allocations.staff_name")}],
            "staff": [teacher_id],
            "at_home": m("cycles.at_home"),
        },
    )
    parent_meetings.record_meeting(
        senco,
        pupil_id,
        {"held_on": "02/10/2026", "how": "phone"}
        | {k: m(f"parent_meetings.{k}") for k in ("attendees", "agreed")},
        today=TODAY,
    )
    cycle = cycles.get_cycle(senco, first)
    allocation_id = cycle.allocations[0].id
    cycles.log_sessions(
        senco,
        "08/09/2026",
        [{"allocation_id": allocation_id, "note": m("sessions.note")}],
        staff_name=m("sessions.staff_name"),
        today=TODAY,
    )
    current = cycles.record_review(
        senco,
        first,
        cycle.version,
        {
            "held_on": "19/11/2026",
            "decision": "continue",
            "ratings": {o.id: "met" for o in cycle.outcomes},
            "evidence": {o.id: m("outcomes.evidence") for o in cycle.outcomes},
            "impacts": {allocation_id: m("review_impacts.judgement")},
            **{k: m(f"reviews.{k}") for k in ("others", "pupil_views", "parent_views", "notes", "refer_to")},
        },
        today=TODAY,
    )
    referral_id = referrals.add_referral(
        senco,
        pupil_id,
        {
            "service": "camhs",
            "referred_on": "20/11/2026",
            "reason": m("referrals.reason"),
            "asks": m("referrals.asks"),
            "answers": {"risk": m("referrals.answers")},
        },
        today=TODAY,
    )
    referrals.record_consent(
        senco,
        referral_id,
        {
            "given_by": m("consents.given_by"),
            "relationship": m("consents.relationship"),
            "given_on": "25/11/2026",
            "method": "signed",
            "consent_to_refer": "yes",
            "share_with": [m("consents.share_with")],
            "exclusions": m("consents.exclusions"),
        },
        today=TODAY,
    )
    version = referrals.get_referral(senco, referral_id).version
    referrals.set_referral_status(senco, referral_id, version, "sent", m("referrals.outcome_notes"))
    referrals.add_involvement(
        senco,
        pupil_id,
        {
            "service": "ep",
            "professional": m("involvements.professional"),
            "started_on": "01/02/2026",
            "summary": m("involvements.summary"),
            "recommendations": m("involvements.recommendations"),
        },
        today=TODAY,
    )
    referrals.save_ehcna_draft(
        senco,
        pupil_id,
        0,
        {
            "request_kind": "new",
            "request_date": "20/11/2026",
            **{k: m(f"ehcna_drafts.{k}") for k in ("completed_by", "home_language", "now_needed")},
            "outcomes_sought": m("ehcna_drafts.outcomes_sought"),
            "la_answers": {"q1": m("ehcna_drafts.la_answers")},
        },
        today=TODAY,
    )
    passports.save_passport(
        senco,
        pupil_id,
        0,
        {
            "like_and_admire": m("pupil_passports.like_and_admire"),
            "important_to_me": m("pupil_passports.important_to_me"),
            "how_to_support": [m("pupil_passports.how_to_support")],
        },
    )
    request_id = ehcna_requests.record_request(
        senco,
        pupil_id,
        {
            "requested_by": "school",
            "sent_on": "13/01/2026",
            **{k: m(f"ehcna_requests.{k}") for k in ("pack_reference", "la_name", "appeal_note", "notes")},
        },
        today=TODAY,
    )
    ehcna_requests.add_exception(
        senco,
        request_id,
        {"kind": "school_closed", "note": m("ehcna_exceptions.note"), "starts_on": "23/07/2026"}
        | {"ends_on": "02/09/2026"},
    )
    consultation_id = consultations.record_consultation(
        senco,
        {
            "la_name": m("consultations.la_name"),
            "received_on": "20/11/2026",
            **{k: m(f"consultations.{k}") for k in ("papers", "reasons", "needed")},
        },
        pupil_id=pupil_id,
        today=TODAY,
    )
    sections = ("section_a", "section_c", "section_d", "section_g", "section_h1", "section_h2", "section_k")
    plan_id = ehc_plans.issue_plan(
        senco,
        pupil_id,
        {
            "plan_date": "10/12/2024",
            **{k: m(f"ehc_plans.{k}") for k in ("la_name", "named_school", "personal_budget", *sections)},
            **{
                part: [{"text": m(f"plan_{part}.text"), "detail": m(f"plan_{part}.detail"), "area": "CL"}]
                for part in ("needs", "outcomes", "provision")
            },
            "primary_need": "SPLD",
        },
        today=TODAY,
    )
    p = pupils.get_pupil(senco, pupil_id)
    pupils.update_pupil(senco, pupil_id, p.version, pupils.pupil_form(p) | {"secondary_need": "SLCN"})
    annual_review_id = annual_reviews.record_review(
        senco,
        plan_id,
        {
            "meeting_on": "01/12/2025",
            "pfa_notes": m("annual_reviews.pfa_notes"),
            "notes": m("annual_reviews.notes"),
            "invitations": [
                {"invitee": "other", "name": m("review_invitations.name"), "sent_on": "01/11/2025"}
            ],
        },
        today=TODAY,
    )
    plan_links.save_review_report(
        senco,
        annual_review_id,
        0,
        {k: m(f"review_reports.{k}") for k in plan_links.REPORT_LABELS},
    )
    asked = _ask_the_teacher(senco, pupil_id, teacher_id)
    # a document shared with the pupil's teachers (the widest row rule: the field rule shows)
    attached_files.put(
        senco.data_dir.parent / "seeded", f"{m('attachments.original_name')}.pdf", attached_files.pdf()
    )
    attachments.add_attachment(
        senco,
        pupil_id,
        senco.data_dir.parent / "seeded" / f"{m('attachments.original_name')}.pdf",
        {
            "title": m("attachments.title"),
            "kind": "report",
            "author": m("attachments.author"),
            "document_date": "01/10/2026",
            "visibility": "teachers",
        },
        today=TODAY,
    )
    # last: the pupil leaves (a concern is for pupils on roll), and the pack goes to their next school
    p = pupils.get_pupil(senco, pupil_id)
    pupils.mark_leaver(senco, pupil_id, p.version, "27/11/2026", m("pupils.destination"))
    leavers.mark_pack_sent(senco, pupil_id, "28/11/2026", m("leaver_files.pack_sent_to"), today=TODAY)
    return Seeded(
        pupil_id=pupil_id,
        cycle_id=current,
        reviewed_cycle_id=first,
        allocation_id=allocation_id,
        referral_id=referral_id,
        request_id=request_id,
        consultation_id=consultation_id,
        plan_id=plan_id,
        annual_review_id=annual_review_id,
        asked=asked,
    )


def teacher_actor(senco: Actor, teacher_id: int) -> Actor:
    row = users_store.by_id(senco.db, teacher_id)
    user = User(teacher_id, row["username"], row["display_name"], row["role"])
    return Actor(db=senco.db, user=user, data_dir=senco.data_dir, key=senco.key)


def _ask_the_teacher(senco: Actor, pupil_id: int, teacher_id: int) -> tuple[int, ...]:
    """Three requests for the teacher's observations: one they answer, one they decline, one
    awaiting them (the SENCO withdraws it in the table-writing test)."""
    m = mark
    form = {
        "purpose": "ehcna",
        "due_on": "10/12/2026",
        "note": m("staff_requests.note"),
        "questions": [m("staff_requests.questions")],
        "recipients": [teacher_id],
    }
    ids = []
    for _ in range(3):
        request_id = staff_requests.send_request(senco, pupil_id, form, today=TODAY)
        ids.append(
            senco.db.execute(
                "SELECT id FROM staff_request_recipients WHERE request_id = ?", [request_id]
            ).fetchone()[0]
        )
    teacher = teacher_actor(senco, teacher_id)
    answer = {
        "subject": m("staff_request_recipients.subject"),
        "answers": [m("staff_request_recipients.answers")],
    }
    staff_requests.answer_request(teacher, ids[0], 1, answer, today=TODAY)
    staff_requests.decline_request(
        teacher, ids[1], 1, m("staff_request_recipients.declined_reason"), today=TODAY
    )
    return tuple(ids)


def _upn(s: Seeded, senco: Actor) -> str:
    return pupils.get_pupil(senco, s.pupil_id).upn


# Every read path: (name, call(actor, seeded, senco)). A refusal (PermissionDenied) means the
# role reads nothing there.
Reader = Callable[[Actor, Seeded, Actor], Any]
READERS: list[tuple[str, Reader]] = [
    ("pupils.get_pupil", lambda a, s, _: pupils.get_pupil(a, s.pupil_id)),
    ("pupils.find_pupil_by_upn", lambda a, s, senco: pupils.find_pupil_by_upn(a, _upn(s, senco))),
    ("pupils.list_register", lambda a, s, _: pupils.list_register(a)),
    ("audit.pupil_history", lambda a, s, _: audit_service.pupil_history(a, s.pupil_id)),
    ("audit.audit_trail", lambda a, s, _: audit_service.audit_trail(a)),
    ("concerns.pupil_concerns", lambda a, s, _: concerns.pupil_concerns(a, s.pupil_id)),
    ("concerns.list_concerns", lambda a, s, _: concerns.list_concerns(a, today=TODAY)),
    ("cycles.pupil_record", lambda a, s, _: cycles.pupil_record(a, s.pupil_id, today=TODAY)),
    ("cycles.get_cycle", lambda a, s, _: cycles.get_cycle(a, s.reviewed_cycle_id, today=TODAY)),
    ("cycles.allocation_sessions", lambda a, s, _: cycles.allocation_sessions(a, s.allocation_id)),
    ("dashboard.my_pupils", lambda a, s, _: dashboard.my_pupils(a, today=TODAY)),
    (
        "provision.pupil_provision_map",
        lambda a, s, _: provision.pupil_provision_map(a, s.pupil_id, today=TODAY),
    ),
    ("referrals.referrals_for_pupil", lambda a, s, _: referrals.referrals_for_pupil(a, s.pupil_id)),
    ("referrals.get_referral", lambda a, s, _: referrals.get_referral(a, s.referral_id)),
    ("referrals.involvements_for_pupil", lambda a, s, _: referrals.involvements_for_pupil(a, s.pupil_id)),
    ("referrals.get_ehcna_draft", lambda a, s, _: referrals.get_ehcna_draft(a, s.pupil_id)),
    ("referrals.ehcna_consents", lambda a, s, _: referrals.ehcna_consents(a, s.pupil_id)),
    ("passports.get_passport", lambda a, s, _: passports.get_passport(a, s.pupil_id)),
    ("leavers.leavers_awaiting_pack", lambda a, s, _: leavers.leavers_awaiting_pack(a, today=TODAY)),
    ("ehcna_requests.requests_for_pupil", lambda a, s, _: ehcna_requests.requests_for_pupil(a, s.pupil_id)),
    ("ehcna_requests.get_request", lambda a, s, _: ehcna_requests.get_request(a, s.request_id)),
    ("consultations.get_consultation", lambda a, s, _: consultations.get_consultation(a, s.consultation_id)),
    ("consultations.list_consultations", lambda a, s, _: consultations.list_consultations(a)),
    ("ehc_plans.plans_for_pupil", lambda a, s, _: ehc_plans.plans_for_pupil(a, s.pupil_id)),
    ("annual_reviews.reviews_for_plan", lambda a, s, _: annual_reviews.reviews_for_plan(a, s.plan_id)),
    ("plan_links.get_review_report", lambda a, s, _: plan_links.get_review_report(a, s.annual_review_id)),
    ("plan_links.plan_outcome_evidence", lambda a, s, _: plan_links.plan_outcome_evidence(a, s.pupil_id)),
    ("pack_evidence.graduated_evidence", lambda a, s, _: pack_evidence.graduated_evidence(a, s.pupil_id)),
    ("packs.profile_model", lambda a, s, _: packs.profile_model(a, s.pupil_id, today=TODAY)),
    ("packs.ehcna_model", lambda a, s, _: packs.ehcna_model(a, s.pupil_id, today=TODAY)),
    ("packs.referral_model", lambda a, s, _: packs.referral_model(a, s.referral_id, today=TODAY)),
    ("transfer.transfer_model", lambda a, s, _: transfer.transfer_model(a, s.pupil_id, today=TODAY)),
    (
        "case_sample.case_sample_model",
        lambda a, s, _: case_sample.case_sample_model(a, s.pupil_id, today=TODAY),
    ),
    ("case_sample.school_gaps", lambda a, s, _: case_sample.school_gaps(a, today=TODAY)),
    (
        "annual_review_pack.annual_review_model",
        lambda a, s, _: annual_review_pack.annual_review_model(a, s.pupil_id, today=TODAY),
    ),
    ("subject_access.subject_access_data", lambda a, s, _: subject_access.subject_access_data(a, s.pupil_id)),
    (
        "staff_requests.requests_for_pupil",
        lambda a, s, _: staff_requests.requests_for_pupil(a, s.pupil_id),
    ),
    (
        "staff_requests.observations_for_pupil",
        lambda a, s, _: staff_requests.observations_for_pupil(a, s.pupil_id),
    ),
    # what the teacher asked reads: the requests sent to them (the pupil has left, so none is
    # awaited on their dashboard; each is still theirs to open)
    ("staff_requests.request_for_me", lambda a, s, _: [staff_requests.request_for_me(a, i) for i in s.asked]),
    ("staff_requests.my_requests", lambda a, s, _: staff_requests.my_requests(a)),
    ("attachments.list_attachments", lambda a, s, _: attachments.list_attachments(a, s.pupil_id)),
    (
        "parent_meetings.pupil_meetings",
        lambda a, s, _: parent_meetings.pupil_meetings(a, s.pupil_id, today=TODAY),
    ),
    (
        "parent_copy.parent_copy_model",
        lambda a, s, _: parent_copy.parent_copy_model(a, s.pupil_id, today=TODAY),
    ),
    ("support_plan.support_plan", lambda a, s, _: support_plan.support_plan(a, s.pupil_id, today=TODAY)),
]


def texts(value: Any) -> list[str]:
    """Every string anywhere in a read model (dataclasses, dicts, lists, JSON text)."""
    found: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, str):
            found.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list | tuple | set | frozenset):
            for v in x:
                walk(v)
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name))

    walk(value)
    return found


def read_everything(actor: Actor, seeded: Seeded, senco: Actor) -> tuple[str, dict[str, bool]]:
    """All the text the role reads through every path, lower-cased, and which paths let it in."""
    seen: list[str] = []
    allowed: dict[str, bool] = {}
    for name, reader in READERS:
        try:
            seen += texts(reader(actor, seeded, senco))
            allowed[name] = True
        except (PermissionDenied, NotFound):
            allowed[name] = False
    return "\n".join(seen).lower(), allowed


# --- reading a non-text field: where a marker cannot go, the value is read from the model ------

HIDDEN_HISTORY = "hidden history"


def _sen_history(p) -> Any:
    return (
        HIDDEN_HISTORY if "sen_history" in p.hidden else [dataclasses.astuple(h)[:4] for h in p.sen_history]
    )


def _register_row(rows, pupil_id: int):
    return next(r for r in rows if r.id == pupil_id)


# field -> [(reader name, value(model, seeded))]: checked like a marker, on the value itself
VALUE_READS: dict[str, list[tuple[str, Callable[[Any, Seeded], Any]]]] = {
    **{
        f"pupils.{k}": [
            ("pupils.get_pupil", lambda p, s, k=k: getattr(p, k)),
            ("pupils.find_pupil_by_upn", lambda p, s, k=k: getattr(p, k)),
        ]
        + (
            [("pupils.list_register", lambda rows, s, k=k: getattr(_register_row(rows, s.pupil_id), k))]
            if k != "sen_start_date"
            else []
        )
        for k in ("sen_status", "sen_start_date", "primary_need", "secondary_need", "support_layer")
    },
    **{
        f"sen_history.{k}": [("pupils.get_pupil", lambda p, s: _sen_history(p))]
        for k in ("start_date", "status", "primary_need", "secondary_need")
    },
    "cycle_staff.user_id": [("cycles.get_cycle", lambda c, s: c.staff)],
    "leaver_files.retain_until": [("leavers.retention_date_of", lambda d, s: d)],
    # the census indicators are read beside the record (services/census_check)
    **{
        f"pupils.{k}": [("census_check.census_flags", lambda d, s, k=k: (k, d[k]))]
        for k in ("sen_unit", "resourced_provision", "top_up_funding")
    },
}
EXTRA_READERS: dict[str, Reader] = {
    "leavers.retention_date_of": lambda a, s, _: leavers.retention_date_of(a, s.pupil_id),
    "census_check.census_flags": lambda a, s, _: census_check.census_flags(a, s.pupil_id),
}


def read_value(name: str, actor: Actor, seeded: Seeded, senco: Actor):
    reader = dict(READERS).get(name) or EXTRA_READERS[name]
    return reader(actor, seeded, senco)


# --- writing: every field a role other than the SENCO may write, one at a time ----------------


class Counter:
    n = 0

    @classmethod
    def next(cls) -> int:
        cls.n += 1
        return cls.n


def fresh(field: str) -> str:
    """A new free-text value for the field, different on every call (letters only)."""
    n, letters = Counter.next(), ""
    while n:
        n, digit = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
    return mark(field) + letters


def _pick(choices: list, now: Any) -> Any:
    """The first choice that differs from what is stored now (ISO dates and 0/1 as stored)."""

    def same(choice: Any) -> bool:
        if isinstance(choice, bool):
            return now is not None and int(choice) == int(now)
        if isinstance(now, str) and len(now) == 10 and now[4] == "-":
            return choice == _uk(now)
        return str(choice) == str(now)

    return next(c for c in choices if not same(c))


@dataclasses.dataclass
class WriteWorld:
    senco: Actor
    seeded: Seeded
    user_ids: dict[str, int]


def prepare_writes(senco: Actor, s: Seeded, user_ids: dict[str, int], *, on_roll: bool = True) -> WriteWorld:
    """Back on roll (a concern is for pupils on roll) unless `on_roll` is False (a leaver's file
    is written for a leaver), and the open cycle planned with the teacher named and an
    intervention to log sessions against."""
    if on_roll:
        p = pupils.get_pupil(senco, s.pupil_id)
        pupils.reinstate_pupil(senco, s.pupil_id, p.version)
    w = WriteWorld(senco, s, user_ids)
    open_cycle(w)
    return w


def _open_cycle(senco: Actor, s: Seeded) -> int:
    return next(
        c.id for c in cycles.pupil_record(senco, s.pupil_id, today=TODAY).cycles if c.status == "open"
    )


def _plan_open_cycle(senco: Actor, cycle_id: int, teacher_id: int) -> None:
    c = cycles.get_cycle(senco, cycle_id)
    phonics = next(p.id for p in provision.list_provisions(senco) if p.name == "Phonics catch-up")
    cycles.save_plan(
        senco,
        cycle_id,
        c.version,
        {
            "plan_start": "20/11/2026",
            "strategies": "Seat near the front.",
            "parents_told_on": "20/11/2026",
            "outcomes": [{"id": o.id, "text": o.text, "measure": o.measure} for o in c.outcomes]
            or [{"text": "Read 20 words", "measure": "Weekly check"}],
            "allocations": [{"provision_id": phonics}],
            "staff": [teacher_id],
        },
    )


RATED = ("rating", "evidence")  # outcomes rated at the review (the reviewed cycle's)
RECORDED = ("decision", "refer_to")  # set when a review is recorded (the newest review's)
LEAVING = ("pupils.left_on", "pupils.destination")


def before_write(w: WriteWorld, field: str) -> None:
    """Each write starts with the pupil on roll, except a leaving date's (which makes them a leaver)."""
    p = pupils.get_pupil(w.senco, w.seeded.pupil_id)
    if p.is_leaver and field not in LEAVING:
        pupils.reinstate_pupil(w.senco, w.seeded.pupil_id, p.version)


def open_cycle(w: WriteWorld) -> int:
    """The pupil's open cycle, planned (a recorded review opens a new, unplanned one)."""
    cycle_id = _open_cycle(w.senco, w.seeded)
    if not cycles.get_cycle(w.senco, cycle_id).plan_start:
        _plan_open_cycle(w.senco, cycle_id, w.user_ids["teacher"])
    return cycle_id


def open_allocation(w: WriteWorld) -> int:
    return cycles.get_cycle(w.senco, open_cycle(w)).allocations[0].id


def stored(w: WriteWorld, field: str) -> Any:
    """The field as the database holds it now (the newest row of its kind for this pupil)."""
    table, column = field.split(".")
    s, db = w.seeded, w.senco.db
    where = {
        "pupils": ("id = ?", s.pupil_id),
        "contacts": ("pupil_id = ?", s.pupil_id),
        "concerns": ("? IS NOT NULL", s.pupil_id),  # the newest concern in the school
        "sessions": ("allocation_id = ?", open_allocation(w)),
        "reviews": (
            ("cycle_id IN (SELECT id FROM cycles WHERE pupil_id = ?)", s.pupil_id)
            if column in RECORDED
            else ("cycle_id = ?", s.reviewed_cycle_id)
        ),
        "review_impacts": ("review_id = (SELECT id FROM reviews WHERE cycle_id = ?)", s.reviewed_cycle_id),
        "outcomes": ("cycle_id = ?", s.reviewed_cycle_id if column in RATED else open_cycle(w)),
        "staff_request_recipients": (
            "request_id IN (SELECT id FROM staff_requests WHERE pupil_id = ?)",
            s.pupil_id,
        ),
        "parent_meetings": ("pupil_id = ?", s.pupil_id),
    }[table]
    order = "held_on DESC, id DESC" if table == "sessions" else "id DESC"  # the newest session
    row = db.execute(f"SELECT {column} FROM {table} WHERE {where[0]} ORDER BY {order} LIMIT 1", [where[1]])
    found = row.fetchone()
    return None if found is None else found[0]


def _pupil_form(w: WriteWorld, actor: Actor) -> dict:
    """The form this role's record window would send: their own view of the pupil."""
    return pupils.pupil_form(pupils.get_pupil(actor, w.seeded.pupil_id))


def _write_pupil(w: WriteWorld, actor: Actor, changes: dict) -> None:
    form = _pupil_form(w, actor) | changes
    pupils.update_pupil(actor, w.seeded.pupil_id, pupils.get_pupil(w.senco, w.seeded.pupil_id).version, form)


def _pupil_writer(column: str, choices: list | None = None, extra: dict | None = None):
    def write(w: WriteWorld, actor: Actor) -> None:
        now = stored(w, f"pupils.{column}")
        value = fresh(f"pupils.{column}") if choices is None else _pick(choices, now)
        _write_pupil(w, actor, {column: value} | (extra or {}))

    return write


def _leaving(column: str):
    def write(w: WriteWorld, actor: Actor) -> None:
        s = w.seeded
        p = pupils.get_pupil(w.senco, s.pupil_id)
        day = _pick(["26/11/2026", "25/11/2026"], stored(w, "pupils.left_on"))
        destination = fresh("pupils.destination") if column == "destination" else p.destination
        pupils.mark_leaver(actor, s.pupil_id, p.version, day, destination)

    return write


def _contact_writer(key: str, value: Callable[[Any], Any]):
    def write(w: WriteWorld, actor: Actor) -> None:
        form = _pupil_form(w, actor)
        contact = dict(form["contacts"][0])
        contact[key] = value(contact[key])
        _write_pupil(w, actor, {"contacts": [contact]})

    return write


def _raise(key: str, value: Callable[[WriteWorld], Any]):
    def write(w: WriteWorld, actor: Actor) -> None:
        form = {"raised_on": "01/11/2026", "areas": ["CL"], "seen": "Slow to start", "tried": ""}
        concerns.raise_concern(actor, w.seeded.pupil_id, form | {key: value(w)}, today=TODAY)

    return write


def _triage(form: Callable[[WriteWorld], dict], *, new_pupil: bool = False):
    """The SENCO raises a concern (before the count of what is written starts); the role triages.
    `new_pupil`: about a pupil not on SEN support yet (starting it needs one)."""

    def prepare(w: WriteWorld) -> int:
        pupil_id = w.seeded.pupil_id
        if new_pupil:
            pupil_id, _ = pupils.add_pupil(w.senco, {"upn": make_upn(), "legal_surname": "New"} | _BASIC)
        return concerns.raise_concern(
            w.senco, pupil_id, {"raised_on": "02/11/2026", "seen": "Quiet"}, today=TODAY
        )

    def write(w: WriteWorld, actor: Actor, concern_id: int) -> None:
        concerns.triage_concern(actor, concern_id, 1, form(w), today=TODAY)

    return prepare, write


def _log(**entry_or_staff: Callable[[WriteWorld], Any]):
    def write(w: WriteWorld, actor: Actor) -> None:
        entry: dict[str, Any] = {"allocation_id": open_allocation(w)}
        staff: dict[str, Any] = {}
        day = _uk(stored(w, "sessions.held_on")) or "25/11/2026"  # the newest session, corrected
        for key, value in entry_or_staff.items():
            if key == "held_on":
                day = value(w)
            elif key in ("staff_user_id", "staff_name"):
                staff[key] = value(w)
            else:
                entry[key] = value(w)
        cycles.log_sessions(actor, day, [entry], **staff, today=TODAY, replace=True)  # a correction

    return write


def _correct_review(part: Callable[[WriteWorld], dict]):
    def write(w: WriteWorld, actor: Actor) -> None:
        c = cycles.get_cycle(w.senco, w.seeded.reviewed_cycle_id, today=TODAY)
        form = {
            "held_on": c.review.held_on.strftime("%d/%m/%Y"),
            "decision": c.review.decision,
            "ratings": {o.id: o.rating for o in c.outcomes},
        }
        review_edits.edit_review(actor, c.id, c.review.version, form | part(w), today=TODAY)

    return write


def _later_day(iso: str | None) -> str:
    """A session day after the newest one (a new session), on or before TODAY."""
    day = date.fromisoformat(iso) if iso else date(2026, 11, 24)
    return _uk((day + timedelta(days=1)).isoformat())


def _review_decision(w: WriteWorld) -> dict:
    decision = _pick(["refer", "continue"], stored(w, "reviews.decision"))
    return {"decision": decision, "refer_to": fresh("reviews.refer_to") if decision == "refer" else ""}


def _review_referral(w: WriteWorld) -> dict:
    return {"decision": "refer", "refer_to": fresh("reviews.refer_to")}


def _record_review(part: Callable[[WriteWorld], dict]):
    """A review of the open cycle (planned by the SENCO first): the decision and who to refer to
    are set when a review is recorded, never in a correction."""

    def prepare(w: WriteWorld) -> int:
        return open_cycle(w)

    def write(w: WriteWorld, actor: Actor, cycle_id: int) -> None:
        c = cycles.get_cycle(w.senco, cycle_id, today=TODAY)
        form = {"held_on": "28/11/2026", "ratings": {o.id: "met" for o in c.outcomes}} | part(w)
        cycles.record_review(actor, cycle_id, c.version, form, today=TODAY)

    return prepare, write


def _first_outcome(w: WriteWorld) -> int:
    return cycles.get_cycle(w.senco, w.seeded.reviewed_cycle_id).outcomes[0].id


def _replan(key: str, value: Callable[[WriteWorld, Any], Any]):
    """save_plan of the open cycle's outcomes (a reviewed one cannot change): the SENCO's."""

    def write(w: WriteWorld, actor: Actor) -> None:
        c = cycles.get_cycle(w.senco, open_cycle(w))
        outcomes = [
            {
                "id": o.id,
                "text": o.text,
                "measure": o.measure,
                "by_when": "",
                "plan_outcome_id": o.plan_outcome_id,
            }
            for o in c.outcomes
        ]
        outcomes[0][key] = value(w, stored(w, f"outcomes.{key}"))
        form = {
            "plan_start": "20/11/2026",
            "review_date": "",
            "strategies": c.strategies,
            "parents_told_on": "07/09/2026",
            "outcomes": outcomes,
            "allocations": [{"id": a.id, "provision_id": a.provision_id} for a in c.allocations],
            "staff": [uid for uid, _ in c.staff],
        }
        cycles.save_plan(actor, c.id, c.version, form)

    return write


DATES = ["01/09/2022", "02/09/2022", "03/09/2022"]
_BASIC = {"legal_forename": "Amy", "dob": "03/04/2018", "gender": "F", "year_group": "3", "sen_status": "N"}
# field -> write(world, actor), or (prepare(world) -> x, write(world, actor, x)) when the SENCO
# must first make something the role then acts on (its writes are not counted).
FIELD_WRITERS: dict[str, Any] = {
    **{
        f"pupils.{k}": _pupil_writer(k)
        for k in (
            "legal_surname",
            "legal_forename",
            "preferred_surname",
            "preferred_forename",
            "class_name",
            "home_language",
            "notes",
            "address",
            "gp_practice",
            "previous_schools",
        )
    },
    "pupils.nhs_number": _pupil_writer("nhs_number", ["4010232137", "9434765919"]),
    "pupils.ethnicity": _pupil_writer("ethnicity", ["WIRI", "WBRI"]),
    "pupils.social_care": _pupil_writer("social_care", ["none", "early_help"]),
    "pupils.interpreter_needed": _pupil_writer("interpreter_needed", [False, True]),
    "pupils.upn": lambda w, a: _write_pupil(w, a, {"upn": make_upn()}),
    "pupils.former_upn": lambda w, a: _write_pupil(w, a, {"former_upn": make_upn()}),
    "pupils.dob": _pupil_writer("dob", ["04/04/2018", "05/04/2018"]),
    "pupils.gender": _pupil_writer("gender", ["M", "F"]),
    "pupils.year_group": _pupil_writer("year_group", ["4", "3"]),
    "pupils.support_layer": _pupil_writer("support_layer", ["Specialist", "Targeted"]),
    "pupils.admission_date": _pupil_writer("admission_date", DATES),
    **{
        f"pupils.{k}": _pupil_writer(k, [True, False])
        for k in ("pupil_premium", "eal", "looked_after", "fsm")
    },
    "pupils.attendance_pct": _pupil_writer(
        "attendance_pct", ["95.5", "96.5"], {"attendance_as_at": "01/11/2026"}
    ),
    "pupils.attendance_as_at": _pupil_writer(
        "attendance_as_at", ["01/11/2026", "02/11/2026"], {"attendance_pct": "95.5"}
    ),
    "pupils.sen_status": _pupil_writer("sen_status", ["K", "E"], {"sen_start_date": "01/10/2026"}),
    "pupils.sen_start_date": _pupil_writer("sen_start_date", ["01/10/2026", "02/10/2026"]),
    "pupils.primary_need": _pupil_writer("primary_need", ["MLD", "SPLD"]),
    "pupils.secondary_need": _pupil_writer("secondary_need", ["SLCN", "ASD"]),
    **{
        f"pupils.{k}": lambda w, a, k=k: census_check.set_census_flags(
            a, w.seeded.pupil_id, {k: "no" if stored(w, f"pupils.{k}") else "yes"}
        )
        for k in ("sen_unit", "resourced_provision", "top_up_funding")
    },
    "pupils.left_on": _leaving("left_on"),
    "pupils.destination": _leaving("destination"),
    "contacts.name": _contact_writer("name", lambda now: fresh("contacts.name")),
    "contacts.relationship": _contact_writer("relationship", lambda now: fresh("contacts.relationship")),
    "contacts.phone": _contact_writer("phone", lambda now: _pick(["01234 000001", "01234 000002"], now)),
    "contacts.email": _contact_writer("email", lambda now: _pick(["a@example.org", "b@example.org"], now)),
    "contacts.parental_responsibility": _contact_writer("parental_responsibility", lambda now: not now),
    "contacts.first_language": _contact_writer(
        "first_language", lambda now: fresh("contacts.first_language")
    ),
    "contacts.interpreter_needed": _contact_writer("interpreter_needed", lambda now: not now),
    "concerns.raised_on": _raise(
        "raised_on", lambda w: _pick(["10/11/2026", "11/11/2026"], stored(w, "concerns.raised_on"))
    ),
    "concerns.areas": _raise(
        "areas", lambda w: ["SEMH"] if stored(w, "concerns.areas") != "SEMH" else ["SP"]
    ),
    "concerns.seen": _raise("seen", lambda w: fresh("concerns.seen")),
    "concerns.tried": _raise("tried", lambda w: fresh("concerns.tried")),
    "concerns.decision": _triage(lambda w: {"decision": "monitor", "look_again": "01/02/2027"}),
    "concerns.look_again": _triage(lambda w: {"decision": "monitor", "look_again": "02/02/2027"}),
    "concerns.reason": _triage(lambda w: {"decision": "no_action", "reason": fresh("concerns.reason")}),
    "concerns.parents_told_on": _triage(
        lambda w: (
            {"decision": "sen_support", "start_date": "25/11/2026", "parents_told_on": "26/11/2026"}
            | {"primary_need": "MLD"}
        ),
        new_pupil=True,
    ),
    "sessions.held_on": _log(held_on=lambda w: _later_day(stored(w, "sessions.held_on"))),
    "sessions.minutes": _log(minutes=lambda w: _pick([25, 35], stored(w, "sessions.minutes"))),
    "sessions.attended": _log(attended=lambda w: not stored(w, "sessions.attended")),
    "sessions.note": _log(note=lambda w: fresh("sessions.note")),
    "sessions.staff_user_id": _log(
        staff_user_id=lambda w: _pick(
            [w.user_ids["teacher"], w.user_ids["head"]], stored(w, "sessions.staff_user_id")
        )
    ),
    "sessions.staff_name": _log(staff_name=lambda w: fresh("sessions.staff_name")),
    "reviews.held_on": _correct_review(
        lambda w: {"held_on": _pick(["18/11/2026", "17/11/2026"], _uk(stored(w, "reviews.held_on")))}
    ),
    "reviews.parent_present": _correct_review(
        lambda w: {"parent_present": not stored(w, "reviews.parent_present")}
    ),
    "reviews.pupil_present": _correct_review(
        lambda w: {"pupil_present": not stored(w, "reviews.pupil_present")}
    ),
    **{
        f"reviews.{k}": _correct_review(lambda w, k=k: {k: fresh(f"reviews.{k}")})
        for k in ("others", "pupil_views", "parent_views", "notes")
    },
    "reviews.decision": _record_review(_review_decision),
    "reviews.refer_to": _record_review(_review_referral),
    "outcomes.rating": _correct_review(
        lambda w: {"ratings": {_first_outcome(w): _pick(["exceeded", "met"], stored(w, "outcomes.rating"))}}
    ),
    "outcomes.evidence": _correct_review(
        lambda w: {"evidence": {_first_outcome(w): fresh("outcomes.evidence")}}
    ),
    "review_impacts.judgement": _correct_review(
        lambda w: {"impacts": {w.seeded.allocation_id: fresh("review_impacts.judgement")}}
    ),
    "outcomes.text": _replan("text", lambda w, now: fresh("outcomes.text")),
    "outcomes.measure": _replan("measure", lambda w, now: fresh("outcomes.measure")),
    "outcomes.by_when": _replan("by_when", lambda w, now: _pick(["01/02/2027", "02/02/2027"], _uk(now))),
    "outcomes.in_my_words": _replan("in_my_words", lambda w, now: fresh("outcomes.in_my_words")),
}


def _meeting_writer(key: str, value: Callable[[WriteWorld], Any]):
    """A correction of the pupil's meeting with parents (a teacher records their own pupils')."""

    def write(w: WriteWorld, actor: Actor) -> None:
        row = w.senco.db.execute(
            "SELECT * FROM parent_meetings WHERE pupil_id = ? ORDER BY id DESC LIMIT 1", [w.seeded.pupil_id]
        ).fetchone()
        names = [d[0] for d in w.senco.db.execute("SELECT * FROM parent_meetings LIMIT 0").description]
        held = dict(zip(names, row, strict=True))
        form = {k: held[k] for k in ("attendees", "agreed", "how")} | {"held_on": _uk(held["held_on"])}
        parent_meetings.update_meeting(
            actor, held["id"], held["version"], form | {key: value(w)}, today=TODAY
        )

    return write


FIELD_WRITERS |= {
    "parent_meetings.held_on": _meeting_writer(
        "held_on", lambda w: _pick(["04/11/2026", "05/11/2026"], stored(w, "parent_meetings.held_on"))
    ),
    "parent_meetings.how": _meeting_writer(
        "how", lambda w: _pick(["video", "phone"], stored(w, "parent_meetings.how"))
    ),
    **{
        f"parent_meetings.{k}": _meeting_writer(k, lambda w, k=k: fresh(f"parent_meetings.{k}"))
        for k in ("attendees", "agreed")
    },
}


def _uk(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""


def _plan_outcome(w: WriteWorld, now: Any) -> Any:
    ids = [o.id for o in ehc_plans.plan_outcomes(w.senco, w.seeded.pupil_id)]
    return None if now in ids else ids[0]


FIELD_WRITERS["outcomes.plan_outcome_id"] = _replan("plan_outcome_id", _plan_outcome)


def _new_request(w: WriteWorld, user_id: int | None = None) -> int:
    """The SENCO asks the teacher (or `user_id`) about the pupil: the recipient row's id."""
    form = {"purpose": "other", "note": "Before the review", "due_on": "10/12/2026", "questions": ["How?"]}
    request_id = staff_requests.send_request(
        w.senco, w.seeded.pupil_id, form | {"recipients": [user_id or w.user_ids["teacher"]]}, today=TODAY
    )
    return w.senco.db.execute(
        "SELECT id FROM staff_request_recipients WHERE request_id = ?", [request_id]
    ).fetchone()[0]


def _second_teacher(w: WriteWorld) -> int:
    """Another Teacher/TA account (made once): a request to someone other than the teacher."""
    if "second_teacher" not in w.user_ids:
        w.user_ids["second_teacher"] = users_store.insert(
            w.senco.db, {"username": "second", "display_name": "Mr Second", "role": "teacher"}, "", "test"
        )
    return w.user_ids["second_teacher"]


def _send_to(w: WriteWorld, actor: Actor) -> None:
    now = stored(w, "staff_request_recipients.user_id")
    user_id = _second_teacher(w) if now == w.user_ids["teacher"] else w.user_ids["teacher"]
    form = {"purpose": "other", "note": "Why", "due_on": "10/12/2026", "questions": ["How?"]}
    staff_requests.send_request(actor, w.seeded.pupil_id, form | {"recipients": [user_id]}, today=TODAY)


def _answer(part: Callable[[], dict]):
    def write(w: WriteWorld, actor: Actor, recipient_id: int) -> None:
        form = {"subject": "Maths", "answers": ["Works hard"]} | part()
        staff_requests.answer_request(actor, recipient_id, 1, form, today=TODAY)

    return _new_request, write


def _decline(w: WriteWorld, actor: Actor, recipient_id: int) -> None:
    staff_requests.decline_request(
        actor, recipient_id, 1, fresh("staff_request_recipients.declined_reason"), today=TODAY
    )


FIELD_WRITERS |= {
    "staff_request_recipients.user_id": _send_to,
    "staff_request_recipients.subject": _answer(
        lambda: {"subject": fresh("staff_request_recipients.subject")}
    ),
    "staff_request_recipients.answers": _answer(
        lambda: {"answers": [fresh("staff_request_recipients.answers")]}
    ),
    "staff_request_recipients.declined_reason": (_new_request, _decline),
}
# The tables no role but the SENCO may write: one real write each, by every role. The SENCO's
# must change the table; everyone else's must be refused with nothing written.
TABLE_WRITERS: dict[str, Callable[[WriteWorld, Actor], None]] = {}


def table_writer(table: str):
    def register(fn):
        TABLE_WRITERS[table] = fn
        return fn

    return register


@table_writer("sen_history")
def _sen_history_write(w: WriteWorld, actor: Actor) -> None:
    status = _pick(["K", "E"], stored(w, "pupils.sen_status"))
    pupils.change_sen_status(actor, w.seeded.pupil_id, status, "27/11/2026", primary_need="SPLD")


@table_writer("cycles")
def _cycle_write(w: WriteWorld, actor: Actor) -> None:
    c = cycles.get_cycle(w.senco, open_cycle(w))
    cycles.save_assess(
        actor, c.id, c.version, {"assess_date": "21/11/2026", "attainment": fresh("cycles.attainment")}
    )


@table_writer("assessments")
def _assessment_write(w: WriteWorld, actor: Actor) -> None:
    c = cycles.get_cycle(w.senco, open_cycle(w))
    tests = [{"name": fresh("assessments.name"), "taken_on": "21/11/2026", "score": "7", "meaning": "low"}]
    cycles.save_assess(actor, c.id, c.version, {"assess_date": "21/11/2026", "assessments": tests})


def _open_plan(w: WriteWorld, actor: Actor, **changes) -> None:
    c = cycles.get_cycle(w.senco, open_cycle(w))
    form = {
        "plan_start": "20/11/2026",
        "strategies": c.strategies,
        "parents_told_on": "20/11/2026",
        "outcomes": [{"id": o.id, "text": o.text, "measure": o.measure} for o in c.outcomes],
        "allocations": [{"id": a.id, "provision_id": a.provision_id} for a in c.allocations],
        "staff": [uid for uid, _ in c.staff],
    }
    cycles.save_plan(actor, c.id, c.version, form | changes)


@table_writer("cycle_staff")
def _staff_write(w: WriteWorld, actor: Actor) -> None:
    staff = [uid for uid, _ in cycles.get_cycle(w.senco, open_cycle(w)).staff]
    head = w.user_ids["head"]
    _open_plan(w, actor, staff=[uid for uid in staff if uid != head] if head in staff else [*staff, head])


@table_writer("allocations")
def _allocation_write(w: WriteWorld, actor: Actor) -> None:
    c = cycles.get_cycle(w.senco, open_cycle(w))
    allocations = [
        {"id": a.id, "provision_id": a.provision_id, "staff_name": fresh("allocations.staff_name")}
        for a in c.allocations
    ]
    _open_plan(w, actor, allocations=allocations)


@table_writer("referrals")
def _referral_write(w: WriteWorld, actor: Actor) -> None:
    r = referrals.get_referral(w.senco, w.seeded.referral_id)
    form = {
        "service": r.service,
        "referred_on": "20/11/2026",
        "reason": fresh("referrals.reason"),
        "asks": r.asks,
    }
    referrals.update_referral(actor, r.id, r.version, form, today=TODAY)


@table_writer("consents")
def _consent_write(w: WriteWorld, actor: Actor) -> None:
    form = {
        "given_by": fresh("consents.given_by"),
        "relationship": "Mother",
        "given_on": "26/11/2026",
        "method": "signed",
        "consent_to_refer": "yes",
    }
    referrals.record_ehcna_consent(actor, w.seeded.pupil_id, form, today=TODAY)


@table_writer("involvements")
def _involvement_write(w: WriteWorld, actor: Actor) -> None:
    i = referrals.involvements_for_pupil(w.senco, w.seeded.pupil_id)[0]
    form = {
        "service": i.service,
        "professional": fresh("involvements.professional"),
        "started_on": "01/02/2026",
    }
    referrals.update_involvement(actor, i.id, i.version, form, today=TODAY)


@table_writer("ehcna_drafts")
def _draft_write(w: WriteWorld, actor: Actor) -> None:
    d = referrals.get_ehcna_draft(w.senco, w.seeded.pupil_id)
    form = {
        "request_kind": "new",
        "request_date": "20/11/2026",
        "now_needed": fresh("ehcna_drafts.now_needed"),
    }
    referrals.save_ehcna_draft(actor, w.seeded.pupil_id, d.version, form, today=TODAY)


@table_writer("pupil_passports")
def _passport_write(w: WriteWorld, actor: Actor) -> None:
    p = passports.get_passport(w.senco, w.seeded.pupil_id)
    passports.save_passport(
        actor, w.seeded.pupil_id, p.version, {"important_to_me": fresh("pupil_passports.x")}
    )


@table_writer("leaver_files")
def _leaver_file_write(w: WriteWorld, actor: Actor) -> None:
    leavers.set_retention_date(actor, w.seeded.pupil_id, _pick(["01/01/2060", "02/01/2060"], _retain(w)))


def _retain(w: WriteWorld) -> str:
    row = w.senco.db.execute("SELECT retain_until FROM leaver_files WHERE pupil_id = ?", [w.seeded.pupil_id])
    return _uk(row.fetchone()[0])


@table_writer("ehcna_requests")
def _request_write(w: WriteWorld, actor: Actor) -> None:
    r = ehcna_requests.get_request(w.senco, w.seeded.request_id)
    form = ehcna_requests.request_form(r) | {"notes": fresh("ehcna_requests.notes")}
    ehcna_requests.update_request(actor, r.id, r.version, form, today=TODAY)


@table_writer("ehcna_exceptions")
def _exception_write(w: WriteWorld, actor: Actor) -> None:
    form = {
        "kind": "personal",
        "note": fresh("ehcna_exceptions.note"),
        "starts_on": "01/03/2026",
        "ends_on": "02/03/2026",
    }
    ehcna_requests.add_exception(actor, w.seeded.request_id, form)


@table_writer("consultations")
def _consultation_write(w: WriteWorld, actor: Actor) -> None:
    c = consultations.get_consultation(w.senco, w.seeded.consultation_id)
    form = consultations.consultation_form(c) | {"papers": fresh("consultations.papers")}
    consultations.update_consultation(actor, c.id, c.version, form, today=TODAY)


def _plan_write(part: str):
    def write(w: WriteWorld, actor: Actor) -> None:
        plan = ehc_plans.get_plan(w.senco, w.seeded.plan_id)
        form = ehc_plans.plan_form(plan)
        if part == "ehc_plans":
            form["section_a"] = fresh("ehc_plans.section_a")
        else:
            key = part.removeprefix("plan_")
            form[key] = [dict(form[key][0]) | {"detail": fresh(f"{part}.detail")}]
        ehc_plans.update_plan(actor, plan.id, plan.version, form, today=TODAY)

    return write


for _part in ("ehc_plans", "plan_needs", "plan_outcomes", "plan_provision"):
    TABLE_WRITERS[_part] = _plan_write(_part)


def _annual_review_write(key: str):
    def write(w: WriteWorld, actor: Actor) -> None:
        r = annual_reviews.get_review(w.senco, w.seeded.annual_review_id)
        form = annual_reviews.review_form(r)
        if key == "notes":
            form["notes"] = fresh("annual_reviews.notes")
        else:
            form["invitations"] = [
                {"invitee": "other", "name": fresh("review_invitations.name"), "sent_on": "01/11/2025"}
            ]
        annual_reviews.update_review(actor, r.id, r.version, form, today=TODAY)

    return write


TABLE_WRITERS["annual_reviews"] = _annual_review_write("notes")
TABLE_WRITERS["review_invitations"] = _annual_review_write("invitations")


@table_writer("attachments")
def _attachment_write(w: WriteWorld, actor: Actor) -> None:
    a = attachments.list_attachments(w.senco, w.seeded.pupil_id)[0]
    form = {
        "title": fresh("attachments.title"),
        "kind": a.kind,
        "author": a.author,
        "document_date": "01/10/2026",
        "visibility": a.visibility,
    }
    attachments.update_attachment(actor, a.id, a.version, form, today=TODAY)


@table_writer("review_reports")
def _report_write(w: WriteWorld, actor: Actor) -> None:
    report = plan_links.get_review_report(w.senco, w.seeded.annual_review_id)
    plan_links.save_review_report(
        actor, w.seeded.annual_review_id, report.version, {"progress_summary": fresh("review_reports.x")}
    )


@table_writer("staff_requests")
def _withdraw_write(w: WriteWorld, actor: Actor) -> None:
    """The request still awaiting the teacher (seeded), withdrawn: the pupil has left."""
    row = w.senco.db.execute(
        "SELECT r.id, r.version FROM staff_requests r JOIN staff_request_recipients s ON s.request_id = r.id"
        " WHERE s.id = ?",
        [w.seeded.asked[2]],
    ).fetchone()
    staff_requests.withdraw_request(actor, row[0], row[1], today=TODAY)


def table_snapshot(db, table: str) -> list:
    return [tuple(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY id")]
