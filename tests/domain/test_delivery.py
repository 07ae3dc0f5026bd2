"""A block's weeks in each academic year, on the school's calendar."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sencodesk.domain import delivery
from sencodesk.domain.school_calendar import NO_CALENDAR, weeks_in_year


def test_the_issue_block_from_12_november_is_split_at_31_august():
    block = delivery.Block(date(2026, 11, 12), None, 38)
    years = delivery.weeks_by_year(NO_CALENDAR, block)
    assert set(years) == {2026, 2027}
    assert sum(years.values()) == 38
    assert years[2026] < 38 and years[2026] <= weeks_in_year(NO_CALENDAR, 2026)


def test_a_block_in_one_year_keeps_its_weeks_there():
    assert delivery.weeks_by_year(NO_CALENDAR, delivery.Block(date(2026, 9, 7), None, 10)) == {2026: 10}


def test_an_end_date_stops_the_block():
    block = delivery.Block(date(2026, 9, 7), date(2026, 9, 25), 10)  # three school weeks
    assert delivery.weeks_by_year(NO_CALENDAR, block) == {2026: 3}


def test_weeks_so_far():
    block = delivery.Block(date(2026, 9, 7), None, 38)
    assert delivery.weeks_by_year(NO_CALENDAR, block, until=date(2026, 9, 18)) == {2026: 2}
    assert delivery.weeks_by_year(NO_CALENDAR, block, until=date(2026, 9, 1)) == {}


def test_fixed_costs_fall_in_the_year_the_block_starts():
    block = delivery.Block(date(2026, 11, 12), None, 38)
    assert delivery.starts_in(NO_CALENDAR, block, 2026) and not delivery.starts_in(NO_CALENDAR, block, 2027)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)), st.integers(1, 52))
def test_the_years_add_up_to_the_block(start, weeks):
    years = delivery.weeks_by_year(NO_CALENDAR, delivery.Block(start, None, weeks))
    assert sum(years.values()) == weeks
    assert all(w > 0 for w in years.values())


def test_delivered_cost_is_the_minutes_logged_shared_across_the_group():
    assert delivery.delivered_exact(minutes=600, group_size=4, rate=2200) == 5500  # 10 h x £22 / 4
