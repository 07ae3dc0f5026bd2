"""The parent's copy of the plan and the invitation letters through the real services, read back
from the files; the school's letter template, its placeholders and its preview; support layers."""

from __future__ import annotations

from datetime import date

import docx
import pytest

from sencodesk.domain import letters
from sencodesk.domain.errors import PermissionDenied, UserError, ValidationError
from sencodesk.services import audit as audit_service
from sencodesk.services import cycles, ehc_plans, invitations, parent_copy, pupils, support_layers
from tests.reports.pack_samples import pdf_text
from tests.services.graduated_support import plan_form

TODAY = date(2026, 11, 29)
KOWALSKA = {
    "name": "Anna Kowalska",
    "relationship": "Mother",
    "first_language": "Polish",
    "interpreter_needed": True,
}
MEETING = {
    "meeting": "review",
    "meeting_date": "10/12/2026",
    "meeting_time": "3.30pm",
    "place": "the library",
}


@pytest.fixture
def maja(actor, on_support):
    """Maja on SEN support, her plan with words for home and an outcome in her words; her mother
    speaks Polish and needs an interpreter."""
    pupil_id, cycle_id = on_support(legal_forename="Maja", legal_surname="Kowalska", contacts=[KOWALSKA])
    form = plan_form(actor, review="11/03/2027") | {"at_home": "Read with Maja for ten minutes each night."}
    form["outcomes"][0]["in_my_words"] = "I will read ten new words"
    cycles.save_plan(actor, cycle_id, 1, form)
    return pupil_id


def test_the_copy_says_what_the_plan_holds_in_plain_words_and_reads_back_as_pdf_and_word(
    actor, maja, tmp_path
):
    model = parent_copy.parent_copy_model(actor, maja, today=TODAY)
    assert model.goals[0] == "I will read ten new words"  # the pupil's words, where the SENCO has them
    assert model.goals[1].startswith("Outcome 2: read 20")  # else the outcome as the SENCO wrote it
    assert model.school_help == [
        "Phonics catch-up: in a small group of 4, 5 times a week, 20 minutes each time, "
        "with a teaching assistant."
    ]
    assert model.next_meeting == date(2027, 3, 11) and model.parents[0].language_line == (
        "First language: Polish. Interpreter needed: Polish"
    )
    result = parent_copy.export_parent_copy(actor, maja, tmp_path / "copy.pdf", today=TODAY)
    text = pdf_text(result.path)
    assert "Read with Maja for ten minutes each night." in text and "Thursday 11 March 2027" in text
    assert "Interpreter needed: Polish" in text
    word = docx.Document(
        parent_copy.export_parent_copy(actor, maja, tmp_path / "copy.docx", today=TODAY).path
    )
    assert "What you can do at home" in [p.text for p in word.paragraphs]
    trail = [e["summary"] for e in audit_service.pupil_history(actor, maja)]
    assert "exported the parent's copy of Maja Kowalska's plan (Word) to copy.docx" in trail


def test_the_senco_words_too_hard_for_a_parent_are_flagged_before_printing_never_rewritten(actor, maja):
    c = cycles.pupil_record(actor, maja, today=TODAY).open_cycle
    hard = (
        "Implement differentiated metacognitive scaffolding and consolidate phonological awareness "
        "through multisensory intervention programmes delivered with fidelity."
    )
    form = plan_form(actor, review="11/03/2027") | {"strategies": hard, "at_home": "Read together."}
    form["outcomes"] = [{"id": o.id, "text": o.text, "measure": o.measure} for o in c.outcomes]
    form["allocations"] = [{"id": a.id, "provision_id": a.provision_id} for a in c.allocations]
    cycles.save_plan(actor, c.id, c.version, form)
    model = parent_copy.parent_copy_model(actor, maja, today=TODAY)
    flagged = {check.where: check for check in model.checks}
    # the goal typed as "Outcome 2: ..." uses a school word too (the first is in Maja's own words)
    assert set(flagged) == {"In class", "Goal 2"} and flagged["Goal 2"].jargon == ("outcome",)
    assert flagged["In class"].text == hard and flagged["In class"].reading_age > 11
    assert flagged["In class"].jargon == ("intervention", "differentiated", "scaffolding")
    assert model.in_class == hard  # printed as written
    assert "Hard to read: In class (\u201cImplement differentiated metacognitive scaffolding" in " ".join(
        parent_copy.export_parent_copy(actor, maja, actor.data_dir.parent / "c.pdf", today=TODAY).notes
    )


def test_no_plan_no_copy_and_the_office_prints_none(actor, add_pupil, maja, make_user, as_user):
    amy = add_pupil(sen_status="K", primary_need="MLD", sen_start_date="01/09/2026")
    with pytest.raises(UserError, match="no plan to copy yet"):
        parent_copy.parent_copy_model(actor, amy, today=TODAY)
    office = as_user(make_user("office", "Mr Office"))
    with pytest.raises(PermissionDenied):
        parent_copy.parent_copy_model(office, maja, today=TODAY)


def test_an_invitation_is_filled_from_the_schools_template_and_names_the_interpreter(actor, maja, tmp_path):
    result = invitations.export_invitation(actor, maja, tmp_path / "invite.pdf", MEETING, today=TODAY)
    text = pdf_text(result.path)
    assert "For Anna Kowalska (mother). First language: Polish. Interpreter needed: Polish" in text
    assert "Dear Anna Kowalska," in text and "Thursday 10 December 2026 at 3.30pm" in text
    assert "It will be in the library." in text and "a review of Maja's plan for extra help" in text
    assert result.missing == [] and result.notes == []
    assert invitations.default_meeting(actor, maja, "review", today=TODAY) == date(2027, 3, 11)


def test_an_annual_review_invitation_warns_when_less_than_two_weeks_notice(actor, maja, tmp_path):
    ehc_plans.issue_plan(
        actor,
        maja,
        {"needs": [{"text": "Reading"}], "outcomes": [{"text": "Read"}], "provision": [{"text": "Phonics"}]}
        | {"plan_date": "10/12/2025"},
        today=TODAY,
    )
    form = MEETING | {"meeting": "annual_review"}
    result = invitations.export_invitation(actor, maja, tmp_path / "annual.docx", form, today=TODAY)
    body = "\n".join(p.text for p in docx.Document(result.path).paragraphs)
    assert "the annual review of Maja's Education, Health and Care plan (EHC plan)" in body
    assert "EHC plan: An Education, Health and Care plan" in "\n".join(
        f"{r.cells[0].text}: {r.cells[1].text}" for t in docx.Document(result.path).tables for r in t.rows
    )
    assert any("less than two weeks away" in note for note in result.notes)
    # none booked: the date it is due by, within 12 months of the plan (CFA 2014 s44)
    assert invitations.default_meeting(actor, maja, "annual_review", today=TODAY) == date(2026, 12, 9)


def test_an_invitation_for_a_meeting_gone_by_or_without_a_time_is_refused(actor, maja, tmp_path):
    with pytest.raises(ValidationError) as e:
        invitations.invitation_model(
            actor, maja, MEETING | {"meeting_date": "20/11/2026", "meeting_time": ""}, today=TODAY
        )
    assert set(e.value.field_errors) == {"meeting_date", "meeting_time"}


def test_the_school_edits_its_letter_and_unknown_placeholders_are_refused_in_a_sentence(actor, maja):
    with pytest.raises(ValidationError) as e:
        invitations.save_invitation_template(actor, "Dear {parent_names}, see you on {meeting_day}.")
    message = e.value.field_errors[letters.KEY]
    assert message.startswith("The letter uses {meeting_day}, which SENCO desk cannot fill in.")
    assert "{meeting_date}" in message
    with pytest.raises(ValidationError, match="is not closed"):
        invitations.save_invitation_template(actor, "Dear {parent_names, ")
    with pytest.raises(ValidationError, match=r"\{pupil_name!r\}"):
        invitations.save_invitation_template(actor, "Dear {pupil_name!r}")
    mine = (
        "Dear {parent_names},\n\nCome to see us about {pupil_first_name} on {meeting_date} at "
        "{meeting_time}.\n\n{{Bring this letter}}"
    )
    invitations.save_invitation_template(actor, mine)
    assert invitations.invitation_template(actor) == (mine, False)
    preview = invitations.preview_invitation(actor, mine)
    assert preview.startswith("Dear Mrs Anna Kowalska,") and "{Bring this letter}" in preview
    model = invitations.invitation_model(actor, maja, MEETING, today=TODAY)
    assert model.letter.endswith("about Maja on Thursday 10 December 2026 at 3.30pm.\n\n{Bring this letter}")
    invitations.save_invitation_template(actor, letters.DEFAULT_TEMPLATE)  # the app's words back
    assert invitations.invitation_template(actor) == (letters.DEFAULT_TEMPLATE, True)


def test_support_layers_are_the_schools_list_renamed_in_place_and_kept_while_in_use(actor, add_pupil):
    assert support_layers.support_layers(actor) == ["Universal", "Targeted", "Targeted plus", "Specialist"]
    amy = add_pupil(
        sen_status="K", primary_need="MLD", sen_start_date="01/09/2026", support_layer="Targeted plus"
    )
    with pytest.raises(ValidationError, match="not one of the school's support layers"):
        add_pupil(support_layer="Wave 3")
    renamed = ["Universal", "Targeted", "Targeted with specialist help", "Specialist"]
    support_layers.save_support_layers(actor, renamed)
    assert pupils.get_pupil(actor, amy).support_layer == "Targeted with specialist help"
    with pytest.raises(ValidationError, match="1 pupil is in 'Targeted with specialist help'"):
        support_layers.save_support_layers(actor, ["Universal", "Targeted", "Specialist"])
    support_layers.save_support_layers(
        actor, ["Specialist", "Targeted with specialist help", "Targeted", "Universal"]
    )
    assert (
        pupils.get_pupil(actor, amy).support_layer == "Targeted with specialist help"
    )  # a reorder moves no one
    assert support_layers.layer_counts(actor) == {"Targeted with specialist help": 1}
    with pytest.raises(ValidationError, match="on the list twice"):
        support_layers.save_support_layers(actor, ["Targeted", "targeted"])
    row = next(r for r in pupils.list_register(actor) if r.id == amy)
    assert row.support_layer == "Targeted with specialist help"
