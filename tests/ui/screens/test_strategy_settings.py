"""The inclusion strategy's part of Settings (ui/screens/strategy_settings.py): the year's budgets
saved or refused in words, and no strategy at all for the office or a teacher."""

from __future__ import annotations

import pytest

from sencodesk.domain.users import User
from sencodesk.services import inclusion_strategy
from sencodesk.services.actor import Actor
from sencodesk.ui import dialogs
from sencodesk.ui.app import build_main_window
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


def test_settings_saves_the_budgets_and_says_what_is_wrong(main, actor):
    panel = main.show("settings").strategy
    panel.fields["notional_sen"].set("84,000")
    panel.fields["imf"].set("lots")
    assert not panel.save()
    assert "not an amount of money" in panel.fields["imf"].error_text
    panel.fields["imf"].set("14200")
    assert panel.save()
    budgets = inclusion_strategy.get_budgets(actor, panel.year.get())
    assert (budgets.notional_sen, budgets.imf) == (8_400_000, 1_420_000)


def test_office_and_teachers_see_no_strategy(root, actor):
    for role in ("office", "teacher"):
        other = Actor(db=actor.db, user=User(None, role, role.title(), role), data_dir=actor.data_dir)
        window = build_main_window(other, root)
        pump(root)
        assert window.show("settings").strategy is None
        if role == "teacher":
            assert not window.show("dashboard").strategy_line.winfo_manager()
        window.destroy()
    assert not [m for kind, m in dialogs.testing.shown if kind == "error"]
