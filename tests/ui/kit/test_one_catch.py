"""A refusal a person can cause is caught in one place, the kit (ui/kit/form.attempt), so every
screen says it the same way: the messages by their fields, the first one focused, nothing lost."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sencodesk.ui.kit import read_date

UI = Path(__file__).resolve().parents[3] / "sencodesk" / "ui"


def test_no_screen_catches_a_validation_error_itself():
    catching = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        if "kit" not in path.relative_to(UI).parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"except\b.*\bValidationError\b", line)
    ]
    assert catching == []


def test_a_date_as_typed_is_read_or_said_to_be_wrong():
    assert read_date("01/09/2026", "dob", "Date of birth") == (date(2026, 9, 1), "")
    assert read_date("", "dob") == (None, "")
    day, wrong = read_date("31/02/2026", "dob", "Date of birth")
    assert day is None and wrong.startswith("Date of birth: '31/02/2026' is not a real date")
