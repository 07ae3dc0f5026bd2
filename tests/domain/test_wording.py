"""The vague-wording check: hints, never blocking."""

from __future__ import annotations

import pytest

from sencodesk.domain import wording


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Access to a quiet space", "access to"),
        ("Support in class from an adult", "support in class"),
        ("Regular reading with an adult", "regular"),
        ("Movement breaks as appropriate", "as appropriate"),
        ("Opportunities to practise spellings", "opportunities to"),
        ("Tom may benefit from a writing slope", "may benefit from"),
        ("Use a fidget toy when needed", "when needed"),
        ("ACCESS   TO laptop", "access to"),
    ],
)
def test_vague_phrases_found(text, phrase):
    assert phrase in [h.phrase for h in wording.vague_phrases(text)]


@pytest.mark.parametrize(
    "text",
    [
        "By July, Amy will read 40 of the first 100 high-frequency words in 3 of 4 weekly checks.",
        "Irregularity of timetable",  # 'regular' only as a whole word
        "Accessed the library",
        "",
    ],
)
def test_specific_text_has_no_hints(text):
    assert wording.check_outcome(text) == []


def test_hints_in_order_of_the_text_with_positions():
    hints = wording.vague_phrases("When needed, regular access to a TA")
    assert [(h.phrase, h.start) for h in hints] == [("when needed", 0), ("regular", 13), ("access to", 21)]
    assert all(h.hint for h in hints)


def test_provision_without_frequency_or_staff():
    hints = wording.check_provision("Reading help")
    assert {h.phrase for h in hints} == {"no frequency", "no staff named"}


def test_provision_with_frequency_and_staff_in_text():
    assert wording.check_provision("TA reads with the pupil 3 times a week for 20 minutes") == []


def test_provision_frequency_and_staff_from_the_form_fields():
    assert wording.check_provision("Reading comprehension", sessions_per_week=3, staff_named=True) == []


def test_phrase_list_is_data():
    assert {
        "access to",
        "support in class",
        "regular",
        "as appropriate",
        "opportunities to",
        "may benefit from",
        "when needed",
    } <= set(wording.VAGUE_PHRASES)


def test_named_person_counts_as_staff():
    assert wording.check_provision("Mrs Patel, 2 × 15 minutes daily") == []


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("A TA will help as needed", "as needed"),
        ("Movement breaks if needed", "if needed"),
        ("Extra time when appropriate", "when appropriate"),
        ("Up to 3 sessions a week", "up to"),
        ("Opportunities for small-group work", "opportunities for"),
        ("Advice from the EP as and when", "as and when"),
        ("Check-ins where necessary", "where necessary"),
    ],
)
def test_ipsea_phrases_found(text, phrase):
    assert phrase in [h.phrase for h in wording.vague_phrases(text)]


def test_up_to_date_is_not_vague():
    assert wording.vague_phrases("The plan is kept up to date") == []


def test_vague_findings_name_the_field_and_quote_the_words_around():
    from sencodesk.domain.findings import FreeText

    texts = [
        FreeText(
            "now_needed",
            "What is now needed",
            "Daily phonics with a TA, and movement breaks as needed in class.",
        ),
        FreeText("outcomes_sought", "Outcomes sought", "Read 100 words by July."),
    ]
    (f,) = wording.vague_findings(texts)
    assert (f.kind, f.field, f.where) == ("vague", "now_needed", "What is now needed")
    assert "'as needed'" in f.message and "as needed in class" in f.quote
    assert texts[0].text == "Daily phonics with a TA, and movement breaks as needed in class."


def test_each_phrase_is_said_once_per_field():
    from sencodesk.domain.findings import FreeText

    found = wording.vague_findings([FreeText("f", "F", "Help as needed. More help as needed.")])
    assert [f.message.split(":")[0] for f in found] == ["'as needed'"]
