"""A pupil's plan as a JSON file (sencodesk-support-plan/1): read back, checked against the
schema committed in docs/schemas, and its facts checked; written only where an export may go."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sencodesk.domain.errors import PermissionDenied, UserError
from sencodesk.services import audit as audit_service
from sencodesk.services import cycles, ehc_plans, parent_meetings, pupils, referrals, support_plan
from tests.services.graduated_support import plan_form

from .json_schema import validate

TODAY = date(2026, 11, 29)
SCHEMA = json.loads((Path(__file__).parents[2] / support_plan.SCHEMA_FILE).read_text(encoding="utf-8"))
PLAN = {
    "plan_date": "10/12/2025",
    "needs": [{"text": "Reading well below age", "area": "CL"}],
    "outcomes": [{"text": "Read a book at the next colour band", "area": "CL"}],
    "provision": [{"text": "Daily phonics", "detail": "TA, 5 x 20 min weekly"}],
    "section_a": "Maja likes drawing and wants to be a vet.",
}


@pytest.fixture
def maja(actor, on_support):
    """Maja: SEN support then an EHC plan, one cycle reviewed and a new one planned, an EP
    involved, her mother (Polish, interpreter) met once, in the 'Specialist' layer."""
    contact = {"name": "Anna Kowalska", "relationship": "Mother", "first_language": "Polish"}
    pupil_id, cycle_id = on_support(
        legal_forename="Maja", contacts=[contact | {"interpreter_needed": True, "phone": "01234 567890"}]
    )
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, review="19/11/2026"))
    c = cycles.get_cycle(actor, cycle_id)
    ratings = {o.id: r for o, r in zip(c.outcomes, ("met", "partly_met"), strict=True)}
    form = {"held_on": "19/11/2026", "decision": "continue", "parent_present": True, "ratings": ratings}
    new = cycles.record_review(actor, cycle_id, c.version, form, today=TODAY)
    n = cycles.get_cycle(actor, new)
    plan = plan_form(actor, start="20/11/2026", review="12/02/2027") | {"at_home": "Read every night."}
    plan["outcomes"] = [
        {"id": o.id, "text": o.text, "measure": o.measure, "in_my_words": "I will read"} for o in n.outcomes
    ]
    cycles.save_plan(actor, new, n.version, plan)
    referrals.add_involvement(
        actor,
        pupil_id,
        {"service": "ep", "professional": "Dr Jones", "started_on": "01/02/2026"},
        today=TODAY,
    )
    parent_meetings.record_meeting(
        actor,
        pupil_id,
        {"held_on": "02/10/2026", "attendees": "Mrs Kowalska", "agreed": "Reading"},
        today=TODAY,
    )
    ehc_plans.issue_plan(actor, pupil_id, PLAN, today=TODAY)
    p = pupils.get_pupil(actor, pupil_id)
    pupils.update_pupil(actor, pupil_id, p.version, pupils.pupil_form(p) | {"support_layer": "Specialist"})
    return pupil_id


def test_the_file_reads_back_valid_against_its_schema_with_the_facts_a_next_school_needs(
    actor, maja, tmp_path
):
    path = support_plan.export_support_plan(actor, maja, tmp_path / "maja.json", today=TODAY)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate(data, SCHEMA) == []
    assert data["schema"] == "sencodesk-support-plan/1"
    assert data["pupil"]["upn"] == pupils.get_pupil(actor, maja).upn  # it is for a school
    assert data["sen"]["status"] == "E" and data["sen"]["needs"][0]["code"] == "SPLD"
    assert data["support_layer"]["name"] == "Specialist" and data["support_layer"]["position"] == 4
    assert data["parents"] == [
        {
            "name": "Anna Kowalska",
            "relationship": "Mother",
            "parental_responsibility": True,
            "first_language": "Polish",
            "interpreter_needed": True,
        }
    ]  # no phone number or email: the Common Transfer File brings those
    assert "01234 567890" not in path.read_text(encoding="utf-8")
    current = data["current_plan"]
    assert (current["cycle"], current["review_date"], current["at_home"]) == (
        2,
        "2027-02-12",
        "Read every night.",
    )
    assert [o["in_my_words"] for o in current["outcomes"]] == ["I will read"]  # the one carried across
    assert current["provision"][0]["name"] == "Phonics catch-up"
    assert [
        (h["cycle"], h["reviewed_on"], [o["rating"] for o in h["outcomes"]]) for h in data["history"]
    ] == [(1, "2026-11-19", ["met", "partly_met"])]
    assert data["specialists"][0]["service_label"] == "Educational psychology"
    assert [(m["held_on"], m["how"]) for m in data["meetings_with_parents"]] == [
        ("2026-10-02", "in_person"),
        ("2026-11-19", "review"),
    ]
    ehc = data["ehc_plan"]
    assert ehc["sections"]["A"] == "Maja likes drawing and wants to be a vet."
    assert ehc["outcomes"][0]["text"] == "Read a book at the next colour band"
    assert ehc["next_annual_review_due"] == "2026-12-09"
    trail = [e["summary"] for e in audit_service.pupil_history(actor, maja)]
    assert any("plan as a JSON file (sencodesk-support-plan/1) to maja.json" in line for line in trail)


def test_a_breach_of_the_schema_is_caught_by_the_check(actor, maja):
    good = json.loads(json.dumps(support_plan.support_plan(actor, maja, today=TODAY)))
    bad = good | {"schema": "sencodesk-support-plan/2", "extra": 1}
    bad["pupil"] = good["pupil"] | {"date_of_birth": "03/04/2018"}
    del bad["current_plan"]["outcomes"][0]["measure"]
    assert sorted(validate(bad, SCHEMA)) == [
        "$.current_plan.outcomes[0]: 'measure' is missing",
        "$.pupil.date_of_birth: '03/04/2018' does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "$.pupil.date_of_birth: '03/04/2018' is not a date",
        "$.schema: 'sencodesk-support-plan/2' is not 'sencodesk-support-plan/1'",
        "$: 'extra' is not allowed",
    ]


def test_a_pupil_with_no_cycle_no_plan_and_no_layer_still_fits_the_schema(actor, add_pupil):
    data = support_plan.support_plan(actor, add_pupil(), today=TODAY)
    assert validate(json.loads(json.dumps(data)), SCHEMA) == []
    assert data["current_plan"] is None and data["ehc_plan"] is None and data["support_layer"] is None


def test_the_file_replaces_its_own_export_but_nothing_else_and_never_lands_in_the_data_folder(
    actor, maja, tmp_path
):
    path = tmp_path / "plan.json"
    support_plan.export_support_plan(actor, maja, path, today=TODAY)
    support_plan.export_support_plan(actor, maja, path, today=TODAY)  # its own: replaced without asking
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}', encoding="utf-8")
    with pytest.raises(UserError, match="not a file SENCO desk made"):
        support_plan.export_support_plan(actor, maja, other, today=TODAY)
    assert other.read_text(encoding="utf-8") == '{"mine": true}'
    with pytest.raises(UserError, match="inside the school's data folder"):
        support_plan.export_support_plan(actor, maja, actor.data_dir / "plan.json", today=TODAY)


def test_only_the_senco_and_the_head_export_a_pupils_whole_plan(actor, maja, make_user, as_user):
    for role in ("teacher", "office"):
        with pytest.raises(PermissionDenied):
            support_plan.support_plan(as_user(make_user(role, f"Someone {role}")), maja, today=TODAY)
    assert support_plan.support_plan(as_user(make_user("head", "Mrs Head")), maja, today=TODAY)["pupil"]
