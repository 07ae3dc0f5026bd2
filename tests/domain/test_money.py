import pytest

from sencodesk.domain.errors import ValidationError
from sencodesk.domain.money import parse_pounds, pounds


@pytest.mark.parametrize(
    "pence, shown",
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (1850, "£18.50"),
        (123450, "£1,234.50"),
        (600000, "£6,000.00"),
        (-250, "-£2.50"),
        (None, ""),
    ],
)
def test_pounds_shown(pence, shown):
    assert pounds(pence) == shown


@pytest.mark.parametrize(
    "text, pence",
    [
        ("18.50", 1850),
        ("18.5", 1850),
        ("18", 1800),
        ("£1,234.50", 123450),
        (" £6000 ", 600000),
        ("0.005", 1),  # half a penny rounds up, as a person expects
        ("0.004", 0),
    ],
)
def test_amounts_typed(text, pence):
    assert parse_pounds(text) == pence


@pytest.mark.parametrize(
    "text, words",
    [
        ("ten pounds", "is not an amount of money"),
        ("", "is not an amount of money"),
        ("-5", "cannot be negative"),
        ("£12.34.5", "is not an amount of money"),
    ],
)
def test_bad_amounts(text, words):
    with pytest.raises(ValidationError) as e:
        parse_pounds(text, "cost", label="Cost")
    assert words in e.value.field_errors["cost"]
