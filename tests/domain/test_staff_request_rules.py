"""The rules of a request for staff observations (domain.staff_requests): the questions, the
answers, the reply-by date and the words staff read."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.graduated import PupilRef
from sencodesk.domain.staff_requests import (
    RequestForMe,
    check_due,
    clean_answers,
    clean_questions,
    in_sentence,
    purpose_label,
)

TODAY = date(2026, 11, 20)


def test_questions_typed_as_lines_lose_blank_lines_and_extra_spaces():
    assert clean_questions("What do you see?\n\n  What   works? \n") == ["What do you see?", "What works?"]
    assert clean_questions(["One?", "", "Two?"]) == ["One?", "Two?"]


@pytest.mark.parametrize(
    "questions,words",
    [
        ("", "at least one question"),
        ([f"Q{i}?" for i in range(11)], "at most 10"),
        (["x" * 501], "Question 1 is longer than 500"),
        (["Same?", "Same?"], "asked twice"),
    ],
)
def test_bad_questions_are_refused_in_words(questions, words):
    with pytest.raises(ValidationError, match=words):
        clean_questions(questions)


def test_answers_keep_their_question_and_one_must_say_something():
    answers = clean_answers(("A?", "B?"), [" Yes "])
    assert [(a.question, a.answer) for a in answers] == [("A?", "Yes"), ("B?", "")]
    with pytest.raises(ValidationError, match="Answer at least one question"):
        clean_answers(("A?",), ["  "])
    with pytest.raises(ValidationError, match="more answers than questions"):
        clean_answers(("A?",), ["x", "y"])
    with pytest.raises(ValidationError) as e:
        clean_answers(("A?", "B?"), ["ok", "x" * 5001])
    assert set(e.value.field_errors) == {"answers.1"}


def test_the_reply_by_date_is_today_or_later_and_within_a_year():
    assert check_due(TODAY, TODAY) == TODAY
    for day, words in (
        (date(2026, 11, 19), "past"),
        (date(2027, 11, 22), "more than a year"),
        (None, "Give"),
    ):
        with pytest.raises(ValidationError, match=words):
            check_due(day, TODAY)


def test_purposes_in_words_and_in_a_sentence():
    assert purpose_label("cycle_review", 3) == "Before the review of SEN support cycle 3"
    assert in_sentence(purpose_label("ehcna")) == "before a request for an EHC needs assessment"


def test_a_request_says_overdue_in_words_once_its_date_has_passed():
    r = RequestForMe(
        recipient_id=1,
        version=1,
        pupil=PupilRef(1, "Smith", "Amy", "4", "4B"),
        asked_by="Ms R Khan",
        asked_on=date(2026, 11, 1),
        due_on=date(2026, 11, 19),
        purpose_label="Before an annual review",
        note="",
        questions=("A?",),
        status="sent",
    )
    assert r.overdue(TODAY) and r.due_words(TODAY) == "Overdue: wanted by 19/11/2026"
    assert r.due_words(date(2026, 11, 19)) == "Reply by 19/11/2026 (today)"
    assert r.line(TODAY) == "Overdue: wanted by 19/11/2026: Amy Smith (Year 4, 4B), before an annual review"
