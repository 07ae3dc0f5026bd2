"""Dashboard counts, the due list, teacher scoping and 'My pupils', against hand-made data."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import PermissionDenied
from sencodesk.services import concerns, cycles, dashboard, pupils
from tests.services.graduated_support import TODAY, plan_form


@pytest.fixture
def school(actor, add_pupil, planned, on_support, make_user):
    """Hand-made: 3 pupils on K with plans (review 19/11 overdue, 30/11 due, 31/12 later), one E
    pupil with no cycle, one pupil with an open concern, one monitoring and due, one left."""
    teacher = make_user("teacher", "Mr T Jones")
    late = planned(legal_forename="Lea", start="27/08/2026", review="19/11/2026")
    soon = planned(legal_forename="Sam", start="07/09/2026", review="30/11/2026")
    later = planned(legal_forename="Lou", start="07/09/2026", review="31/12/2026")
    add_pupil(legal_forename="Eve", sen_status="E", primary_need="ASD", sen_start_date="01/09/2025")
    worry = add_pupil(legal_forename="Ola")
    concerns.raise_concern(actor, worry, {"raised_on": "02/11/2026", "seen": "Very quiet"}, today=TODAY)
    watch = add_pupil(legal_forename="Max")
    cid = concerns.raise_concern(
        actor, watch, {"raised_on": "01/10/2026", "seen": "Slow writing"}, today=TODAY
    )
    concerns.triage_concern(
        actor, cid, 1, {"decision": "monitor", "look_again": "15/11/2026"}, today=date(2026, 10, 2)
    )
    gone = planned(legal_forename="Gus", start="01/09/2026", review="01/10/2026")
    p = pupils.get_pupil(actor, gone[0])
    pupils.mark_leaver(actor, gone[0], p.version, "15/10/2026")
    # the teacher is responsible for Lea's cycle only
    cycle = cycles.get_cycle(actor, late[1])
    form = plan_form(actor, start="27/08/2026", review="19/11/2026", staff=[teacher.id])
    form["outcomes"] = [{"id": o.id, "text": o.text, "measure": o.measure} for o in cycle.outcomes]
    form["allocations"][0]["id"] = cycle.allocations[0].id
    cycles.save_plan(actor, late[1], cycle.version, form)
    return {"late": late, "soon": soon, "later": later, "teacher": teacher}


def test_dashboard_counts_and_lists(actor, school):
    d = dashboard.dashboard(actor, today=TODAY)
    assert (d.sen_support, d.ehc_plans, len(d.on_register)) == (3, 1, 4)  # Gus has left
    assert [r.pupil.forename for r in d.overdue] == ["Lea"]
    assert d.overdue[0].days == -1 and d.overdue[0].overdue
    assert [r.pupil.forename for r in d.due_soon] == ["Sam"]
    assert [c.pupil.forename for c in d.open_concerns] == ["Ola"]
    assert [c.pupil.forename for c in d.monitoring_due] == ["Max"]
    # three phonics allocations this year for pupils on roll + Gus's (spent before he left): 4 x £92.50
    assert d.spend == 4 * 9250 and d.spend_year == "2026/27"


def test_due_window_and_lines_have_no_upn(actor, school):
    overdue, due = dashboard.reviews_due(actor, today=TODAY, within=60)
    assert [r.pupil.forename for r in overdue + due] == ["Lea", "Sam", "Lou"]
    line = overdue[0].line
    assert line.startswith("19/11/2026  Overdue by 1 day") and "Lea Smith (Year 3, 3B) cycle 1" in line
    upn = pupils.get_pupil(actor, school["late"][0]).upn
    assert all(upn not in r.line for r in overdue + due)
    assert due[0].line.startswith("30/11/2026  Due in 10 days")


def test_review_recorded_leaves_the_overdue_list(actor, school):
    cycle = cycles.get_cycle(actor, school["late"][1])
    cycles.record_review(
        actor,
        cycle.id,
        cycle.version,
        {"held_on": "20/11/2026", "decision": "continue", "ratings": {o.id: "met" for o in cycle.outcomes}},
        today=TODAY,
    )
    assert dashboard.dashboard(actor, today=TODAY).overdue == []


def test_register_shows_next_review_and_overdue(actor, school):
    rows = {r.forename: r for r in pupils.list_register(actor, today=TODAY)}
    assert (rows["Lea"].next_review, rows["Lea"].review_overdue) == ("2026-11-19", True)
    assert (rows["Sam"].next_review, rows["Sam"].review_overdue) == ("2026-11-30", False)
    assert (rows["Eve"].next_review, rows["Eve"].review_overdue) == (None, False)
    assert rows["Gus"].left and not rows["Gus"].review_overdue
    assert len(rows) == 7  # one row per pupil: the open-cycle join never repeats a pupil


def test_teacher_sees_only_their_pupils(actor, school, as_user):
    t = as_user(school["teacher"])
    assert [r.forename for r in pupils.list_register(t, today=TODAY)] == ["Lea"]
    d = dashboard.dashboard(t, today=TODAY)
    assert [r.pupil.forename for r in d.overdue] == ["Lea"] and d.due_soon == []
    assert d.open_concerns == [] and d.spend == 0
    with pytest.raises(PermissionDenied):
        cycles.pupil_record(t, school["soon"][0])


def test_teacher_named_on_an_allocation_sees_that_pupil(actor, school, as_user):
    t = school["teacher"]
    pupil_id, cycle_id = school["soon"]
    cycle = cycles.get_cycle(actor, cycle_id)
    form = plan_form(actor, start="07/09/2026", review="30/11/2026")
    form["outcomes"] = [{"id": o.id, "text": o.text, "measure": o.measure} for o in cycle.outcomes]
    form["allocations"][0] |= {"id": cycle.allocations[0].id, "staff_user_id": t.id}
    cycles.save_plan(actor, cycle_id, cycle.version, form)
    assert cycles.pupil_record(as_user(t), pupil_id).open_cycle.allocations[0].staff == "Mr T Jones"


def test_my_pupils(actor, school, as_user):
    mine = dashboard.my_pupils(as_user(school["teacher"]), today=TODAY)
    assert [m.pupil.forename for m in mine] == ["Lea"]
    m = mine[0]
    assert (m.next_review, m.overdue, m.cycle_number) == (date(2026, 11, 19), True, 1)
    assert len(m.outcomes) == 2 and m.strategies.startswith("Seat near")
    assert [a.provision_name for a in m.allocations] == ["Phonics catch-up"]
    assert dashboard.my_pupils(actor, today=TODAY) == []  # the built-in SENCO is no user row
