"""Counts in words: singular for exactly one, plural otherwise, irregulars as given."""

import pytest

from sencodesk.domain.plural import noun, plural


@pytest.mark.parametrize(
    "n, expected",
    [(1, "1 pupil"), (0, "0 pupils"), (2, "2 pupils"), (2000, "2000 pupils"), (-1, "-1 pupils")],
)
def test_regular_words_add_s(n, expected):
    assert plural(n, "pupil") == expected


def test_irregular_words_and_phrases_are_given_not_guessed():
    assert plural(1, "child", "children") == "1 child"
    assert plural(3, "child", "children") == "3 children"
    assert plural(1, "pupil on roll", "pupils on roll") == "1 pupil on roll"
    assert plural(12, "pupil on roll", "pupils on roll") == "12 pupils on roll"
    assert plural(2, "school day") == "2 school days"


def test_the_word_alone():
    assert noun(1, "section") == "section"
    assert noun(4, "section") == "sections"
    assert noun(0, "child", "children") == "children"


def test_never_the_bracketed_s():
    assert "(s)" not in plural(5, "row") and "(s)" not in plural(1, "row")
