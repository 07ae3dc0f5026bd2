"""The demo school's inclusion strategy: budgets for this year and words under two headings."""

from __future__ import annotations

from datetime import date

from sencodesk.demo import build_demo
from sencodesk.services import inclusion_strategy
from sencodesk.services.actor import open_school


def test_the_demo_has_budgets_and_a_start_on_its_words(tmp_path):
    build_demo(tmp_path / "demo", pupils=60, seed=5, today=date(2026, 12, 3))
    actor = open_school(tmp_path / "demo")
    try:
        budgets = inclusion_strategy.get_budgets(actor, "2026/27")
        assert 20_000_00 < budgets.notional_sen < 50_000_00 and 3_000_00 < budgets.imf < 5_000_00
        strategy = inclusion_strategy.get_strategy(actor, "2026/27")
        assert set(strategy.words) == {"about", "needs"}  # the rest are left for the SENCO
        assert strategy.activities and not strategy.published
        model = inclusion_strategy.strategy_model(actor, "2026/27", today=date(2026, 12, 3))
        assert model.provision and model.on_register
    finally:
        actor.close()
