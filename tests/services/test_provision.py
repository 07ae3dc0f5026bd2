"""The catalogue, costing settings and the provision maps, with figures checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import cycles, provision
from sencodesk.services.actor import Actor
from tests.services.graduated_support import TODAY, catalogue_id, plan_form

SEEDED = {
    "Phonics catch-up",
    "Precision teaching",
    "Social skills group",
    "Speech and language programme",
    "Fine motor group",
    "ELSA emotional literacy support",
    "Lego-based therapy",
    "Maths intervention",
    "Reading comprehension",
    "Zones of regulation",
    "Handwriting",
    "Sensory circuits",
}


def test_new_school_has_the_seeded_dozen(actor):
    items = provision.list_provisions(actor)
    assert {p.name for p in items} == SEEDED
    # each has costing figures a SENCO can use straight away
    assert all(p.group_size >= 1 and p.session_minutes and p.sessions_per_week and p.weeks for p in items)


def test_catalogue_add_edit_retire(actor):
    form = {
        "name": "Nurture group",
        "area": "SEMH",
        "description": "Access to nurture",
        "group_size": "8",
        "session_minutes": "60",
        "sessions_per_week": "2",
        "weeks": "12",
        "staff_role": "hlta",
        "fixed_cost": "40",
        "fixed_cost_note": "snacks",
    }
    pid, hints = provision.save_provision(actor, None, None, form)
    assert [h.phrase for h in hints] == ["access to"]
    p = provision.get_provision(actor, pid)
    assert (p.fixed_cost, p.staff_role) == (4000, "hlta")
    provision.save_provision(actor, pid, p.version, provision.provision_form(p) | {"group_size": "6"})
    assert provision.get_provision(actor, pid).group_size == 6
    with pytest.raises(Conflict):
        provision.save_provision(actor, pid, p.version, form)
    with pytest.raises(ValidationError, match="already has"):
        provision.save_provision(actor, None, None, form | {"name": "nurture GROUP"})
    provision.set_provision_active(actor, pid, p.version + 1, False)
    assert "Nurture group" not in {x.name for x in provision.list_provisions(actor)}
    assert "Nurture group" in {x.name for x in provision.list_provisions(actor, include_inactive=True)}


def test_catalogue_form_errors_name_fields(actor):
    with pytest.raises(ValidationError) as e:
        provision.save_provision(
            actor,
            None,
            None,
            {
                "name": "",
                "area": "ZZ",
                "group_size": "0",
                "session_minutes": "x",
                "sessions_per_week": "3",
                "weeks": "10",
                "staff_role": "cook",
                "fixed_cost": "12",
            },
        )
    assert set(e.value.field_errors) == {
        "name",
        "area",
        "group_size",
        "session_minutes",
        "staff_role",
        "fixed_cost_note",
    }


def test_teacher_cannot_edit_catalogue_or_rates(actor):
    teacher = Actor(
        db=actor.db,
        user=User(id=99, username="t", display_name="T", role="teacher"),
        data_dir=actor.data_dir,
    )
    with pytest.raises(PermissionDenied):
        provision.save_provision(teacher, None, None, {})
    with pytest.raises(PermissionDenied):
        provision.save_costing(teacher, {})


def test_costing_settings_saved_and_used(actor):
    assert provision.get_costing(actor).rate("ta") == 1850
    provision.save_costing(
        actor,
        {
            "rate_teacher": "36",
            "rate_hlta": "22",
            "rate_ta": "20",
            "rate_external": "60",
            "weeks_per_year": "39",
            "threshold": "5000",
        },
    )
    s = provision.get_costing(actor)
    assert (s.rate("ta"), s.rate("teacher"), s.weeks_per_year, s.threshold) == (2000, 3600, 39, 500_000)


def test_pupil_provision_map_checked_by_hand(actor, on_support):
    pupil_id, cycle_id = on_support()
    form = plan_form(actor, start="07/09/2026", provisions=("Phonics catch-up", "Lego-based therapy"))
    form["allocations"][0] |= {"group_size": "6"}  # a bigger phonics group this year
    cycles.save_plan(actor, cycle_id, 1, form)
    m = provision.pupil_provision_map(actor, pupil_id, today=TODAY)
    assert m.year_label == "2026/27" and m.year_start == date(2026, 9, 1)
    lines = {line.allocation.provision_name: line.allocation for line in m.lines}
    # Phonics: 20 min x 5/wk x 12 wk = 20 h x £18.50 = £370.00 / 6 = £61.666.. -> £61.67
    assert lines["Phonics catch-up"].cost.pence == 6167
    assert (
        lines["Phonics catch-up"].cost.explanation
        == "20 min × 5/wk × 12 wk = 20 h × £18.50 ÷ 6 pupils = £61.67"
    )
    # Lego: 45 x 1 x 12 = 9 h x £18.50 = £166.50 / 3 = £55.50; + kit £60 / 3 = £20 -> £75.50
    assert lines["Lego-based therapy"].cost.pence == 7550
    assert m.total == 6167 + 7550
    assert (m.over, m.threshold) == (False, 600_000)
    assert m.threshold_text == "£137.17 of the £6,000.00 threshold (2%)"
    # another year shows nothing
    assert provision.pupil_provision_map(actor, pupil_id, year_start=date(2025, 9, 1)).lines == []


def test_pupil_over_threshold(actor, on_support):
    pupil_id, cycle_id = on_support()
    # one-to-one external specialist all year: 60 min x 5/wk x 38 wk = 190 h x £60 = £11,400
    form = plan_form(actor, provisions=("Speech and language programme",))
    form["allocations"][0] |= {
        "group_size": "1",
        "session_minutes": "60",
        "sessions_per_week": "5",
        "weeks": "38",
    }
    cycles.save_plan(actor, cycle_id, 1, form)
    provision.save_costing(
        actor,
        {
            "rate_teacher": "35",
            "rate_hlta": "22",
            "rate_ta": "60",
            "rate_external": "60",
            "weeks_per_year": "38",
            "threshold": "6000",
        },
    )
    m = provision.pupil_provision_map(actor, pupil_id, today=TODAY)
    assert m.total == 1_140_000 and m.over
    assert m.threshold_text == "£11,400.00: £5,400.00 over the £6,000.00 threshold"


def test_school_provision_map_pupils_sessions_cost_impact(actor, planned):
    _a_pupil, a_cycle = planned(legal_forename="Ann")
    _b_pupil, b_cycle = planned(legal_forename="Bea")
    for cycle_id, came in ((a_cycle, True), (b_cycle, False)):
        alloc = cycles.get_cycle(actor, cycle_id).allocations[0].id
        cycles.log_sessions(actor, "08/09/2026", [{"allocation_id": alloc, "attended": came}], today=TODAY)
        cycles.log_sessions(actor, "09/09/2026", [{"allocation_id": alloc}], today=TODAY)
    a = cycles.get_cycle(actor, a_cycle)
    cycles.record_review(
        actor,
        a_cycle,
        a.version,
        {
            "held_on": "19/11/2026",
            "decision": "continue",
            "ratings": {a.outcomes[0].id: "met", a.outcomes[1].id: "not_met"},
        },
        today=TODAY,
    )
    m = provision.school_provision_map(actor, today=TODAY)
    [line] = m.lines
    assert line.name == "Phonics catch-up"
    assert [p.forename for p in line.pupils] == ["Ann", "Bea"]
    assert (line.allocations, line.sessions) == (2, 4)
    # default phonics: 20 x 5 x 12 = 20 h x £18.50 = £370 / 4 = £92.50 for Bea, whose block runs on.
    # Ann's stopped at her review on 19/11/2026: 07/09 to 23/10 (35 school days) and 02/11 to 19/11
    # (14; half term between) = 49 days = 10 weeks: 20 x 5 x 10 = 16.67 h x £18.50 / 4 = £77.083.
    # The two exact shares, rounded once: £169.58.
    assert line.cost == 16958 == m.total
    assert (line.impact, line.rated) == (0.5, 2)  # Bea's cycle not reviewed yet: not counted
    assert provision.year_spend(actor, TODAY) == 16958


def test_last_years_reviewed_provision_is_not_in_this_years_map(actor, on_support):
    pupil_id, cycle_id = on_support(start="01/09/2025")
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, start="08/09/2025"))
    cycle = cycles.get_cycle(actor, cycle_id)
    # reviewed in December 2025: its phonics (no end date) stopped then
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {"held_on": "01/12/2025", "decision": "continue", "ratings": {o.id: "met" for o in cycle.outcomes}},
        today=TODAY,
    )
    assert provision.pupil_provision_map(actor, pupil_id, today=TODAY).lines == []
    assert provision.year_spend(actor, TODAY) == 0
    last_year = provision.pupil_provision_map(actor, pupil_id, year_start=date(2025, 9, 1))
    assert [line.allocation.provision_name for line in last_year.lines] == ["Phonics catch-up"]
    # 08/09 to 01/12/2025 on the typical pattern (half term 27-31/10): 35 + 21 = 56 school days
    # = 11 weeks of the planned 12: 20 x 5 x 11 = 18.33 h x £18.50 / 4 = £84.79
    assert provision.year_spend(actor, date(2026, 1, 10)) == 8479


def test_catalogue_cost_per_pupil_with_the_rule_shown(actor):
    lego = provision.get_provision(actor, catalogue_id(actor, "Lego-based therapy"))
    cost = provision.provision_cost(lego, provision.get_costing(actor))
    assert cost.pence == 7550
    assert cost.explanation.endswith("+ £60.00 Lego kit ÷ 3 pupils = £20.00; total £75.50")
