"""A teacher sees only their own pupils everywhere (issue 13): every list a teacher can reach is
filtered by the register's rule (Actor.visible_pupil_ids).

The functions a teacher may call without naming a pupil are found in the permissions matrix
(its test pupil is never a teacher's, so a function the teacher may call there reads the whole
school): each must be checked here with a pupil who is not theirs, or say why it lists no pupil.
"""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.domain.errors import PermissionDenied
from sencodesk.services import audit as audit_service
from sencodesk.services import (
    case_sample,
    census_check,
    concerns,
    consultations,
    cycles,
    dashboard,
    deadlines,
    ehc_plans,
    leavers,
    packs,
    parent_meetings,
    provision,
    pupils,
)
from tests.services.graduated_support import plan_form
from tests.services.test_permissions_matrix import MATRIX, PLAN

TODAY = date(2026, 11, 29)
YEAR = ("2026-09-01", "2027-08-31")


@pytest.fixture
def school(actor, on_support, make_user, as_user, tmp_path):
    """Mine: on SEN support with an EHC plan, the teacher named on the plan; Other: the same, in
    another intervention, not the teacher's; Gone: not the teacher's, left and awaiting a pack."""
    teacher = make_user("teacher", "Mr T Jones")
    ids = {}
    for name, provision_name, staff in (
        ("Mine", "Phonics catch-up", [teacher.id]),
        ("Other", "Lego-based therapy", []),
        ("Gone", "Lego-based therapy", []),
    ):
        pupil_id, cycle_id = on_support(legal_surname=name)
        form = plan_form(actor, provisions=(provision_name,), review="05/12/2026", staff=staff)
        cycles.save_plan(actor, cycle_id, 1, form)
        ids[name] = pupil_id
    for name in ("Mine", "Other"):
        ehc_plans.issue_plan(actor, ids[name], PLAN)
        consultations.record_consultation(
            actor, {"la_name": "Kent", "received_on": "20/11/2026"}, pupil_id=ids[name], today=TODAY
        )
    gone = pupils.get_pupil(actor, ids["Gone"])
    pupils.mark_leaver(actor, ids["Gone"], gone.version, "20/11/2026")
    return {"teacher": as_user(teacher), "senco": actor, "ids": ids, "out": tmp_path}


def _refs(items) -> set[int]:
    """Pupil ids named anywhere in a read model (dataclasses, lists, dicts)."""
    found: set[int] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            if isinstance(x.get("pupil_id"), int):
                found.add(x["pupil_id"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list | tuple | set):
            for v in x:
                walk(v)
        elif hasattr(x, "__dataclass_fields__"):
            if isinstance(getattr(x, "pupil_id", None), int):
                found.add(x.pupil_id)
            if hasattr(x, "id") and type(x).__name__ == "RegisterRow":
                found.add(x.id)
            for name in x.__dataclass_fields__:
                walk(getattr(x, name))

    walk(items)
    return found


def _ics(school) -> str:
    path = school["out"] / "dates.ics"
    deadlines.export_ics(school["teacher"], path, full_names=False, today=TODAY, within_days=400)
    return path.read_text(encoding="utf-8")


# function -> call(actor) returning what it lists; each is checked for Other and Gone
LISTS = {
    "pupils.list_register": lambda a: pupils.list_register(a),
    "dashboard.dashboard": lambda a: dashboard.dashboard(a, today=TODAY),
    "dashboard.my_pupils": lambda a: dashboard.my_pupils(a, today=TODAY),
    "dashboard.reviews_due": lambda a: dashboard.reviews_due(a, today=TODAY, within=60),
    "deadlines.all_statutory_dates": lambda a: deadlines.all_statutory_dates(a, today=TODAY),
    "deadlines.deadlines": lambda a: deadlines.deadlines(a, today=TODAY, within_days=400),
    "consultations.list_consultations": lambda a: consultations.list_consultations(a),
    "cycles.loggable_allocations": lambda a: cycles.loggable_allocations(a),
    "provision.school_provision_map": lambda a: provision.school_provision_map(a, today=TODAY),
    "leavers.leavers_awaiting_pack": lambda a: leavers.leavers_awaiting_pack(a, today=TODAY),
    "case_sample.school_gaps": lambda a: case_sample.school_gaps(a, today=TODAY),
}
# figures over a list: the teacher's must be their own pupils' share
FIGURES = {
    "pupils.register_counts": lambda a: pupils.register_counts(a),
    "deadlines.deadline_counts": lambda a: deadlines.deadline_counts(a, today=TODAY),
    "provision.year_spend": lambda a: provision.year_spend(a, today=TODAY),
    "packs.provision_spend": lambda a: packs.provision_spend(a, *YEAR),
}
# what a teacher may call that names no pupil, and why
NO_PUPILS = {
    "concerns.concern_pupils": "the whole roll, names and classes only, by design: any member of "
    "staff may raise a concern about any pupil, who is not theirs until the SENCO acts on it",
    "concerns.raise_concern": "a write (raising a concern about any pupil), not a list",
    "deadlines.export_ics": "the deadlines list as a file: checked below for the other pupils' names",
    "annual_reviews.transfer_years": "a school setting",
    "calendar.approximate_note": "the school calendar: term dates, no pupils",
    "calendar.calendar_view": "the school calendar: term dates, no pupils",
    "calendar.date_warning": "whether a date is a school day",
    "calendar.school_calendar": "the school calendar: term dates, no pupils",
    "cycles.staff_choices": "the staff, not pupils",
    "inclusion_strategy.strategy_deadlines": "the school's inclusion strategy deadline, no pupils",
    "la_profiles.load_profiles": "the local authorities' pack profiles",
    "la_profiles.school_profile": "the school's chosen profile",
    "leavers.retention_years": "a school setting",
    "pack_settings.get_pack_settings": "the school's pack settings",
    "packs.school_info": "the school's name and address",
    "provision.get_costing": "the costing rates",
    "provision.get_provision": "one item of the catalogue",
    "provision.list_provisions": "the catalogue of interventions, no pupils",
    "settings.get_settings": "the school's settings",
    "settings.is_set_up": "whether the school is set up",
    "settings.save_preferences": "the look of the app",
    "settings.school_title": "the school's name",
    "users.change_own_password": "their own account",
    "users.confirm_password": "their own account",
    "users.has_accounts": "whether accounts exist",
    "users.idle_minutes": "a school setting",
    "users.must_change_password": "their own account",
    "users.sign_in_notice": "failed sign-ins, for the SENCO only (none for anyone else)",
    # a request for observations names a pupil who need not be theirs, by design: the SENCO sent
    # it to them by name, and it shows the name and class only (tests/services/test_staff_requests.py)
    "staff_requests.my_requests": "the requests sent to them by name: each pupil's name and class only",
    "staff_requests.request_for_me": "one request sent to them by name (refused to anyone else)",
    "staff_requests.answer_request": "a write to their own answer",
    "staff_requests.decline_request": "a write to their own answer",
    "support_layers.support_layers": "the school's list of support layers",
    "invitations.invitation_template": "the school's letter, no pupils",
    "invitations.preview_invitation": "the school's letter filled in for a made-up pupil",
    "settings.dialog_size": "the size they last left a kind of dialog at, no pupils",
    "settings.remember_dialog_size": "a write to their own preferences",
}
# lists of pupils on SEN support (K): the school above has only EHC plans on roll, so
# `support_school` adds one pupil on SEN support of the teacher's and one not theirs
SEN_SUPPORT_LISTS = {
    "parent_meetings.meetings_short": lambda a: parent_meetings.meetings_short(a, today=TODAY),
    "parent_meetings.meeting_deadlines": lambda a: parent_meetings.meeting_deadlines(a, today=TODAY),
}
# whole-school lists a teacher is refused outright
REFUSED = {
    "concerns.list_concerns": lambda a: concerns.list_concerns(a, today=TODAY),
    "census_check.check_register": lambda a: census_check.check_register(a),
    "audit.audit_trail": lambda a: audit_service.audit_trail(a),
    "packs.summary_model": lambda a: packs.summary_model(a, today=TODAY),
    "leavers.retention_due": lambda a: leavers.retention_due(a, today=TODAY),
}


def test_every_whole_school_function_a_teacher_may_call_is_checked():
    teachers = {name for name, (allowed, _) in MATRIX.items() if "teacher" in allowed}
    checked = set(LISTS) | set(FIGURES) | set(NO_PUPILS) | set(SEN_SUPPORT_LISTS)
    assert sorted(teachers - checked) == [], "check these as a teacher with a pupil who is not theirs"
    assert sorted(checked - teachers) == [], "stale: no longer callable by a teacher"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_teachers_list_holds_their_own_pupils_only(school, name):
    ids = school["ids"]
    theirs = _refs(LISTS[name](school["teacher"]))
    everyone = _refs(LISTS[name](school["senco"]))
    assert theirs <= {ids["Mine"]}, f"{name} shows a teacher pupils who are not theirs"
    if name != "dashboard.my_pupils":  # the cycles naming the acting person: the SENCO's are none
        assert ids["Other"] in everyone or ids["Gone"] in everyone  # the list does hold others


@pytest.fixture
def support_school(school, on_support, make_user):
    """The school, with MineK (on SEN support, the teacher named) and OtherK (not theirs)."""
    teacher = school["teacher"].user
    for name, staff in (("MineK", [teacher.id]), ("OtherK", [])):
        pupil_id, cycle_id = on_support(legal_surname=name)
        cycles.save_plan(school["senco"], cycle_id, 1, plan_form(school["senco"], staff=staff))
        school["ids"][name] = pupil_id
    return school


@pytest.mark.parametrize("name", sorted(SEN_SUPPORT_LISTS))
def test_a_teachers_sen_support_lists_hold_their_own_pupils_only(support_school, name):
    ids = support_school["ids"]
    theirs = _refs(SEN_SUPPORT_LISTS[name](support_school["teacher"]))
    everyone = _refs(SEN_SUPPORT_LISTS[name](support_school["senco"]))
    assert theirs == {ids["MineK"]}, f"{name} shows a teacher pupils who are not theirs"
    assert {ids["MineK"], ids["OtherK"]} <= everyone


def test_a_teachers_figures_are_their_own_pupils_share(school):
    teacher, senco = school["teacher"], school["senco"]
    assert pupils.register_counts(teacher) == {"pupils": 1, "K": 0, "E": 1}
    assert pupils.register_counts(senco) == {"pupils": 2, "K": 0, "E": 2}
    mine = provision.pupil_provision_map(senco, school["ids"]["Mine"], today=TODAY).total
    assert provision.year_spend(teacher, today=TODAY) == mine < provision.year_spend(senco, today=TODAY)
    assert [line.provision for line in packs.provision_spend(teacher, *YEAR)] == ["Phonics catch-up"]
    assert deadlines.deadline_counts(teacher, today=TODAY) != deadlines.deadline_counts(senco, today=TODAY)
    assert sum(deadlines.deadline_counts(teacher, today=TODAY).values()) > 0


def test_the_school_provision_map_names_only_their_pupils(school):
    m = provision.school_provision_map(school["teacher"], today=TODAY)
    assert [(line.name, [p.surname for p in line.pupils]) for line in m.lines] == [
        ("Phonics catch-up", ["Mine"])
    ]
    assert m.total == provision.year_spend(school["teacher"], today=TODAY)


def test_the_calendar_file_names_only_their_pupils(school):
    text = _ics(school)
    assert text.count("BEGIN:VEVENT") > 0
    senco_path = school["out"] / "all.ics"
    deadlines.export_ics(school["senco"], senco_path, full_names=True, today=TODAY, within_days=400)
    assert senco_path.read_text(encoding="utf-8").count("BEGIN:VEVENT") > text.count("BEGIN:VEVENT")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_whole_school_lists_a_teacher_may_not_read_are_refused(school, name):
    with pytest.raises(PermissionDenied):
        REFUSED[name](school["teacher"])
