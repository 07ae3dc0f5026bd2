"""Small gaps people hit on the pupil record and the main window, driven like a person: raising a
concern from the record, a contact row with no name, Ctrl+N for a role that cannot add pupils,
ceased EHC plans on the EHC tab, changing an involvement, and cycle outcomes linked to the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.domain.dates import uk
from sencodesk.domain.users import LOCAL_SENCO, User
from sencodesk.services import annual_reviews, concerns, cycles, ehc_plans, plan_links, pupils, referrals
from sencodesk.ui import dialogs
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui


def as_role(main, actor, role: str, username: str = "tjones") -> User:
    user_id = (
        actor.db["users"]
        .insert(
            {
                "username": username,
                "display_name": "Mr T Jones",
                "role": role,
                "active": 1,
                "created_at": "2026-09-01",
            }
        )
        .last_pk
    )
    main.actor.user = User(id=user_id, username=username, display_name="Mr T Jones", role=role)
    return main.actor.user


def test_raise_a_concern_from_the_pupil_record_with_the_pupil_chosen(main, actor, add_pupil):
    for n in range(205):  # more than the picker lists unfiltered: the pupil must still be chosen
        add_pupil(legal_surname=f"Aard{chr(97 + n // 26)}{chr(97 + n % 26)}")
    pupil_id = add_pupil(legal_forename="Zed", legal_surname="Zulu")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert str(record.concern_button.cget("state")) == "normal"
    dialog = record.raise_concern()
    assert dialog.picker.pupil_id == pupil_id
    assert dialog.picker.search_var.get() == "Zed Zulu"
    assert dialog.save() is False  # nothing seen: said by the field, the pupil stays chosen
    assert "Say what you have seen" in dialog.seen.error_text
    dialog.seen.set("Cannot copy from the board")
    dialog.area_vars["CL"].set(True)
    assert dialog.save() is True
    pump(main.root)
    assert "Concern raised" in record.banner.cget("text")
    saved = concerns.pupil_concerns(actor, pupil_id)
    assert [(c.seen, c.areas, c.raised_by) for c in saved] == [
        ("Cannot copy from the board", ["CL"], "SENCO")
    ]
    record.close()


def test_no_concern_from_a_new_record_or_a_leaver(main, actor, add_pupil):
    record = main.open_pupil(None)
    pump(main.root)
    assert str(record.concern_button.cget("state")) == "disabled"
    record.close()
    pupil_id = add_pupil(legal_surname="Gone")
    pupils.mark_leaver(actor, pupil_id, 1, "01/09/2025", "Moved away")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert str(record.concern_button.cget("state")) == "disabled"
    record.close()


def test_the_office_sees_no_raise_a_concern_button(main, actor, add_pupil):
    pupil_id = add_pupil()
    as_role(main, actor, "office", "office1")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert not record.concern_button.winfo_ismapped()
    main.actor.user = LOCAL_SENCO
    record.close()


def test_a_contact_with_only_a_relationship_is_not_dropped_silently(main, actor, add_pupil):
    pupil_id = add_pupil()
    record = main.open_pupil(pupil_id)
    pump(main.root)
    row = record.contacts.add({}, focus=True)
    row.vars["relationship"].set("Father")
    assert record.save() is False
    assert row.message.cget("text") == "Contact 1 needs a name."
    assert record.tabs.select() == str(record.pages[record.contacts])
    assert row.vars["relationship"].get() == "Father"  # kept to finish
    row.vars["name"].set("Tom Bell")
    assert record.save() is True
    assert [(c.name, c.relationship) for c in pupils.get_pupil(actor, pupil_id).contacts] == [
        ("Tom Bell", "Father")
    ]
    record.contacts.add({}, focus=True)  # added and left as it is: nothing typed, nothing to say
    assert record.save() is True
    record.close()


def test_ctrl_n_for_a_teacher_opens_nothing_and_says_why(main, actor):
    as_role(main, actor, "teacher")
    main.show("register")
    keyboard_ready(main.root, main.screens["register"].search)
    main.screens["register"].search.event_generate("<Control-n>")
    pump(main.root)
    assert None not in main.records
    said = main.status_line.cget("text")
    assert "no blank record was opened" in said and "Teacher/TA" in said and "SENCO" in said
    assert main.status_line.winfo_ismapped()
    main.show("register")  # another screen chosen: the line goes
    assert not main.status_line.winfo_ismapped()
    main.actor.user = LOCAL_SENCO
    main.screens["register"].search.focus_set()
    main.screens["register"].search.event_generate("<Control-n>")
    pump(main.root)
    assert main.records[None].heading.cget("text") == "New pupil"
    main.records[None].close()


PLAN = {
    "needs": [{"text": "Spoken language well below age", "area": "CI"}],
    "outcomes": [{"text": "Will follow two-step instructions", "area": "CI"}],
    "provision": [{"text": "Speech and language programme", "detail": "TA, 3 x 20 min"}],
}


def widget_texts(frame) -> list[str]:
    texts = []
    for child in frame.winfo_children():
        if child.winfo_class() == "TLabel":
            texts.append(str(child.cget("text")))
        texts += widget_texts(child)
    return texts


def test_ehc_tab_lists_a_ceased_plan_read_only_under_the_current_one(main, actor, add_pupil):
    pupil_id = add_pupil(
        legal_forename="Ben",
        legal_surname="Ash",
        sen_status="K",
        primary_need="SLCN",
        sen_start_date="01/09/2020",
    )
    first_date = date.today() - timedelta(days=700)
    first = ehc_plans.issue_plan(
        actor, pupil_id, PLAN | {"plan_date": uk(first_date), "la_name": "Northshire"}
    )
    annual_reviews.record_review(actor, first, {"meeting_on": uk(first_date + timedelta(days=300))})
    ehc_plans.cease_plan(actor, first, 1, uk(first_date + timedelta(days=400)))
    record = main.open_pupil(pupil_id)
    pump(main.root)
    tab = record.ehc
    assert "No current EHC plan." in widget_texts(tab.content)
    shown = widget_texts(tab.ceased_frames[first])
    assert shown[0] == f"Plan dated {uk(first_date)}, ceased on {uk(first_date + timedelta(days=400))}"
    assert "Local authority: Northshire." in shown[1]
    assert "Section B needs: Spoken language well below age" in shown
    assert "  1. Will follow two-step instructions (no cycle linked yet)" in shown
    assert f"Annual reviews: meeting {uk(first_date + timedelta(days=300))}." in shown
    buttons = [c for c in tab.ceased_frames[first].winfo_children() if c.winfo_class() == "TButton"]
    assert buttons == []  # kept to read: nothing to edit, review or cease
    record.close()

    second = ehc_plans.issue_plan(
        actor,
        pupil_id,
        PLAN
        | {
            "plan_date": uk(date.today() - timedelta(days=10)),
            "outcomes": [{"text": "Will ask for help", "area": "CI"}],
        },
    )
    record = main.open_pupil(pupil_id)
    pump(main.root)
    tab = record.ehc
    everything = widget_texts(tab.content)
    assert "  1. Will ask for help (no cycle linked yet)" in everything  # the current plan first
    earlier = everything.index("Earlier EHC plans (ceased, kept for the record)")
    assert everything.index("  1. Will ask for help (no cycle linked yet)") < earlier
    assert list(tab.ceased_frames) == [first] and second not in tab.ceased_frames
    record.close()


def test_an_involvement_is_changed_and_marked_ended_from_the_referrals_tab(main, actor, add_pupil):
    pupil_id = add_pupil(sen_status="K", primary_need="SLCN")
    referrals.add_involvement(
        actor,
        pupil_id,
        {"service": "Educational psychology", "professional": "Dr P Jones", "started_on": "01/02/2026"},
    )
    referrals.add_involvement(actor, pupil_id, {"service": "School nurse", "started_on": "01/03/2026"})
    record = main.open_pupil(pupil_id)
    pump(main.root)
    record.tabs.select(record.pages[record.referrals])
    pump(main.root)
    tab = record.referrals
    first, second = tab.involvements_box.tree.get_children()
    assert (
        tab.involvements_box.save_button.cget("text") == "Add involvement"
        and not tab.involvements_box.end_button.winfo_ismapped()
    )
    tab.involvements_box.tree.selection_set(first)
    pump(main.root)
    f = tab.involvements_box.form.fields
    assert (f["service"].get(), f["professional"].get(), f["started_on"].get()) == (
        "Educational psychology",
        "Dr P Jones",
        "01/02/2026",
    )
    assert tab.involvements_box.save_button.cget("text") == "Save involvement" and record.dirty is False
    f["professional"].set("Dr Priya Jones")
    f["ended_on"].set("01/01/2026")  # before it started: said by the field, kept
    tab.involvements_box.save_button.invoke()
    pump(main.root)
    assert f["ended_on"].error_text == "The involvement ends before it starts."
    assert f["professional"].get() == "Dr Priya Jones"
    dialogs.testing.answers.append(False)  # choosing the other one asks first: "Keep editing"
    tab.involvements_box.tree.selection_set(second)
    pump(main.root)
    assert "not saved" in dialogs.testing.shown[-1][1] and f["professional"].get() == "Dr Priya Jones"
    assert tab.involvements_box.tree.selection() == (first,)
    f["ended_on"].set("")
    tab.involvements_box.save_button.invoke()
    pump(main.root)
    assert tab.involvements_box.form.status.cget("text") == "Involvement saved."
    saved = {i.service: i for i in referrals.involvements_for_pupil(actor, pupil_id)}
    assert saved["Educational psychology"].professional == "Dr Priya Jones"
    assert len(saved) == 2  # changed in place, not added again
    assert record.dirty is False

    tab.involvements_box.tree.selection_set(
        tab.involvements_box.tree.get_children()[1]
    )  # the nurse: ongoing, so it can end
    pump(main.root)
    assert tab.involvements_box.end_button.winfo_ismapped()
    assert tab.involvements_box.end() is True
    pump(main.root)
    ended = {i.service: i for i in referrals.involvements_for_pupil(actor, pupil_id)}["School nurse"]
    assert ended.ended_on == date.today()
    nurse = tab.involvements_box.tree.item(tab.involvements_box.tree.get_children()[1], "values")
    assert nurse[2] == f"01/03/2026 to {uk(date.today())}"
    audit = [
        r[0]
        for r in actor.db.execute(
            "SELECT summary FROM audit WHERE entity = 'involvement' AND action = 'update' ORDER BY id"
        )
    ]
    assert audit == ["changed the Educational psychology involvement", "changed the School nurse involvement"]
    record.close()


def pupil_with_plan_and_cycle(actor, add_pupil) -> tuple[int, int, list]:
    """A pupil on SEN support (cycle 1 open, no plan written yet) whose EHC plan has two outcomes."""
    pupil_id = add_pupil(legal_forename="Ivy", legal_surname="Hill")
    concern_id = concerns.raise_concern(
        actor,
        pupil_id,
        {
            "raised_on": uk(date.today() - timedelta(days=60)),
            "areas": ["CI"],
            "seen": "Hard to follow instructions",
        },
    )
    cycle_id = concerns.triage_concern(
        actor,
        concern_id,
        1,
        {
            "decision": "sen_support",
            "start_date": uk(date.today() - timedelta(days=50)),
            "parents_told_on": uk(date.today() - timedelta(days=50)),
            "primary_need": "SLCN",
        },
    )
    ehc_plans.issue_plan(
        actor,
        pupil_id,
        PLAN
        | {
            "plan_date": uk(date.today() - timedelta(days=40)),
            "outcomes": [
                {"text": "Will follow two-step instructions in class", "area": "CI"},
                {"text": "Will ask an adult for help when stuck, using a help card", "area": "SEMH"},
            ],
        },
    )
    return pupil_id, cycle_id, ehc_plans.plan_outcomes(actor, pupil_id)


def open_plan_form(main, pupil_id):
    record = main.open_pupil(pupil_id)
    pump(main.root)
    record.tabs.select(record.support)
    pump(main.root)
    return record, record.support.form("Plan")


def test_plan_outcomes_link_to_and_copy_from_the_ehc_plans_section_e(main, actor, add_pupil):
    pupil_id, cycle_id, section_e = pupil_with_plan_and_cycle(actor, add_pupil)
    record, plan = open_plan_form(main, pupil_id)
    first = plan.outcome_rows[0]
    assert first.link.input.cget("values") == (
        "(not linked to the plan)",
        "1. Will follow two-step instructions in class",
        "2. Will ask an adult for help when stuck, using a help card",
    )
    assert first.link.get() == "(not linked to the plan)"
    assert plan.dirty is False
    copied = plan.copy_from_plan(section_e[1].id)  # fills the empty first outcome, linked
    assert copied is first
    assert first.text.get() == "Will ask an adult for help when stuck, using a help card"
    assert first.link.get() == "2. Will ask an adult for help when stuck, using a help card"
    first.text.set("Ask for help with the help card in 4 of 5 maths lessons")
    first.measure.set("TA tally")
    second = plan.add_outcome(None)
    second.text.set("Follow a two-step instruction first time in 8 of 10 tries")
    second.link.set("1. Will follow two-step instructions in class")
    plan.fields["plan_start"].set(uk(date.today() - timedelta(days=30)))
    assert plan.save() is True
    saved = cycles.get_cycle(actor, cycle_id)
    assert [(o.text, o.plan_outcome_id) for o in saved.outcomes] == [
        ("Ask for help with the help card in 4 of 5 maths lessons", section_e[1].id),
        ("Follow a two-step instruction first time in 8 of 10 tries", section_e[0].id),
    ]
    evidence = plan_links.plan_outcome_evidence(actor, pupil_id)
    assert [[x.text for x in e.linked] for e in evidence] == [
        ["Follow a two-step instruction first time in 8 of 10 tries"],
        ["Ask for help with the help card in 4 of 5 maths lessons"],
    ]

    plan = record.support.form("Plan")  # rebuilt after the save: the links read back
    assert [r.link.get() for r in plan.outcome_rows] == [
        "2. Will ask an adult for help when stuck, using a help card",
        "1. Will follow two-step instructions in class",
    ]
    plan.outcome_rows[1].link.set("(not linked to the plan)")
    assert plan.dirty is True
    assert plan.save() is True
    assert [o.plan_outcome_id for o in cycles.get_cycle(actor, cycle_id).outcomes] == [
        section_e[1].id,
        None,
    ]
    record.close()


def test_copy_from_the_plan_adds_an_outcome_and_stops_at_six(main, actor, add_pupil):
    pupil_id, _, section_e = pupil_with_plan_and_cycle(actor, add_pupil)
    record, plan = open_plan_form(main, pupil_id)
    plan.outcome_rows[0].text.set("Name 10 feelings words")
    added = plan.copy_from_plan(section_e[0].id)
    assert len(plan.outcome_rows) == 2 and added is plan.outcome_rows[1]
    assert added.text.get() == "Will follow two-step instructions in class"
    menu = plan.nametowidget(plan.copy_button.cget("menu"))
    assert [menu.entrycget(i, "label") for i in range(menu.index("end") + 1)] == [
        "1. Will follow two-step instructions in class",
        "2. Will ask an adult for help when stuck, using a help card",
    ]
    for _ in range(4):
        plan.add_outcome(None).text.set("Another step")
    assert plan.copy_from_plan(section_e[1].id) is None
    assert "at most 6 outcomes" in plan.outcomes_slot.error_text
    record.close()


def test_a_pupil_without_a_plan_gets_no_link_choice_and_keeps_its_saved_links(main, actor, add_pupil):
    pupil_id, cycle_id, section_e = pupil_with_plan_and_cycle(actor, add_pupil)

    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": uk(date.today() - timedelta(days=30)),
            "outcomes": [
                {
                    "text": "Follow a two-step instruction",
                    "measure": "Tally",
                    "plan_outcome_id": section_e[0].id,
                }
            ],
        },
    )
    plan_id = ehc_plans.current_plan(actor, pupil_id).id
    ehc_plans.cease_plan(actor, plan_id, 1, ehc_plans.current_plan(actor, pupil_id).plan_date)
    record, plan = open_plan_form(main, pupil_id)
    assert plan.copy_button is None
    row = plan.outcome_rows[0]  # linked to the ceased plan: said, and kept on save
    assert row.link.get() == "An outcome of an earlier EHC plan (kept)"
    assert plan.save() is True
    assert cycles.get_cycle(actor, cycle_id).outcomes[0].plan_outcome_id == section_e[0].id
    plan = record.support.form("Plan")
    plan.add_outcome(None).text.set("Say two feelings words")
    assert plan.outcome_rows[1].link is None  # no current plan: nothing to link a new outcome to
    record.close()
