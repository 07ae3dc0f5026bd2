"""The kit's Table: minimum widths that follow the text size, sorting by heading, Enter opens."""

from __future__ import annotations

from tkinter import font

import pytest

from sencodesk.ui import appearance
from sencodesk.ui.kit import Column, Table
from sencodesk.ui.kit.table import sort_key
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui

COLUMNS = (
    Column("name", "Name", sample="Zachariah Montgomery-Smith", stretch=True),
    Column("date", "Referred", sample="00/00/0000"),
    Column("cost", "Cost", sample="£10,000.00", anchor="e"),
)
ROWS = [
    ("1", ("Brown, Ada", "03/11/2026", "£1,200.00")),
    ("2", ("adams, Ben", "20/09/2025", "£90.00")),
    ("3", ("Cole, Cy", "01/01/2027", "£15,000.00")),
]


def table(root, **options) -> Table:
    made = Table(root, COLUMNS, **options)
    made.show(ROWS)
    made.pack(fill="both", expand=True)
    pump(root)
    return made


def _needed(text: str) -> int:
    return font.nametofont("TkDefaultFont").measure(text)


def test_minimum_widths_keep_names_and_dates_whole_at_200_percent_text(root):
    shown = table(root)
    at_100 = shown.min_widths()
    appearance.apply_text_scale(root, 200)
    pump(root)
    at_200 = shown.min_widths()
    for column in COLUMNS:
        assert at_200[column.key] >= _needed(column.sample) and at_200[column.key] >= _needed(column.heading)
        assert at_200[column.key] > at_100[column.key] * 1.6
        assert int(shown.tree.column(column.key, "width")) >= at_200[column.key]


def test_a_table_made_at_200_percent_is_wide_enough_from_the_start(root):
    appearance.apply_text_scale(root, 200)
    shown = table(root)
    assert shown.min_widths()["name"] >= _needed("Zachariah Montgomery-Smith")


def test_clicking_a_heading_sorts_by_it_and_again_the_other_way(root):
    shown = table(root)
    heading = shown.tree.heading("date", "command")
    root.tk.call(heading)  # what a click on the heading runs
    assert list(shown.tree.get_children()) == ["2", "1", "3"]  # by date, not by the text
    assert shown.tree.heading("date", "text") == "Referred ▲"
    root.tk.call(heading)
    assert list(shown.tree.get_children()) == ["3", "1", "2"]
    root.tk.call(shown.tree.heading("cost", "command"))
    assert list(shown.tree.get_children()) == ["2", "1", "3"]  # money by value
    root.tk.call(shown.tree.heading("name", "command"))
    assert list(shown.tree.get_children()) == ["2", "1", "3"]  # names ignoring case
    assert shown.tree.heading("date", "text") == "Referred"


def test_the_order_chosen_stays_when_the_rows_are_shown_again(root):
    shown = table(root)
    root.tk.call(shown.tree.heading("date", "command"))
    shown.show(list(reversed(ROWS)))
    assert list(shown.tree.get_children()) == ["2", "1", "3"]


def test_enter_opens_the_chosen_row_and_the_keyboards_row_is_marked(root):
    opened = []
    shown = table(root, on_open=opened.append)
    keyboard_ready(root, shown.tree)
    pump(root)
    assert shown.tree.tag_has("keyboard") == ("1",)  # visible before anything is chosen
    shown.select("3")
    shown.tree.event_generate("<Return>")
    pump(root)
    assert opened == ["3"]
    assert shown.tree.bind("<Double-1>")  # a double click opens it too


def test_columns_can_be_resized_but_not_below_their_minimum(root):
    shown = table(root)
    least = shown.min_widths()["date"]
    shown.tree.column("date", width=least + 80)
    assert int(shown.tree.column("date", "width")) == least + 80
    assert int(shown.tree.column("date", "minwidth")) == least


def test_sort_keys():
    assert sort_key("03/11/2026") < sort_key("01/01/2027")
    assert sort_key("£90.00") < sort_key("£1,200.00")
    assert sort_key("") > sort_key("zebra")
