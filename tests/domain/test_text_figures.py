"""Figures in the SENCO's words against the record: found, compared, never rewritten."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sencodesk.domain import text_figures as tf
from sencodesk.domain.findings import FreeText
from sencodesk.domain.money import pounds

FACTS = tf.RecordFacts(
    money=(
        tf.Figure(
            682_500,
            "the costed map's line for Teaching assistant in English and maths lessons",
            "Teaching assistant in English and maths lessons",
        ),
        tf.Figure(690_750, "the costed map's total for 2026/27"),
        tf.Figure(600_000, "the amount the school is expected to fund"),
    ),
    dates=(
        tf.DatedFact("review", date(2026, 7, 21), "the review of cycle 4 was held"),
        tf.DatedFact("review", date(2026, 11, 30), "the review of cycle 5 is due"),
        tf.DatedFact("involvement", date(2026, 6, 15), "Dr R Mensah's latest report"),
    ),
    scores=(
        tf.ScoreFact("Speech & language: CELF-5 core score", 72, date(2025, 10, 12)),
        tf.ScoreFact("Speech & language: CELF-5 core score", 74, date(2026, 9, 27)),
        tf.ScoreFact("Number skills (standardised)", 75, date(2026, 5, 29)),
    ),
    cycles=5,
    reviewed=4,
    provisions=(
        tf.ProvisionFact("Teaching assistant in English and maths lessons", 10, 60),
        tf.ProvisionFact("Phonics catch-up", 5, 20),
    ),
    attendance_pct=94.3,
    attendance_as_at=date(2026, 11, 27),
    money_note="costed with Northmoor Council (example)'s rules",
)


def found(text: str) -> list[str]:
    return [f.message for f in tf.differences([FreeText("now_needed", "What is now needed", text)], FACTS)]


def test_the_issue_money_contradiction_is_found_with_what_the_map_says():
    text = "The school already funds a TA in every English and maths lesson (£7,030.00 a year)."
    (message,) = found(text)
    assert "'£7,030.00'" in message and "£6,825.00" in message and "Northmoor" in message


@pytest.mark.parametrize(
    "text",
    [
        "The school funds £6,825.00 a year for the TA.",
        "The map totals £6,907.50 this year.",
        "That is £6,825 a year.",  # to the pound
        "About £7k a year.",  # to the nearest £500
        "More than the £6,000 it is expected to fund.",
        "We bought a coloured overlay for £3.",  # a small sum in passing: not the map's
    ],
)
def test_money_the_record_bears_out_is_not_listed(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, bad",
    [
        ("The school has spent £9,500 a year on this.", "£9,500"),
        ("A total of £4k.", "£4k"),
        ("It costs £12.50 a year.", "£12.50"),  # small, but said to be a yearly cost
    ],
)
def test_money_the_record_does_not_hold_is_listed(text, bad):
    (message,) = found(text)
    assert f"'{bad}'" in message


def test_cycle_counts_against_the_record():
    assert found("Through four reviewed cycles of SEN support the gap did not close.") == []
    assert found("After 5 cycles of SEN support.") == []
    assert found("After 4 cycles.") == []  # four of them reviewed: a count the record holds
    (message,) = found("Through three reviewed cycles of SEN support.")
    assert "5 cycles" in message and "4 of them reviewed" in message
    (message,) = found("After 2 rounds of support.")
    assert "'2 rounds'" in message


def test_dates_are_compared_only_with_what_their_sentence_is_about():
    assert found("The review on 21/07/2026 agreed to continue.") == []
    (message,) = found("The review was held on 23/10/2026.")
    assert "'23/10/2026'" in message and "30/11/2026" in message
    assert found("She was born on 03/08/2013 and walked at 18 months.") == []  # about nothing held
    assert found("The EP's report of 15 June 2026 advised a key adult.") == []
    (message,) = found("The EP's report of 15 May 2026 advised a key adult.")
    assert "15/06/2026" in message
    assert found("Reviewed in July 2026.") == []  # a month: any day of it


def test_scores_against_the_measure_named():
    assert found("Her CELF-5 core score of 74 shows this.") == []
    (message,) = found("Her CELF-5 87 is in the average range.")
    assert "'CELF-5 87'" in message and "74 (27/09/2026)" in message
    assert found("A standard score of 75 in number.") == []
    (message,) = found("A standard score of 95 in number.")
    assert "95" in message


def test_frequencies_only_where_the_sentence_says_what_was_given():
    given = (
        "The school already funds a teaching assistant in every English and maths lesson"
        " (10 x 60 minutes a week)."
    )
    assert found(given) == []
    assert (
        found("The school already funds a teaching assistant in English and maths lessons (10 hours a week).")
        == []
    )
    (message,) = found(
        "The school already funds a teaching assistant in English and maths lessons (5 x 60 minutes)."
    )
    assert "10 x 60 min a week" in message
    # what is asked for is not what was given: never compared
    assert found("Phoebe needs structured phonics 4 x 20 minutes a week.") == []
    # what is asked for, even with a word that could say it was given
    assert found("Phoebe needs phonics catch-up delivered by a TA, 4 x 20 minutes a week.") == []
    # given, but no provision the pupil had is named
    assert found("She has had 3 x 15 minutes of reading a week.") == []


def test_attendance_against_the_record():
    assert found("Attendance is 94.3%.") == []
    (message,) = found("Her attendance is 88% this year.")
    assert "94.3%" in message and "27/11/2026" in message
    assert found("Read a book with 90% accuracy.") == []  # not about attendance


def test_a_finding_names_the_field_and_quotes_the_sentence():
    (f,) = tf.differences([FreeText("la_answers.q1", "Q1", "Attendance is 80%. Fine.")], FACTS)
    assert (f.kind, f.field, f.where, f.quote) == ("figure", "la_answers.q1", "Q1", "Attendance is 80%.")


def test_nothing_found_in_an_empty_record():
    empty = tf.RecordFacts()
    assert tf.differences([FreeText("x", "X", "After 3 cycles, on 01/01/2026, attendance 90%.")], empty) == []


# --- properties -------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=10_000_000))
def test_any_sum_printed_as_the_packs_print_it_is_read_back_exactly(pence):
    (m,) = [x for x in tf.figures_in(f"It costs {pounds(pence)} a year.") if x.kind == "money"]
    assert int(m.value) == pence and m.tolerance == 0


@given(st.integers(min_value=1, max_value=10_000_000))
def test_a_figure_the_record_holds_is_never_listed(pence):
    facts = tf.RecordFacts(money=(tf.Figure(pence, "the map"),))
    text = f"The school spends {pounds(pence)} a year, about {pounds(round(pence, -2))[:-3]}."
    assert tf.differences([FreeText("f", "F", text)], facts) == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_any_date_written_as_the_packs_write_it_is_read_back(day):
    (m,) = tf.figures_in(f"The review on {day.strftime('%d/%m/%Y')} went well.")
    assert m.kind == "date" and m.day == day


@settings(max_examples=300)
@given(st.text())
def test_any_text_is_read_without_error_and_its_words_never_change(text):
    before = str(text)
    mentions = tf.figures_in(text)
    tf.differences([FreeText("f", "F", text)], FACTS)
    assert text == before
    for m in mentions:  # every figure points at its own words in the text
        assert 0 <= m.start <= m.end <= len(text)


@given(st.integers(1, 12), st.integers(0, 12))
def test_cycle_counts_the_record_holds_are_never_listed(cycles, reviewed):
    reviewed = min(reviewed, cycles)
    facts = tf.RecordFacts(cycles=cycles, reviewed=reviewed)
    text = f"After {cycles} cycles, {reviewed} reviewed cycles of SEN support."
    assert tf.differences([FreeText("f", "F", text)], facts) == []
    wrong = f"After {cycles + 13} cycles."
    assert len(tf.differences([FreeText("f", "F", wrong)], facts)) == 1
