"""The one-page profile's words."""

from __future__ import annotations

import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.passport import LIMIT, clean_passport


def test_strategies_one_per_line_bullets_stripped():
    p = clean_passport(
        {"like_and_admire": "  Kind ", "how_to_support": "• Now and next board\n\n- Short steps"}, 3
    )
    assert p.like_and_admire == "Kind" and p.how_to_support == ["Now and next board", "Short steps"]
    assert clean_passport({"how_to_support": ["a", " ", "b"]}, 3).how_to_support == ["a", "b"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("like_and_admire", "x" * (LIMIT + 1)),
        ("important_to_me", "y" * (LIMIT + 1)),
        ("how_to_support", ["z" * LIMIT, "more"]),
    ],
)
def test_too_long_for_one_page(field, value):
    with pytest.raises(ValidationError) as e:
        clean_passport({field: value}, 1)
    assert "one-page profile" in e.value.field_errors[field]


def test_at_the_limit_is_fine():
    assert len(clean_passport({"important_to_me": "y" * LIMIT}, 1).important_to_me) == LIMIT
