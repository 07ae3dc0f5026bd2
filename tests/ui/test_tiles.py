"""The tile row's line breaking: as many tiles on a line as fit, in order, never fewer than one."""

from sencodesk.ui.tiles import GAP, lines_for


def test_all_on_one_line_when_they_fit_or_before_the_width_is_known():
    assert lines_for([100, 100, 100], 1000) == [3]
    assert lines_for([100, 100, 100], None) == [3]
    assert lines_for([], 500) == []


def test_a_tile_that_would_cross_the_edge_starts_the_next_line():
    room = 2 * (100 + GAP) + 100 + GAP
    assert lines_for([100, 100, 100, 100], room) == [3, 1]
    assert lines_for([100, 100, 100, 100], room - 1) == [2, 2]


def test_a_tile_wider_than_the_room_has_a_line_of_its_own():
    assert lines_for([50, 900, 50], 300) == [1, 1, 1]
