"""Leavers: transfer packs due, retention dates, deletion for good, subject access export."""

import json
from datetime import date

import pytest

from sencodesk.domain.errors import NotFound, PermissionDenied, UserError, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import leavers, pupils, subject_access
from sencodesk.services.actor import Actor
from sencodesk.services.audit import pupil_history
from sencodesk.store import db as store_db

TODAY = date(2026, 11, 29)


def leave(actor, pid, on="17/07/2026", to="Oak Academy"):
    pupils.mark_leaver(actor, pid, pupils.get_pupil(actor, pid).version, on, to)


def test_leavers_awaiting_their_pack_with_send_by_dates(actor, add_pupil):
    early = add_pupil(legal_forename="Amy")
    late = add_pupil(legal_forename="Ben")
    add_pupil(legal_forename="Cat")  # still on roll
    leave(actor, early, "13/11/2026")
    leave(actor, late, "27/11/2026")
    due = leavers.leavers_awaiting_pack(actor, today=TODAY)
    assert [d.name for d in due] == ["Amy Smith", "Ben Smith"]
    assert due[0].send_by == date(2026, 12, 4) and not due[0].overdue
    assert due[0].status.startswith("Send by 04/12/2026 (5 school days left)")
    later = leavers.leavers_awaiting_pack(actor, today=date(2026, 12, 8))[0]
    assert later.overdue and later.status.startswith("Overdue by 2 school days")


def test_marking_the_pack_sent_takes_it_off_the_list_and_is_audited(actor, add_pupil):
    pid = add_pupil()
    leave(actor, pid, "20/11/2026")
    leavers.mark_pack_sent(actor, pid, "25/11/2026", today=TODAY)
    assert leavers.leavers_awaiting_pack(actor, today=TODAY) == []
    history = pupil_history(actor, pid)
    assert "marked the transfer pack as sent on 25/11/2026 to Oak Academy" in history[-1]["summary"]
    leavers.mark_pack_sent(actor, pid, "26/11/2026", "Elm School", today=TODAY)  # corrected
    assert "to Elm School" in pupil_history(actor, pid)[-1]["summary"]


def test_pack_sent_checks(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(NotFound, match="not a leaver"):
        leavers.mark_pack_sent(actor, pid, "25/11/2026", today=TODAY)
    leave(actor, pid, "20/11/2026")
    with pytest.raises(ValidationError, match="in the future"):
        leavers.mark_pack_sent(actor, pid, "01/12/2026", today=TODAY)
    with pytest.raises(ValidationError):
        leavers.mark_pack_sent(actor, pid, "31/11/2026", today=TODAY)


def test_retention_date_default_school_setting_and_per_record(actor, add_pupil):
    pid = add_pupil(dob="03/04/1990", year_group="14")
    leave(actor, pid, "20/07/2008")
    assert leavers.retention_date_of(actor, pid) == date(2021, 4, 3)
    assert [r.pupil_id for r in leavers.retention_due(actor, today=TODAY)] == [pid]
    leavers.set_retention_years(actor, 40)
    assert leavers.retention_date_of(actor, pid) == date(2030, 4, 3)
    assert leavers.retention_due(actor, today=TODAY) == []
    leavers.set_retention_date(actor, pid, "01/01/2025")
    row = leavers.retention_due(actor, today=TODAY)[0]
    assert row.retain_until == date(2025, 1, 1) and row.set_by_hand
    leavers.set_retention_date(actor, pid, "")
    assert leavers.retention_date_of(actor, pid) == date(2030, 4, 3)
    with pytest.raises(ValidationError):
        leavers.set_retention_years(actor, "three")
    with pytest.raises(ValidationError, match="after the pupil left"):
        leavers.set_retention_date(actor, pid, "01/01/2008")


def _file_bytes(data_dir):
    path = store_db.db_path(data_dir)
    found = b""
    for suffix in ("", "-wal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            found += part.read_bytes()
    return found


def test_delete_for_good_leaves_no_trace_in_the_database_file(actor, data_dir, add_pupil):
    keep = add_pupil(legal_forename="Keeper")
    pid = add_pupil(
        legal_surname="Zybrowskiquist",
        legal_forename="Ottoline",
        dob="03/04/1990",
        year_group="14",
        sen_status="K",
        primary_need="MLD",
        contacts=[{"name": "Hermione Zybrowskiquist", "phone": "01234 567890"}],
    )
    pupils.update_pupil(
        actor, pid, 1, pupils.pupil_form(pupils.get_pupil(actor, pid)) | {"class_name": "Oakleaf"}
    )
    leave(actor, pid, "20/07/2008", "Zybrowskiquist College")
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"Zybrowskiquist" in _file_bytes(data_dir)
    assert leavers.delete_pupil_for_good(actor, pid, today=TODAY) is True
    with pytest.raises(NotFound):
        pupils.get_pupil(actor, pid)
    for table in ("contacts", "sen_history"):
        assert actor.db.execute(f"SELECT COUNT(*) FROM {table} WHERE pupil_id = ?", [pid]).fetchone()[0] == 0
    last = actor.db.execute(
        "SELECT summary, pupil_id, entity_id, changes, username FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert last == (leavers.RETENTION_AUDIT, None, None, "{}", "SENCO")
    assert actor.db.execute("SELECT COUNT(*) FROM audit WHERE pupil_id = ?", [pid]).fetchone()[0] == 0
    raw = _file_bytes(data_dir)
    for trace in (b"Zybrowskiquist", b"Ottoline", b"Oakleaf", b"01234 567890"):
        assert trace not in raw
    assert [r.forename for r in pupils.list_register(actor)] == ["Keeper"]
    assert pupils.get_pupil(actor, keep).legal_forename == "Keeper"


def test_delete_for_good_is_refused_before_the_retention_date_or_for_pupils_on_roll(actor, add_pupil):
    pid = add_pupil()
    with pytest.raises(NotFound):
        leavers.delete_pupil_for_good(actor, pid, today=TODAY)
    leave(actor, pid, "20/07/2026")
    with pytest.raises(UserError, match="kept until 03/04/2049"):
        leavers.delete_pupil_for_good(actor, pid, today=TODAY)
    assert pupils.get_pupil(actor, pid)


def test_only_the_senco_deletes_records(actor, add_pupil):
    pid = add_pupil(dob="03/04/1990", year_group="14")
    leave(actor, pid, "20/07/2008")
    head = Actor(actor.db, User(3, "h", "Mrs H", "head"), actor.data_dir)
    with pytest.raises(PermissionDenied):
        leavers.delete_pupil_for_good(head, pid, today=TODAY)
    with pytest.raises(PermissionDenied):
        subject_access.export_subject_access(head, pid, actor.data_dir / "out")


def test_subject_access_export_holds_everything_and_is_audited(actor, add_pupil, tmp_path):
    pid = add_pupil(
        legal_forename="Amy",
        sen_status="K",
        primary_need="SLCN",
        contacts=[{"name": "Jo Smith", "relationship": "Mother", "phone": "01234 567890"}],
    )
    other = add_pupil(legal_forename="Ben")
    leave(actor, pid, "20/11/2026")
    leavers.mark_pack_sent(actor, pid, "25/11/2026", today=TODAY)
    path = subject_access.export_subject_access(actor, pid, tmp_path / "sar", today=TODAY)
    assert path.name == "subject-access_Amy-Smith_2026-11-29.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["pupil"]["name"] == "Amy Smith" and data["school"] == "Oak Tree Primary"
    records = data["records"]
    assert records["pupils"][0]["id"] == pid and records["contacts"][0]["name"] == "Jo Smith"
    assert records["sen_history"][0]["primary_need"] == "SLCN"
    assert records["leaver_files"][0]["pack_sent_on"] == "2026-11-25"
    assert all(r["pupil_id"] == pid for r in data["audit"])
    assert {r["id"] for r in records["pupils"]} == {pid} and other not in {
        r["pupil_id"] for r in records["contacts"]
    }
    assert not list((tmp_path / "sar").glob("*.part"))
    last = pupil_history(actor, pid)[-1]
    assert last["action"] == "export" and "subject access" in last["summary"]


def test_subject_access_follows_tables_linked_through_other_tables(actor, add_pupil, tmp_path):
    """Later features (later_cycles, later_allocations...) are found without a list: by foreign keys."""
    actor.db.executescript("""
        CREATE TABLE later_cycles (id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE, title TEXT);
        CREATE TABLE later_allocations (id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES later_cycles (id) ON DELETE CASCADE, what TEXT);
    """)
    pid = add_pupil()
    other = add_pupil()
    actor.db.execute(
        "INSERT INTO later_cycles (id, pupil_id, title) VALUES (1, ?, 'Autumn reading'), (2, ?, 'Other')",
        [pid, other],
    )
    actor.db.execute(
        "INSERT INTO later_allocations (cycle_id, what) VALUES (1, 'Toe by Toe'), (2, 'Lego therapy')"
    )
    data = json.loads(subject_access.export_subject_access(actor, pid, tmp_path).read_text())
    assert [r["title"] for r in data["records"]["later_cycles"]] == ["Autumn reading"]
    assert [r["what"] for r in data["records"]["later_allocations"]] == ["Toe by Toe"]


def test_delete_for_good_removes_rows_in_later_features_tables(actor, data_dir, add_pupil):
    actor.db.executescript("""
        CREATE TABLE later_cycles (id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE, title TEXT);
        CREATE TABLE later_allocations (id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES later_cycles (id) ON DELETE CASCADE, what TEXT);
    """)
    pid = add_pupil(dob="03/04/1990", year_group="14")
    actor.db.execute(
        "INSERT INTO later_cycles (id, pupil_id, title) VALUES (1, ?, 'Quixotically phonics')", [pid]
    )
    actor.db.execute("INSERT INTO later_allocations (cycle_id, what) VALUES (1, 'Xylophonic reading')")
    leave(actor, pid, "20/07/2008")
    leavers.delete_pupil_for_good(actor, pid, today=TODAY)
    assert actor.db.execute("SELECT COUNT(*) FROM later_allocations").fetchone()[0] == 0
    raw = _file_bytes(data_dir)
    assert b"Quixotically" not in raw and b"Xylophonic" not in raw
