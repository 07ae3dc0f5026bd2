"""Outside professionals' advice paired with the provision that carried it out."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain import advice as ad


@pytest.mark.parametrize(
    "text, dose",
    [
        ("programme of 3 x 20-minute sessions a week for a trained TA", (3, 20, None)),
        ("structured phonics 4 x 20 minutes a week in a group of 2", (4, 20, 2)),
        ("Core stability programme for 10 minutes daily", (5, 10, None)),
        ("a daily 15-minute fine motor programme", (5, 15, None)),
        ("twice a week for 30 minutes, 1:1", (2, 30, 1)),
        ("a key adult and a daily check-in", (None, None, None)),
        ("Precision teaching 5 × 10 mins", (5, 10, None)),
    ],
)
def test_dose_read_from_the_advice(text, dose):
    d = ad.dose_of(text)
    assert (d.per_week, d.minutes, d.group_size) == dose


SALT = ad.Advice(
    "Speech and language programme 3 x 20 minutes a week",
    "Speech and language therapy",
    "Ms C Byrne",
    date(2026, 3, 1),
)
EP = ad.Advice("A key adult for a daily check-in", "Educational psychology", "Dr R Mensah", date(2026, 6, 15))
BLOCKS = [
    ad.Block("Speech and language programme", 3, 15, 1, date(2026, 4, 20), None, 4),
    ad.Block("Phonics catch-up", 5, 20, 4, date(2025, 10, 28), date(2026, 1, 19), 2),
    ad.Block("Maths intervention", 3, 30, 4, date(2026, 10, 5), None, 5),
]


def test_the_issue_three_times_twenty_advised_fifteen_given_is_said():
    p = ad.pair(SALT, BLOCKS)
    assert p.block.name == "Speech and language programme" and p.how == "proposed: the names match"
    assert p.dose_difference == "advised 3 x 20 min a week; given 3 x 15 min a week"
    (f,) = ad.advice_findings([p])
    assert f.kind == "dose" and f.contradiction


def test_the_issue_key_adult_in_no_cycle_is_not_yet_acted_on():
    p = ad.pair(EP, BLOCKS)
    assert p.block is None
    (f,) = ad.advice_findings([p])
    assert f.kind == "advice" and "not yet acted on" in f.message and not f.contradiction


def test_provision_that_ended_before_the_advice_did_not_carry_it_out():
    late = ad.Advice("Structured phonics 5 x 20 minutes a week", "STS", "", date(2026, 8, 4))
    assert ad.pair(late, BLOCKS).block is None


def test_the_senco_names_the_provision_at_the_start_of_the_line():
    named = ad.Advice("Maths intervention: a daily check-in with the key adult", "EP", "", date(2026, 6, 15))
    p = ad.pair(named, BLOCKS)
    assert p.block.name == "Maths intervention" and p.how == "named by the SENCO"


def test_the_same_frequency_is_proposed_when_no_name_matches():
    a = ad.Advice("Number games 3 x 30 minutes a week", "STS", "", date(2026, 9, 1))
    p = ad.pair(a, BLOCKS)
    assert p.block.name == "Maths intervention" and p.how == "proposed: the same frequency"
    assert p.dose_difference == ""


def test_a_group_size_that_differs_is_said():
    a = ad.Advice("Maths intervention in a group of 2", "STS", "", date(2026, 9, 1))
    assert ad.pair(a, BLOCKS).dose_difference == "advised group of 2; given group of 4"
