"""The inclusion strategy's rules: years, the school's form, budgets, publishing, cost splits."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from sencodesk.domain import inclusion_strategy as rules
from sencodesk.domain.errors import ValidationError
from sencodesk.domain.small_numbers import percent, shown


def test_a_school_year_is_typed_as_2026_27():
    assert rules.year_start("2026/27") == date(2026, 9, 1)
    assert rules.clean_year("2026-2027") == "2026/27"
    assert rules.year_end("2026/27") == date(2027, 8, 31)
    for wrong in ("2026/28", "26/27", "next year", ""):
        with pytest.raises(ValidationError, match="2026/27"):
            rules.year_start(wrong)


def test_the_2026_27_strategy_is_due_by_31_december_2026():
    assert rules.DEADLINES["2026/27"] == date(2026, 12, 31)


def test_headings_are_unique_and_say_what_to_write():
    assert len(set(rules.SECTION_KEYS)) == len(rules.SECTIONS) == 8
    assert all(s.heading and s.prompt for s in rules.SECTIONS)
    assert "principles" in rules.SECTION_KEYS  # the guidance asks for the 7 principles


def test_the_form_keeps_words_and_reads_activity_lines():
    values = rules.clean_strategy(
        {
            "words": {"about": "  Our strategy.  ", "needs": "", "not_a_heading": "dropped"},
            "years": "2",
            "next_review_on": "01/07/2027",
            "activities": "Staff training: £2,400\n\nScreening in Reception: 1150.50",
        }
    )
    assert values["words"] == {"about": "Our strategy."}
    assert values["years"] == 2 and values["next_review_on"] == "2027-07-01"
    assert values["activities"] == [
        {"what": "Staff training", "pence": 240_000},
        {"what": "Screening in Reception", "pence": 115_050},
    ]
    assert rules.activity_lines(rules.activities_text([rules.Activity("A: b", 5)])) == [
        {"what": "A: b", "cost": "£0.05"}
    ]


def test_the_form_names_every_wrong_field():
    with pytest.raises(ValidationError) as e:
        rules.clean_strategy(
            {
                "about": "x" * (rules.WORDS_LIMIT + 1),
                "years": "4",
                "next_review_on": "31/02/2027",
                "activities": "Training with no cost\nTraining: lots",
            }
        )
    assert set(e.value.field_errors) == {"about", "years", "next_review_on", "activity_1", "activity_2"}
    assert "after a colon" in e.value.field_errors["activity_1"]


def test_budgets_are_pounds_typed_and_blank_is_not_entered():
    assert rules.clean_budgets({"notional_sen": "£84,000", "imf": "14,200.50"}) == (8_400_000, 1_420_050)
    assert rules.clean_budgets({"notional_sen": "", "imf": " "}) == (None, None)
    with pytest.raises(ValidationError) as e:
        rules.clean_budgets({"notional_sen": "lots", "imf": "999999999"})
    assert set(e.value.field_errors) == {"notional_sen", "imf"}
    assert rules.Budgets("2026/27", 100, None).total == 100 and rules.Budgets("2026/27").total is None


def test_publishing_needs_a_past_date_and_a_web_address():
    today = date(2026, 12, 3)
    assert rules.clean_published(
        {"published_on": "02/12/2026", "published_url": "https://www.oaktree.sch.uk/send"}, today
    ) == (date(2026, 12, 2), "https://www.oaktree.sch.uk/send")
    assert rules.clean_published({"published_on": "", "published_url": ""}, today) == (None, "")
    with pytest.raises(ValidationError) as e:
        rules.clean_published({"published_on": "04/12/2026", "published_url": "our website"}, today)
    assert "future" in e.value.field_errors["published_on"]
    assert "web address" in e.value.field_errors["published_url"]
    with pytest.raises(ValidationError) as e:
        rules.clean_published({"published_url": "https://school.sch.uk"}, today)
    assert set(e.value.field_errors) == {"published_on"}


def test_a_multi_year_strategy_says_the_years_it_covers():
    assert rules.Strategy("2026/27").covers == "2026/27"
    assert rules.Strategy("2026/27", years=3).covers == "2026/27 to 2028/29"


def test_a_block_is_split_between_school_years_by_its_term_weeks():
    first, last = date(2026, 9, 1), date(2027, 8, 31)
    # all inside the year
    assert rules.planned_share_in_year(date(2026, 9, 7), None, 12, first, last) == 1
    # begun 29 June for 10 weeks: 4 weeks before the summer holiday, the other 6 in September
    assert rules.planned_share_in_year(date(2026, 6, 29), None, 10, first, last) == Fraction(6, 10)
    # an explicit end date stops it: 4 weeks in June and July, none in this year
    assert rules.planned_share_in_year(date(2026, 6, 29), date(2026, 7, 20), 10, first, last) == 0
    # a block that starts in the summer holiday and ends before term counts where it starts
    assert rules.planned_share_in_year(date(2026, 8, 3), date(2026, 8, 10), 2, first, last) == 0


def test_apportioned_pence_add_up_to_the_total_exactly():
    exact = [Fraction(1001, 3), Fraction(2002, 3), Fraction(1, 2)]
    for total in (1000, 1001, 1003, 998):
        assert sum(rules.apportion(exact, total)) == total
    assert rules.apportion([], 0) == []
    assert rules.round_pence(Fraction(5, 2)) == 3 and rules.round_pence(Fraction(249, 100)) == 2


def test_small_numbers_are_one_rule_for_the_summary_and_the_strategy():
    from sencodesk.reports import summary

    assert summary.shown is shown and summary.percent is percent
    assert [shown(n) for n in (0, 4, 5)] == ["0", "fewer than 5", "5"]
