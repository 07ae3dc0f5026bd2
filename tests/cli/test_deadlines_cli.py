"""`sencodesk deadlines`: the table, the window, the .ics file, exit codes."""

from datetime import date, timedelta

import pytest

from sencodesk.cli import main
from sencodesk.services import ehcna_requests


@pytest.fixture(autouse=True)
def _strategy_published(strategy_published):
    """These tests are about pupils' statutory dates, not the school's own (published here)."""


@pytest.fixture
def school(data_dir, actor, add_pupil):
    pupil_id = add_pupil(
        legal_forename="Amy",
        legal_surname="Able",
        sen_status="K",
        primary_need="SLCN",
        sen_start_date="01/09/2024",
    )
    sent = date.today() - timedelta(weeks=8)
    ehcna_requests.record_request(
        actor, pupil_id, {"requested_by": "school", "sent_on": sent.strftime("%d/%m/%Y")}
    )
    upn = actor.db.execute("SELECT upn FROM pupils").fetchone()[0]
    return data_dir, upn


def test_lists_overdue_first_with_days_late(school, capsys):
    data_dir, upn = school
    assert main(["deadlines", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Due", "Status"]
    assert "OVERDUE BY 14 DAYS" in lines[1] and "LA decision whether to assess" in lines[1]
    assert "Amy Able" in lines[1] and upn not in out
    assert "1 overdue" in lines[-1]


def test_within_and_ics(school, capsys, tmp_path):
    data_dir, upn = school
    ics_path = tmp_path / "deadlines.ics"
    assert main(["deadlines", "--data-dir", str(data_dir), "--within", "200", "--ics", str(ics_path)]) == 0
    out = capsys.readouterr().out
    # the next meeting with Amy's parents (Code of Practice 6.65) is listed too when it falls in
    # the window; whether it does depends on today's date, so it is counted, not assumed
    meetings = out.count("Meetings with parents")
    assert f"{3 + meetings} deadlines:" in out and "Calendar written" in out
    text = ics_path.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 3 + meetings
    assert "A.A." in text and "Amy" not in text and upn not in text
    assert main(["deadlines", "--data-dir", str(data_dir), "--within", "0"]) == 0
    out = capsys.readouterr().out
    overdue = 1 + out.count("Meetings with parents")
    assert f"{overdue} deadline{'s' if overdue > 1 else ''}:" in out


def test_empty_school_and_bad_window(actor, data_dir, capsys):
    assert main(["deadlines", "--data-dir", str(data_dir)]) == 0
    assert "0 deadlines:" in capsys.readouterr().out
    assert main(["deadlines", "--data-dir", str(data_dir), "--within", "-3"]) == 1
    assert "--within is a number of days from today, from 0" in capsys.readouterr().err
    # 10^12 days overflowed the date arithmetic: a traceback (issue 13)
    assert main(["deadlines", "--data-dir", str(data_dir), "--within", "1000000000000"]) == 1
    assert "from 0 to 3,660 (ten years)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["deadlines", "--data-dir", str(data_dir), "--within", "soon"])
    assert e.value.code == 2
