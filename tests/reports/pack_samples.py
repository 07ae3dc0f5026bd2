"""Hand-made read models for the pack tests (no database: the packs only lay data out),
and helpers that read a PDF back."""

from __future__ import annotations

from datetime import date

from sencodesk.domain.staff_requests import Observation, QuestionAnswer
from sencodesk.reports.models import (
    Answer,
    AreaNeeds,
    Assessment,
    AttachedReport,
    ChildInfo,
    ConsentInfo,
    CostLine,
    CycleEvidence,
    EhcnaModel,
    GraduatedEvidence,
    InvolvementInfo,
    NeedItem,
    OutcomeEvidence,
    ParentInfo,
    ProfileModel,
    ProvisionDelivered,
    ProvisionMap,
    ReferralModel,
    SchoolInfo,
    View,
)

UPN = "V938200118001"
PRINTED = date(2026, 11, 29)


def school() -> SchoolInfo:
    return SchoolInfo(
        name="Oak Tree Primary",
        urn="123456",
        la_name="West Sussex",
        senco_name="Ms R Khan",
        senco_contact="senco@oaktree.example, 01234 567890",
        head_name="Mr D Patel",
    )


def child() -> ChildInfo:
    return ChildInfo(
        legal_forename="Amelia",
        legal_surname="O'Brien-Smith",
        preferred_name="Millie",
        dob=date(2017, 3, 4),
        year_group="Year 4",
        gender="Female",
        upn=UPN,
        home_language="English, Polish",
        admission_date=date(2021, 9, 1),
        attendance_pct=91.4,
        sen_status="SEN support",
        sen_since=date(2023, 1, 10),
    )


def parents() -> list[ParentInfo]:
    return [
        ParentInfo("Joanna O'Brien", "Mother", "07700 900123", "jo@example.com", True),
        ParentInfo("Grandad Ted", "Grandparent", "01234 111222", "", False),
    ]


def needs() -> list[AreaNeeds]:
    return [
        AreaNeeds(
            "Communication and interaction",
            [NeedItem(1, "SLCN", "Speech, language and communication needs")],
            "Millie finds it hard to follow instructions with more than two parts.",
        ),
        AreaNeeds("Cognition and learning", [NeedItem(2, "SPLD", "Specific learning difficulty")]),
    ]


def cycle(n: int, reviewed: bool = True) -> CycleEvidence:
    return CycleEvidence(
        title=f"Cycle {n}",
        started_on=date(2025, 1 + n, 1),
        review_on=date(2025, 2 + n, 20),
        reviewed=reviewed,
        outcomes=[
            OutcomeEvidence(
                f"Outcome {n}a: follows two-step instructions in class", "Met" if reviewed else ""
            ),
            OutcomeEvidence(f"Outcome {n}b: reads 40 common words", "Partly met" if reviewed else ""),
        ],
        provision=[ProvisionDelivered("Talk Boost group", "TA", "3 x 30 min a week", 30, 27)],
        review_decision="Continue with changes" if reviewed else "",
        review_notes="Progress is slow.",
    )


def evidence(cycles: int = 3) -> GraduatedEvidence:
    return GraduatedEvidence(
        child_views=[View("I like Lego and drawing. I want to be a vet.", date(2026, 10, 1), "Millie")],
        parent_views=[
            View(
                "We want Millie to make friends and feel confident.",
                date(2026, 10, 2),
                "Joanna O'Brien (mother)",
            )
        ],
        assessments=[
            Assessment("Reading standardised score", date(2025, 9, 1), 78),
            Assessment("Reading standardised score", date(2026, 3, 1), 81),
            Assessment("Reading standardised score", date(2026, 9, 1), 83, "after Talk Boost"),
        ],
        cycles=[cycle(i) for i in range(cycles, 0, -1)],
        provision_maps=[
            ProvisionMap(
                "2026/27",
                [
                    CostLine("Talk Boost group", "TA, 3 x 30 min, group of 4", 45_050),
                    CostLine("1:1 reading", "TA, 5 x 20 min", 612_000),
                ],
            ),
            ProvisionMap("2025/26", [CostLine("Talk Boost group", "TA, 3 x 30 min, group of 4", 41_000)]),
        ],
    )


def make_ehcna() -> EhcnaModel:
    return EhcnaModel(
        school=school(),
        child=child(),
        printed_on=PRINTED,
        request_date=date(2026, 11, 20),
        request_kind="new",
        completed_by="Ms R Khan (SENCO)",
        parents=parents(),
        needs=needs(),
        evidence=evidence(),
        involvements=[
            InvolvementInfo(
                "Educational psychology",
                "Dr S Jones",
                date(2026, 2, 1),
                None,
                date(2026, 3, 15),
                "Assessment of cognition and language.",
            )
        ],
        now_needed="Daily small-group language teaching from a specialist.",
        outcomes_sought="By the end of Year 5 Millie will follow three-step instructions.",
        consents=[
            ConsentInfo(
                "Joanna O'Brien",
                "Mother",
                date(2026, 11, 18),
                "Signed form",
                True,
                ["Educational psychology", "School nursing"],
                "Not the youth service",
            )
        ],
        la_answers=[Answer("Anything else?", "No.")],
        observations=observations(),
        attachments=[
            AttachedReport(2, "EP report", "Professional report", "Dr S Jones", date(2026, 3, 15), "PDF", 8),
            AttachedReport(
                3, "Letter from home", "Letter", "Joanna O'Brien", date(2026, 11, 1), "Word document", None
            ),
        ],
        attachments_note="These documents are sent with this request as separate files, numbered as here.",
    )


def observations() -> list[Observation]:
    """Two teachers' answers to the SENCO's request, newest first."""
    asked = "Before a request for an EHC needs assessment"
    return [
        Observation(
            "Mr D Okafor",
            "PE",
            date(2026, 11, 20),
            asked,
            (
                QuestionAnswer(
                    "What do you see in your lessons?", "Millie joins in when the rules are shown."
                ),
                QuestionAnswer("What works for this pupil?", "A picture card for each station."),
            ),
        ),
        Observation(
            "Mrs K Patel",
            "Class teacher",
            date(2026, 11, 12),
            asked,
            (QuestionAnswer("Attainment and progress in your subject?", "Reading two years below age."),),
        ),
    ]


def make_referral() -> ReferralModel:
    return ReferralModel(
        school=school(),
        child=child(),
        service="salt",
        printed_on=PRINTED,
        referred_on=date(2026, 11, 25),
        status="Draft",
        reason="Millie's speech is hard for adults to understand.",
        asks="Assessment of speech sounds and advice for staff.",
        answers={"home_languages": "English and Polish", "hearing": "Hearing test normal, 05/2026"},
        parents=parents(),
        needs=needs(),
        involvements=[],
        tried=[cycle(1)],
        consent=ConsentInfo(
            "Joanna O'Brien", "Mother", date(2026, 11, 24), "Email", True, ["Speech and language therapy"], ""
        ),
        referrer="Ms R Khan",
    )


def make_profile() -> ProfileModel:
    return ProfileModel(
        school=school(),
        known_as="Millie",
        year_group="Year 4",
        printed_on=PRINTED,
        like_and_admire="Kind, funny, a brilliant artist.",
        important_to_me="My cat Biscuit. Knowing what happens next.",
        how_to_support=["Give one instruction at a time", "Show me a picture of the task"],
        current_outcomes=["Follow two-step instructions in class"],
        needs_summary="Speech, language and communication.",
    )


def pdf_text(path) -> str:
    """All the text of a PDF, whitespace collapsed (line breaks fall anywhere in wrapped text)."""
    import re

    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def page_count(path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def fonts_used(path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font") or {}
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names
