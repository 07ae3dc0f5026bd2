"""A year's planned cost, counted on the school's calendar (issue 15): worked examples by hand.

The calendar used: the school's own term dates for 2025/26 and 2026/27 in the usual English
pattern (sc.default_terms), no INSET days. 2026/27 then runs 02/09-23/10, 02/11-18/12/2026,
04/01-12/02, 22/02-19/03, 05/04-28/05 (the early May bank holiday, 03/05, closed) and
07/06-22/07/2027: 196 school days, 39 weeks. 2027/28 has no term dates (approximate).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sencodesk.domain import costing
from sencodesk.domain import school_calendar as sc
from sencodesk.domain.costing import Block, block_weeks, block_years, planned_cost_by_year, teaching_weeks
from sencodesk.domain.la_profile import Costing
from sencodesk.domain.pack_costing import la_weeks
from sencodesk.domain.school_calendar import SchoolCalendar

CAL = SchoolCalendar(terms=sc.default_terms(2025) + sc.default_terms(2026))
ONE_TO_ONE = dict(minutes=30, per_week=3, group_size=1, rate=1850)  # 30 min x 3 a week, TA £18.50


def test_school_days_as_weeks_round_to_the_nearest_week():
    # 190 days (380 sessions, the 1999 Regulations' minimum) is the 38-week costing basis
    assert [sc.school_weeks(d) for d in (0, 2, 3, 7, 8, 190, 192, 193)] == [0, 0, 1, 1, 2, 38, 38, 39]


def test_the_years_weeks_come_from_the_calendar_else_the_setting():
    assert sc.school_days_in_year(CAL, 2026) == 196
    assert teaching_weeks(CAL, 2026) == (39, False)  # counted: 196 / 5 = 39.2
    assert teaching_weeks(CAL, 2027) == (38, True)  # no term dates: the setting, approximate
    assert teaching_weeks(CAL, 2027, default_weeks=39) == (39, True)


def test_a_block_starting_late_in_the_year_is_costed_for_the_weeks_it_runs():
    # Issue 16's example: a 38-week block from Thursday 12/11/2026 was costed for 38 weeks in
    # 2026/27. Its school days to 22/07/2027: 27 to Christmas, 30 + 20 in spring, 39 + 34 in
    # summer = 150 = 30 weeks; the other 8 of its 38 weeks run in 2027/28.
    block = Block(date(2026, 11, 12), None, 38)
    years = planned_cost_by_year(CAL, block, **ONE_TO_ONE)
    assert [(y.year, y.weeks.weeks) for y in years] == [(2026, 30), (2027, 8)]
    # 30 min x 3 x 30 = 45 h x £18.50 = £832.50; 8 weeks: 12 h = £222.00; together 38 weeks
    assert [y.pence for y in years] == [83250, 22200]
    assert sum(y.pence for y in years) == costing.annual_pence(weeks=38, **ONE_TO_ONE) == 105450
    assert years[0].cost.explanation == (
        "30 of its 38 weeks fall in 2026/27: 30 min × 3/wk × 30 wk = 45 h × £18.50 ÷ 1 pupil = £832.50"
    )
    assert (years[0].weeks.approximate, years[1].weeks.approximate) == (False, True)


def test_a_block_running_past_31_august_is_split_and_its_fixed_cost_falls_where_it_starts():
    # 10 weeks from Monday 06/07/2026, a group of 3 with a £60 kit: 06/07-22/07 is 13 school
    # days (2.6 weeks: 3), the other 37 run from 02/09 to 22/10/2026 (7 weeks).
    block = Block(date(2026, 7, 6), None, 10)
    assert block.span(CAL) == (date(2026, 7, 6), date(2026, 10, 22))
    years = planned_cost_by_year(CAL, block, minutes=45, per_week=1, group_size=3, rate=1850, fixed=6000)
    assert [(y.year, y.weeks.weeks, y.weeks.starts_here) for y in years] == [
        (2025, 3, True),
        (2026, 7, False),
    ]
    # 2025/26: 45 min x 3 = 2.25 h x £18.50 / 3 = £13.875, + £60 / 3 = £20: £33.875
    # 2026/27: 45 min x 7 = 5.25 h x £18.50 / 3 = £32.375
    assert [y.exact for y in years] == [Fraction(6775, 2), Fraction(6475, 2)]  # in pence
    # rounded so the two years add up to the block rounded once (£66.25), not £33.88 + £32.38
    assert [y.pence for y in years] == [3388, 3237]
    assert "+ £60.00 fixed costs" in years[0].cost.explanation
    assert "fixed" not in years[1].cost.explanation


def test_a_block_stopped_by_its_review_counts_the_weeks_it_ran():
    # 12 weeks planned from 07/09/2026, the review held on 19/11/2026: 07/09-23/10 is 35 school
    # days, 02/11-19/11 is 14 (half term between): 49 days = 10 weeks
    part = block_weeks(CAL, Block(date(2026, 9, 7), date(2026, 11, 19), 12), 2026)
    assert (part.weeks, part.block_weeks, part.note) == (10, 10, "")


def test_a_year_is_never_costed_for_more_weeks_than_it_has():
    # Found by the property test below: 40 weeks from Tuesday 21/07/2026 run 2 days in 2025/26,
    # all 196 of 2026/27 and 2 in 2027/28 (0.4 + 39.2 + 0.4 weeks): 2026/27 is costed its own 39
    cal = SchoolCalendar(terms=sc.default_terms(2025) + sc.default_terms(2026) + sc.default_terms(2027))
    parts = block_years(cal, Block(date(2026, 7, 21), None, 40))
    assert [(p.year, p.weeks) for p in parts] == [
        (
            2025,
            0,
        ),
        (2026, 39),
    ]


def test_a_block_starting_in_the_august_holiday_belongs_to_the_new_year():
    block = Block(date(2026, 8, 26), None, 12)
    assert block.span(CAL)[0] == date(2026, 9, 2)
    assert [(p.year, p.weeks, p.starts_here) for p in block_years(CAL, block)] == [(2026, 12, True)]


def test_a_year_without_term_dates_is_costed_at_the_settings_weeks():
    # a 52-week block from 01/09/2027: that year has no term dates, so a whole year is the
    # setting's 38 weeks (marked approximate), or 39 where the school set 39
    block = Block(date(2027, 9, 1), None, 52)
    assert block_weeks(CAL, block, 2027).weeks == 38
    assert block_weeks(CAL, block, 2027, default_weeks=39).weeks == 39
    assert block_weeks(CAL, block, 2027).approximate


def test_weeks_in_a_term_for_a_governors_summary():
    # autumn 2026 (01/09 to 31/12): a 38-week block from 07/09 runs 35 + 35 school days = 14 weeks
    block = Block(date(2026, 9, 7), None, 38)
    assert costing.weeks_between(CAL, block, date(2026, 9, 1), date(2026, 12, 31)) == (14, True)
    assert costing.weeks_between(CAL, block, date(2027, 1, 1), date(2027, 8, 31)) == (24, False)
    # a whole academic year counts as block_weeks does
    whole = costing.weeks_between(CAL, block, date(2026, 9, 1), date(2027, 8, 31))
    assert whole == (block_weeks(CAL, block, 2026).weeks, True) == (38, True)


def test_an_la_that_fixes_its_weeks_has_them_for_a_whole_year_block():
    rules = Costing(weeks_per_year=38)
    assert la_weeks(rules, 39, 39) == 38  # the whole of a 39-week year: the LA's 38
    assert la_weeks(rules, 30, 39) == 30  # a block starting in November keeps its own weeks
    assert la_weeks(Costing(weeks_per_year=39), 38, 38) == 39


def test_the_weeks_note_says_how_the_weeks_were_counted():
    assert "39 school weeks this year" in costing.weeks_note(CAL, 2026)
    assert "approximate" in costing.weeks_note(CAL, 2027)


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(date(2025, 9, 1), date(2027, 6, 30)),
    weeks=st.integers(1, 52),
    stop=st.one_of(st.none(), st.integers(0, 400)),
)
def test_the_years_add_up_to_the_block(start, weeks, stop):
    cal = SchoolCalendar(terms=sc.default_terms(2025) + sc.default_terms(2026) + sc.default_terms(2027))
    ends = None if stop is None else date.fromordinal(start.toordinal() + stop)
    block = Block(start, ends, weeks)
    parts = block_years(cal, block)
    first, last = block.span(cal)
    if last < first:
        assert parts == []
        return
    # the years' weeks add up to the block's, except that a year is never costed for more weeks
    # than it has: a block longer than a school year with a day or two either side of it (three
    # years of 0.4 + 39.2 + 0.4 weeks: 0 + 39 + 0, not 40) loses that part-week
    full = [p for p in parts if p.weeks == teaching_weeks(cal, p.year)[0]]
    total = sum(p.weeks for p in parts)
    assert total <= parts[0].block_weeks <= weeks
    assert total == parts[0].block_weeks or (full and total >= parts[0].block_weeks - 1)
    assert sum(p.starts_here for p in parts) == 1
    years = planned_cost_by_year(cal, block, **ONE_TO_ONE, fixed=999)
    exact = sum((y.exact for y in years), Fraction(0))
    assert sum(y.pence for y in years) == costing.round_pence(exact)


@pytest.mark.parametrize("weeks", [1, 10, 38])
def test_a_whole_year_block_from_the_first_day_costs_its_planned_weeks(weeks):
    block = Block(date(2026, 9, 2), None, weeks)
    [year] = planned_cost_by_year(CAL, block, **ONE_TO_ONE)
    assert year.pence == costing.annual_pence(weeks=weeks, **ONE_TO_ONE)


def test_delivered_cost_is_the_minutes_logged_shared_across_the_group():
    # three 20-minute sessions logged for one pupil of a group of 4 at £18.50: 1 h x £18.50 / 4,
    # and a £60 kit / 4 when the block starts in the period: 462.5p, and 462.5p + 1,500p (pence)
    assert costing.delivered_exact(minutes=60, group_size=4, rate=1850) == Fraction(925, 2)
    assert costing.delivered_exact(minutes=60, group_size=4, rate=1850, fixed=6000) == Fraction(3925, 2)
