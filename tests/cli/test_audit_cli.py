import csv
import io

from sencodesk.cli import main
from sencodesk.demo.accounts import create_demo_accounts
from sencodesk.services import pupils
from tests.helpers import pupil_form


def test_audit_table_and_upn_filter(actor, capsys, monkeypatch):
    monkeypatch.delenv("SENCODESK_USER", raising=False)
    a, _ = pupils.add_pupil(actor, pupil_form(legal_surname="Ahmed", legal_forename="Zara"))
    pupils.add_pupil(actor, pupil_form(legal_surname="Brown", legal_forename="Ben"))
    p = pupils.get_pupil(actor, a)
    pupils.update_pupil(actor, a, p.version, pupils.pupil_form(p) | {"class_name": "3C"})
    d = str(actor.data_dir)
    assert main(["audit", "--data-dir", d]) == 0
    out = capsys.readouterr().out
    assert "SENCO: added Zara Ahmed (Year 3) [Zara Ahmed]" in out
    assert "changed class from 3B to 3C" in out and "Ben Brown" in out
    assert p.upn not in out  # names, not UPNs, on a listing
    assert main(["audit", "--data-dir", d, "--upn", p.upn]) == 0
    out = capsys.readouterr().out
    assert "Ben Brown" not in out and "2 entries" in out


def test_audit_csv_export_is_itself_audited(actor, add_pupil, capsys, monkeypatch):
    monkeypatch.delenv("SENCODESK_USER", raising=False)
    add_pupil()
    assert main(["audit", "--data-dir", str(actor.data_dir), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["action"] == "update" and rows[1]["action"] == "create"  # school, then pupil
    assert list(rows[0]) == ["when", "who", "action", "what", "pupil", "summary", "changes"]
    exported = actor.db.execute("SELECT summary FROM audit WHERE action = 'export'").fetchall()
    assert exported == [("exported the whole audit trail (2 rows)",)]


def test_teacher_cannot_read_the_audit(actor, monkeypatch, capsys):

    create_demo_accounts(actor)
    monkeypatch.setenv("SENCODESK_PASSWORD", "demo")
    assert main(["--user", "teacher", "audit", "--data-dir", str(actor.data_dir)]) == 1
    assert "not allowed" in capsys.readouterr().err
    assert main(["--user", "head", "audit", "--data-dir", str(actor.data_dir)]) == 0
