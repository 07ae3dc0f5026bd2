"""Plain helpers shared by tests everywhere (fixtures live in the conftest files): the test
school's details, a valid UPN, a pupil's form."""

from __future__ import annotations

import itertools

from sencodesk.domain.upn import check_letter

SCHOOL = {
    "school_name": "Oak Tree Primary",
    "urn": "123456",
    "la_number": "938",
    "estab_number": "2001",
    "senco_name": "Ms R Khan",
}

_serial = itertools.count(1)


def make_upn(serial: int | None = None, la: str = "938", estab: str = "2001", year: str = "18") -> str:
    """A valid permanent UPN for tests, different each call."""
    body = f"{la}{estab}{year}{(serial or next(_serial)) % 1000:03d}"
    return check_letter(body) + body


def pupil_form(**overrides) -> dict:
    form = {
        "upn": make_upn(),
        "legal_surname": "Smith",
        "legal_forename": "Amy",
        "dob": "03/04/2018",
        "gender": "F",
        "year_group": "3",
        "class_name": "3B",
        "sen_status": "N",
    }
    return form | overrides
