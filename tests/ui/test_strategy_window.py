"""The inclusion strategy's window (ui/strategy_window.py): writing under each heading with the
figures beside, a stale save refused with the text kept, exports, marking it published, and its
deadline on the dashboard and the Deadlines screen. The budgets in Settings:
tests/ui/screens/test_strategy_settings.py."""

from __future__ import annotations

import docx
import pytest

from sencodesk.domain.users import User
from sencodesk.services import inclusion_strategy
from sencodesk.services.actor import Actor
from sencodesk.ui import strategy_window as sw
from sencodesk.ui.exporting import save_testing
from tests.ui.helpers import pump, wait_for

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def one_window():
    sw._open.clear()
    save_testing.paths.clear()
    yield
    sw._open.clear()
    save_testing.paths.clear()


@pytest.fixture
def window(main):
    win = main.show("reports").open_strategy()
    pump(main.root)
    return win


def choose(win, key: str) -> None:
    win.headings.selection_set(key)
    pump(win)


def test_words_typed_under_each_heading_are_saved_together(window, actor):
    assert window.heading_label.cget("text") == "1. About this strategy"
    window.words.set("Our strategy for this year.")
    choose(window, "needs")
    assert window.words.get() == ""
    labels = [
        child.cget("text") for child in window.figures.winfo_children() if child.winfo_class() == "TLabel"
    ]
    assert any("pupils on roll" in text for text in labels)  # the figures for this heading
    window.words.set("Speech and early reading.")
    choose(window, "universal")
    assert window.activities.winfo_manager()  # whole-school activity lines under this heading
    window.activities.set("Staff training: £2,400")
    assert window.save()
    saved = inclusion_strategy.get_strategy(actor)
    assert saved.words == {"about": "Our strategy for this year.", "needs": "Speech and early reading."}
    assert saved.activities[0].pence == 240_000
    assert window.headings.item("about", "text").startswith("✓ ")
    assert "Saved" in window.message.cget("text") and not window.dirty()


def test_a_stale_save_names_who_saved_and_keeps_the_text(window, actor):
    head = Actor(db=actor.db, user=User(None, "head", "Mrs P Head", "head"), data_dir=actor.data_dir)
    inclusion_strategy.save_strategy(head, window.year, 0, {"words": {"about": "The head's words."}})
    window.words.set("Mine, typed meanwhile.")
    assert not window.save()
    assert "Mrs P Head changed this inclusion strategy" in window.message.cget("text")
    assert window.words.get() == "Mine, typed meanwhile."
    assert inclusion_strategy.get_strategy(actor).text("about") == "The head's words."


def test_bad_activity_lines_are_refused_in_words_and_nothing_is_saved(window, actor):
    choose(window, "universal")
    window.activities.set("Training with no cost")
    assert not window.save()
    assert "after a colon" in window.message.cget("text")
    assert inclusion_strategy.get_strategy(actor).version == 0


def test_export_saves_the_words_first_and_writes_a_word_file(window, tmp_path):
    window.words.set("Typed, not yet saved.")
    dialog = window.export(".docx")
    assert dialog.save_button.cget("text") == "Save the Word file…"
    save_testing.paths.append(tmp_path / "strategy")  # the ending is added
    dialog.save()
    wait_for(dialog, window)
    d = docx.Document(tmp_path / "strategy.docx")
    assert "Typed, not yet saved." in [p.text for p in d.paragraphs]
    dialog.close()


def test_marking_published_takes_the_deadline_off_the_dashboard(main, window, actor):
    board = main.show("dashboard")
    pump(main.root)
    assert board.strategy_line.winfo_manager() and "Inclusion strategy" in board.strategy_line.cget("text")
    assert window.mark_published() is None  # nothing saved yet: it says so
    assert "Save the" in window.message.cget("text")
    window.words.set("Ours.")
    window.save()
    dialog = window.mark_published()
    dialog.fields["published_url"].set("www")
    assert not dialog.save()
    assert "web address" in dialog.fields["published_url"].error_text
    dialog.fields["published_url"].set("https://www.oaktree.sch.uk/send")
    assert dialog.save()
    pump(main.root)
    assert "Published on" in window.status.cget("text")
    assert not board.strategy_line.winfo_manager()
    assert inclusion_strategy.get_strategy(actor).published


def test_the_deadlines_screen_opens_the_strategy(main):
    screen = main.show("deadlines")
    pump(main.root)
    [item] = [d for d in screen.items.values() if d.record == "inclusion_strategy"]
    values = screen.tree.item(next(i for i, d in screen.items.items() if d is item), "values")
    assert values[2] == "Whole school" and values[6] == "Inclusion strategy"
    win = screen.open_deadline(item)
    assert isinstance(win, sw.StrategyWindow) and main.open_strategy() is win  # one window
