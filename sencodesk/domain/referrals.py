"""Referrals to outside services, consent, outside involvements and the school's EHC needs
assessment request text: their shapes and the checks a save must pass (domain.md §6, §7).

Consent has two parts that are recorded separately: agreement to the referral itself, and
agreement to share information with named services (with any exclusions) (§7.3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import parse_date
from .errors import ValidationError

SERVICES: dict[str, str] = {
    "ep": "Educational psychology",
    "salt": "Speech and language therapy",
    "camhs": "Child and adolescent mental health services (CAMHS)",
    "ot": "Occupational therapy",
    "sts": "Specialist teaching service",
}

STATUSES: dict[str, str] = {
    "draft": "Draft",
    "sent": "Sent",
    "accepted": "Accepted",
    "declined": "Declined",
    "seen": "Seen by the service",
    "closed": "Closed",
}
# Statuses that mean the referral has left the school: each needs consent to refer.
SENT_OR_LATER = ("sent", "accepted", "declined", "seen", "closed")

CONSENT_METHODS: dict[str, str] = {"signed": "Signed form", "verbal": "Verbal", "email": "Email"}

# Each service's own questions (domain.md §7.2), in the order its pack prints them.
SERVICE_QUESTIONS: dict[str, list[tuple[str, str]]] = {
    "ep": [
        ("question", "What question would the school like the EP to help answer?"),
        ("consultation", "Consultation or planning meetings already held with the link EP"),
        ("child_aware", "Does the child know about the referral, and what do they think?"),
    ],
    "salt": [
        ("concern_type", "Communication, or eating/drinking/swallowing?"),
        ("home_languages", "Languages used at home"),
        ("hearing", "Hearing: any concerns or tests, with dates"),
        ("support_in_school", "Speech and language support currently in school"),
        ("child_aware", "Does the child know about the referral?"),
    ],
    "camhs": [
        ("presenting", "Presenting difficulty: what is seen, where it happens"),
        ("duration", "How long has this been happening?"),
        ("impact", "Impact on daily life (home, school, friendships)"),
        ("risk", "Risk to self or others (describe, or write 'none known')"),
        ("life_events", "Family composition and recent life events"),
        ("previous_camhs", "Previous CAMHS contact"),
        ("medical", "Medical problems and medication"),
        ("community", "Community interventions already tried"),
    ],
    "ot": [
        ("functional", "Functional difficulties (physical, self-care, school skills, sensory)"),
        ("strategies", "Strategies tried, and for how long"),
        ("milestones", "Developmental milestones and any diagnosis"),
        ("attainment", "Current attainment levels"),
    ],
    "sts": [
        ("team", "Which team (cognition and learning, HI, VI, physical and medical, autism ...)"),
        ("attainment", "Current attainment"),
        ("threshold", "How the pupil meets the service's threshold"),
        ("attendance", "Attendance % this year"),
    ],
}


def service_label(code: str) -> str:
    return SERVICES.get(code, code)


@dataclass
class Consent:
    given_by: str
    relationship: str
    given_on: date
    method: str
    consent_to_refer: bool
    share_with: list[str] = field(default_factory=list)
    exclusions: str = ""
    id: int | None = None
    referral_id: int | None = None


@dataclass
class Referral:
    pupil_id: int
    service: str
    referred_on: date
    reason: str = ""
    asks: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    status: str = "draft"
    outcome_notes: str = ""
    consents: list[Consent] = field(default_factory=list)
    id: int | None = None
    version: int = 0
    updated_at: str = ""
    updated_by: str = ""

    @property
    def consent(self) -> Consent | None:
        """The latest dated consent record (a later one replaces an earlier answer)."""
        return max(self.consents, key=lambda c: (c.given_on, c.id or 0), default=None)

    @property
    def has_consent_to_refer(self) -> bool:
        c = self.consent
        return bool(c and c.consent_to_refer)


@dataclass
class Involvement:
    pupil_id: int
    service: str
    professional: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    latest_report_on: date | None = None
    summary: str = ""
    id: int | None = None
    version: int = 0


@dataclass
class EhcnaDraft:
    pupil_id: int
    request_kind: str = "new"
    request_date: date | None = None
    completed_by: str = ""
    home_language: str = ""
    attendance_pct: float | None = None
    now_needed: str = ""
    outcomes_sought: str = ""
    la_answers: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    version: int = 0


def _text(form: dict[str, Any], key: str) -> str:
    return str(form.get(key) or "").strip()


def _date(
    form: dict[str, Any],
    key: str,
    label: str,
    errors: dict[str, str],
    *,
    required: bool = False,
    today: date | None = None,
) -> date | None:
    try:
        value = parse_date(form.get(key), key, label=label)
    except ValidationError as e:
        errors.update(e.field_errors)
        return None
    if value is None and required:
        errors[key] = f"{label} is required."
    if value and today and value > today:
        errors[key] = f"{label} is in the future."
    return value


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("y", "yes", "true", "1"):
        return True
    if text in ("n", "no", "false", "0"):
        return False
    return None


def clean_referral(form: dict[str, Any], pupil_id: int, *, today: date | None = None) -> Referral:
    """A referral form -> Referral. Every answer typed is kept, even to a question not listed."""
    today = today or date.today()
    errors: dict[str, str] = {}
    service = _text(form, "service").lower()
    if service not in SERVICES:
        errors["service"] = "Choose the service: EP, SALT, CAMHS, OT or specialist teaching."
    referred_on = _date(form, "referred_on", "Referral date", errors, required=True, today=today)
    reason = _text(form, "reason")
    if not reason:
        errors["reason"] = "Say why you are referring: the service needs the reason to decide."
    status = _text(form, "status").lower() or "draft"
    if status not in STATUSES:
        errors["status"] = "Status is one of: draft, sent, accepted, declined, seen, closed."
    answers = {str(k): str(v).strip() for k, v in (form.get("answers") or {}).items() if str(v or "").strip()}
    if errors:
        raise ValidationError(errors)
    assert referred_on is not None  # required: refused above when missing
    return Referral(
        pupil_id=pupil_id,
        service=service,
        referred_on=referred_on,
        reason=reason,
        asks=_text(form, "asks"),
        answers=answers,
        status=status,
        outcome_notes=_text(form, "outcome_notes"),
    )


def clean_consent(form: dict[str, Any], *, today: date | None = None) -> Consent:
    today = today or date.today()
    errors: dict[str, str] = {}
    given_by = _text(form, "given_by")
    if not given_by:
        errors["given_by"] = "Who gave consent? Write their name."
    given_on = _date(form, "given_on", "Date consent was given", errors, required=True, today=today)
    method = _text(form, "method").lower()
    if method not in CONSENT_METHODS:
        errors["method"] = "How was consent given: signed form, verbal or email?"
    to_refer = _flag(form.get("consent_to_refer"))
    if to_refer is None:
        errors["consent_to_refer"] = "Did they agree to the referral? Answer yes or no."
    share = form.get("share_with") or []
    if isinstance(share, str):
        share = share.split(",")
    share_with = [s.strip() for s in share if str(s).strip()]
    if errors:
        raise ValidationError(errors)
    assert given_on is not None and to_refer is not None  # both required: refused above when missing
    return Consent(
        given_by=given_by,
        relationship=_text(form, "relationship"),
        given_on=given_on,
        method=method,
        consent_to_refer=to_refer,
        share_with=share_with,
        exclusions=_text(form, "exclusions"),
    )


def check_status_change(referral: Referral, new_status: str) -> None:
    """A referral cannot leave the school without a dated consent to refer (§7.3)."""
    if new_status not in STATUSES:
        raise ValidationError({"status": "Status is one of: draft, sent, accepted, declined, seen, closed."})
    if new_status in SENT_OR_LATER and not referral.has_consent_to_refer:
        who = (
            "no consent is recorded"
            if referral.consent is None
            else f"{referral.consent.given_by} did not agree to the referral"
        )
        raise ValidationError(
            {
                "status": (
                    f"This referral cannot be marked {STATUSES[new_status].lower()}: {who}. "
                    "Record the parent's (or young person's) dated consent to the referral first."
                )
            }
        )


def clean_involvement(form: dict[str, Any], pupil_id: int, *, today: date | None = None) -> Involvement:
    today = today or date.today()
    errors: dict[str, str] = {}
    service = _text(form, "service")
    if not service:
        errors["service"] = "Which service is involved (e.g. Educational psychology)?"
    started = _date(form, "started_on", "Start of involvement", errors, today=today)
    ended = _date(form, "ended_on", "End of involvement", errors)
    report = _date(form, "latest_report_on", "Date of latest report", errors, today=today)
    if started and ended and ended < started:
        errors["ended_on"] = "The involvement ends before it starts."
    if errors:
        raise ValidationError(errors)
    return Involvement(
        pupil_id=pupil_id,
        service=SERVICES.get(service.lower(), service),
        professional=_text(form, "professional"),
        started_on=started,
        ended_on=ended,
        latest_report_on=report,
        summary=_text(form, "summary"),
    )


def clean_ehcna_draft(form: dict[str, Any], pupil_id: int, *, today: date | None = None) -> EhcnaDraft:
    today = today or date.today()
    errors: dict[str, str] = {}
    kind = _text(form, "request_kind").lower() or "new"
    kind = {"re-request": "re", "rerequest": "re"}.get(kind, kind)
    if kind not in ("new", "re"):
        errors["request_kind"] = "Is this a new request or a re-request?"
    request_date = _date(form, "request_date", "Request date", errors)
    attendance = None
    raw = _text(form, "attendance_pct").rstrip("%").strip()
    if raw:
        try:
            attendance = float(raw)
        except ValueError:
            errors["attendance_pct"] = f"Attendance: '{raw}' is not a percentage, e.g. 93.5."
        else:
            if not 0 <= attendance <= 100:
                errors["attendance_pct"] = "Attendance is a percentage between 0 and 100."
    answers = {
        str(k): str(v).strip() for k, v in (form.get("la_answers") or {}).items() if str(v or "").strip()
    }
    if errors:
        raise ValidationError(errors)
    return EhcnaDraft(
        pupil_id=pupil_id,
        request_kind=kind,
        request_date=request_date,
        completed_by=_text(form, "completed_by"),
        home_language=_text(form, "home_language"),
        attendance_pct=attendance,
        now_needed=_text(form, "now_needed"),
        outcomes_sought=_text(form, "outcomes_sought"),
        la_answers=answers,
    )
