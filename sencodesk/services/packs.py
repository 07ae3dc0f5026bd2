"""Read models for the PDF packs, built from the database, and the export use cases.

Each export: permission, build the read model, then in one transaction the audit row (action
"export") and the PDF, laid out and written atomically. The graduated approach's evidence (cycles,
outcomes, provision, sessions, reviews, views) comes from `graduated_evidence`, kept apart so
the graduated-approach area can fill it without touching anything else here.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from ..domain import codes, costing
from ..domain.cycles import MET
from ..domain.dates import academic_year_start, age_on, uk
from ..domain.errors import PermissionDenied, ValidationError
from ..domain.field_access import is_hidden
from ..domain.la_profile import CheckResult, evaluate_checklist, question_wordings
from ..domain.pupil import Pupil
from ..domain.referrals import CONSENT_METHODS, STATUSES, Consent, service_label
from ..domain.staff_requests import Observation
from ..reports.models import (
    Answer,
    AreaNeeds,
    ChildInfo,
    ConsentInfo,
    Count,
    EhcnaModel,
    GraduatedEvidence,
    InvolvementInfo,
    NamedPupil,
    NeedItem,
    ParentInfo,
    ProfileModel,
    ReferralModel,
    SchoolInfo,
    SpendLine,
    SummaryModel,
)
from ..store import cycles as cycle_store
from ..store import packs as store
from ..store import referrals as referral_store
from . import _bundles, la_profiles, pack_evidence, passports, referrals, staff_requests
from .actor import Actor
from .calendar import school_calendar
from .provision import block_of, get_costing
from .pupils import get_pupil
from .settings import get_settings

# The PDF writers (reportlab: about 0.1 s to import) load when a pack is written, not when a
# pupil's record opens with its Export menu; the read models above need none of it.
_PDF_WRITERS = {
    "ehcna_pack": "ehcna",
    "profile_pack": "profile",
    "referral_pack": "referral",
    "summary_pack": "summary",
}


def _pdf(name: str):
    return importlib.import_module(f"{__package__.rsplit('.', 1)[0]}.reports.{_PDF_WRITERS[name]}")


def __getattr__(name: str):
    """`packs.ehcna_pack` and the others still read as before (loaded on first use)."""
    if name in _PDF_WRITERS:
        return _pdf(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


OTHER_AREA = "Not in one broad area"
OBSERVATIONS_DAYS = 365  # the EHCNA request and referrals print staff's answers of the last year


# --- the graduated approach's part ---------------------------------------------------------


def graduated_evidence(
    actor: Actor, pupil_id: int, *, cycles: int | None = 3, today: date | None = None, costing_rules=None
) -> GraduatedEvidence:
    """Views, assessments, the last `cycles` cycles (None: all) and the costed provision maps
    for this year and last (costed with the LA profile's rules when given)."""
    return pack_evidence.graduated_evidence(
        actor, pupil_id, cycles=cycles, today=today, costing_rules=costing_rules
    )


# --- shared pieces -------------------------------------------------------------------------


def school_info(actor: Actor) -> SchoolInfo:
    s = get_settings(actor)
    logo = s.get("logo_path") or None
    return SchoolInfo(
        name=s.get("school_name") or "",
        urn=s.get("urn") or "",
        la_name=s.get("la_name") or "",
        senco_name=s.get("senco_name") or "",
        senco_contact=s.get("senco_contact") or "",
        head_name=s.get("head_name") or "",
        logo_path=str(logo) if logo else None,
    )


def child_info(pupil: Pupil, *, draft=None) -> ChildInfo:
    """What every pack prints about the child. Home language and attendance come from the pupil's
    record; where it has none, from the EHCNA request details (`draft`), where they were typed
    before the record held them. Every pack passes both, so they all print the same facts."""
    home_language, attendance_pct, as_at = pupil.home_language, pupil.attendance_pct, pupil.attendance_as_at
    if draft is not None:
        home_language = home_language or draft.home_language
        if attendance_pct is None:
            attendance_pct, as_at = draft.attendance_pct, None  # the request gives no 'as at'
    preferred = " ".join(x for x in (pupil.preferred_forename, pupil.preferred_surname) if x)
    return ChildInfo(
        legal_forename=pupil.legal_forename,
        legal_surname=pupil.legal_surname,
        dob=pupil.dob,
        year_group=codes.year_label(pupil.year_group),
        gender=codes.GENDERS.get(pupil.gender, pupil.gender),
        preferred_name=preferred,
        upn=pupil.upn,
        home_language=home_language,
        looked_after=pupil.looked_after,
        admission_date=pupil.admission_date,
        attendance_pct=attendance_pct,
        attendance_as_at=as_at,
        sen_status=codes.SEN_STATUSES.get(pupil.sen_status, pupil.sen_status),
        sen_since=pupil.sen_start_date,
        pupil_premium=pupil.pupil_premium,
        eal=pupil.eal,
        support_layer=pupil.support_layer if not is_hidden(pupil.support_layer) else "",
    )


def parents_of(pupil: Pupil) -> list[ParentInfo]:
    return [
        ParentInfo(
            c.name,
            c.relationship,
            c.phone,
            c.email,
            c.parental_responsibility,
            c.first_language,
            c.interpreter_needed,
        )
        for c in pupil.contacts
    ]


def needs_of(pupil: Pupil) -> list[AreaNeeds]:
    """The pupil's ranked census needs, grouped by broad area in the Code's order."""
    by_area: dict[str, AreaNeeds] = {}
    for rank, code in enumerate((pupil.primary_need, pupil.secondary_need), start=1):
        if not code:
            continue
        description, area = codes.NEEDS.get(code, (code, None))
        label = codes.AREAS[area] if area else OTHER_AREA
        note = "" if area else codes.UNCATEGORISED_NOTES.get(code, "")
        by_area.setdefault(label, AreaNeeds(label)).needs.append(NeedItem(rank, code, description, note))
    order = [*codes.AREAS.values(), OTHER_AREA]
    return sorted(by_area.values(), key=lambda a: order.index(a.area))


def involvements_of(actor: Actor, pupil_id: int) -> list[InvolvementInfo]:
    return [
        InvolvementInfo(i.service, i.professional, i.started_on, i.ended_on, i.latest_report_on, i.summary)
        for i in referrals.involvements_for_pupil(actor, pupil_id)
    ]


def consent_info(c: Consent) -> ConsentInfo:
    return ConsentInfo(
        c.given_by,
        c.relationship,
        c.given_on,
        CONSENT_METHODS.get(c.method, c.method),
        c.consent_to_refer,
        list(c.share_with),
        c.exclusions,
    )


def _recent_observations(actor: Actor, pupil_id: int, today: date) -> list[Observation]:
    """Staff's answered observations of the last year, newest first (dated evidence)."""
    return staff_requests.observations_for_pupil(
        actor, pupil_id, since=today - timedelta(days=OBSERVATIONS_DAYS), until=today
    )


def suggested_filename(kind: str, pupil: Pupil | None, day: date) -> str:
    """'EHCNA request - Surname Forename - 2026-11-29.pdf', safe on Windows."""
    who = f" - {pupil.surname} {pupil.forename}" if pupil else ""
    name = f"{kind}{who} - {day.isoformat()}.pdf"
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", name)


# --- read models ---------------------------------------------------------------------------


def ehcna_model(
    actor: Actor,
    pupil_id: int,
    *,
    cycles: int | None = 3,
    profile_key: str | None = None,
    today: date | None = None,
    attachments: Sequence[int] = (),
    bundle: str | None = None,
) -> EhcnaModel:
    """`attachments`: ids of documents on the record sent with it, `bundle` how ("pdf", "zip",
    "folder"; None: the request alone): they are listed in its "Reports attached"."""
    actor.require("export.packs")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    draft = referrals.get_ehcna_draft(actor, pupil_id)
    profile = la_profiles.school_profile(actor, profile_key)
    answers = draft.la_answers if draft else {}
    texts = question_wordings(profile, la_profiles.load_profiles(actor)[0].values())
    sent = _bundles.sending(actor, pupil_id, attachments, bundle)
    return EhcnaModel(
        school=school_info(actor),
        child=child_info(pupil, draft=draft),
        printed_on=today,
        request_date=draft.request_date if draft else None,
        request_kind=draft.request_kind if draft else "new",
        completed_by=(draft.completed_by if draft else "") or get_settings(actor).get("senco_name", ""),
        parents=parents_of(pupil),
        needs=needs_of(pupil),
        evidence=graduated_evidence(
            actor, pupil_id, cycles=cycles, today=today, costing_rules=profile.costing
        ),
        involvements=involvements_of(actor, pupil_id),
        now_needed=draft.now_needed if draft else "",
        outcomes_sought=draft.outcomes_sought if draft else "",
        consents=[consent_info(c) for c in referrals.ehcna_consents(actor, pupil_id)],
        # an answer whose question this LA profile does not ask is still printed: under the
        # wording of the profile that asked it, or under a plain heading ("" here) if none does
        la_answers=[Answer(texts.get(k, ""), v) for k, v in answers.items()],
        profile=profile,
        young_person_16_plus=age_on(pupil.dob, today) >= 16,
        threshold_pence=profile.threshold_pence,
        observations=_recent_observations(actor, pupil_id, today),
        attachments=sent.reports,
        attachments_note=sent.note,
    )


def ehcna_checklist(model: EhcnaModel, today: date | None = None) -> list[CheckResult]:
    """The LA's checklist, for the export dialog (advice, not a block)."""
    return evaluate_checklist(model.profile, model.request_evidence(), today or model.printed_on)


def referral_model(
    actor: Actor,
    referral_id: int,
    *,
    today: date | None = None,
    attachments: Sequence[int] = (),
    bundle: str | None = None,
) -> ReferralModel:
    actor.require("export.packs")
    today = today or date.today()
    ref = referrals.get_referral(actor, referral_id)
    pupil = get_pupil(actor, ref.pupil_id)
    draft = referrals.get_ehcna_draft(actor, ref.pupil_id)
    evidence = graduated_evidence(actor, ref.pupil_id, cycles=3, today=today)
    sent = _bundles.sending(actor, ref.pupil_id, attachments, bundle)
    return ReferralModel(
        school=school_info(actor),
        child=child_info(pupil, draft=draft),
        service=ref.service,
        printed_on=today,
        referred_on=ref.referred_on,
        status=STATUSES.get(ref.status, ref.status),
        reason=ref.reason,
        asks=ref.asks,
        answers=dict(ref.answers),
        parents=parents_of(pupil),
        needs=needs_of(pupil),
        involvements=involvements_of(actor, ref.pupil_id),
        tried=evidence.cycles,
        consent=consent_info(ref.consent) if ref.consent else None,
        referrer=ref.updated_by or get_settings(actor).get("senco_name", ""),
        observations=_recent_observations(actor, ref.pupil_id, today),
        attachments=sent.reports,
        attachments_note=sent.note,
    )


def profile_model(actor: Actor, pupil_id: int, *, today: date | None = None) -> ProfileModel:
    if not (actor.user.can("export.profile") or actor.user.can("export.packs")):
        raise PermissionDenied("You are not allowed to print one-page profiles. Ask the SENCO.")
    actor.require_pupil(pupil_id, "pupil.read")
    today = today or date.today()
    pupil = get_pupil(actor, pupil_id)
    evidence = graduated_evidence(actor, pupil_id, cycles=1, today=today)
    words = passports.get_passport(actor, pupil_id)
    areas = codes.areas_for_needs([n for n in (pupil.primary_need, pupil.secondary_need) if n])
    return ProfileModel(
        school=school_info(actor),
        known_as=pupil.forename,
        year_group=codes.year_label(pupil.year_group),
        printed_on=today,
        like_and_admire=words.like_and_admire if words else "",
        important_to_me=words.important_to_me if words else "",
        # the profile's own strategies first, then those in the current cycle's plan
        how_to_support=(words.how_to_support if words else [])
        + [s for s in evidence.strategies if not words or s not in words.how_to_support],
        current_outcomes=list(evidence.current_outcomes),
        needs_summary=", ".join(codes.AREAS[a] for a in areas) + ("." if areas else ""),
    )


def census_days(start: date, end: date) -> list[date]:
    """School census days between two dates: the first Thursday of October, the third
    Thursday of January and of May (the days the DfE counts the register on)."""

    def nth_thursday(year: int, month: int, n: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (n - 1))

    days = []
    for year in range(start.year - 1, end.year + 1):
        days += [nth_thursday(year, 10, 1), nth_thursday(year + 1, 1, 3), nth_thursday(year + 1, 5, 3)]
    return sorted(d for d in days if start <= d <= end)


def _status_on(history: list[dict], day: date) -> str | None:
    status = None
    for h in history:  # ordered by start_date
        if h["start_date"] <= day.isoformat():
            status = h["status"]
    return status


def _on_roll(p: dict, day: date) -> bool:
    iso = day.isoformat()
    return (not p["admission_date"] or p["admission_date"] <= iso) and (
        not p["left_on"] or p["left_on"] > iso
    )


def summary_model(
    actor: Actor,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    named: bool = False,
    today: date | None = None,
) -> SummaryModel:
    """Whole-school numbers for a date range (default: this academic year so far)."""
    actor.require("export.summary")
    today = today or date.today()
    date_from = date_from or academic_year_start(today)
    date_to = date_to or date(date_from.year + (1 if date_from.month >= 9 else 0), 8, 31)
    if date_to < date_from:
        raise ValidationError({"date_to": "The end of the period is before its start."})
    as_of = min(date_to, today)
    pupils = store.pupils_for_summary(actor.db)
    history: dict[int, list[dict]] = {}
    for h in store.sen_history_all(actor.db):
        history.setdefault(h["pupil_id"], []).append(h)
    roll = [p for p in pupils if _on_roll(p, as_of)]
    status_of = {p["id"]: _status_on(history.get(p["id"], []), as_of) or p["sen_status"] for p in roll}
    register = [p for p in roll if status_of[p["id"]] in codes.ON_REGISTER]

    def counted(values, labels) -> list[Count]:
        tally = Counter(values)
        return [Count(labels(k), n) for k, n in tally.items()]

    by_need = sorted(
        counted([p["primary_need"] or "" for p in register], lambda c: codes.need_label(c) or "Not recorded"),
        key=lambda c: -c.count,
    )
    by_year = sorted(
        Counter(p["year_group"] for p in register).items(), key=lambda kv: codes.YEAR_ORDER.get(kv[0], 99)
    )
    trend_from = date(date_from.year - 1, date_from.month, min(date_from.day, 28))
    trend = [
        Count(
            f"{uk(d)}",
            sum(
                1
                for p in pupils
                if _on_roll(p, d) and _status_on(history.get(p["id"], []), d) in codes.ON_REGISTER
            ),
        )
        for d in census_days(trend_from, as_of)
    ]
    ref_counts = Counter(
        (service_label(r["service"]), STATUSES.get(r["status"], r["status"]))
        for r in referral_store.referrals_between(actor.db, date_from.isoformat(), date_to.isoformat())
    )
    start, end = date_from.isoformat(), date_to.isoformat()
    reviews = store.reviews_between(actor.db, start, end)
    ratings = [r for r in store.ratings_reviewed_between(actor.db, start, end) if r]
    requests = store.ehcna_requests_between(actor.db, start, end)
    attendance = store.recorded_attendance(actor.db, start, end)  # figures taken in the period
    on_register = {p["id"] for p in register}
    register_att = [v for k, v in attendance.items() if k in on_register]
    others_att = [v for k, v in attendance.items() if k not in on_register and k in status_of]
    return SummaryModel(
        school=school_info(actor),
        date_from=date_from,
        date_to=date_to,
        printed_on=today,
        reviews_on_time=sum(1 for r in reviews if not r["review_date"] or r["held_on"] <= r["review_date"]),
        reviews_late=sum(1 for r in reviews if r["review_date"] and r["held_on"] > r["review_date"]),
        outcomes_met=sum(1 for r in ratings if r in MET),
        outcomes_total=len(ratings),
        spend=provision_spend(actor, start, end),
        open_concerns=store.open_concern_count(actor.db, as_of.isoformat()),
        ehcna_made=len(requests),
        ehcna_agreed=sum(1 for r in requests if r["will_assess"] == 1),
        attendance_register=sum(register_att) / len(register_att) if register_att else None,
        attendance_others=sum(others_att) / len(others_att) if others_att else None,
        attendance_register_n=len(register_att),
        attendance_others_n=len(others_att),
        on_roll=len(roll),
        by_status=[
            Count(codes.SEN_STATUSES[s], sum(1 for p in register if status_of[p["id"]] == s))
            for s in codes.ON_REGISTER
        ],
        by_need=by_need,
        by_year=[Count(codes.year_label(y), n) for y, n in by_year],
        by_gender=[
            Count(codes.GENDERS.get(g, g), n)
            for g, n in sorted(Counter(p["gender"] for p in register).items())
        ],
        overlaps=[
            Count(label, sum(1 for p in register if p[key]))
            for key, label in (
                ("pupil_premium", "Pupil premium"),
                ("eal", "English as an additional language"),
                ("looked_after", "Looked after"),
            )
        ],
        register_trend=trend,
        referrals=sorted((svc, st, n) for (svc, st), n in ref_counts.items()),
        named=[
            NamedPupil(
                f"{p['forename']} {p['surname']}",
                codes.year_label(p["year_group"]),
                codes.SEN_STATUSES[status_of[p["id"]]],
                codes.need_label(p["primary_need"]),
            )
            for p in sorted(register, key=lambda p: (p["surname"].lower(), p["forename"].lower()))
        ]
        if named
        else None,
    )


def provision_spend(actor: Actor, start: str, end: str) -> list[SpendLine]:
    """Planned cost of the provision running in the period, by provision (school's rates): each
    block costed for its weeks in the period on the school's calendar (a whole academic year's
    summary costs each block's weeks in that year, as the provision map does), its fixed costs
    in the period it starts. The same right and the same pupils as the school's provision map
    (a teacher: their own)."""
    actor.require("provision.read")
    school = get_costing(actor)
    cal = school_calendar(actor)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    # Exact shares summed per provision, then rounded once across the lines (costing.apportion):
    # three pupils sharing a £351.50 group are £351.50, not 3 x £117.17 = £351.51, and the lines
    # printed add up to the total printed. A teacher's lines hold their own pupils' shares only.
    visible = actor.visible_pupil_ids()
    exact: dict[str, Fraction] = {}
    for r in cycle_store.allocations_in_period(actor.db, start, end):
        if visible is not None and r["pupil_id"] not in visible:
            continue
        weeks, charged = costing.weeks_between(
            cal, block_of(r), first, last, default_weeks=school.weeks_per_year
        )
        if not weeks and not (charged and r["fixed_cost"]):
            continue
        share = costing.exact_cost(
            minutes=r["eff_minutes"],
            per_week=r["eff_per_week"],
            weeks=weeks,
            group_size=r["eff_group_size"],
            rate=school.rate(r["staff_role"]),
            fixed=r["fixed_cost"] if charged else 0,
        )
        exact[r["provision_name"]] = exact.get(r["provision_name"], Fraction(0)) + share
    names = sorted(exact, key=str.lower)
    pence = costing.apportion([exact[n] for n in names])
    return [SpendLine(name, p) for name, p in zip(names, pence, strict=True)]


# --- exports -------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    missing: list[str] = field(default_factory=list)
    checklist: list[CheckResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # to check before it goes out (words hard to read)


@contextmanager
def _audited_export(
    actor: Actor, what: str, path: Path | str, pupil_id: int | None, entity: str, entity_id: int | None
) -> Iterator[None]:
    """The audit row and the file together: the row is written first and the PDF built inside
    the same transaction, so a failed build leaves neither, and no file leaves unrecorded."""
    path = Path(path)
    with actor.write():
        actor.audit(
            "export",
            entity,
            entity_id,
            pupil_id=pupil_id,
            summary=f"exported {what} to {path.name}",
            changes={"file": [None, str(path)]},
        )
        yield


def export_ehcna(
    actor: Actor,
    pupil_id: int,
    path: Path | str,
    *,
    cycles: int | None = 3,
    profile_key: str | None = None,
    today: date | None = None,
    invariant: bool = False,
    attachments: Sequence[int] = (),
    bundle: str | None = None,
) -> ExportResult:
    """The request as a PDF at `path`; with `attachments` (documents on the record) and a
    `bundle` form, one PDF with them appended, or a .zip or folder of separate files."""
    path = _bundles.check_target(Path(path), bundle)
    model = ehcna_model(
        actor,
        pupil_id,
        cycles=cycles,
        profile_key=profile_key,
        today=today,
        attachments=attachments,
        bundle=bundle,
    )
    sent = _bundles.sending(actor, pupil_id, attachments, bundle)
    what = f"the EHC needs assessment request for {model.child.name}{_bundles.with_words(sent)}"
    with _audited_export(actor, what, path, pupil_id, "pupil", pupil_id):
        writer = _pdf("ehcna_pack")
        if sent.bundle is None:
            written = writer.build(model, path, invariant=invariant)
        else:
            written = _bundles.write(
                actor,
                path,
                sent,
                pack=writer.pdf_bytes(model, invariant=invariant),
                pack_name=f"EHCNA request - {model.child.name}",
                pack_title=model.title,
                pack_what=f"the EHC needs assessment request for {model.child.name}",
                school=model.school,
                printed_on=model.printed_on,
                invariant=invariant,
            )
    return ExportResult(written, model.missing(), ehcna_checklist(model))


def export_referral(
    actor: Actor,
    referral_id: int,
    path: Path | str,
    *,
    today: date | None = None,
    invariant: bool = False,
    attachments: Sequence[int] = (),
    bundle: str | None = None,
) -> ExportResult:
    """The referral as a PDF at `path`; with documents, bundled as export_ehcna's are."""
    path = _bundles.check_target(Path(path), bundle)
    model = referral_model(actor, referral_id, today=today, attachments=attachments, bundle=bundle)
    pupil_id = referrals.get_referral(actor, referral_id).pupil_id
    sent = _bundles.sending(actor, pupil_id, attachments, bundle)
    what = f"the {model.service_name} referral for {model.child.name}{_bundles.with_words(sent)}"
    with _audited_export(actor, what, path, pupil_id, "referral", referral_id):
        writer = _pdf("referral_pack")
        if sent.bundle is None:
            written = writer.build(model, path, invariant=invariant)
        else:
            written = _bundles.write(
                actor,
                path,
                sent,
                pack=writer.pdf_bytes(model, invariant=invariant),
                pack_name=f"Referral to {model.service_name} - {model.child.name}",
                pack_title=model.title,
                pack_what=f"the referral to {model.service_name} for {model.child.name}",
                school=model.school,
                printed_on=model.printed_on,
                invariant=invariant,
            )
    return ExportResult(written, model.missing())


def export_profile(
    actor: Actor, pupil_id: int, path: Path | str, *, today: date | None = None, invariant: bool = False
) -> ExportResult:
    model = profile_model(actor, pupil_id, today=today)
    with _audited_export(
        actor, f"the one-page profile for {model.known_as}", path, pupil_id, "pupil", pupil_id
    ):
        written = _pdf("profile_pack").build(model, path, invariant=invariant)
    return ExportResult(written, model.missing())


def export_summary(
    actor: Actor,
    path: Path | str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    named: bool = False,
    today: date | None = None,
    invariant: bool = False,
) -> ExportResult:
    model = summary_model(actor, date_from, date_to, named=named, today=today)
    with _audited_export(
        actor,
        "the governors' SEN summary" + (" with the named list" if named else ""),
        path,
        None,
        "summary",
        None,
    ):
        written = _pdf("summary_pack").build(model, path, invariant=invariant)
    return ExportResult(written, model.missing())
