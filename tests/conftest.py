"""Shared fixtures: a real school in a temporary folder (a real SQLite file, no mocks). Plain
helpers (SCHOOL, make_upn, pupil_form) are in tests/helpers.py."""

from __future__ import annotations

import pytest

from sencodesk.services import pupils, settings
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL, pupil_form


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "school"


@pytest.fixture
def actor(data_dir):
    s = open_school(data_dir)
    settings.save_school(s, SCHOOL)
    yield s
    s.close()


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
