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
