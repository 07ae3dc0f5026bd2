"""Concerns: raised by any staff, triaged by the SENCO."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, ValidationError
from sencodesk.services import concerns, cycles, pupils
from sencodesk.services.audit import pupil_history
from tests.services.graduated_support import TODAY


def _raise(actor, pupil_id, raised_on="01/10/2026", **form):
    return concerns.raise_concern(
        actor,
        pupil_id,
        {
            "raised_on": raised_on,
            "areas": ["CL", "SEMH"],
            "seen": "Avoids reading aloud",
            "tried": "Paired reading",
        }
        | form,
        today=TODAY,
    )


def test_any_staff_can_raise_a_concern(actor, add_pupil, make_user, as_user):
    pupil_id = add_pupil()
    ta = as_user(make_user("teacher", "Mrs K Patel"))
    concern_id = _raise(ta, pupil_id)
    c = concerns.get_concern(actor, concern_id)
    assert (c.raised_by, c.areas, c.status, c.raised_on) == (
        "Mrs K Patel",
        ["CL", "SEMH"],
        "open",
        date(2026, 10, 1),
    )
    assert "raised a concern" in pupil_history(actor, pupil_id)[-1]["summary"]
    with pytest.raises(PermissionDenied):
        concerns.triage_concern(ta, concern_id, 1, {"decision": "no_action", "reason": "x"}, today=TODAY)


def test_raise_checks_input(actor, add_pupil):
    pupil_id = add_pupil()
    with pytest.raises(ValidationError) as e:
        concerns.raise_concern(
            actor, pupil_id, {"raised_on": "01/12/2026", "areas": ["XX"], "seen": " "}, today=TODAY
        )
    assert set(e.value.field_errors) == {"raised_on", "areas", "seen"}


def test_list_open_oldest_first_and_monitoring_due(actor, add_pupil):
    a, b, c = (
        add_pupil(legal_forename="Ann"),
        add_pupil(legal_forename="Bob"),
        add_pupil(legal_forename="Cat"),
    )
    newer = _raise(actor, a, raised_on="10/10/2026")
    older = _raise(actor, b, raised_on="01/10/2026")
    watch = _raise(actor, c, raised_on="05/10/2026")
    concerns.triage_concern(
        actor, watch, 1, {"decision": "monitor", "look_again": "19/11/2026"}, today=date(2026, 10, 6)
    )
    open_, due = concerns.list_concerns(actor, today=TODAY)
    assert [x.id for x in open_] == [older, newer]
    assert [x.pupil.forename for x in due] == ["Cat"]
    _, due_before = concerns.list_concerns(actor, today=date(2026, 11, 18))
    assert due_before == []


def test_monitor_needs_a_future_look_again_date(actor, add_pupil):
    concern_id = _raise(actor, add_pupil())
    with pytest.raises(ValidationError, match="date to look"):
        concerns.triage_concern(actor, concern_id, 1, {"decision": "monitor"}, today=TODAY)
    with pytest.raises(ValidationError, match="after today"):
        concerns.triage_concern(
            actor, concern_id, 1, {"decision": "monitor", "look_again": "20/11/2026"}, today=TODAY
        )


def test_no_further_action_needs_a_reason(actor, add_pupil):
    concern_id = _raise(actor, add_pupil())
    with pytest.raises(ValidationError, match="reason"):
        concerns.triage_concern(actor, concern_id, 1, {"decision": "no_action"}, today=TODAY)
    concerns.triage_concern(
        actor, concern_id, 1, {"decision": "no_action", "reason": "Caught up after glasses"}, today=TODAY
    )
    c = concerns.get_concern(actor, concern_id)
    assert (c.status, c.reason, c.triaged_by) == ("closed", "Caught up after glasses", "SENCO")
    with pytest.raises(ValidationError, match="already decided"):
        concerns.triage_concern(actor, concern_id, 2, {"decision": "no_action", "reason": "x"}, today=TODAY)


def test_sen_support_needs_parents_told_and_a_need(actor, add_pupil):
    pupil_id = add_pupil()
    concern_id = _raise(actor, pupil_id)
    with pytest.raises(ValidationError, match="parents"):
        concerns.triage_concern(
            actor, concern_id, 1, {"decision": "sen_support", "primary_need": "SPLD"}, today=TODAY
        )
    with pytest.raises(ValidationError, match="primary need"):
        concerns.triage_concern(
            actor, concern_id, 1, {"decision": "sen_support", "parents_told_on": "19/11/2026"}, today=TODAY
        )
    # nothing half-saved by the refused attempts: still N, no cycle, concern open
    assert pupils.get_pupil(actor, pupil_id).sen_status == "N"
    assert cycles.pupil_record(actor, pupil_id).cycles == []
    assert concerns.get_concern(actor, concern_id).status == "open"


def test_sen_support_sets_k_opens_cycle_in_one_transaction(actor, add_pupil):
    pupil_id = add_pupil()
    concern_id = _raise(actor, pupil_id)
    cycle_id = concerns.triage_concern(
        actor,
        concern_id,
        1,
        {
            "decision": "sen_support",
            "start_date": "16/11/2026",
            "parents_told_on": "16/11/2026",
            "primary_need": "SPLD",
        },
        today=TODAY,
    )
    c = concerns.get_concern(actor, concern_id)
    assert (c.status, c.decision, c.cycle_id, c.parents_told_on) == (
        "closed",
        "sen_support",
        cycle_id,
        date(2026, 11, 16),
    )
    p = pupils.get_pupil(actor, pupil_id)
    assert (p.sen_status, p.primary_need, p.sen_start_date) == ("K", "SPLD", date(2026, 11, 16))
    assert cycles.get_cycle(actor, cycle_id).concern_id == concern_id


def test_sen_support_refused_when_a_cycle_is_open_rolls_back(actor, add_pupil):
    pupil_id = add_pupil()
    first = _raise(actor, pupil_id)
    concerns.triage_concern(
        actor,
        first,
        1,
        {"decision": "sen_support", "parents_told_on": "16/11/2026", "primary_need": "SPLD"},
        today=TODAY,
    )
    second = _raise(actor, pupil_id)
    with pytest.raises(ValidationError, match="still open"):
        concerns.triage_concern(
            actor, second, 1, {"decision": "sen_support", "parents_told_on": "16/11/2026"}, today=TODAY
        )
    assert concerns.get_concern(actor, second).status == "open"


def test_stale_triage_is_a_conflict(actor, add_pupil):
    concern_id = _raise(actor, add_pupil())
    concerns.triage_concern(
        actor, concern_id, 1, {"decision": "monitor", "look_again": "01/12/2026"}, today=TODAY
    )
    with pytest.raises(Conflict):
        concerns.triage_concern(actor, concern_id, 1, {"decision": "no_action", "reason": "x"}, today=TODAY)


def test_no_concern_for_a_leaver(actor, add_pupil):
    pupil_id = add_pupil(admission_date="01/09/2024")
    pupils.mark_leaver(actor, pupil_id, 1, "01/10/2026")
    with pytest.raises(ValidationError, match="left on 01/10/2026"):
        _raise(actor, pupil_id)
