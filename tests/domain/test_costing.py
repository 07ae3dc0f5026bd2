"""The costing rule, checked against sums done by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sencodesk.domain import costing
from sencodesk.domain.costing import annual_cost, apportion, exact_cost
from sencodesk.domain.errors import ValidationError


def test_issue_example_group_of_six():
    # 45 x 3 x 38 = 5130 min = 85.5 h; x 1850p = 158,175p; / 6 = 26,362.5p -> £263.63 (half up)
    cost = costing.annual_cost(minutes=45, per_week=3, weeks=38, group_size=6, rate=1850)
    assert cost.pence == 26363
    assert cost.explanation == "45 min × 3/wk × 38 wk = 85.5 h × £18.50 ÷ 6 pupils = £263.63"


def test_one_to_one_costs_the_whole_staff_time():
    # 30 x 1 x 10 = 5 h x £22.00 = £110.00
    cost = costing.annual_cost(minutes=30, per_week=1, weeks=10, group_size=1, rate=2200)
    assert cost.pence == 11000
    assert cost.explanation.endswith("= 5 h × £22.00 ÷ 1 pupil = £110.00")


def test_group_size_divides_the_cost():
    one = costing.annual_cost(minutes=20, per_week=5, weeks=12, group_size=1, rate=1850).pence
    four = costing.annual_cost(minutes=20, per_week=5, weeks=12, group_size=4, rate=1850).pence
    assert one == 37000  # 20 h x £18.50
    assert four == 9250


def test_fixed_cost_is_shared_and_shown_as_its_own_line():
    # Lego-based therapy: 45 x 1 x 12 = 9 h x £18.50 = £166.50 / 3 = £55.50; kit £60 / 3 = £20
    cost = costing.annual_cost(
        minutes=45, per_week=1, weeks=12, group_size=3, rate=1850, fixed=6000, fixed_note="Lego kit"
    )
    assert cost.pence == 7550
    assert cost.explanation == (
        "45 min × 1/wk × 12 wk = 9 h × £18.50 ÷ 3 pupils = £55.50; "
        "+ £60.00 Lego kit ÷ 3 pupils = £20.00; total £75.50"
    )


def test_rounded_once_at_the_end_not_per_part():
    # staff: 33 min x 1 x 1 = 0.55 h x 20p / 2 = 5.5p; fixed: 1p / 2 = 0.5p; exact total 6p.
    # Rounding the parts first (6p + 1p) would give 7p.
    cost = costing.annual_cost(
        minutes=33, per_week=1, weeks=1, group_size=2, rate=20, fixed=1, fixed_note="x"
    )
    assert cost.pence == 6
    # and half a penny rounds up, as on a calculator (not to even)
    assert costing.annual_cost(minutes=33, per_week=1, weeks=1, group_size=1, rate=10).pence == 6


def test_bad_figures_refused():
    with pytest.raises(ValidationError, match="at least 1 pupil"):
        costing.annual_cost(minutes=30, per_week=1, weeks=1, group_size=0, rate=1850)
    with pytest.raises(ValidationError):
        costing.annual_cost(minutes=-5, per_week=1, weeks=1, group_size=1, rate=1850)


@pytest.mark.parametrize(
    "total, over, text",
    [
        (599_999, False, "£5,999.99 of the £6,000.00 threshold (100%)"),
        (600_000, False, "£6,000.00 of the £6,000.00 threshold (100%)"),
        (600_001, True, "£6,000.01: £0.01 over the £6,000.00 threshold"),
        (150_000, False, "£1,500.00 of the £6,000.00 threshold (25%)"),
    ],
)
def test_threshold_comparison(total, over, text):
    t = costing.against_threshold(total, 600_000)
    assert (t.over, t.text) == (over, text)
    assert t.share == pytest.approx(total / 600_000)


def test_clean_costing_good_and_bad():
    form = {
        "rate_teacher": "35",
        "rate_hlta": "22.00",
        "rate_ta": "£18.50",
        "rate_external": "60",
        "weeks_per_year": "39",
        "threshold": "6,000",
    }
    s = costing.clean_costing(form)
    assert s.rates == {"teacher": 3500, "hlta": 2200, "ta": 1850, "external": 6000}
    assert (s.weeks_per_year, s.threshold) == (39, 600_000)
    assert costing.clean_costing(costing.costing_form(s)) == s
    with pytest.raises(ValidationError) as e:
        costing.clean_costing(form | {"rate_ta": "lots", "weeks_per_year": "60", "threshold": "0"})
    assert set(e.value.field_errors) == {"rate_ta", "weeks_per_year", "threshold"}
    assert "18.50" in e.value.field_errors["rate_ta"]


def test_defaults_match_the_issue():
    d = costing.DEFAULT_COSTING
    assert [d.rate(r) for r in ("teacher", "hlta", "ta", "external")] == [3500, 2200, 1850, 6000]
    assert (d.weeks_per_year, d.threshold) == (38, 600_000)


@pytest.mark.parametrize(
    "args",
    [
        dict(minutes=45, per_week=3, weeks=38, group_size=6, rate=1850),
        dict(minutes=45, per_week=1, weeks=12, group_size=3, rate=1850, fixed=6000),
        dict(minutes=33, per_week=1, weeks=1, group_size=2, rate=20, fixed=1),
        dict(minutes=17, per_week=4, weeks=7, group_size=7, rate=2213, fixed=999),
    ],
)
def test_fast_total_agrees_with_the_explained_cost(args):
    assert costing.annual_pence(**args) == costing.annual_cost(**args, fixed_note="x").pence


# --- money shown in parts adds up (issue 15) ------------------------------------------------


def _parts(explanation: str) -> list[int]:
    """The £ amounts after each '=' in the working: the parts as shown, in pence."""
    import re

    return [int(a.replace(",", "").replace(".", "")) for a in re.findall(r"= £([\d,]+\.\d\d)", explanation)]


def test_the_parts_shown_add_up_to_the_total_shown():
    # 30 min x 1 x 38 wk at £23.34/h over 3, plus £50 of materials: the parts used to be
    # rounded separately and missed the total by a penny.
    cost = annual_cost(
        minutes=50, per_week=1, weeks=38, group_size=3, rate=2334, fixed=5000, fixed_note="books"
    )
    staff, share = _parts(cost.explanation)
    assert staff + share == cost.pence


@given(
    minutes=st.integers(1, 120),
    per_week=st.integers(1, 10),
    weeks=st.integers(1, 52),
    group=st.integers(1, 12),
    rate=st.integers(0, 9000),
    fixed=st.integers(1, 200_000),
)
def test_any_costed_line_with_fixed_costs_adds_up(minutes, per_week, weeks, group, rate, fixed):
    cost = annual_cost(
        minutes=minutes, per_week=per_week, weeks=weeks, group_size=group, rate=rate, fixed=fixed
    )
    staff, share = _parts(cost.explanation)
    assert staff + share == cost.pence


@given(
    st.lists(st.fractions(min_value=0, max_value=10_000_000, max_denominator=720), min_size=1, max_size=60)
)
def test_apportioned_parts_sum_to_the_total_rounded_once(parts):
    shown = apportion(parts)
    assert sum(shown) == (2 * sum(parts).numerator + sum(parts).denominator) // (2 * sum(parts).denominator)
    assert all(abs(s - p) <= 1 + len(parts) for s, p in zip(shown, parts, strict=True))


def test_a_groups_shares_add_up_to_what_the_group_costs():
    # £351.50 a year shared by 3: each share is 117.1666p; three rounded shares made £351.51.
    share = exact_cost(minutes=30, per_week=1, weeks=38, group_size=3, rate=1850)
    assert apportion([share * 3]) == [35150]
    assert 3 * annual_cost(minutes=30, per_week=1, weeks=38, group_size=3, rate=1850).pence == 35151
    assert apportion([Fraction(1, 3)] * 3) == [0, 0, 1] and apportion([]) == []
