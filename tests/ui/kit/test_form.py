"""The kit's Form: declared fields by role, load/collect/dirty, and submit's handling of every
refusal a person can cause."""

from __future__ import annotations

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, UserError, ValidationError
from sencodesk.ui.kit import Form, is_read_only
from tests.ui.helpers import keyboard_ready, pump

pytestmark = pytest.mark.gui

SERVICES = {"ep": "Educational psychology", "salt": "Speech and language therapy"}


def referral_form(root, role: str | None = None) -> Form:
    form = Form(root, role=role)
    form.choice("service", "Service", SERVICES, blank="", access="referrals.service")
    form.date("referred_on", "Date of referral", access="referrals.referred_on")
    form.text("reason", "Reason for referral", lines=3, access="referrals.reason")
    form.text("professional", "Professional's name", access="involvements.professional")
    form.place_status()
    form.pack(fill="both", expand=True)
    return form


def raising(error: Exception):
    def call():
        raise error

    return call


def test_load_collect_and_dirty(root):
    form = referral_form(root)
    form.load({"service": "salt", "referred_on": "20/11/2026", "reason": "Unclear speech"})
    assert form.collect() == {
        "service": "salt",
        "referred_on": "20/11/2026",
        "reason": "Unclear speech",
        "professional": "",
    }
    assert not form.dirty
    form.fields["reason"].set("Unclear speech; peers struggle")
    assert form.dirty
    form.mark_clean()
    assert not form.dirty


def test_a_field_the_role_may_not_read_is_not_drawn_and_one_it_may_not_write_is_read_only(root):
    teacher = referral_form(root, role="teacher")  # referrals are the SENCO's; who is involved is not
    assert set(teacher.fields) == {"professional"}
    assert teacher.fields["professional"].locked  # a teacher reads it, changes nothing
    head = referral_form(root, role="head")
    assert set(head.fields) == {"service", "referred_on", "reason", "professional"}
    assert all(f.locked and is_read_only(f.input) for f in head.fields.values())
    senco = referral_form(root, role="senco")
    assert not any(f.locked for f in senco.fields.values())


def test_a_read_only_field_refuses_typing(root):
    form = referral_form(root, role="head")
    form.load({"professional": "Dr Jones", "reason": "Unclear speech"})
    for key in ("professional", "reason"):
        box = form.fields[key].input
        keyboard_ready(root, box)
        for key_name in ("x", "BackSpace", "Delete"):
            box.event_generate(f"<KeyPress-{key_name}>")
        box.event_generate("<<Paste>>")
        pump(root)
    assert form.collect()["professional"] == "Dr Jones" and form.collect()["reason"] == "Unclear speech"


def test_validation_errors_go_by_their_fields_and_the_first_on_screen_is_focused_and_named(root):
    form = referral_form(root)
    form.load({"service": "ep", "reason": "Slow progress"})
    keyboard_ready(root, form.fields["service"].input)
    # the service names the later field first: the first on screen is the one focused
    errors = {"reason": "Say why.", "referred_on": "Date of referral: '31/02' is not a date."}
    assert form.submit(raising(ValidationError(errors))) is False
    pump(root)
    assert form.fields["reason"].error_text == "Say why."
    assert "is not a date" in form.fields["referred_on"].error_text
    assert root.focus_get() is form.fields["referred_on"].input
    status = form.status.cget("text")
    assert status.startswith("Nothing was saved: 2 things to correct") and "Date of referral" in status
    assert form.collect()["reason"] == "Slow progress"  # nothing typed is lost


def test_a_message_for_no_field_on_the_form_is_said_in_the_status_line(root):
    form = referral_form(root)
    assert form.submit(raising(ValidationError({"answers.q1": "Answer the LA's question."}))) is False
    assert "Answer the LA's question." in form.status.cget("text")


@pytest.mark.parametrize(
    "error, said",
    [
        (
            PermissionDenied("Mr T (Teacher/TA) is not allowed to do this. Ask the SENCO."),
            "Nothing was saved: Mr T",
        ),
        (
            Conflict(
                "Ms R Khan changed this record at 29/11/2026 10:16. Nothing was saved: reload to see "
                "their changes (your text stays in the form)."
            ),
            "Ms R Khan changed this record at 29/11/2026 10:16",
        ),
        (UserError("Save the referral first."), "Save the referral first."),
    ],
)
def test_refusals_are_said_in_the_status_line_and_the_typing_kept(root, error, said):
    form = referral_form(root)
    form.load({"reason": "Slow progress"})
    form.fields["professional"].set("Dr Jones")
    assert form.submit(raising(error)) is False
    assert said in form.status.cget("text")
    assert form.collect()["professional"] == "Dr Jones" and form.dirty  # nothing typed lost


def test_a_save_says_so_and_leaves_nothing_unsaved(root):
    form = referral_form(root)
    form.fields["reason"].set("Slow progress")
    form.fields["referred_on"].show_error("old message")
    assert form.submit(lambda: 42, done="Referral saved.") is True
    assert form.result == 42 and form.status.cget("text") == "Referral saved."
    assert form.fields["referred_on"].error_text == "" and not form.dirty
