"""Correcting a recorded review through the real services and a real temporary database."""

from __future__ import annotations

import json

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, ValidationError
from sencodesk.services import cycles, pupils
from sencodesk.services.review_edits import edit_review
from tests.services.graduated_support import TODAY, plan_form


def _review(actor, cycle_id, decision="continue", **extra) -> None:
    cycle = cycles.get_cycle(actor, cycle_id)
    form = {
        "held_on": "19/11/2026",
        "decision": decision,
        "parent_present": True,
        "pupil_present": False,
        "pupil_views": "I like the reading gruop",
        "parent_views": "Reading more at home",
        "ratings": {cycle.outcomes[0].id: "partly_met", cycle.outcomes[1].id: "met"},
        "evidence": {cycle.outcomes[0].id: "Reads 14 of 20 words"},
        "impacts": {a.id: "Good progres" for a in cycle.allocations},
    } | extra
    cycles.record_review(actor, cycle_id, cycle.version, form, today=TODAY)


def _form(cycle, **changes) -> dict:
    """The review dialog's form for a recorded review, as it is filled in, with changes."""
    r = cycle.review
    return {
        "held_on": r.held_on.strftime("%d/%m/%Y"),
        "parent_present": r.parent_present,
        "pupil_present": r.pupil_present,
        "others": r.others,
        "pupil_views": r.pupil_views,
        "parent_views": r.parent_views,
        "notes": r.notes,
        "decision": r.decision,
        "refer_to": r.refer_to,
        "ratings": {o.id: o.rating for o in cycle.outcomes},
        "evidence": {o.id: o.evidence for o in cycle.outcomes},
        "impacts": {aid: judgement for aid, (_, judgement) in r.impacts.items()},
    } | changes


def _audits(actor) -> list[tuple[str, dict]]:
    return [
        (s, json.loads(c))
        for s, c in actor.db.execute(
            "SELECT summary, changes FROM audit WHERE entity = 'review' AND action = 'update' ORDER BY id"
        )
    ]


def test_a_typo_in_the_views_and_a_wrong_rating_are_corrected_and_audited(actor, planned):
    pupil_id, cycle_id = planned()
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    first, second = cycle.outcomes
    alloc = cycle.allocations[0].id
    form = _form(
        cycle,
        pupil_views="I like the reading group",
        pupil_present=True,
        ratings={first.id: "met", second.id: "met"},
        impacts={alloc: "Good progress"},
    )
    assert edit_review(actor, cycle_id, cycle.review.version, form, today=TODAY) is True
    after = cycles.get_cycle(actor, cycle_id)
    r = after.review
    assert (r.pupil_views, r.pupil_present, r.parent_views) == (
        "I like the reading group",
        True,
        "Reading more at home",
    )
    assert [o.rating for o in after.outcomes] == ["met", "met"] and after.outcomes[
        0
    ].evidence == "Reads 14 of 20 words"
    assert r.impacts[alloc] == (None, "Good progress") and r.version == cycle.review.version + 1
    assert r.decision == "continue" and r.next_cycle_id == cycle.review.next_cycle_id  # the decision stands
    [(summary, changes)] = _audits(actor)
    assert summary == (
        "corrected the review of cycle 1: pupil present, pupil's views, outcome 1 rating, "
        "Phonics catch-up impact"
    )
    assert changes["pupil_views"] == ["I like the reading gruop", "I like the reading group"]
    assert changes["outcome 1 rating"] == ["Partly met", "Met"]
    assert changes["Phonics catch-up impact"] == ["Good progres", "Good progress"]
    # the outcome carried into cycle 2 stays: that plan is where it is changed (it may be reworded)
    assert [o.carried_from for o in cycles.pupil_record(actor, pupil_id).open_cycle.outcomes] == [first.id]


def test_nothing_changed_writes_nothing(actor, planned):
    _, cycle_id = planned()
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    assert edit_review(actor, cycle_id, cycle.review.version, _form(cycle), today=TODAY) is False
    assert _audits(actor) == [] and cycles.get_cycle(actor, cycle_id).review.version == cycle.review.version


def test_a_stale_correction_is_a_conflict_naming_who_and_when(actor, planned, make_user, as_user):
    _, cycle_id = planned()
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    other = as_user(make_user("senco", "Ms R Khan"))
    edit_review(
        other, cycle_id, cycle.review.version, _form(cycle, notes="Mum to ring in a month"), today=TODAY
    )
    with pytest.raises(
        Conflict, match=r"Ms R Khan changed this record at \d\d/\d\d/\d{4} \d\d:\d\d. Nothing was saved"
    ):
        edit_review(actor, cycle_id, cycle.review.version, _form(cycle, pupil_views="Mine"), today=TODAY)
    assert cycles.get_cycle(actor, cycle_id).review.pupil_views == "I like the reading gruop"


def test_the_decision_cannot_be_changed_and_says_why(actor, planned):
    _, cycle_id = planned()
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    with pytest.raises(ValidationError) as e:
        edit_review(
            actor,
            cycle_id,
            cycle.review.version,
            _form(cycle, decision="refer", refer_to="Educational Psychology", pupil_views="Fixed"),
            today=TODAY,
        )
    assert (
        "has taken effect (the cycle was closed and cycle 2 opened from it)"
        in e.value.field_errors["decision"]
    )
    assert "cannot be changed here" in e.value.field_errors["refer_to"]
    after = cycles.get_cycle(actor, cycle_id).review
    assert (after.decision, after.pupil_views, after.version) == ("continue", "I like the reading gruop", 1)
    assert _audits(actor) == []


def test_a_closing_review_keeps_its_date_but_its_words_can_be_corrected(actor, planned):
    pupil_id, cycle_id = planned(admission_date="01/09/2024")
    _review(actor, cycle_id, decision="close")
    cycle = cycles.get_cycle(actor, cycle_id)
    with pytest.raises(ValidationError) as e:
        edit_review(actor, cycle_id, 1, _form(cycle, held_on="18/11/2026"), today=TODAY)
    assert "left SEN support from 19/11/2026" in e.value.field_errors["held_on"]
    with pytest.raises(ValidationError, match="pupil left SEN support from 19/11/2026"):
        edit_review(actor, cycle_id, 1, _form(cycle, decision="continue"), today=TODAY)
    assert edit_review(actor, cycle_id, 1, _form(cycle, parent_views="Pleased with progress"), today=TODAY)
    assert pupils.get_pupil(actor, pupil_id).sen_status == "N"


def test_a_correction_is_checked_like_a_review(actor, planned, on_support):
    _, cycle_id = planned(start="07/09/2026")
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    with pytest.raises(ValidationError, match="before the plan started"):
        edit_review(actor, cycle_id, 1, _form(cycle, held_on="06/09/2026"), today=TODAY)
    with pytest.raises(ValidationError) as e:
        edit_review(actor, cycle_id, 1, _form(cycle, ratings={cycle.outcomes[0].id: "met"}), today=TODAY)
    assert list(e.value.field_errors) == [f"rating_{cycle.outcomes[1].id}"]
    # a date typo (not a closing review) can be corrected
    assert edit_review(actor, cycle_id, 1, _form(cycle, held_on="18/11/2026"), today=TODAY)
    _, open_cycle = on_support(legal_forename="Ben")
    with pytest.raises(ValidationError, match="has not been reviewed yet"):
        edit_review(actor, open_cycle, 1, {"held_on": "19/11/2026"}, today=TODAY)


def test_a_teacher_corrects_reviews_of_their_own_pupils_only(actor, planned, make_user, as_user):
    teacher = make_user("teacher", "Mr T Jones")
    _, cycle_id = planned()
    _, other_cycle = planned(legal_forename="Ben")
    cycle = cycles.get_cycle(actor, cycle_id)
    form = plan_form(actor, staff=[teacher.id])
    form["outcomes"] = [{"id": o.id, "text": o.text, "measure": o.measure} for o in cycle.outcomes]
    form["allocations"][0]["id"] = cycle.allocations[0].id
    cycles.save_plan(actor, cycle_id, cycle.version, form)
    for c in (cycle_id, other_cycle):
        _review(actor, c)
    t = as_user(teacher)
    mine = cycles.get_cycle(actor, cycle_id)
    assert edit_review(t, cycle_id, 1, _form(mine, pupil_views="I like the reading group"), today=TODAY)
    theirs = cycles.get_cycle(actor, other_cycle)
    with pytest.raises(PermissionDenied):
        edit_review(t, other_cycle, 1, _form(theirs, pupil_views="Changed"), today=TODAY)
    office = as_user(make_user("office", "Mrs O Office"))
    with pytest.raises(PermissionDenied):
        edit_review(office, cycle_id, 2, _form(mine, pupil_views="Changed"), today=TODAY)
    assert cycles.get_cycle(actor, other_cycle).review.pupil_views == "I like the reading gruop"
