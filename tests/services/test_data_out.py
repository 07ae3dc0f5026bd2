"""Data going out below the GUI: the census check printout (UPNs only under UPN rules), the
subject access export in both forms, and restoring a backup while the school is open."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from sencodesk.domain.errors import PermissionDenied, UserError
from sencodesk.domain.users import User
from sencodesk.reports.census_model import summary_line
from sencodesk.services import backups, census_check, census_print, live_restore, pupils, subject_access_pack
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def as_office(actor) -> Actor:
    return Actor(
        db=actor.db,
        user=User(id=None, username="o", display_name="Office", role="office"),
        data_dir=actor.data_dir,
    )


def break_rules(actor, add_pupil):
    no_need = add_pupil(legal_forename="Nia", legal_surname="Evans")
    bad_upn = add_pupil(legal_forename="Will", legal_surname="Wrong")
    actor.db.execute("UPDATE pupils SET sen_status = 'K', primary_need = NULL WHERE id = ?", [no_need])
    upn = pupils.get_pupil(actor, bad_upn).upn
    wrong = ("B" if upn[0] != "B" else "C") + upn[1:]
    actor.db.execute("UPDATE pupils SET upn = ? WHERE id = ?", [wrong, bad_upn])
    actor.db.conn.commit()
    return pupils.get_pupil(actor, no_need).upn, wrong


def test_census_printout_names_upns_only_under_upn_rules(actor, add_pupil, tmp_path):
    other_upn, wrong = break_rules(actor, add_pupil)
    model = census_print.census_print_model(actor)
    assert set(model.upns.values()) == {wrong}
    text = pdf_text(census_print.export_census_check(actor, tmp_path / "c.pdf").path)
    assert wrong in text and other_upn not in text
    assert "Rule 1510" in text and "Nia Evans" in text and "Will Wrong" in text
    assert "2 rules broken, for 2 pupils" in text
    audit = list(actor.db.query("SELECT summary FROM audit WHERE action = 'export'"))
    assert any("census SEN check" in a["summary"] for a in audit)


def test_summary_line_says_when_the_register_is_ready(actor, add_pupil):
    add_pupil()
    assert summary_line(census_check.check_register(actor)).endswith("No census problems found.")


def test_subject_access_writes_json_and_pdf_and_audits_both(actor, add_pupil, tmp_path):
    pupil_id = add_pupil(
        legal_forename="Sam",
        legal_surname="Ray & Co",
        contacts=[
            {
                "name": "Jo Ray",
                "relationship": "Mother",
                "phone": "07700 900123",
                "parental_responsibility": True,
            }
        ],
    )
    json_path, pdf_path = subject_access_pack.export_everything(actor, pupil_id, tmp_path / "sar")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["records"]["contacts"][0]["name"] == "Jo Ray"
    text = pdf_text(pdf_path)
    assert "Sam Ray & Co" in text and "Jo Ray" in text and "07700 900123" in text
    assert "Who added, changed or exported this record" in text
    exports = [h for h in pupil_history(actor, pupil_id) if "subject access" in h["summary"]]
    assert [e["summary"].endswith(".json") for e in exports].count(True) == 1 and len(exports) == 2


def test_office_staff_cannot_export_subject_access(actor, add_pupil, tmp_path):
    pupil_id = add_pupil()
    with pytest.raises(PermissionDenied):
        subject_access_pack.export_everything(as_office(actor), pupil_id, tmp_path / "sar")
    assert not (tmp_path / "sar").exists() or not any((tmp_path / "sar").iterdir())


def test_restore_while_open_swaps_the_sessions_connection(actor, add_pupil):
    add_pupil(legal_surname="Before")
    backup = backups.take_backup(actor)
    add_pupil(legal_surname="After")
    kept = live_restore.restore_while_open(actor, backup)
    assert [p.surname for p in pupils.list_register(actor)] == ["Before"]
    assert kept is not None and kept.exists()
    add_pupil(legal_surname="Later")  # the session still writes
    assert len(pupils.list_register(actor)) == 2


def test_a_damaged_backup_leaves_the_session_open_and_unchanged(actor, add_pupil, tmp_path):
    add_pupil(legal_surname="Kept")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"rubbish" * 500)
    with pytest.raises(UserError):
        live_restore.restore_while_open(actor, bad)
    assert [p.surname for p in pupils.list_register(actor)] == ["Kept"]


def test_office_staff_cannot_restore(actor, add_pupil):
    add_pupil(legal_surname="Kept")
    backup = backups.take_backup(actor)
    with pytest.raises(PermissionDenied):
        live_restore.restore_while_open(as_office(actor), backup)


def test_subject_access_pdf_reads_in_a_parents_terms(actor, add_pupil, tmp_path):
    """Dates as DD/MM/YYYY, yes/no, codes with their meaning, whole-word counts; the JSON keeps
    every value exactly as stored."""
    pupil_id = add_pupil(
        legal_forename="Ada",
        dob="04/03/2017",
        contacts=[{"name": "Jo Ray", "relationship": "Mother", "parental_responsibility": True}],
    )
    json_path, pdf_path = subject_access_pack.export_everything(actor, pupil_id, tmp_path / "sar")
    text = pdf_text(pdf_path)
    assert "Date of birth 04/03/2017" in text and "2017-03-04" not in text
    assert "Parental responsibility Yes" in text
    assert "Contacts (1 entry)" in text and "row(s)" not in text and "entr(ies)" not in text
    assert "UPN " in text and "Upn" not in text
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["pupil"]["date_of_birth"] == "2017-03-04"
