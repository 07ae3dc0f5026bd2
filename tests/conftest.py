"""Shared fixtures: a real school in a temporary folder (a real SQLite file, no mocks)."""

from __future__ import annotations

import itertools

import pytest

from sencodesk.domain.upn import check_letter
from sencodesk.services import pupils, settings
from sencodesk.services.actor import open_school

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


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "school"


@pytest.fixture
def actor(data_dir):
    s = open_school(data_dir)
    settings.save_school(s, SCHOOL)
    yield s
    s.close()


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


@pytest.fixture
def add_pupil(actor):
    """add_pupil(**fields) -> id: a pupil saved through the real service."""

    def add(**overrides) -> int:
        pupil_id, _ = pupils.add_pupil(actor, pupil_form(**overrides))
        return pupil_id

    return add


@pytest.fixture
def strategy_published(actor):
    """The school's 2026/27 inclusion strategy, marked published: for tests about pupils' dates,
    which the whole school's own deadline (31/12/2026, until published) would otherwise join."""
    from sencodesk.services import inclusion_strategy

    s = inclusion_strategy.save_strategy(actor, "2026/27", 0, {"words": {"about": "Ours."}})
    inclusion_strategy.mark_published(
        actor, "2026/27", s.version, {"published_on": "01/11/2026", "published_url": "https://a.sch.uk/send"}
    )
