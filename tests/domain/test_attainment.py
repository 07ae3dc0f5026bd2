"""Scores read against national expectations, and scores that undermine a request."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sencodesk.domain import attainment as at
from sencodesk.domain.findings import FreeText

DOB = date(2013, 8, 3)


@pytest.mark.parametrize(
    "score, band",
    [
        ("69", "well_below"),
        ("70", "below"),
        ("84", "below"),
        ("85", "average"),
        ("115", "average"),
        ("116", "above"),
    ],
)
def test_standardised_bands(score, band):
    assert at.read_score("standardised", score).band == band


@given(st.integers(40, 160))
def test_the_average_range_is_85_to_115_inclusive(value):
    reading = at.read_score("standardised", str(value))
    assert (reading.band == "average") == (85 <= value <= 115)


@pytest.mark.parametrize(
    "kind, score, band",
    [
        ("scaled_ks2", "99", "below_expected"),
        ("scaled_ks2", "100", "expected"),
        ("scaled_ks2", "110", "above_expected"),
        ("ks_teacher", "wts", "below_expected"),
        ("ks_teacher", "EXS", "expected"),
        ("ks_teacher", "GDS", "above_expected"),
        ("ks_teacher", "PKF", "below_expected"),
    ],
)
def test_key_stage_results(kind, score, band):
    assert at.read_score(kind, score).band == band


def test_an_age_equivalent_against_the_childs_age_that_day():
    reading = at.read_score("age_equivalent", "8y 6m", taken_on=date(2026, 9, 3), dob=DOB)
    assert reading.band == "below_expected" and round(reading.gap_years, 2) == 4.58
    assert "4y 7m below the child's age (13y 1m)" in reading.words


def test_nothing_is_read_from_an_unknown_kind_or_a_score_that_is_not_one():
    assert at.read_score("", "87") is None
    assert at.read_score("other", "87") is None
    assert at.read_score("standardised", "Good") is None
    assert at.read_score("age_equivalent", "8y 6m") is None  # no date of birth


def test_gap_claims_with_what_they_are_about():
    (claim,) = at.gap_claims("After three cycles, Freddie is still 2 years behind in understanding language.")
    assert claim.years == 2 and claim.topics == {"language"} and claim.phrase == "2 years behind"
    assert at.gap_claims("Reading is significantly below that of her classmates.")[0].topics == {"reading"}
    assert at.gap_claims("She is well below age-related expectations in maths.")[0].topics == {"maths"}
    assert at.gap_claims("She has made good progress this term.") == []


def results(*rows):
    return [at.Result(m, k, s, d) for m, k, s, d in rows]


CELF = "Speech & language: CELF-5 core score"


def test_the_issue_celf_87_beside_two_years_behind_is_flagged():
    text = [
        FreeText(
            "now_needed", "What is now needed", "Freddie is still 2 years behind in understanding language."
        )
    ]
    rs = results(
        (CELF, "standardised", "74", date(2026, 1, 10)), (CELF, "standardised", "87", date(2026, 10, 4))
    )
    (finding,) = at.undermining_scores(text, rs, DOB)
    assert finding.kind == "score" and "87" in finding.message and "average range" in finding.message
    assert finding.quote.startswith("Freddie is still 2 years behind")


def test_no_flag_when_the_latest_score_shows_the_gap_or_is_about_something_else():
    text = [FreeText("now_needed", "N", "Her reading is significantly below that of her peers.")]
    assert (
        at.undermining_scores(text, results(("Reading (standardised)", "standardised", "72", None)), DOB)
        == []
    )
    # an average maths score does not undermine a claim about reading
    assert at.undermining_scores(text, results(("Number skills", "standardised", "100", None)), DOB) == []
    # the earlier average score is not the latest
    rs = results(
        ("Reading (standardised)", "standardised", "95", date(2025, 1, 1)),
        ("Reading (standardised)", "standardised", "70", date(2026, 1, 1)),
    )
    assert at.undermining_scores(text, rs, DOB) == []
    # a score of no stated kind is read against nothing
    assert at.undermining_scores(text, results(("Reading", "", "100", None)), DOB) == []


def test_a_key_stage_result_at_the_expected_standard_undermines_a_claim_in_its_area():
    text = [FreeText("n", "N", "His reading is well below age-related expectations.")]
    (f,) = at.undermining_scores(text, results(("KS2 reading", "scaled_ks2", "103", date(2026, 7, 1))), DOB)
    assert "expected standard" in f.message


def test_years_behind_against_an_age_equivalent():
    text = [FreeText("n", "N", "Her reading is 2 years behind.")]
    far = results(("Reading age", "age_equivalent", "8y 6m", date(2026, 9, 3)))  # 4y 7m below
    (f,) = at.undermining_scores(text, far, DOB)
    assert "4y 7m below" in f.message
    near = results(("Reading age", "age_equivalent", "11y 0m", date(2026, 9, 3)))  # 2y 1m below
    assert at.undermining_scores(text, near, DOB) == []
