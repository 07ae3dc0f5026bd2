"""The school's own details (first-run dialog and Settings) and their checks."""

from __future__ import annotations

import re
from typing import Any

from .errors import ValidationError
from .la_codes import LA_CODES

SCHOOL_FIELDS = {
    "school_name": "School name",
    "urn": "URN",
    "la_name": "Local authority",
    "la_number": "LA number",
    "estab_number": "DfE establishment number",
    "senco_name": "SENCO's name",
}

DEFAULT_SETTINGS = {
    "school_name": "",
    "urn": "",
    "la_name": "",
    "la_number": "",
    "estab_number": "",
    "senco_name": "",
    "theme": "light",
    "text_scale": 100,
}

THEMES = {"light": "bootstrap-light", "dark": "bootstrap-dark", "contrast": "bootstrap-light"}


def clean_school(form: dict[str, Any]) -> dict[str, str]:
    """Check the school details; fills the LA name from its number when left blank."""
    values = {k: str(form.get(k) or "").strip() for k in SCHOOL_FIELDS}
    errors = {}
    if not values["school_name"]:
        errors["school_name"] = "The school's name is required."
    if values["urn"] and not re.fullmatch(r"\d{6,7}", values["urn"]):
        errors["urn"] = "A URN is the school's 6-digit reference number, e.g. 123456."
    if values["la_number"] and not re.fullmatch(r"\d{3}", values["la_number"]):
        errors["la_number"] = "The LA number has 3 digits, e.g. 938 for West Sussex."
    if values["estab_number"] and not re.fullmatch(r"\d{4}", values["estab_number"]):
        errors["estab_number"] = "The DfE establishment number has 4 digits, e.g. 2001."
    if not values["senco_name"]:
        errors["senco_name"] = "The SENCO's name is required."
    if errors:
        raise ValidationError(errors)
    if not values["la_name"] and values["la_number"] in LA_CODES:
        values["la_name"] = LA_CODES[values["la_number"]]
    return values
