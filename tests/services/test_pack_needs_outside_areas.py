"""Needs in none of the four broad areas (census OTH and NSA): the packs say what they are,
from the pupil's record through to the PDF read back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.services import packs, referrals

TODAY = date(2026, 11, 29)
PARENT = [{"name": "Jo Smith", "relationship": "Mother"}]


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def needs_section(text: str) -> str:
    """The EHCNA pack's needs section, up to the next numbered section."""
    start = text.index("6. Special educational needs by broad area")
    return text[start : text.index("7. Attainment and progress over time", start)]


@pytest.mark.parametrize(
    "need, words",
    [
        (
            "OTH",
            "Other difficulty/disability (OTH): The school records a need that fits none of the four "
            "broad areas of need",
        ),
        (
            "NSA",
            "SEN support but no specialist assessment of type of need (NSA): No specialist assessment "
            "of the type of need has been made yet",
        ),
    ],
)
def test_ehcna_pack_describes_a_primary_need_outside_the_four_areas(actor, add_pupil, tmp_path, need, words):
    pid = add_pupil(sen_status="K", primary_need=need, contacts=PARENT)
    section = needs_section(text_of(packs.export_ehcna(actor, pid, tmp_path / "e.pdf", today=TODAY).path))
    assert "Needs outside the four broad areas" in section
    assert words in section
    # the four areas still read as the Code's four, each saying plainly that nothing is recorded
    for area in (
        "Communication and interaction",
        "Cognition and learning",
        "Social, emotional and mental health",
        "Sensory and/or physical",
    ):
        assert area in section
    assert section.count("No needs recorded in this area.") == 4


def test_a_need_in_an_area_is_not_explained_as_outside_them(actor, add_pupil, tmp_path):
    pid = add_pupil(sen_status="K", primary_need="SLCN", secondary_need="NSA", contacts=PARENT)
    section = needs_section(text_of(packs.export_ehcna(actor, pid, tmp_path / "e.pdf", today=TODAY).path))
    assert "(NSA): No specialist assessment of the type of need has been made yet" in section
    assert "(SLCN):" not in section  # only the need outside the areas gets the explanation
    assert section.count("No needs recorded in this area.") == 3


def test_referral_pack_says_no_specialist_assessment_has_been_made(actor, add_pupil, tmp_path):
    pid = add_pupil(sen_status="K", primary_need="NSA", contacts=PARENT)
    rid = referrals.add_referral(
        actor,
        pid,
        {"service": "salt", "referred_on": "20/11/2026", "reason": "Unclear speech"},
        today=TODAY,
    )
    text = text_of(packs.export_referral(actor, rid, tmp_path / "r.pdf", today=TODAY).path)
    assert "No specialist assessment of the type of need has been made yet" in text
