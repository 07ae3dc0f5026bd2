"""Answers to LA questions after the school switches LA profile: printed under the question's
own wording where a profile on this computer asks it, else under a plain heading; never an id."""

from __future__ import annotations

import re
from datetime import date

from pypdf import PdfReader

from sencodesk.domain.la_profile import parse_profile, question_wordings
from sencodesk.services import la_profiles, packs, referrals

TODAY = date(2026, 11, 29)
TYPICAL_DAY = "Describe a typical day for the child in school, including unstructured times."


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def answered_under_northmoor(actor, add_pupil) -> int:
    pid = add_pupil(sen_status="K", primary_need="SLCN")
    la_profiles.choose_profile(actor, "example_northmoor")
    referrals.save_ehcna_draft(
        actor,
        pid,
        0,
        {
            "request_date": "20/11/2026",
            "la_answers": {
                "typical_day": "Quiet at lunch; needs an adult at break.",
                "q_transport": "Comes by taxi with an escort.",
            },
        },
        today=TODAY,
    )
    la_profiles.choose_profile(actor, "example_eastbridge")  # the school moves to another LA's form
    return pid


def test_answers_print_under_the_asking_profiles_wording_or_a_plain_heading(actor, add_pupil, tmp_path):
    pid = answered_under_northmoor(actor, add_pupil)
    text = text_of(packs.export_ehcna(actor, pid, tmp_path / "e.pdf", today=TODAY).path)
    section = text[text.index("Eastbridge additional information") :]
    assert f"{TYPICAL_DAY} Quiet at lunch; needs an adult at break." in section
    assert "Other information the school gave Comes by taxi with an escort." in section
    assert "q_transport" not in text and "typical_day" not in text
    # Eastbridge's own questions are still there, unanswered ones saying so
    assert "Previous schools or settings, with dates. Not yet recorded" in section


def test_the_read_model_carries_the_wording_not_the_id(actor, add_pupil):
    pid = answered_under_northmoor(actor, add_pupil)
    model = packs.ehcna_model(actor, pid, today=TODAY)
    assert {(a.question, a.answer) for a in model.la_answers} == {
        (TYPICAL_DAY, "Quiet at lunch; needs an adult at break."),
        ("", "Comes by taxi with an escort."),
    }


def test_question_wordings_prefer_the_chosen_profile():
    chosen = parse_profile("ours", {"name": "Ours", "questions": [{"id": "day", "text": "Our day?"}]})
    other = parse_profile(
        "theirs",
        {"name": "Theirs", "questions": [{"id": "day", "text": "Their day?"}, {"id": "bus", "text": "Bus?"}]},
    )
    assert question_wordings(chosen, [other]) == {"day": "Our day?", "bus": "Bus?"}
    assert question_wordings(parse_profile("none", {"name": "None"}), []) == {}
