"""`sencodesk due`: one line per review, overdue first, no UPN."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sencodesk.cli import main
from sencodesk.domain.dates import uk
from sencodesk.services import concerns, cycles, provision, pupils, settings
from sencodesk.services.actor import open_school
from tests.helpers import SCHOOL, pupil_form


def _pupil_with_review(s, forename: str, review: date) -> str:
    pupil_id, _ = pupils.add_pupil(s, pupil_form(legal_forename=forename))
    start = review - timedelta(weeks=12)
    cid = concerns.raise_concern(
        s, pupil_id, {"raised_on": uk(start), "seen": "Reading"}, today=review + timedelta(days=365)
    )
    cycle_id = concerns.triage_concern(
        s,
        cid,
        1,
        {
            "decision": "sen_support",
            "start_date": uk(start),
            "parents_told_on": uk(start),
            "primary_need": "SPLD",
        },
        today=review + timedelta(days=365),
    )
    provision_id = provision.list_provisions(s)[0].id
    cycles.save_plan(
        s,
        cycle_id,
        1,
        {
            "plan_start": uk(start),
            "review_date": uk(review),
            "outcomes": [{"text": "Read 20 words"}],
            "allocations": [{"provision_id": provision_id}],
        },
    )
    return pupils.get_pupil(s, pupil_id).upn


def test_due_lists_overdue_and_due(data_dir, capsys):
    s = open_school(data_dir)
    settings.save_school(s, SCHOOL)
    today = date.today()
    upn = _pupil_with_review(s, "Lea", today - timedelta(days=3))
    _pupil_with_review(s, "Sam", today + timedelta(days=5))
    _pupil_with_review(s, "Lou", today + timedelta(days=40))
    s.close()
    assert main(["due", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Overdue by 3 days" in out[0] and "Lea Smith" in out[0]
    assert "Due in 5 days" in out[1] and "Sam Smith" in out[1]
    assert out[-1] == "1 overdue, 1 due in the next 14 days"
    assert all(upn not in line for line in out)
    assert main(["due", "--data-dir", str(data_dir), "--within", "60"]) == 0
    assert "Lou Smith" in capsys.readouterr().out


@pytest.mark.parametrize("days", ["-1", "1000000000000", "3661"])
def test_due_refuses_days_out_of_range_in_words(actor, data_dir, capsys, days):
    # 10^12 days overflowed the date arithmetic: a traceback (issue 13)
    assert main(["due", "--data-dir", str(data_dir), "--within", days]) == 1
    err = capsys.readouterr().err
    assert "--within is a number of days from today, from 0 to 3,660" in err and "Traceback" not in err


def test_due_takes_ten_years_ahead(actor, data_dir, capsys):
    assert main(["due", "--data-dir", str(data_dir), "--within", "3660"]) == 0


def test_due_lists_a_teachers_unanswered_requests_for_observations(data_dir, capsys, monkeypatch):
    from sencodesk.domain import passwords
    from sencodesk.services import staff_requests
    from sencodesk.store import users as users_store

    s = open_school(data_dir)
    settings.save_school(s, SCHOOL)
    upn = _pupil_with_review(s, "Lea", date.today() + timedelta(days=30))
    teacher = users_store.insert(
        s.db,
        {"username": "tt", "display_name": "Mr T Teach", "role": "teacher"},
        passwords.hash_password("teach-pass-1", n=2**10),
        "test",
    )
    pupil_id = pupils.find_pupil_by_upn(s, upn).id
    form = {"purpose": "ehcna", "due_on": uk(date.today() + timedelta(days=7)), "questions": ["What works?"]}
    staff_requests.send_request(s, pupil_id, form | {"recipients": [teacher]})
    s.close()
    monkeypatch.setenv("SENCODESK_PASSWORD", "teach-pass-1")
    assert main(["--user", "tt", "due", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == "Requests for your observations (1), to answer in SENCO desk:"
    assert out[-1].startswith(f"Reply by {uk(date.today() + timedelta(days=7))} (in 7 days): Lea Smith")
    assert out[-1].endswith("before a request for an EHC needs assessment")
    assert all(upn not in line for line in out)
