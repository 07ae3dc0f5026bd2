"""Read models: everything each pack shows, as plain data (no database, no reportlab).

The services fill these from the database; tests fill them by hand. Each top-level model has
`missing()`: what the reader needs that is not recorded, in words the SENCO can act on
before exporting (the pack still builds and says "Not yet recorded" in the section).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.la_profile import LaProfile, RequestEvidence, parse_profile
from ..domain.referrals import SERVICE_QUESTIONS, service_label
from ..domain.staff_requests import Observation

THRESHOLD_PENCE = 600_000  # the nationally set £6,000 a school funds first (domain.md §2.5)


def neutral_profile() -> LaProfile:
    return parse_profile("default", {"name": "Neutral (any local authority)"})


# The caseworker or clinician reading a pack needs a way to reach the SENCO: the pack says
# "Not yet recorded" there, and the export dialog lists it with where it is set.
SENCO_CONTACT_MISSING = "SENCO contact (phone, email): set it in Settings, PDF packs"
# The EHCNA request's signature block names the headteacher; blank, it prints a line to write on.
HEAD_NAME_MISSING = "Headteacher's name (for the signature block): set it in Settings, PDF packs"


@dataclass
class SchoolInfo:
    name: str
    urn: str = ""
    la_name: str = ""
    senco_name: str = ""
    senco_contact: str = ""
    head_name: str = ""
    logo_path: str | None = None


@dataclass
class ChildInfo:
    legal_forename: str
    legal_surname: str
    dob: date | None
    year_group: str  # as shown: "Year 4"
    gender: str = ""  # as shown: "Female"
    preferred_name: str = ""
    upn: str = ""
    home_language: str = ""
    looked_after: bool = False
    admission_date: date | None = None
    attendance_pct: float | None = None
    attendance_as_at: date | None = None  # the day the % was taken, where the record says
    sen_status: str = ""  # as shown: "SEN support"
    sen_since: date | None = None
    pupil_premium: bool = False
    eal: bool = False
    support_layer: str = ""  # the school's layer of support ('' when none is chosen)

    @property
    def name(self) -> str:
        return f"{self.legal_forename} {self.legal_surname}"

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.legal_forename


@dataclass
class ParentInfo:
    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    parental_responsibility: bool = True
    first_language: str = ""  # their own (the child's home language is ChildInfo's)
    interpreter_needed: bool = False


@dataclass
class View:
    text: str
    given_on: date | None = None
    given_by: str = ""


@dataclass
class NeedItem:
    rank: int
    code: str
    description: str
    note: str = ""  # for a need in none of the four broad areas: what that means, in words


@dataclass
class AreaNeeds:
    area: str  # label: "Communication and interaction"
    needs: list[NeedItem] = field(default_factory=list)
    description: str = ""  # strengths and difficulties in this area, as the school wrote them


@dataclass
class Assessment:
    measure: str  # "Reading standardised score"
    taken_on: date | None
    value: float | None  # None: a result that is not a number ("Age 6y 2m"), printed but not charted
    note: str = ""
    shown: str = ""  # the result as the school wrote it (else the value)

    @property
    def result(self) -> str:
        return self.shown or (f"{self.value:g}" if self.value is not None else "")


@dataclass
class OutcomeEvidence:
    text: str
    rating: str = ""  # "Met", "Exceeded", "Partly met", "Not met"; "" before the review


@dataclass
class ProvisionDelivered:
    name: str
    staff: str = ""
    frequency: str = ""
    sessions_planned: int | None = None  # sessions logged (held)
    sessions_delivered: int | None = None  # of those, sessions the pupil attended
    impact: str = ""  # the review's judgement of this provision


@dataclass
class CycleEvidence:
    title: str
    started_on: date | None
    review_on: date | None = None
    reviewed: bool = False
    outcomes: list[OutcomeEvidence] = field(default_factory=list)
    provision: list[ProvisionDelivered] = field(default_factory=list)
    review_decision: str = ""
    review_notes: str = ""


@dataclass
class CostLine:
    provision: str
    detail: str  # "TA, 3 x 30 min a week, group of 4"
    cost_pence: int


@dataclass
class ProvisionMap:
    label: str  # "2026/27"
    lines: list[CostLine] = field(default_factory=list)
    weeks_note: str = ""  # how the year's weeks were counted (costing.weeks_note)

    @property
    def total_pence(self) -> int:
        return sum(line.cost_pence for line in self.lines)


@dataclass
class InvolvementInfo:
    service: str
    professional: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    latest_report_on: date | None = None
    summary: str = ""


@dataclass
class ConsentInfo:
    given_by: str
    relationship: str
    given_on: date
    method: str  # as shown: "Signed form"
    agreed: bool
    share_with: list[str] = field(default_factory=list)
    exclusions: str = ""


@dataclass(frozen=True)
class AttachedReport:
    """A document sent with a pack, as its "Reports attached" section and a bundle's index list it."""

    number: int  # its place in what is sent: the pack itself is 1
    title: str  # "EP report"
    kind: str  # as shown: "Professional report"
    author: str
    document_date: date | None
    file_type: str  # as shown: "PDF", "Word document"
    pages: int | None  # None: a Word file (never turned into pages here)
    sent_separately: bool = False  # a Word file with a one-PDF bundle: sent beside it, as it is

    @property
    def pages_shown(self) -> str:
        if self.pages is None:
            return "Word document: sent separately" if self.sent_separately else "Word document"
        return f"{self.pages} page" + ("" if self.pages == 1 else "s")


@dataclass
class Answer:
    question: str  # the question's wording; "" when no LA profile on this computer asks it now
    answer: str = ""


@dataclass
class GraduatedEvidence:
    """What the graduated approach (cycles, outcomes, provision, sessions, reviews) contributes."""

    child_views: list[View] = field(default_factory=list)
    parent_views: list[View] = field(default_factory=list)
    area_descriptions: dict[str, str] = field(default_factory=dict)  # area label -> text
    assessments: list[Assessment] = field(default_factory=list)
    cycles: list[CycleEvidence] = field(default_factory=list)
    provision_maps: list[ProvisionMap] = field(default_factory=list)  # this year, then last
    strategies: list[str] = field(default_factory=list)
    current_outcomes: list[str] = field(default_factory=list)
    reviewed_total: int | None = None  # reviewed cycles in the whole record (None: count those printed)


@dataclass
class EhcnaModel:
    school: SchoolInfo
    child: ChildInfo
    printed_on: date
    request_date: date | None = None
    request_kind: str = "new"  # or "re"
    completed_by: str = ""
    parents: list[ParentInfo] = field(default_factory=list)
    needs: list[AreaNeeds] = field(default_factory=list)
    evidence: GraduatedEvidence = field(default_factory=GraduatedEvidence)
    involvements: list[InvolvementInfo] = field(default_factory=list)
    now_needed: str = ""
    outcomes_sought: str = ""
    consents: list[ConsentInfo] = field(default_factory=list)
    la_answers: list[Answer] = field(default_factory=list)
    profile: LaProfile = field(default_factory=neutral_profile)
    young_person_16_plus: bool = False
    threshold_pence: int = THRESHOLD_PENCE
    # staff's answers to the SENCO's requests for observations, newest first (the last 12 months)
    observations: list[Observation] = field(default_factory=list)
    attachments: list[AttachedReport] = field(default_factory=list)  # sent with it ("Reports attached")
    attachments_note: str = ""  # how they are sent: in this PDF after an index, or as separate files

    @property
    def title(self) -> str:
        kind = "re-request" if self.request_kind == "re" else "request"
        return f"EHC needs assessment {kind}: {self.child.name}"

    @property
    def reviewed_cycles(self) -> list[CycleEvidence]:
        return [c for c in self.evidence.cycles if c.reviewed]

    def request_evidence(self) -> RequestEvidence:
        ep = "educational psych"
        return RequestEvidence(
            # the LA asks how many cycles were reviewed, not how many this pack prints in full
            reviewed_cycles=(
                self.evidence.reviewed_total
                if self.evidence.reviewed_total is not None
                else len(self.reviewed_cycles)
            ),
            ep_dates=tuple(
                d
                for i in self.involvements
                if ep in i.service.lower()
                for d in (i.started_on, i.latest_report_on)
                if d
            ),
            costed_lines=sum(len(m.lines) for m in self.evidence.provision_maps),
            child_views=bool(self.evidence.child_views),
            parent_views=bool(self.evidence.parent_views),
            consent=any(c.agreed for c in self.consents),
        )

    def missing(self) -> list[str]:
        out = []
        if not self.request_date:
            out.append("Request date")
        if not any(p.parental_responsibility for p in self.parents):
            out.append("A parent or carer with parental responsibility")
        if not self.evidence.child_views:
            out.append("The child's views")
        if not self.evidence.parent_views:
            out.append("Parents' views")
        if not self.needs:
            out.append("Special educational needs (primary need)")
        if not self.evidence.assessments:
            out.append("Assessments over time (attainment and progress)")
        if not self.reviewed_cycles:
            out.append(
                "A reviewed cycle of SEN support"
                if not self.evidence.reviewed_total
                else "A reviewed cycle in the pack "
                "(include more cycles: the ones printed are not reviewed yet)"
            )
        if not any(m.lines for m in self.evidence.provision_maps):
            out.append("A costed provision map")
        if not self.now_needed:
            out.append("What the school thinks is now needed")
        if not self.outcomes_sought:
            out.append("Outcomes sought")
        if not any(c.agreed for c in self.consents):
            out.append("Parental consent to the request")
        if not self.school.senco_contact:
            out.append(SENCO_CONTACT_MISSING)
        if not self.school.head_name.strip():
            out.append(HEAD_NAME_MISSING)
        answered = {a.question for a in self.la_answers if a.answer.strip()}
        out += [
            f"Answer to the LA's question: {q.text}" for q in self.profile.questions if q.text not in answered
        ]
        return out


@dataclass
class ReferralModel:
    school: SchoolInfo
    child: ChildInfo
    service: str  # code: ep, salt, camhs, ot, sts
    printed_on: date
    referred_on: date | None = None
    status: str = "Draft"
    reason: str = ""
    asks: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    parents: list[ParentInfo] = field(default_factory=list)
    needs: list[AreaNeeds] = field(default_factory=list)
    involvements: list[InvolvementInfo] = field(default_factory=list)
    tried: list[CycleEvidence] = field(default_factory=list)
    consent: ConsentInfo | None = None
    referrer: str = ""
    observations: list[Observation] = field(default_factory=list)  # staff's answers, the last 12 months
    attachments: list[AttachedReport] = field(default_factory=list)  # sent with it ("Reports attached")
    attachments_note: str = ""

    @property
    def service_name(self) -> str:
        return service_label(self.service)

    @property
    def title(self) -> str:
        return f"Referral to {self.service_name}: {self.child.name}"

    @property
    def consent_ok(self) -> bool:
        return bool(self.consent and self.consent.agreed)

    def missing(self) -> list[str]:
        out = []
        if not self.consent:
            out.append("Consent to the referral (no consent is recorded)")
        elif not self.consent.agreed:
            out.append(f"Consent to the referral ({self.consent.given_by} did not agree)")
        if not self.reason:
            out.append("Reason for referral")
        if not self.asks:
            out.append("What the school is asking the service for")
        if not any(p.parental_responsibility for p in self.parents):
            out.append("A parent or carer with parental responsibility")
        if not self.tried:
            out.append("What has been tried (a cycle of SEN support) and its impact")
        if not self.school.senco_contact:
            out.append(SENCO_CONTACT_MISSING)
        out += [
            label
            for key, label in SERVICE_QUESTIONS.get(self.service, [])
            if not self.answers.get(key, "").strip()
        ]
        return out


@dataclass
class ProfileModel:
    """One-page profile (pupil passport): for staff and parents. Never carries a UPN."""

    school: SchoolInfo
    known_as: str
    year_group: str
    printed_on: date
    like_and_admire: str = ""
    important_to_me: str = ""
    how_to_support: list[str] = field(default_factory=list)
    current_outcomes: list[str] = field(default_factory=list)
    needs_summary: str = ""

    @property
    def title(self) -> str:
        return f"One-page profile: {self.known_as}"

    def missing(self) -> list[str]:
        out = []
        if not self.like_and_admire:
            out.append("What people like and admire about me")
        if not self.important_to_me:
            out.append("What is important to me")
        if not self.how_to_support:
            out.append("How best to support me (strategies)")
        if not self.current_outcomes:
            out.append("My current outcomes")
        return out


@dataclass
class Count:
    label: str
    count: int


@dataclass
class SpendLine:
    provision: str
    pence: int


@dataclass
class NamedPupil:
    name: str
    year_group: str
    sen_status: str
    primary_need: str


@dataclass
class SummaryModel:
    """The headteacher's / governors' summary: numbers only, unless a named list is asked for."""

    school: SchoolInfo
    date_from: date
    date_to: date
    printed_on: date
    on_roll: int
    by_status: list[Count] = field(default_factory=list)
    by_need: list[Count] = field(default_factory=list)
    by_year: list[Count] = field(default_factory=list)
    by_gender: list[Count] = field(default_factory=list)
    overlaps: list[Count] = field(default_factory=list)  # pupil premium / EAL / looked after
    register_trend: list[Count] = field(default_factory=list)  # register size at each term start
    referrals: list[tuple[str, str, int]] = field(default_factory=list)  # service, status, n
    reviews_on_time: int | None = None  # None: not recorded (no cycles yet)
    reviews_late: int | None = None
    outcomes_met: int | None = None
    outcomes_total: int | None = None
    spend: list[SpendLine] = field(default_factory=list)
    open_concerns: int | None = None
    ehcna_made: int | None = None
    ehcna_agreed: int | None = None
    attendance_register: float | None = None
    attendance_others: float | None = None
    attendance_register_n: int = 0  # pupils whose attendance the averages are taken over
    attendance_others_n: int = 0
    named: list[NamedPupil] | None = None  # only when the head asks for it

    @property
    def on_register(self) -> int:
        return sum(c.count for c in self.by_status)

    @property
    def title(self) -> str:
        return (
            f"SEN summary for governors, {self.date_from.strftime('%d/%m/%Y')} to "
            f"{self.date_to.strftime('%d/%m/%Y')}"
        )

    def missing(self) -> list[str]:
        out = []
        if self.reviews_on_time is None:
            out.append("Reviews held on time (no reviewed cycles recorded)")
        if self.outcomes_total is None:
            out.append("Outcomes met (no reviewed outcomes recorded)")
        if not self.spend:
            out.append("Provision spend (no costed provision recorded)")
        if self.open_concerns is None:
            out.append("Open concerns")
        if self.ehcna_made is None:
            out.append("EHC needs assessment requests")
        if self.attendance_register is None:
            out.append("Attendance")
        return out
