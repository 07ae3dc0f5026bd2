"""Cycles through the real services and a real temporary database."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain import cycles as rules
from sencodesk.domain.dates import uk
from sencodesk.domain.errors import AlreadyRecorded, Conflict, PermissionDenied, ValidationError
from sencodesk.domain.graduated import SupportGlance
from sencodesk.services import cycles, pupils
from tests.services.graduated_support import TODAY, catalogue_id, plan_form


def test_triage_to_sen_support_opens_cycle_one(actor, on_support):
    pupil_id, cycle_id = on_support()
    record = cycles.pupil_record(actor, pupil_id, today=TODAY)
    assert [c.number for c in record.cycles] == [1]
    cycle = record.open_cycle
    assert cycle.id == cycle_id and cycle.concern_id == record.concerns[0].id
    assert cycle.parents_told_on == date(2026, 9, 1)
    pupil = pupils.get_pupil(actor, pupil_id)
    assert pupil.sen_status == "K" and pupil.sen_start_date == date(2026, 9, 1)


def test_only_one_open_cycle(actor, on_support):
    pupil_id, _ = on_support()
    with pytest.raises(ValidationError, match="Cycle 1 is still open"):
        cycles.start_cycle(actor, pupil_id)


def test_start_cycle_refused_for_pupil_not_on_register(actor, add_pupil):
    pupil_id = add_pupil()
    with pytest.raises(ValidationError, match="not on the SEN register"):
        cycles.start_cycle(actor, pupil_id)


def test_plan_review_date_defaults_to_twelve_weeks(actor, planned):
    _, cycle_id = planned(start="07/09/2026")
    cycle = cycles.get_cycle(actor, cycle_id, today=TODAY)
    assert cycle.plan_start == date(2026, 9, 7)
    assert cycle.review_date == date(2026, 11, 30)
    assert [o.text[:9] for o in cycle.outcomes] == ["Outcome 1", "Outcome 2"]
    assert [a.provision_name for a in cycle.allocations] == ["Phonics catch-up"]


def test_a_blank_review_date_is_proposed_on_a_school_day(actor, planned):
    # 12 weeks from 05/10/2026 is 28/12/2026 (the Christmas holiday on the typical pattern):
    # the plan is saved with the first day of the spring term, 04/01/2027
    _, cycle_id = planned(start="05/10/2026")
    assert cycles.get_cycle(actor, cycle_id, today=TODAY).review_date == date(2027, 1, 4)


def test_plan_needs_one_to_six_outcomes(actor, on_support):
    _, cycle_id = on_support()
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, outcomes=0))
    assert "at least one outcome" in e.value.field_errors["outcomes"]
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, outcomes=7))
    assert "at most 6" in e.value.field_errors["outcomes"]
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, outcomes=6))
    assert len(cycles.get_cycle(actor, cycle_id).outcomes) == 6


def test_plan_review_date_before_start_refused(actor, on_support):
    _, cycle_id = on_support()
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, start="07/09/2026", review="01/09/2026"))
    assert "must be after the plan starts" in e.value.field_errors["review_date"]


def test_plan_stale_version_is_a_conflict(actor, planned):
    _, cycle_id = planned()
    with pytest.raises(Conflict, match="changed this cycle"):
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor))


def test_plan_returns_vague_wording_hints_but_saves(actor, on_support):
    _, cycle_id = on_support()
    form = plan_form(actor)
    form["outcomes"][0]["text"] = "Access to support in class as appropriate"
    saved = cycles.save_plan(actor, cycle_id, 1, form)
    assert [h.phrase for h in saved.hints["outcome_1"]] == ["access to", "support in class", "as appropriate"]
    assert cycles.get_cycle(actor, cycle_id).outcomes[0].text.startswith("Access to")


def test_allocation_with_sessions_cannot_be_removed(actor, planned):
    _, cycle_id = planned()
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.log_sessions(actor, "08/09/2026", [{"allocation_id": cycle.allocations[0].id}], today=TODAY)
    form = plan_form(actor, provisions=())
    with pytest.raises(ValidationError, match="1 session"):
        cycles.save_plan(actor, cycle_id, cycle.version, form)


def test_review_before_plan_refused(actor, on_support):
    _, cycle_id = on_support()
    with pytest.raises(ValidationError, match="no plan yet"):
        cycles.record_review(
            actor, cycle_id, 1, {"held_on": "20/11/2026", "decision": "continue"}, today=TODAY
        )


def test_review_dated_before_plan_start_refused(actor, planned):
    _, cycle_id = planned(start="07/09/2026")
    cycle = cycles.get_cycle(actor, cycle_id)
    form = {"held_on": "06/09/2026", "decision": "continue", "ratings": {o.id: "met" for o in cycle.outcomes}}
    with pytest.raises(ValidationError, match="before the plan started"):
        cycles.record_review(actor, cycle_id, cycle.version, form, today=TODAY)


def test_review_needs_every_outcome_rated(actor, planned):
    _, cycle_id = planned()
    cycle = cycles.get_cycle(actor, cycle_id)
    form = {"held_on": "19/11/2026", "decision": "continue", "ratings": {cycle.outcomes[0].id: "met"}}
    with pytest.raises(ValidationError) as e:
        cycles.record_review(actor, cycle_id, cycle.version, form, today=TODAY)
    assert list(e.value.field_errors) == [f"rating_{cycle.outcomes[1].id}"]


def _review(actor, cycle_id, decision="continue", ratings=("partly_met", "met"), held="19/11/2026", **extra):
    cycle = cycles.get_cycle(actor, cycle_id)
    form = {
        "held_on": held,
        "decision": decision,
        "parent_present": True,
        "pupil_present": True,
        "ratings": {o.id: r for o, r in zip(cycle.outcomes, ratings, strict=True)},
        "evidence": {cycle.outcomes[0].id: "Reads 14 of 20 words"},
        "impacts": {a.id: "Good progress in phonics" for a in cycle.allocations},
    } | extra
    return cycles.record_review(actor, cycle_id, cycle.version, form, today=TODAY)


def test_continue_carries_unmet_outcomes_into_next_cycle(actor, planned):
    pupil_id, cycle_id = planned()
    first = cycles.get_cycle(actor, cycle_id)
    next_id = _review(actor, cycle_id, ratings=("partly_met", "met"))
    record = cycles.pupil_record(actor, pupil_id, today=TODAY)
    old, new = record.cycles
    assert (
        old.status == "reviewed" and old.review.decision == "continue" and old.review.next_cycle_id == next_id
    )
    assert [o.rating for o in old.outcomes] == ["partly_met", "met"]
    assert old.outcomes[0].evidence == "Reads 14 of 20 words"
    assert new.id == next_id and new.number == 2 and new.status == "open" and not new.has_plan
    assert [(o.text, o.carried_from) for o in new.outcomes] == [
        (first.outcomes[0].text, first.outcomes[0].id)
    ]


def test_not_met_and_partly_met_both_carry(actor, planned):
    pupil_id, cycle_id = planned()
    _review(actor, cycle_id, ratings=("not_met", "partly_met"))
    new = cycles.pupil_record(actor, pupil_id).open_cycle
    assert len(new.outcomes) == 2


def test_reviewed_cycle_cannot_be_edited_or_reviewed_again(actor, planned):
    _, cycle_id = planned()
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    with pytest.raises(ValidationError, match="has been reviewed"):
        cycles.save_plan(actor, cycle_id, cycle.version, plan_form(actor))
    with pytest.raises(ValidationError, match="has been reviewed"):
        _review(actor, cycle_id)


def test_close_takes_pupil_off_register_keeping_history(actor, planned):
    pupil_id, cycle_id = planned(admission_date="01/09/2024")
    assert _review(actor, cycle_id, decision="close", ratings=("met", "exceeded")) is None
    pupil = pupils.get_pupil(actor, pupil_id)
    assert pupil.sen_status == "N" and pupil.sen_start_date == date(2026, 11, 19)
    # the history keeps the K entry and adds N from the review date
    assert [(h.status, h.start_date) for h in pupil.sen_history] == [
        ("N", date(2024, 9, 1)),
        ("K", date(2026, 9, 1)),
        ("N", date(2026, 11, 19)),
    ]
    assert cycles.pupil_record(actor, pupil_id).open_cycle is None


def test_refer_needs_a_service_and_keeps_support_going(actor, planned):
    pupil_id, cycle_id = planned()
    with pytest.raises(ValidationError, match="which service"):
        _review(actor, cycle_id, decision="refer")
    next_id = _review(actor, cycle_id, decision="refer", refer_to="Educational Psychology")
    record = cycles.pupil_record(actor, pupil_id)
    assert record.cycles[0].review.refer_to == "Educational Psychology"
    assert record.open_cycle.id == next_id
    assert pupils.get_pupil(actor, pupil_id).sen_status == "K"


def test_review_records_attendance_and_impact(actor, planned):
    _, cycle_id = planned()
    alloc = cycles.get_cycle(actor, cycle_id).allocations[0]
    for day, came in (
        ("08/09/2026", True),
        ("09/09/2026", True),
        ("10/09/2026", False),
        ("11/09/2026", True),
    ):
        cycles.log_sessions(actor, day, [{"allocation_id": alloc.id, "attended": came}], today=TODAY)
    _review(actor, cycle_id)
    cycle = cycles.get_cycle(actor, cycle_id)
    assert cycle.allocations[0].attendance_pct == 75
    assert cycle.review.impacts[alloc.id] == (75, "Good progress in phonics")


def test_log_sessions_in_bulk_for_a_group(actor, planned):
    ids = [planned(legal_forename=["Amy", "Bee", "Cal", "Dee", "Eve", "Fay"][i]) for i in range(6)]
    allocs = [cycles.get_cycle(actor, c).allocations[0].id for _, c in ids]
    group = cycles.loggable_allocations(actor, provision_id=catalogue_id(actor, "Phonics catch-up"))
    assert sorted(g["allocation_id"] for g in group) == sorted(allocs)
    result = cycles.log_sessions(
        actor,
        "15/09/2026",
        [{"allocation_id": a, "attended": i != 2} for i, a in enumerate(allocs)],
        staff_name="Mrs Patel",
        today=TODAY,
    )
    assert (result.added, result.changed) == (6, 0)
    # logging the same day again is refused unless the person chose to replace it (the absent
    # pupil came late), and never doubles
    with pytest.raises(AlreadyRecorded) as refused:
        cycles.log_sessions(
            actor, "15/09/2026", [{"allocation_id": allocs[2], "attended": True}], today=TODAY
        )
    assert refused.value.message.startswith(
        "Nothing was saved: a session on 15/09/2026 is already logged for"
    )
    assert "(Phonics catch-up, by Mrs Patel: 20 minutes, did not attend)" in refused.value.message
    assert not cycles.allocation_sessions(actor, allocs[2])[0]["attended"]  # untouched
    again = cycles.log_sessions(
        actor, "15/09/2026", [{"allocation_id": allocs[2], "attended": True}], today=TODAY, replace=True
    )
    assert (again.added, again.changed) == (0, 1)
    logged = [cycles.allocation_sessions(actor, a) for a in allocs]
    assert all(len(s) == 1 and s[0]["attended"] and s[0]["minutes"] == 20 for s in logged)
    assert logged[0][0]["staff"] == "Mrs Patel"


def test_log_session_checks(actor, planned):
    _, cycle_id = planned()
    alloc = cycles.get_cycle(actor, cycle_id).allocations[0].id
    with pytest.raises(ValidationError, match="in the future"):
        cycles.log_sessions(actor, "21/11/2026", [{"allocation_id": alloc}], today=TODAY)
    with pytest.raises(ValidationError, match="months run from 1 to 12"):
        cycles.log_sessions(actor, "31/13/2026", [{"allocation_id": alloc}], today=TODAY)
    with pytest.raises(ValidationError, match="at least one pupil"):
        cycles.log_sessions(actor, "10/09/2026", [], today=TODAY)


def test_save_assess_with_assessments(actor, on_support):
    _, cycle_id = on_support()
    form = {
        "assess_date": "05/09/2026",
        "needs_cl": "Phonics gaps at phase 3",
        "attainment": "Working towards",
        "pupil_views": "I like stories",
        "pupil_views_by": "Amy",
        "pupil_views_on": "04/09/2026",
        "parent_views": "Worried about reading",
        "parent_views_by": "Mum",
        "parent_views_on": "04/09/2026",
        "assessments": [
            {
                "name": "Salford reading test",
                "taken_on": "03/09/2026",
                "score": "RA 5y 2m",
                "meaning": "About 18 months behind",
            }
        ],
    }
    cycles.save_assess(actor, cycle_id, 1, form)
    cycle = cycles.get_cycle(actor, cycle_id)
    assert cycle.needs["CL"] == "Phonics gaps at phase 3" and cycle.parent_views_by == "Mum"
    assert cycle.assessments[0].score == "RA 5y 2m" and cycle.assessments[0].taken_on == date(2026, 9, 3)
    bad = form | {"assessments": [{"name": "", "score": "95"}]}
    with pytest.raises(ValidationError, match="needs a name"):
        cycles.save_assess(actor, cycle_id, cycle.version, bad)


def test_two_reviewed_cycles_from_first_concern(actor, planned):
    """Done-when: a pupil from first concern through two reviewed cycles with costed provision."""
    pupil_id, first = planned()
    second = _review(actor, first, ratings=("not_met", "met"), held="19/11/2026")
    cycle2 = cycles.get_cycle(actor, second)
    form = plan_form(actor, start="20/11/2026", provisions=("Precision teaching",))
    form["outcomes"] = [
        {"id": o.id, "text": o.text, "by_when": "", "measure": o.measure} for o in cycle2.outcomes
    ]
    cycles.save_plan(actor, second, cycle2.version, form)
    _review(actor, second, ratings=("met",), held="20/11/2026")
    record = cycles.pupil_record(actor, pupil_id)
    assert [(c.number, c.status) for c in record.cycles] == [(1, "reviewed"), (2, "reviewed"), (3, "open")]
    assert record.cycles[1].outcomes[0].carried_from == record.cycles[0].outcomes[0].id
    assert record.cycles[1].allocations[0].cost.pence > 0


def test_teacher_can_log_and_review_own_pupils_only(actor, planned, make_user, as_user):
    teacher = make_user("teacher", "Mr T Jones")
    mine, cycle_id = planned()
    other, other_cycle = planned(legal_forename="Ben")
    cycle = cycles.get_cycle(actor, cycle_id)
    form = plan_form(actor, staff=[teacher.id])
    form["outcomes"] = [{"id": o.id, "text": o.text, "measure": o.measure} for o in cycle.outcomes]
    form["allocations"][0]["id"] = cycle.allocations[0].id
    cycles.save_plan(actor, cycle_id, cycle.version, form)
    t = as_user(teacher)
    alloc = cycles.get_cycle(t, cycle_id).allocations[0].id
    assert cycles.log_sessions(t, "10/09/2026", [{"allocation_id": alloc}], today=TODAY).added == 1
    other_alloc = cycles.get_cycle(actor, other_cycle).allocations[0].id
    with pytest.raises(PermissionDenied):
        cycles.log_sessions(t, "10/09/2026", [{"allocation_id": other_alloc}], today=TODAY)
    with pytest.raises(PermissionDenied):
        cycles.pupil_record(t, other)
    with pytest.raises(PermissionDenied, match="Only the SENCO"):
        _review(t, cycle_id, decision="close")
    assert _review(t, cycle_id, decision="continue") is not None
    # the teacher stays responsible in the next cycle, so the pupil stays theirs
    assert cycles.pupil_record(t, mine).open_cycle.staff == [(teacher.id, "Mr T Jones")]
    with pytest.raises(PermissionDenied):
        cycles.save_plan(t, cycles.pupil_record(t, mine).open_cycle.id, 1, plan_form(actor))


def test_plan_naming_an_unknown_member_of_staff_is_refused(actor, on_support):
    _, cycle_id = on_support()
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff=[999]))
    assert "not a SENCO desk user" in e.value.field_errors["staff"]
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff_user_id=999))
    assert "not a SENCO desk user" in e.value.field_errors["allocations"]
    assert not cycles.get_cycle(actor, cycle_id).has_plan  # nothing half-saved


def test_allocation_overrides_and_dates_checked(actor, on_support):
    _, cycle_id = on_support()
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(
            actor,
            cycle_id,
            1,
            plan_form(actor, group_size="0", start_date="10/10/2026", end_date="01/10/2026"),
        )
    assert "group size" in e.value.field_errors["allocation_1"]
    assert "end date (01/10/2026) is before" in e.value.field_errors["allocation_1"]
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, group_size="2", session_minutes=""))
    a = cycles.get_cycle(actor, cycle_id).allocations[0]
    assert (a.group_size, a.session_minutes, a.overrides["group_size"], a.overrides["session_minutes"]) == (
        2,
        20,
        2,
        None,
    )


def test_staff_choices_are_active_users(actor, make_user):
    a = make_user("teacher", "Mrs K Patel")
    make_user("head", "Mr H Head")
    actor.db.execute("UPDATE users SET active = 0 WHERE display_name = 'Mr H Head'")
    assert cycles.staff_choices(actor) == [(a.id, "Mrs K Patel")]


# -- provision carried into the next cycle --------------------------------------------------------


def _carried_form(actor, proposals, start="23/11/2026") -> dict:
    """The plan form as the Plan screen sends it with the proposals it was given."""
    form = plan_form(actor, start=start, provisions=())
    form["allocations"] = [
        {
            "carried_from": p.allocation.id,
            "provision_id": p.allocation.provision_id,
            "staff_user_id": p.allocation.staff_user_id,
            **p.allocation.overrides,
            **dict(zip(("start_date", "end_date"), map(uk, p.dates(date(2026, 11, 23))), strict=True)),
        }
        for p in proposals
    ]
    return form


def test_next_plan_proposes_the_reviewed_provision_and_saves_only_what_is_kept(actor, on_support, make_user):
    ta = make_user("teacher", "Mrs L Lee")
    pupil_id, cycle_id = on_support()
    form = plan_form(
        actor, provisions=("Phonics catch-up", "Handwriting"), staff_user_id=ta.id, group_size="2"
    )
    cycles.save_plan(actor, cycle_id, 1, form)
    first = cycles.get_cycle(actor, cycle_id)
    cycles.log_sessions(actor, "08/09/2026", [{"allocation_id": first.allocations[0].id}], today=TODAY)
    next_id = _review(actor, cycle_id, decision="continue")
    record = cycles.pupil_record(actor, pupil_id, today=TODAY)
    new = record.open_cycle
    assert new.id == next_id and new.allocations == []  # proposed only: nothing allocated yet
    proposals = rules.proposed_provision(record, new)
    assert [
        (p.from_cycle, p.allocation.provision_name, p.allocation.staff, p.allocation.group_size)
        for p in proposals
    ] == [(1, "Phonics catch-up", "Mrs L Lee", 2), (1, "Handwriting", "Mrs L Lee", 2)]
    cycles.save_plan(actor, next_id, new.version, _carried_form(actor, proposals[:1]))  # Handwriting removed
    record = cycles.pupil_record(actor, pupil_id, today=TODAY)
    old, new = record.cycles
    kept = new.allocations
    assert [(a.provision_name, a.staff_user_id, a.group_size, a.session_minutes, a.logged) for a in kept] == [
        ("Phonics catch-up", ta.id, 2, 20, 0)
    ]  # a new allocation: the logged session stayed behind
    assert [a.logged for a in old.allocations] == [1, 0] and kept[0].id not in {a.id for a in old.allocations}
    assert rules.proposed_provision(record, new) == []  # the saved plan is the SENCO's choice now
    summary, changes = actor.db.execute(
        "SELECT summary, changes FROM audit WHERE entity = 'cycle' AND entity_id = ? ORDER BY id DESC",
        [next_id],
    ).fetchone()
    assert summary.endswith("; Phonics catch-up carried from cycle 1") and "Handwriting" not in summary
    assert "carried from cycle 1" in changes


def test_a_closed_review_proposes_nothing_and_a_foreign_carried_mark_is_not_claimed(
    actor, planned, on_support
):
    pupil_id, cycle_id = planned(admission_date="01/09/2024")
    _review(actor, cycle_id, decision="close", ratings=("met", "met"))
    assert cycles.pupil_record(actor, pupil_id).open_cycle is None
    other_pupil, other_cycle = planned(legal_forename="Ben")
    _review(actor, other_cycle)
    record = cycles.pupil_record(actor, other_pupil)
    stranger = cycles.get_cycle(actor, cycle_id).allocations[0]  # another pupil's provision
    form = _carried_form(actor, rules.proposed_provision(record, record.open_cycle))
    form["allocations"][0]["carried_from"] = stranger.id
    cycles.save_plan(actor, record.open_cycle.id, record.open_cycle.version, form)
    summary = actor.db.execute(
        "SELECT summary FROM audit WHERE entity = 'cycle' ORDER BY id DESC"
    ).fetchone()[0]
    assert "carried from" not in summary


def test_a_carried_provision_retired_since_is_refused_in_words(actor, planned):
    from sencodesk.services import provision

    pupil_id, cycle_id = planned()
    _review(actor, cycle_id)
    phonics = provision.get_provision(actor, catalogue_id(actor, "Phonics catch-up"))
    provision.set_provision_active(actor, phonics.id, phonics.version, False)
    record = cycles.pupil_record(actor, pupil_id)
    proposals = rules.proposed_provision(record, record.open_cycle)
    assert [p.allocation.provision_name for p in proposals] == ["Phonics catch-up"]  # shown, to decide on
    with pytest.raises(ValidationError) as e:
        cycles.save_plan(
            actor, record.open_cycle.id, record.open_cycle.version, _carried_form(actor, proposals)
        )
    assert "Phonics catch-up has been retired from the catalogue" in e.value.field_errors["allocation_1"]


def test_a_records_support_glance_agrees_with_the_whole_cycles_record(actor, planned, add_pupil):
    """The record opens with a one-query glance instead of every cycle; it must say what the
    whole record would: any cycle at all, and an open cycle whose review date has passed."""
    nobody = add_pupil(legal_surname="Nobody")
    assert cycles.support_glance(actor, nobody, today=TODAY) == SupportGlance(has_cycles=False, overdue=False)
    pupil_id, cycle_id = planned(start="07/09/2026")  # review due 30/11/2026
    before, after = date(2026, 11, 20), date(2026, 12, 1)
    due = date(2026, 11, 30)
    assert cycles.support_glance(actor, pupil_id, today=before) == SupportGlance(True, False, 1, True, due)
    assert cycles.support_glance(actor, pupil_id, today=after) == SupportGlance(True, True, 1, True, due)
    _review(actor, cycle_id)  # reviewed; cycle 2 opens with no plan and no review date yet
    for today in (before, after, date(2027, 6, 1)):
        glance = cycles.support_glance(actor, pupil_id, today=today)
        assert glance == SupportGlance.of(cycles.pupil_record(actor, pupil_id, today=today))
        assert glance == SupportGlance(True, False, open_number=2)  # plan needed, no review date
