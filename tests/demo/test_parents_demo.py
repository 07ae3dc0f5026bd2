"""The demo school's parents as partners: meetings (some short of three), a Polish-speaking
family who need an interpreter, support layers, the edited invitation, and a parent's copy of
each plan that a parent with a reading age of 11 can read (or flags the SENCO's words that are
too hard, before printing)."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.demo import build_demo
from sencodesk.domain import letters
from sencodesk.domain.plain_words import TARGET_READING_AGE
from sencodesk.reports import parent_letters, readability
from sencodesk.services import invitations, parent_copy, parent_meetings, pupils, support_layers
from sencodesk.services.actor import open_school

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parents") / "school"
    made = build_demo(folder, pupils=240, seed=8, today=TODAY)
    actor = open_school(folder)
    yield made, actor
    actor.close()


def on_register(actor):
    return [
        r for r in pupils.list_register(actor, include_leavers=False, today=TODAY) if r.sen_status in "KE"
    ]


def test_meetings_with_parents_some_pupils_short_of_three(demo):
    made, actor = demo
    assert made["parent_meetings"] > 0
    support = [r for r in on_register(actor) if r.sen_status == "K"]
    counts = [parent_meetings.pupil_meetings(actor, r.id, today=TODAY).year.count for r in support]
    assert any(c >= 3 for c in counts) and any(c < 3 for c in counts)
    short = parent_meetings.meetings_short(actor, today=TODAY)
    assert {s.pupil.pupil_id for s in short} == {r.id for r, c in zip(support, counts, strict=True) if c < 3}


def test_a_polish_speaking_family_needs_an_interpreter_and_every_pupil_has_a_layer(demo):
    _, actor = demo
    records = [pupils.get_pupil(actor, r.id) for r in on_register(actor)]
    interpreted = [(p, c) for p in records for c in p.contacts if c.interpreter_needed]
    assert any(c.first_language == "Polish" for _, c in interpreted)
    layers = support_layers.support_layers(actor)
    assert all(p.support_layer in layers for p in records)
    assert {p.support_layer for p in records if p.sen_status == "E"} == {"Specialist"}
    polish = next(p for p, c in interpreted if c.first_language == "Polish")
    model = invitations.invitation_model(
        actor,
        polish.id,
        {"meeting": "review", "meeting_date": "10/12/2026", "meeting_time": "3.30pm", "place": "the library"},
        today=TODAY,
    )
    assert any("Interpreter needed: Polish" in p.shown for p in model.parents)


def test_the_demo_school_edited_its_invitation_and_it_still_reads_plainly(demo):
    _, actor = demo
    text, is_default = invitations.invitation_template(actor)
    assert not is_default and "phone the school office" in text and letters.check_template(text) == text
    assert readability.reading_age(letters.fill(text, letters.SAMPLE)) <= TARGET_READING_AGE


def test_every_demo_pupils_copy_of_the_plan_meets_a_reading_age_of_11_or_says_why_not(demo):
    _, actor = demo
    ages = []
    for r in on_register(actor):
        model = parent_copy.parent_copy_model(actor, r.id, today=TODAY)
        own = readability.reading_age(parent_letters.copy_text(model, own_only=True))
        assert own <= TARGET_READING_AGE  # the app's own words, always
        whole = readability.reading_age(parent_letters.copy_text(model))
        ages.append(whole)
        if whole > TARGET_READING_AGE:
            assert model.checks, f"{r.forename}'s copy reads at {whole:.1f} and nothing was flagged"
    assert len(ages) > 10 and max(ages) <= TARGET_READING_AGE  # the demo's words are plain too


def test_every_demo_pupils_plan_file_fits_the_schema(demo):
    import json
    from pathlib import Path

    from sencodesk.services import support_plan
    from tests.services.json_schema import validate

    _, actor = demo
    schema = json.loads((Path(__file__).parents[2] / support_plan.SCHEMA_FILE).read_text(encoding="utf-8"))
    for r in pupils.list_register(actor, today=TODAY):
        data = json.loads(json.dumps(support_plan.support_plan(actor, r.id, today=TODAY)))
        assert validate(data, schema) == [], r.forename
