"""What the screen walk at 1366x768 found: screens that ran off the window, cut columns, colours
that did not follow the theme, words that did not read well."""

from __future__ import annotations

from datetime import date, timedelta
from tkinter import font

import pytest
import ttkbootstrap as ttk

from sencodesk.domain.dates import uk
from sencodesk.services import pupils
from sencodesk.ui import appearance
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


def _leave(actor, pupil_id: int, days_ago: int) -> None:
    p = pupils.get_pupil(actor, pupil_id)
    pupils.mark_leaver(actor, pupil_id, p.version, uk(date.today() - timedelta(days=days_ago)), "Hill School")


def test_audit_trail_shows_the_chosen_line_whole_and_the_time_uncut(main, add_pupil, root):
    add_pupil(legal_surname="Long")
    trail = main.show("audit")
    pump(root)
    assert trail.detail.cget("text") == "Choose a line to read it in full."
    first = trail.tree.get_children()[0]
    trail.tree.selection_set(first)
    pump(root)
    at, who, pupil, what = trail.tree.item(first, "values")
    assert trail.detail.cget("text") == f"{at}, {who} about {pupil}: {what}"
    needed = font.nametofont("TkDefaultFont").measure(at)
    assert trail.tree.column("when", "width") > needed


def test_settings_data_panel_moves_under_the_others_when_it_does_not_fit(main, root):
    screen = main.show("settings")
    pump(root)
    screen.reflow(5000)
    assert screen.data.grid_info()["row"] == 0 and screen.data.grid_info()["column"] == 2
    screen.reflow(900)  # large text on a small screen: below, never off the right edge
    assert screen.data.grid_info()["row"] == 1 and screen.data.grid_info()["column"] == 0
    screen.reflow(5000)
    assert screen.data.grid_info()["row"] == 0


def test_settings_fits_a_1366_wide_window(main, root):
    root.geometry("1366x720+0+0")
    root.deiconify()
    screen = main.show("settings")
    pump(root)
    pump(root)
    right_edge = screen.data.winfo_rootx() + screen.data.winfo_width()
    assert right_edge <= root.winfo_rootx() + 1366
    assert screen.data.grid_info()["row"] == 0  # all three columns side by side at 100%


def test_dashboard_leavers_red_follows_the_theme_and_counts_read_well(main, actor, add_pupil, root):
    for name in ("One", "Two"):
        _leave(actor, add_pupil(legal_surname=name), days_ago=40)
    dashboard = main.show("dashboard")
    pump(root)
    assert dashboard.leavers.note.cget("text").startswith("2 leavers whose SEN files are not marked as sent.")
    appearance.apply_theme(root, "dark")
    dashboard.refresh()
    colour = str(dashboard.leavers.tree.tag_configure("overdue", "foreground"))
    assert colour == ttk.Style.get_instance().colors.danger
    assert all(
        "overdue" in dashboard.leavers.tree.item(i, "tags") for i in dashboard.leavers.tree.get_children()
    )


def test_dashboard_reviews_list_keeps_its_half_of_the_width(main, root):
    root.geometry("1366x720+0+0")
    root.deiconify()
    dashboard = main.show("dashboard")
    pump(root)
    pump(root)
    columns = sum(dashboard.list.column(c, "width") for c in dashboard.list["columns"])
    assert dashboard.list.winfo_width() >= columns - 4  # no column cut off at 100%
    assert dashboard.list_label.cget("text").startswith(("Reviews overdue: ", "Reviews due in the next"))


def test_a_teachers_dashboard_does_not_ask_for_transfer_packs(actor, add_pupil, root):
    from sencodesk.services.actor import Actor
    from sencodesk.ui.app import build_main_window
    from tests.ui.test_accounts_ui import add_account

    _leave(actor, add_pupil(legal_surname="Gone"), days_ago=40)
    teacher = add_account(actor, "fitteacher", "teacher")
    window = build_main_window(Actor(db=actor.db, user=teacher, data_dir=actor.data_dir), root)
    dashboard = window.show("dashboard")
    pump(root)
    assert not dashboard.leavers.winfo_manager()
    senco_dashboard = build_main_window(actor, root).show("dashboard")
    pump(root)
    assert senco_dashboard.leavers.winfo_manager() and senco_dashboard.leavers.rows()


def test_a_teachers_record_offers_no_export_they_would_be_refused(actor, add_pupil, root):
    from sencodesk.services.actor import Actor
    from sencodesk.ui.app import build_main_window
    from tests.ui.test_accounts_ui import _teachers_pupil, add_account

    teacher = add_account(actor, "expteacher", "teacher")
    pupil_id = _teachers_pupil(actor, teacher)
    window = build_main_window(Actor(db=actor.db, user=teacher, data_dir=actor.data_dir), root)
    record = window.open_pupil(pupil_id)
    pump(root)
    assert record.pupil is not None
    assert not record.data_actions.sar_button.winfo_manager()
    record.destroy()
    senco_record = build_main_window(actor, root).open_pupil(pupil_id)
    pump(root)
    assert senco_record.data_actions.sar_button.winfo_manager() == "pack"


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        parts = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        parts = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_wording_hints_are_readable_in_every_theme(root, theme):
    from sencodesk.ui.kit.fields import HintLine

    appearance.apply_theme(root, theme)
    hint = HintLine(root, lambda text: [])
    style = hint.cget("style") or "TLabel"
    colours = ttk.Style.get_instance()
    foreground = colours.lookup(style, "foreground")
    assert _contrast(foreground, colours.colors.bg) >= 4.5  # WCAG AA for normal text
    hint.destroy()


def test_group_session_dialog_says_what_fills_the_empty_list(main, actor, add_pupil, root):
    from tests.ui.pupil.test_graduated_screens import planned

    planned(actor, add_pupil, legal_forename="Ada")
    dialog = main.show("provision").log_group()
    pump(root)
    assert dialog.empty_note.winfo_manager() == "pack"
    assert "Choose a provision" in dialog.empty_note.cget("text")
    dialog.provision.set("Phonics catch-up")
    pump(root)
    assert dialog.ticks and not dialog.empty_note.winfo_manager()
    dialog.destroy()


def test_at_150_percent_the_cycle_dates_are_not_cut(main, actor, add_pupil, root):
    from tests.ui.pupil.test_graduated_screens import open_support, planned

    appearance.apply_text_scale(root, 150)
    pupil_id, _ = planned(actor, add_pupil)
    record, support = open_support(main, pupil_id)
    needed = font.nametofont("TkDefaultFont").measure("00/00/0000")
    assert support.tree.column("plan", "width") > needed
    assert support.tree.column("review", "width") > needed
    record.destroy()


def test_a_contacts_remove_button_is_inside_the_record_window(main, add_pupil, root):
    root.geometry("1366x720+0+0")
    root.deiconify()
    record = main.open_pupil(add_pupil(legal_surname="Kaur"))
    record.tabs.select(record.pages.get(record.contacts, record.contacts))
    row = record.contacts.add({"name": "Grace Kaur", "relationship": "Mother"})
    pump(root)
    pump(root)
    remove = row.widgets[-1]
    assert remove.cget("text") == "Remove"
    # The tab scrolls up and down only: the row must fit the width the tab shows.
    shown = record.pages[record.contacts].winfo_width()
    assert record.contacts.winfo_reqwidth() <= shown, (record.contacts.winfo_reqwidth(), shown)
    record.destroy()


def _dashboard_tiles(dashboard) -> list:
    return [*dashboard.buttons.values(), *dashboard.deadlines.buttons.values()]


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_every_dashboard_tile_is_inside_a_1366_wide_window(main, root, actor, add_pupil, scale):
    add_pupil(legal_surname="Tile")
    root.geometry("1366x720+0+0")
    root.deiconify()
    appearance.apply_text_scale(root, scale)
    dashboard = main.show("dashboard")
    dashboard.refresh()
    for _ in range(3):  # the window's size, then the tiles' lines, settle over a few idle passes
        pump(root)
    right = root.winfo_rootx() + root.winfo_width()
    bottom = root.winfo_rooty() + root.winfo_height()
    for tile in _dashboard_tiles(dashboard):
        assert tile.winfo_ismapped(), tile.cget("text")
        assert tile.winfo_rootx() + tile.winfo_width() <= right, (scale, tile.cget("text"))
        # and not cut at the foot either: the page scrolls rather than squeeze the panels
        assert tile.winfo_rooty() + tile.winfo_height() <= bottom, (scale, tile.cget("text"))
        # whole: as wide as its words need, not squeezed
        assert tile.winfo_width() >= tile.winfo_reqwidth(), (scale, tile.cget("text"))
    lines = [len(row._layout) for row in dashboard.tile_rows]
    assert lines[0] == 1  # the register's three counts always fit on one line
    if scale == 100:
        assert lines == [1, 1, 1]  # nothing wraps at the usual size: one line each, as before
    else:
        assert lines[1] >= 2  # the work tiles wrap at large text rather than run off


def test_tiles_wrap_back_when_the_text_is_made_smaller_again(main, root):
    root.geometry("1366x720+0+0")
    root.deiconify()
    dashboard = main.show("dashboard")
    appearance.apply_text_scale(root, 200)
    for _ in range(3):
        pump(root)
    assert len(dashboard.tile_rows[1]._layout) >= 2
    appearance.apply_text_scale(root, 100)
    for _ in range(3):
        pump(root)
    assert dashboard.tile_rows[1]._layout == [5]


def test_at_200_percent_the_dashboard_scrolls_rather_than_squeeze_the_reviews_list(
    main, root, actor, add_pupil
):
    root.geometry("1366x720+0+0")
    root.deiconify()
    dashboard = main.show("dashboard")
    for _ in range(3):
        pump(root)
    assert dashboard.page.winfo_height() <= root.winfo_height()  # 100%: fits, nothing to scroll
    appearance.apply_text_scale(root, 200)
    for _ in range(3):
        pump(root)
    assert dashboard.page.winfo_height() > root.winfo_height()  # taller than the window: it scrolls
    row_height = ttk.Style.get_instance().lookup("Treeview", "rowheight")
    assert dashboard.list.winfo_height() >= 3 * int(row_height)  # a list, not a sliver


def test_dashboard_reviews_columns_are_not_cut_at_100_percent(main, root, actor, add_pupil):
    from tests.ui.pupil.test_graduated_screens import planned

    planned(actor, add_pupil, start=100, legal_surname="Late", year_group="R", class_name="Reception Robins")
    root.geometry("1366x720+0+0")
    root.deiconify()
    dashboard = main.show("dashboard")
    for _ in range(3):
        pump(root)
    tree = dashboard.list
    measure = font.nametofont("TkDefaultFont").measure
    (row,) = tree.get_children()
    assert tree.set(row, "year") == "Reception, Reception Robins"
    for key in ("date", "when", "year", "cycle"):  # every column but the name shows its words whole
        for words in (tree.heading(key, "text"), tree.set(row, key)):
            assert tree.column(key, "width") > measure(words), (key, words)
    columns = sum(tree.column(c, "width") for c in tree["columns"])
    assert tree.winfo_width() >= columns - 4  # and the last column is inside the list


def _inside_window(widget, root) -> bool:
    top, bottom = root.winfo_rooty(), root.winfo_rooty() + root.winfo_height()
    return (
        widget.winfo_ismapped()
        and top <= widget.winfo_rooty()
        and widget.winfo_rooty() + widget.winfo_height() <= bottom
    )


@pytest.mark.parametrize("scale", [150, 200])
def test_every_nav_button_can_be_brought_inside_a_768_high_window(main, root, scale):
    root.geometry("1366x720+0+0")
    root.deiconify()
    signed_in = main.nav_footer("Signed in:\nMs R Khan (SENCO)")
    appearance.apply_text_scale(root, scale)
    for _ in range(3):
        pump(root)
    assert _inside_window(signed_in, root)  # who is signed in stays in sight; the entries scroll
    for key, button in main.nav_buttons.items():
        main.nav_list.see(button)
        pump(root)
        assert _inside_window(button, root), (scale, key)
    # Choosing a screen (a Ctrl+number key) scrolls its entry into sight.
    main.show("retention")
    main.nav_list.see(main.nav_buttons["dashboard"])
    pump(root)
    main.show("retention")
    pump(root)
    assert _inside_window(main.nav_buttons["retention"], root)


def test_at_200_percent_the_nav_scrolls_and_at_100_it_does_not(main, root):
    root.geometry("1366x720+0+0")
    root.deiconify()
    for _ in range(2):
        pump(root)
    assert not main.nav_list.bar.winfo_manager()
    assert all(_inside_window(b, root) for b in main.nav_buttons.values())  # all in sight at once
    appearance.apply_text_scale(root, 200)
    for _ in range(3):
        pump(root)
    assert main.nav_list.bar.winfo_manager()  # a scroll bar says there is more below
    assert not _inside_window(main.nav_buttons["retention"], root) or not _inside_window(
        main.nav_buttons["dashboard"], root
    )
    appearance.apply_text_scale(root, 100)
    for _ in range(3):
        pump(root)
    assert not main.nav_list.bar.winfo_manager()
