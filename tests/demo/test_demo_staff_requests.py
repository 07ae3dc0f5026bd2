"""The demo's requests for staff observations: the demo teacher finds one due soon and one
overdue on their dashboard, and one pupil's EHCNA pack prints two teachers' answers."""

from __future__ import annotations

from datetime import date

import pytest

from sencodesk.demo import build_demo
from sencodesk.domain.users import User
from sencodesk.services import packs, staff_requests
from sencodesk.services.actor import Actor, open_school

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-requests")
    summary = build_demo(folder, pupils=210, seed=5150, today=TODAY)
    actor = open_school(folder)
    yield actor, summary
    actor.close()


def _teacher(actor: Actor) -> Actor:
    row = actor.db.execute("SELECT id, username, display_name, role FROM users WHERE username = 'teacher'")
    return Actor(db=actor.db, user=User(*row.fetchone()), data_dir=actor.data_dir)


def test_the_demo_teacher_has_one_request_due_and_one_overdue(school):
    actor, summary = school
    assert summary["staff_requests"] == 3
    mine = staff_requests.my_requests(_teacher(actor))
    assert [r.overdue(TODAY) for r in mine] == [True, False]  # overdue first
    assert all(r.questions and r.asked_by == "Ms R Khan" for r in mine)


def test_answers_and_a_refusal_are_on_the_records_and_in_the_pack(school):
    actor, _ = school
    requests = [
        r
        for (pid,) in actor.db.execute("SELECT DISTINCT pupil_id FROM staff_requests")
        for r in staff_requests.requests_for_pupil(actor, pid)
    ]
    statuses = sorted(r.status for q in requests for r in q.recipients)
    assert statuses == ["answered", "answered", "answered", "declined", "sent", "sent"]
    ehcna = next(q for q in requests if q.purpose == "ehcna")
    model = packs.ehcna_model(actor, ehcna.pupil.pupil_id, today=TODAY)
    assert len(model.observations) == 2
    assert all(o.answered_on <= TODAY and len(o.answers) >= 3 for o in model.observations)
    assert {o.subject for o in model.observations} == {"Class teacher", "Reading intervention TA"}
