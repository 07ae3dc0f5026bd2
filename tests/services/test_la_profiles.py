"""Shipped and school-added LA profiles, and the Settings choice."""

from __future__ import annotations

import pytest

from sencodesk.domain.errors import NotFound, ValidationError
from sencodesk.services import la_profiles
from sencodesk.services.settings import get_settings
from sencodesk.store import audit


def test_shipped_profiles_load_and_differ(actor):
    profiles, problems = la_profiles.load_profiles(actor)
    assert problems == []
    assert {"default", "example_northmoor", "example_eastbridge"} <= set(profiles)
    north, east = profiles["example_northmoor"], profiles["example_eastbridge"]
    assert north.order != east.order and north.headings != east.headings
    assert north.questions and east.questions and north.costing.weeks_per_year != east.costing.weeks_per_year
    kinds = {c.kind for p in (north, east) for c in p.checklist}
    assert {"reviewed_cycles", "ep_within_months", "costed_provision_map"} <= kinds


def test_school_default_is_neutral_until_chosen(actor):
    assert la_profiles.school_profile(actor).key == "default"
    la_profiles.choose_profile(actor, "example_eastbridge")
    assert get_settings(actor)["la_profile"] == "example_eastbridge"
    assert la_profiles.school_profile(actor).name.startswith("Eastbridge")
    assert (
        audit.all_rows(actor.db, 1)[0]["summary"]
        == "chose the LA profile 'Eastbridge County Council (example)'"
    )


def test_unknown_profile(actor):
    with pytest.raises(ValidationError):
        la_profiles.choose_profile(actor, "atlantis")
    with pytest.raises(NotFound):
        la_profiles.school_profile(actor, "atlantis")


def test_school_added_profile_and_a_broken_one_reported(actor):
    folder = actor.data_dir / "la_profiles"
    folder.mkdir()
    (folder / "ourla.toml").write_text('name = "Our LA"\n[sections]\norder = ["child", "request"]\n')
    (folder / "broken.toml").write_text('name = "Broken\n')
    (folder / "wrong.toml").write_text('name = "Wrong"\n[[checklist]]\nkind = "stars"\n')
    profiles, problems = la_profiles.load_profiles(actor)
    assert profiles["ourla"].order[:2] == ("child", "request")
    assert {p.path.split("/")[-1] for p in problems} == {"broken.toml", "wrong.toml"}
    assert any("unknown kind 'stars'" in p.message for p in problems)
    assert "example_northmoor" in profiles  # one bad file never stops the others
