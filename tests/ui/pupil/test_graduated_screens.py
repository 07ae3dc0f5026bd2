"""The graduated approach in the real window: concern -> triage -> plan -> sessions -> review,
overdue shown in words, the provision screen, My pupils, and what each says when input is wrong."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.domain.cycles import default_review_date
from sencodesk.domain.dates import uk
from sencodesk.domain.money import pounds
from sencodesk.domain.school_calendar import school_day_on_or_after
from sencodesk.domain.users import LOCAL_SENCO, User
from sencodesk.services import calendar, concerns, cycles, provision, pupils
from tests.ui.graduated import catalogue_id, days_ago, on_support, open_support, planned
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui

TODAY = date.today()


def test_raise_a_concern_then_triage_it_to_sen_support(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Okafor", legal_forename="Ada")
    add_pupil(legal_surname="Smith", legal_forename="Bea")
    screen = main.show("concerns")
    dialog = screen.raise_concern()
    assert dialog.save() is False  # nothing chosen, nothing seen: said by the fields
    assert "Choose the pupil" in dialog.picker.slot.error_text
    assert "Say what you have seen" in dialog.seen.error_text
    assert "Nothing was saved" in dialog.message.cget("text")
    dialog.picker.search_var.set("okaf")
    pump(main.root)
    assert dialog.picker.pupil_id == pupil_id
    dialog.area_vars["CL"].set(True)
    dialog.seen.set("Cannot blend three-letter words in phonics.")
    assert dialog.save() is True
    rows = [screen.open_tree.item(i, "values") for i in screen.open_tree.get_children()]
    assert len(rows) == 1 and rows[0][1] == "Ada Okafor" and rows[0][3] == "CL"
    assert screen.open_label.cget("text") == "Open concerns, oldest first (1)"

    screen.open_tree.selection_set(screen.open_tree.get_children()[0])
    triage = screen.triage_selected()
    triage.choose("sen_support")
    triage.start_date.set(days_ago(1))
    assert triage.save() is False  # parents not told: the Code requires it
    assert "the Code requires" in triage.parents_told.error_text
    triage.parents_told.set(days_ago(1))
    triage.need.set("SPLD - Specific learning difficulty")
    assert triage.save() is True
    assert "SEN support started for Ada Okafor: cycle 1 is open" in str(screen.status.cget("text"))
    assert screen.open_tree.get_children() == ()
    assert pupils.get_pupil(actor, pupil_id).sen_status == "K"
    record = main.records[pupil_id]  # opened on the Support tab, ready for the assessment
    pump(main.root)
    assert record.tabs.select() == str(record.support)
    assert record.support.status.cget("text") == "Cycle 1 is open: assess, then write the plan."


def test_assessment_saves_views_and_tests_and_names_a_test_without_a_name(main, actor, add_pupil):
    pupil_id, cycle_id = on_support(actor, add_pupil)
    _record, support = open_support(main, pupil_id)
    assess = support.form("Assess")
    assess.fields["assess_date"].set(days_ago(20))
    assess.fields["needs_cl"].set("Reading age 2 years below chronological age")
    assess.fields["pupil_views"].set("I like reading with Mrs Lee")
    assess.fields["pupil_views_by"].set("Ada, talking with the SENCO")
    assess.fields["pupil_views_on"].set("31/02/2026")
    assess.rows[0].score.set("76")
    assert assess.save() is False
    assert "Assessment 1 needs a name" in assess.rows[0].slot.error_text
    assert assess.fields["pupil_views_on"].error_text != ""
    assess.rows[0].name.set("Salford reading test")
    assess.rows[0].meaning.set("Decoding is the barrier")
    assess.fields["pupil_views_on"].set(days_ago(20))
    assert assess.save() is True
    assert support.message.cget("text") == "Assessment saved."
    cycle = cycles.get_cycle(actor, cycle_id)
    assert cycle.needs["CL"] == "Reading age 2 years below chronological age"
    assert [(a.name, a.score) for a in cycle.assessments] == [("Salford reading test", "76")]
    assert support.form("Assess").fields["pupil_views_by"].get() == "Ada, talking with the SENCO"


def test_support_tabs_are_hidden_for_a_pupil_with_no_sen_and_no_cycles(main, add_pupil):
    record = main.open_pupil(add_pupil())
    pump(main.root)
    assert record.tabs.tab(record.support, "state") == "hidden"
    assert record.tabs.tab(record.provision_map, "state") == "hidden"


def test_monitor_needs_a_date_and_no_action_a_reason(main, actor, add_pupil):
    pupil_id = add_pupil()
    concerns.raise_concern(actor, pupil_id, {"areas": ["SEMH"], "seen": "Upset at lunchtimes"})
    screen = main.show("concerns")
    screen.open_tree.selection_set(screen.open_tree.get_children()[0])
    triage = screen.triage_selected()
    assert triage.save() is False
    assert "Choose: monitor" in triage.decision_slot.error_text
    triage.choose("no_action")
    assert triage.save() is False
    assert "Give the reason" in triage.reason.error_text
    triage.choose("monitor")
    triage.look_again.set(days_ago(3))
    assert triage.save() is False
    assert "must be after today" in triage.look_again.error_text
    triage.look_again.set(uk(TODAY + timedelta(days=42)))
    assert triage.save() is True
    assert screen.open_tree.get_children() == () and screen.due_tree.get_children() == ()


def test_write_a_plan_with_two_outcomes_and_an_allocation(main, actor, add_pupil):
    pupil_id, cycle_id = on_support(actor, add_pupil, legal_forename="Ada")
    record, support = open_support(main, pupil_id)
    assert support.status.cget("text") == "Cycle 1 is open: assess, then write the plan."
    plan = support.form("Plan")
    plan.fields["plan_start"].set(days_ago(30))
    plan.default_review()  # what leaving the start date box does: 12 weeks on, on a school day
    cal = calendar.school_calendar(actor)
    proposed = default_review_date(TODAY - timedelta(days=30), cal)
    assert plan.fields["review_date"].get() == uk(proposed) and cal.is_school_day(proposed)
    first = plan.outcome_rows[0]
    first.text.set("Regular support with reading")
    assert "Make it specific: 'regular'" in first.hints.text  # a hint, never a block
    first.text.set("Read 40 of the first 100 high-frequency words")
    assert first.hints.text == ""
    first.measure.set("Weekly word check")
    second = plan.add_outcome(None)
    second.text.set("Blend CVC words in 8 of 10 attempts")
    row = plan.add_allocation(None)
    row.provision.set("Phonics catch-up")
    assert "Cost to this pupil: £92.50 a year" in row.cost.cget("text")
    assert "20 min × 5/wk × 12 wk = 20 h × £18.50 ÷ 4 pupils" in row.cost.cget("text")
    row.sizes["group_size"].set("2")  # a smaller group costs each pupil more, worked out at once
    assert "£185.00" in row.cost.cget("text")
    row.sizes["group_size"].set("")
    plan.fields["review_date"].set(days_ago(40))
    assert plan.save() is False
    assert "must be after the plan starts" in plan.fields["review_date"].error_text
    plan.fields["review_date"].set("")
    assert plan.save() is True
    assert support.message.cget("text") == "Plan saved."
    cycle = cycles.get_cycle(actor, cycle_id)
    assert [o.text for o in cycle.outcomes] == [
        "Read 40 of the first 100 high-frequency words",
        "Blend CVC words in 8 of 10 attempts",
    ]
    assert [a.provision_name for a in cycle.allocations] == ["Phonics catch-up"]
    top = support.tree.item(support.tree.get_children()[0], "values")
    assert top[0] == "1" and top[3] == "Open" and top[5] == "£92.50"
    record.tabs.select(record.provision_map)
    pump(main.root)
    # this year's cost is the block's weeks in this academic year (all 12 unless it crosses 31 August)
    year_total = provision.pupil_provision_map(actor, pupil_id).total
    assert record.provision_map.total.cget("text").endswith(pounds(year_total)) and year_total <= 9250
    assert "of the £6,000.00 threshold" in record.provision_map.bar.text.cget("text")


def test_log_sessions_one_pupil_and_a_group(main, actor, add_pupil):
    pupil_id, cycle_id = planned(actor, add_pupil, legal_forename="Ada")
    planned(actor, add_pupil, legal_forename="Ben")
    record, support = open_support(main, pupil_id)
    do = support.form("Do")
    dialog = do.log()
    dialog.held_on.set(uk(TODAY + timedelta(days=2)))
    assert dialog.save() is False
    assert "future" in dialog.held_on.error_text
    dialog.held_on.set(days_ago(7))
    dialog.ticks[0].attended_var.set(False)
    assert dialog.save() is True
    do = support.form("Do")
    assert do.allocations.item(do.allocations.get_children()[0], "values")[3:5] == ("1", "0%")
    assert "Session logged" in support.message.cget("text")
    record.close()

    screen = main.show("provision")
    group = screen.log_group()
    group.provision.set("Phonics catch-up")
    pump(main.root)
    assert sorted(t.row["pupil"].split()[0] for t in group.ticks) == ["Ada", "Ben"]
    group.held_on.set(days_ago(6))
    assert group.save() is True
    assert screen.message.cget("text") == "Saved: 2 sessions logged."
    allocation = cycles.get_cycle(actor, cycle_id).allocations[0]
    assert (allocation.logged, allocation.attended, allocation.attendance_pct) == (2, 1, 50)


def test_a_session_is_delivered_by_the_planned_staff_and_never_replaced_without_asking(
    main, actor, add_pupil
):
    from sencodesk.ui import dialogs

    pupil_id, cycle_id = on_support(actor, add_pupil, legal_forename="Ada")
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": days_ago(40),
            "review_date": "",
            "strategies": "",
            "outcomes": [{"text": "Read 20 common exception words", "by_when": "", "measure": "Word check"}],
            "allocations": [
                {"provision_id": catalogue_id(actor, "Phonics catch-up"), "staff_name": "Mrs Patel"}
            ],
            "staff": [],
        },
    )
    allocation = cycles.get_cycle(actor, cycle_id).allocations[0]
    cycles.log_sessions(
        actor, days_ago(3), [{"allocation_id": allocation.id, "attended": True}], staff_name="Mr Lee"
    )
    record, support = open_support(main, pupil_id)
    dialog = support.form("Do").log()
    assert dialog.staff.get() == "Mrs Patel"  # the plan's, not the person logging it
    dialog.held_on.set(days_ago(3))
    dialog.ticks[0].attended_var.set(False)
    dialogs.testing.answers.append(False)  # "Keep the one logged"
    assert dialog.save() is False
    question = dialogs.testing.shown[-1][1]
    assert "is already logged for Ada" in question and "by Mr Lee: 20 minutes, attended" in question
    assert cycles.allocation_sessions(actor, allocation.id)[0]["attended"]  # kept
    dialogs.testing.answers.append(True)  # "Replace it"
    assert dialog.save() is True
    (session,) = cycles.allocation_sessions(actor, allocation.id)
    assert not session["attended"] and session["staff"] == "Mrs Patel"
    record.close()


def test_record_a_review_and_the_next_cycle_carries_unmet_outcomes(main, actor, add_pupil):
    pupil_id, cycle_id = planned(actor, add_pupil)
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.save_plan(
        actor,
        cycle_id,
        cycle.version,
        {
            "plan_start": days_ago(40),
            "strategies": "",
            "outcomes": [
                {"id": cycle.outcomes[0].id, "text": "Read 20 common exception words"},
                {"text": "Write a sentence with a capital letter and full stop"},
            ],
            "allocations": [
                {"id": cycle.allocations[0].id, "provision_id": cycle.allocations[0].provision_id}
            ],
        },
    )
    cycles.log_sessions(actor, days_ago(10), [{"allocation_id": cycle.allocations[0].id, "attended": True}])
    record, support = open_support(main, pupil_id)
    dialog = support.review()
    assert dialog.save() is False
    assert "Choose the decision" in dialog.decision_slot.error_text
    dialog.decision.set("continue")
    dialog.held_on.set(days_ago(45))  # before the plan: said in words
    assert dialog.save() is False
    assert "before the plan started" in dialog.held_on.error_text
    dialog.held_on.set(days_ago(1))
    assert dialog.save() is False
    assert "has no rating" in next(iter(dialog.ratings.values())).error_text
    first, second = dialog.ratings
    dialog.rate(first, "met")
    dialog.rate(second, "partly_met")
    dialog.evidence[first].set("Read 22 of 20 words on 3 checks")
    dialog.impacts[cycle.allocations[0].id].set("Good progress in phonics")
    assert "attended 1 of 1 sessions logged (100%)" in dialog.impacts[cycle.allocations[0].id].label.cget(
        "text"
    )
    assert dialog.save() is True
    record = main.records[pupil_id]
    support = record.support
    record.tabs.select(support)
    pump(main.root)
    assert "A new cycle is open with the unmet outcomes carried across" in support.message.cget("text")
    numbers = [support.tree.item(i, "values")[0] for i in support.tree.get_children()]
    assert numbers == ["2", "1"]  # newest first
    assert support.tree.item(support.tree.get_children()[1], "values")[3] == "Reviewed"
    plan = support.form("Plan")
    assert [r.text.get() for r in plan.outcome_rows] == [
        "Write a sentence with a capital letter and full stop"
    ]
    assert plan.outcome_rows[0].cget("text") == "Outcome 1 (carried from the last cycle)"


def test_overdue_is_red_and_in_words_on_the_pupil_and_the_dashboard(main, actor, add_pupil):
    _pupil_id, _ = planned(actor, add_pupil, start=100, legal_forename="Ada", legal_surname="Late")
    dashboard = main.show("dashboard")
    assert dashboard.buttons["overdue"].cget("text") == "1 review Overdue"
    assert dashboard.list_label.cget("text").startswith("Reviews overdue")
    line = dashboard.list.item(dashboard.list.get_children()[0], "values")
    assert line[1] == "Overdue by 16 days" and line[2] == "Ada Late"
    assert dashboard.buttons["concerns"].cget("text") == "0 open concerns"
    # no term dates in this school: the year's weeks are counted on a typical pattern, and it says so
    spend = pounds(provision.year_spend(actor))
    assert dashboard.buttons["spend"].cget("text").endswith(f": {spend} (approx.)")
    dashboard.list.selection_set(dashboard.list.get_children()[0])
    record = dashboard.open_chosen()
    pump(main.root)
    support = record.support
    assert record.tabs.tab(support, "text") == "Support (Overdue)"
    assert support.status.cget("text").startswith("Overdue: the review of cycle 1 was due on")
    assert "danger" in str(support.status.cget("style")).lower()


def test_catalogue_item_with_vague_wording_and_the_costing_rates(main, actor):
    screen = main.show("provision")
    dialog = screen.add_item()
    dialog.fields["name"].set("Reading buddies")
    dialog.fields["area"].set("CL - Cognition and learning")
    dialog.fields["staff_role"].set("Teaching assistant")
    dialog.fields["description"].set("Regular support in class as appropriate")
    hints = dialog.fields["description"].hints.text
    assert "'support in class'" in hints and "'as appropriate'" in hints
    for key, value in (
        ("group_size", "2"),
        ("session_minutes", "30"),
        ("sessions_per_week", "2"),
        ("weeks", "10"),
    ):
        dialog.fields[key].set(value)
    assert dialog.cost.cget("text").startswith("Cost per pupil a year: £92.50")
    dialog.fields["fixed_cost"].set("20")
    assert dialog.save() is False  # a fixed cost needs saying what it is for
    assert "Say what the fixed cost is for" in dialog.fields["fixed_cost_note"].error_text
    dialog.fields["fixed_cost_note"].set("books")
    assert dialog.save() is True  # the wording hints never block
    assert "could be more specific" in screen.message.cget("text")
    chosen = screen.catalogue.selection()[0]
    assert screen.catalogue.item(chosen, "values")[4] == "£102.50"
    screen.costing_fields["rate_ta"].set("20.00")
    assert screen.save_costing() is True
    assert screen.catalogue.item(chosen, "values")[4] == "£110.00"
    screen.costing_fields["weeks_per_year"].set("60")
    assert screen.save_costing() is False
    assert "1 to 52" in screen.costing_fields["weeks_per_year"].error_text
    screen.catalogue.selection_set(chosen)
    screen.show_rule()
    screen.toggle_item()
    assert "Reading buddies retired" in screen.message.cget("text")
    assert not screen.catalogue.exists(chosen)


def test_my_pupils_for_a_teacher_logs_sessions_and_a_review(main, actor, add_pupil):
    user_id = (
        actor.db["users"]
        .insert(
            {
                "username": "tjones",
                "display_name": "Mr T Jones",
                "role": "teacher",
                "active": 1,
                "created_at": "2026-09-01",
            }
        )
        .last_pk
    )
    pupil_id, _cycle_id = planned(actor, add_pupil, staff=[user_id], legal_forename="Ada")
    planned(actor, add_pupil, legal_forename="Not", legal_surname="Mine")
    main.actor.user = User(id=user_id, username="tjones", display_name="Mr T Jones", role="teacher")
    screen = main.show("my_pupils")
    assert [screen.tree.item(i, "values")[0] for i in screen.tree.get_children()] == ["Ada Smith"]
    text = screen.text.get("1.0", "end")
    assert "1. Read 20 common exception words" in text and "Pre-teach vocabulary." in text
    dialog = screen.log()
    dialog.held_on.set(days_ago(2))
    assert dialog.save() is True
    assert screen.message.cget("text") == "Saved: 1 session logged."
    assert "attended 1 of 1 sessions logged (100%)" in screen.text.get("1.0", "end")
    review = screen.review()
    review.held_on.set(days_ago(1))
    review.rate(next(iter(review.ratings)), "not_met")
    review.decision.set("close")  # only the SENCO may take a pupil off SEN support
    assert review.save() is False
    assert "Only the SENCO" in review.message.cget("text")
    review.decision.set("continue")
    assert review.save() is True
    assert "Review saved. A new cycle is open" in screen.message.cget("text")
    main.actor.user = LOCAL_SENCO  # (the record's History needs audit.read: opened as the SENCO)
    _record, support = open_support(main, pupil_id)
    assert str(support.form("Plan").save_button.cget("state")) == "normal"
    main.actor.user = User(id=user_id, username="tjones", display_name="Mr T Jones", role="teacher")
    support.reload()  # the teacher may read the plan, not change it
    assert str(support.form("Plan").save_button.cget("state")) == "disabled"
    main.actor.user = LOCAL_SENCO
    assert [c.number for c in cycles.pupil_record(actor, pupil_id).cycles] == [1, 2]


def test_group_logging_ticks_the_group_of_the_person_who_delivered_it(main, actor, add_pupil):
    user_id = (
        actor.db["users"]
        .insert(
            {
                "username": "mspatel",
                "display_name": "Ms A Patel",
                "role": "teacher",
                "active": 1,
                "created_at": "2026-09-01",
            }
        )
        .last_pk
    )
    _pupil_id, cycle_id = on_support(actor, add_pupil, legal_forename="Ada")
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": days_ago(30),
            "outcomes": [{"text": "Read 20 common exception words"}],
            "allocations": [
                {"provision_id": catalogue_id(actor, "Phonics catch-up"), "staff_user_id": user_id}
            ],
        },
    )
    planned(actor, add_pupil, legal_forename="Ben")
    dialog = main.show("provision").log_group()
    dialog.provision.set("Phonics catch-up")
    assert [t.log_var.get() for t in dialog.ticks] == [True, True]  # nobody named: everyone
    dialog.staff.set("Ms A Patel")
    assert {t.row["pupil"].split()[0]: t.log_var.get() for t in dialog.ticks} == {"Ada": True, "Ben": False}
    dialog.held_on.set(days_ago(1))
    assert dialog.save() is True
    assert [a.logged for a in cycles.get_cycle(actor, cycle_id).allocations] == [1]


def test_closing_a_record_with_an_unsaved_plan_asks_first(main, actor, add_pupil):
    from sencodesk.ui import dialogs

    pupil_id, _ = on_support(actor, add_pupil)
    record, support = open_support(main, pupil_id)
    assert record.dirty is False
    support.form("Plan").outcome_rows[0].text.set("Read 40 of the first 100 high-frequency words")
    assert record.dirty is True
    dialogs.testing.answers.append(False)  # "Keep editing"
    assert record.close() is False
    assert "not saved" in dialogs.testing.shown[-1][1]
    assert support.form("Plan").outcome_rows[0].text.get() == "Read 40 of the first 100 high-frequency words"
    record.details.fields["class_name"].set("3C")
    assert record.save() is True  # saving the pupil's details keeps the plan being typed
    pump(main.root)
    assert support.form("Plan").outcome_rows[0].text.get() == "Read 40 of the first 100 high-frequency words"


def test_a_teacher_raises_a_concern_about_any_pupil_but_does_not_see_the_list(main, actor, add_pupil):
    user_id = (
        actor.db["users"]
        .insert(
            {
                "username": "tjones",
                "display_name": "Mr T Jones",
                "role": "teacher",
                "active": 1,
                "created_at": "2026-09-01",
            }
        )
        .last_pk
    )
    pupil_id = add_pupil(legal_forename="Cal", legal_surname="Reed")
    main.actor.user = User(id=user_id, username="tjones", display_name="Mr T Jones", role="teacher")
    screen = main.show("concerns")
    assert "The SENCO reads each one" in screen.status.cget("text")
    dialog = screen.raise_concern()
    dialog.picker.search_var.set("reed")
    dialog.seen.set("Covers ears in assembly")
    dialog.area_vars["SP"].set(True)
    assert dialog.save() is True
    main.actor.user = LOCAL_SENCO  # the SENCO reads it
    saved = concerns.pupil_concerns(actor, pupil_id)
    assert [(c.raised_by, c.areas) for c in saved] == [("Mr T Jones", ["SP"])]


def test_provision_map_tab_totals_against_the_threshold_and_other_years(main, actor, add_pupil):
    pupil_id, _ = planned(actor, add_pupil, start=20)
    provision.save_costing(
        actor,
        {
            "rate_teacher": "35.00",
            "rate_hlta": "22.00",
            "rate_ta": "18.50",
            "rate_external": "60.00",
            "weeks_per_year": "38",
            "threshold": "50",
        },
    )
    record = main.open_pupil(pupil_id)
    record.tabs.select(record.provision_map)
    pump(main.root)
    tab = record.provision_map
    line = tab.tree.item(tab.tree.get_children()[0], "values")
    # the block's weeks in this academic year (12, unless it runs past 31 August), as the service says
    m = provision.pupil_provision_map(actor, pupil_id)
    assert line[0] == "Phonics catch-up" and line[3] == pounds(m.total)
    assert line[4] == m.lines[0].allocation.cost.explanation and "× £18.50 ÷ 4 pupils" in line[4]
    assert tab.bar.text.cget("text").startswith(f"{pounds(m.total)}: ") and m.over
    assert "weeks" in tab.weeks_note.cget("text")  # how the weeks were counted
    assert tab.bar.bar.cget("value") == 100.0
    tab.year_var.set(list(tab.years)[3])  # three academic years ago: nothing ran then
    pump(main.root)
    assert tab.tree.item(tab.tree.get_children()[0], "values")[0] == "No provision in this year"
    assert tab.total.cget("text").endswith(": £0.00")


def test_after_a_continue_review_the_new_plan_starts_with_the_provision_proposed(main, actor, add_pupil):
    pupil_id, cycle_id = on_support(actor, add_pupil)
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": days_ago(40),
            "outcomes": [{"text": "Read 20 common exception words"}],
            "allocations": [
                {
                    "provision_id": catalogue_id(actor, "Phonics catch-up"),
                    "group_size": "2",
                    "staff_name": "Mrs Lee",
                    "start_date": days_ago(40),
                    "end_date": days_ago(5),
                },
                {"provision_id": catalogue_id(actor, "Handwriting")},
            ],
        },
    )
    record, support = open_support(main, pupil_id)
    dialog = support.review()
    dialog.held_on.set(days_ago(1))
    dialog.rate(next(iter(dialog.ratings)), "partly_met")
    dialog.decision.set("continue")
    assert dialog.save() is True
    pump(main.root)
    plan = record.support.form("Plan")
    rows = plan.allocation_rows
    assert [(r.provision.get(), r.staff.get(), r.sizes["group_size"].get()) for r in rows] == [
        ("Phonics catch-up", "Mrs Lee", "2"),
        ("Handwriting", "(not named)", ""),
    ]
    assert rows[0].cget("text") == "Provision 1 (proposed: carried from cycle 1, not saved yet)"
    assert "Cost to this pupil: £185.00 a year" in rows[0].cost.cget("text")  # group of 2, as allocated
    assert plan.dirty is False  # proposals are not typing: leaving loses nothing (they come back)
    new_id = cycles.pupil_record(actor, pupil_id).open_cycle.id
    assert cycles.get_cycle(actor, new_id).allocations == []  # nothing allocated until the plan is saved
    plan.fields["plan_start"].set(uk(TODAY))
    plan.default_review()  # what leaving the start date box does: the proposals are dated from it
    ends = school_day_on_or_after(calendar.school_calendar(actor), TODAY + timedelta(days=35))
    assert (rows[0].start.get(), rows[0].end.get()) == ("", uk(ends))  # on a school day
    plan.remove_allocation(rows[1])
    assert plan.save() is True
    saved = cycles.get_cycle(actor, new_id).allocations
    assert [(a.provision_name, a.group_size, a.staff, a.end_date) for a in saved] == [
        ("Phonics catch-up", 2, "Mrs Lee", ends)
    ]
    plan = record.support.form("Plan")
    assert [r.cget("text") for r in plan.allocation_rows] == ["Provision 1"]


def test_edit_a_recorded_review_then_the_support_tab_and_the_ehcna_pack_show_the_correction(
    main, actor, add_pupil, tmp_path
):
    import re

    from pypdf import PdfReader

    from sencodesk.services import packs

    pupil_id, cycle_id = planned(actor, add_pupil)
    cycle = cycles.get_cycle(actor, cycle_id)
    cycles.record_review(
        actor,
        cycle_id,
        cycle.version,
        {
            "held_on": days_ago(1),
            "decision": "continue",
            "pupil_views": "I like the phonix group",
            "ratings": {cycle.outcomes[0].id: "partly_met"},
        },
    )
    _record, support = open_support(main, pupil_id)
    support.tree.selection_set(str(cycle_id))  # the reviewed cycle, read back in words
    pump(main.root)
    assert "Pupil's views: I like the phonix group" in support.past_text.get("1.0", "end")
    dialog = support.edit_review()
    assert dialog.title() == f"Correct the review of cycle 1: {support.pupil_name}"
    assert dialog.pupil_views.get() == "I like the phonix group" and dialog.decision.get() == "continue"
    assert dialog.ratings[cycle.outcomes[0].id].get() == "Partly met"
    # the decision has taken effect: shown, fixed, and trying to change it says why
    assert all(str(b.cget("state")) == "disabled" for b in dialog.decision_buttons)
    reason = dialog.decision_reason
    assert "has taken effect (the cycle was closed and cycle 2 opened from it)" in reason.cget("text")
    assert "danger" not in str(reason.cget("style")).lower()
    dialog.decision_buttons[1].event_generate("<Button-1>")
    assert "danger" in str(reason.cget("style")).lower()
    dialog.pupil_views.set("I like the phonics group")
    dialog.rate(cycle.outcomes[0].id, "met")
    dialog.notes.set("Mum to ring in a month")
    assert dialog.save() is True
    pump(main.root)
    assert support.message.cget("text") == "Review of cycle 1 corrected."
    assert support.tree.selection() == (str(cycle_id),)  # still on the cycle corrected
    shown = support.past_text.get("1.0", "end")
    assert "Pupil's views: I like the phonics group" in shown and "- Met" in shown
    review = cycles.get_cycle(actor, cycle_id).review
    assert (review.pupil_views, review.decision, review.version) == (
        "I like the phonics group",
        "continue",
        2,
    )
    out = tmp_path / "EHCNA.pdf"
    packs.export_ehcna(actor, pupil_id, out)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out)).pages))
    assert "at the review of cycle 1 (not present at the meeting) I like the phonics group" in text
    assert "phonix" not in text
    reviewed = text[text.index("Cycle 1 (reviewed)") :]  # the graduated approach section's review
    assert "Read 20 common exception words Met Provision" in reviewed
    assert "Review notes Mum to ring in a month" in reviewed
