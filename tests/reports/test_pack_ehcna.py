"""The EHCNA request pack, from hand-made read models."""

from __future__ import annotations

import tomllib

from sencodesk.domain.la_profile import EHCNA_SECTIONS, parse_profile
from sencodesk.reports import ehcna
from sencodesk.reports.models import GraduatedEvidence
from sencodesk.resources import asset

from .pack_samples import UPN, fonts_used, page_count, pdf_text


def positions(text: str, headings: list[str]) -> list[int]:
    found = [text.find(h) for h in headings]
    assert -1 not in found, [h for h, f in zip(headings, found, strict=True) if f == -1]
    return found


def test_sections_in_the_issue_order_with_numbers(tmp_path, ehcna_model):
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    headings = [f"{i}. {h}" for i, h in enumerate(EHCNA_SECTIONS.values(), start=1)]
    found = positions(text, headings)
    assert found == sorted(found)


def test_la_profile_reorders_and_renames_sections(tmp_path, ehcna_model):
    profile = parse_profile(
        "example_northmoor", tomllib.loads(asset("la_profiles", "example_northmoor.toml").read_text())
    )
    ehcna_model.profile = profile
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    headings = [profile.headings[s] for s in profile.order]
    found = positions(text, headings)
    assert found == sorted(found)
    assert text.find("Part 3a: All about me") < text.find("Part 4: People with parental responsibility")
    assert "1. Request details" not in text  # the LA's own headings replace the neutral ones
    # the LA's extra questions are printed, unanswered ones saying so
    assert "Describe a typical day for the child in school" in text
    assert "Not yet recorded" in text


def test_facts_of_the_child_and_upn_are_printed(tmp_path, ehcna_model):
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    for fact in (
        "Amelia O'Brien-Smith",
        "Millie",
        "04/03/2017",
        "Year 4",
        UPN,
        "English, Polish",
        "91.4%",
        "Joanna O'Brien",
        "07700 900123",
        "Dr S Jones",
        "15/03/2026",
        "Daily small-group language teaching",
        "Not the youth service",
    ):
        assert fact in text, fact


def test_costed_provision_totals_against_the_threshold(tmp_path, ehcna_model):
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    # 450.50 + 6,120.00 = 6,570.50: £570.50 above £6,000; last year £410.00: £5,590.00 below
    assert "£6,570.50" in text and "£570.50 above the £6,000.00" in text
    assert "£410.00" in text and "£5,590.00 below the £6,000.00" in text


def test_cycles_show_outcomes_ratings_sessions_and_decision(tmp_path, ehcna_model):
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    assert text.find("Cycle 3") < text.find("Cycle 2") < text.find("Cycle 1")
    assert "Partly met" in text and "27 of 30" in text and "Continue with changes" in text


def test_missing_evidence_says_not_yet_recorded_in_each_section(tmp_path, ehcna_model):
    ehcna_model.evidence = GraduatedEvidence()
    ehcna_model.consents = []
    ehcna_model.now_needed = ""
    ehcna_model.involvements = []
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    for words in (
        "Not yet recorded: The child's views have not been recorded",
        "Not yet recorded: Parents' views have not been recorded",
        "Not yet recorded: no assessments have been recorded",
        "Not yet recorded: no assess-plan-do-review cycles",
        "Not yet recorded: no costed provision",
        "Not yet recorded: no outside professionals",
        "CONSENT NOT RECORDED",
    ):
        assert words in text, words
    missing = ehcna_model.missing()
    assert "The child's views" in missing and "A costed provision map" in missing
    assert "Parental consent to the request" in missing


def test_complete_model_misses_nothing(ehcna_model):
    assert ehcna_model.missing() == []


def test_signature_blocks_for_parent_senco_head_and_young_person(tmp_path, ehcna_model):
    ehcna_model.young_person_16_plus = True
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    for role in ("Parent or carer", "Young person", "SENCO", "Headteacher", "Mr D Patel"):
        assert role in text
    # the grandparent without parental responsibility is not asked to sign
    assert text.count("Signature") == 4


def test_very_long_text_grows_the_page_count(tmp_path, ehcna_model):
    short = page_count(ehcna.build(ehcna_model, tmp_path / "a.pdf", invariant=True))
    ehcna_model.now_needed = "A long account of what is needed. " * 1500
    ehcna_model.evidence.cycles[0].outcomes[0].text = "Outcome " * 1500
    ehcna_model.child.legal_surname = "Surname" * 40
    longer = page_count(ehcna.build(ehcna_model, tmp_path / "b.pdf", invariant=True))
    assert longer > short + 5


def test_metadata_and_fonts(tmp_path, ehcna_model):
    from pypdf import PdfReader

    path = ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True)
    meta = PdfReader(str(path)).metadata
    assert meta.title == "EHC needs assessment request: Amelia O'Brien-Smith"
    assert meta.author == "Oak Tree Primary"
    assert "EHC needs assessment" in meta.subject
    assert all("DejaVuSans" in f for f in fonts_used(path))


def test_re_request_is_named_as_such(tmp_path, ehcna_model):
    ehcna_model.request_kind = "re"
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    assert "EHC needs assessment re-request" in text and "Re-request" in text


def test_a_refusal_is_printed_under_the_banner(tmp_path, ehcna_model):
    ehcna_model.consents[0].agreed = False
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    assert "CONSENT NOT RECORDED" in text and "The consent recorded below is a refusal" in text
    assert "Agrees to the request No" in text
    assert "Parental consent to the request" in ehcna_model.missing()


def test_an_area_the_school_describes_is_printed_when_the_census_need_is_outside_the_areas(
    tmp_path, ehcna_model
):
    from sencodesk.reports.models import AreaNeeds, NeedItem

    ehcna_model.needs = [
        AreaNeeds(
            "Not in one broad area",
            [NeedItem(1, "OTH", "Other difficulty/disability", "Fits none of the four areas.")],
        )
    ]
    ehcna_model.evidence.area_descriptions = {
        "Social, emotional and mental health": "Hides under tables when anxious."
    }
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    assert "Other difficulty/disability (OTH): Fits none of the four areas." in text
    assert "Hides under tables when anxious." in text  # what the school wrote is never dropped
    assert text.count("No needs recorded in this area.") == 3


def test_what_is_agreed_and_every_signature_share_a_page(tmp_path, ehcna_model):
    from pypdf import PdfReader

    # however long the text before it, the statement and the signatures are never split apart,
    # so no page holds a signature block on its own
    for lines in range(0, 60, 4):
        ehcna_model.outcomes_sought = "\n".join(f"Outcome line {i}" for i in range(lines))
        out = ehcna.build(ehcna_model, tmp_path / f"e{lines}.pdf", invariant=True)
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages]
        signing = [p for p in pages if "I agree to this request for an EHC needs assessment" in p]
        assert len(signing) == 1, lines
        assert all(
            role in signing[0] for role in ("Parent or carer", "SENCO Ms R Khan", "Headteacher Mr D Patel")
        ), lines


def test_a_headteacher_not_named_gets_a_line_to_write_on_and_is_listed_as_missing(tmp_path, ehcna_model):
    from pypdf import PdfReader

    ehcna_model.school.head_name = ""
    assert ehcna_model.missing() == [
        "Headteacher's name (for the signature block): set it in Settings, PDF packs"
    ]
    out = ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True)
    lines = [line.strip() for page in PdfReader(str(out)).pages for line in page.extract_text().splitlines()]
    head = lines.index("Headteacher")
    assert lines[head + 1].startswith("Name (please print): ____")
    # a named SENCO prints the name, not a line
    senco = max(i for i, line in enumerate(lines) if line == "SENCO")
    assert lines[senco + 1] == "Ms R Khan"


def test_staff_observations_are_printed_as_dated_evidence(tmp_path, ehcna_model):
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    section = text[text.find("8. Observations from staff") : text.find("9. The graduated approach")]
    for fact in (
        "Mr D Okafor (PE), 20/11/2026",
        "Asked: before a request for an EHC needs assessment.",
        "What works for this pupil?",
        "A picture card for each station.",
        "Mrs K Patel (Class teacher), 12/11/2026",
        "Reading two years below age.",
    ):
        assert fact in section, fact
    assert section.find("Mr D Okafor") < section.find("Mrs K Patel")  # newest first


def test_no_observations_section_when_no_one_was_asked(tmp_path, ehcna_model):
    ehcna_model.observations = []
    text = pdf_text(ehcna.build(ehcna_model, tmp_path / "e.pdf", invariant=True))
    assert "Observations from staff" not in text
    assert "8. The graduated approach" in text  # the sections after it are numbered on
