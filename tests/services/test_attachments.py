"""Documents on a pupil's record, against a real school: what is accepted and what is refused
(each with a plain sentence and nothing stored), who sees what, and what happens to them in
removals, retention deletion, backups and subject access."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from sencodesk.domain.errors import Conflict, PermissionDenied, UserError, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import attachments, backups, concerns, cycles, leavers, pupils, subject_access
from sencodesk.services import audit as audit_service
from sencodesk.services.actor import Actor, open_school
from sencodesk.store import db as store_db

from . import attached_files as files
from .graduated_support import TODAY, plan_form

DETAILS = files.DETAILS


def count(actor, table: str = "attachments") -> int:
    return actor.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def pupil(add_pupil):
    return add_pupil(sen_status="K", primary_need="SLCN", sen_start_date="01/09/2025")


@pytest.fixture
def docs(tmp_path):
    return tmp_path / "docs"


def add(actor, pupil_id, path, **details):
    return attachments.add_attachment(actor, pupil_id, path, DETAILS | details, today=TODAY)


def test_a_pdf_is_attached_with_its_details_and_the_audit_keeps_no_bytes(actor, pupil, docs):
    data = files.pdf(3, "Speech and language therapy report")
    attachment_id = add(actor, pupil, files.put(docs, "salt.pdf", data))
    [a] = attachments.list_attachments(actor, pupil)
    assert (a.id, a.title, a.kind_label, a.file_type, a.pages, a.size_bytes) == (
        attachment_id,
        "EP report",
        "Professional report",
        "pdf",
        3,
        len(data),
    )
    assert a.document_date == date(2026, 3, 12) and a.original_name == "salt.pdf"
    assert attachments.attachment_bytes(actor, attachment_id) == data
    row = actor.db.execute("SELECT summary, changes FROM audit WHERE entity = 'attachment'").fetchone()
    assert "attached EP report" in row[0]
    changes = json.loads(row[1])
    assert changes["sha256"][1] == a.sha256 and "content" not in changes
    assert "Speech and language" not in row[0] + row[1]  # what it is, never what it says


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("report.pdf", files.program, "is not a PDF, a Word document (.docx), or a JPEG or PNG picture"),
        ("report.pdf", lambda: files.pdf(4)[:-200], "incomplete PDF"),
        ("report.pdf", lambda: files.pdf(2)[:400] + b"\n%%EOF\n", "is damaged"),
        ("locked.pdf", files.locked_pdf, "protected with a password"),
        ("empty.pdf", lambda: b"", "is empty (0 bytes)"),
        ("photo.jpg", lambda: files.picture()[:300], "is damaged"),
        ("IMG_0001.heic", lambda: b"\x00\x00\x00\x18ftypheic" + bytes(500), "iPhone photo (HEIC)"),
        ("letter.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "older Office file"),
        ("reports.zip", lambda: _zip_of_pdf(), "It is a zip file"),
        ("notes.txt", lambda: b"Some notes about the child", "SENCO desk looks at what a file holds"),
    ],
)
def test_what_cannot_be_attached_is_refused_in_a_sentence_and_nothing_is_stored(
    actor, pupil, docs, name, make, words
):
    audit_before = count(actor, "audit")
    with pytest.raises(UserError) as refused:
        add(actor, pupil, files.put(docs, name, make()))
    assert words in refused.value.message and name in refused.value.message
    assert "Traceback" not in refused.value.message and len(refused.value.message) < 400
    assert count(actor) == 0 and count(actor, "audit") == audit_before


def _zip_of_pdf() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("report.pdf", files.pdf(1))
    return out.getvalue()


def test_a_file_over_20_mb_is_refused_before_it_is_read(actor, pupil, docs):
    big = docs / "scan.pdf"
    docs.mkdir()
    with open(big, "wb") as f:  # sparse: 21 MB on paper, nothing on the disk
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(UserError, match=r"scan.pdf is 21 MB; a document can be at most 20 MB"):
        add(actor, pupil, big)
    assert count(actor) == 0


def test_a_pupils_documents_are_held_to_their_total(actor, pupil, docs, monkeypatch):
    first = files.pdf(1)
    add(actor, pupil, files.put(docs, "one.pdf", first))
    monkeypatch.setattr(attachments, "MAX_PUPIL_BYTES", len(first) + 100)
    with pytest.raises(UserError, match="would take them past"):
        add(actor, pupil, files.put(docs, "two.pdf", files.pdf(1)))
    assert count(actor) == 1


def test_the_same_file_twice_is_refused(actor, pupil, docs):
    path = files.put(docs, "ep.pdf", files.pdf())
    add(actor, pupil, path)
    with pytest.raises(UserError, match='already on this pupil\'s record, as "EP report"'):
        add(actor, pupil, path, title="Another title")
    assert count(actor) == 1


def test_word_pictures_and_a_pdf_locked_only_against_changes_are_accepted(actor, pupil, docs):
    kinds = {
        "about.docx": (files.word(), "docx", None),
        "letter.jpg": (files.picture("JPEG"), "jpeg", 1),
        "drawing.png": (files.picture("PNG"), "png", 1),
        "plan.pdf": (files.restricted_pdf(), "pdf", 3),
    }
    for name, (data, _, _) in kinds.items():
        add(actor, pupil, files.put(docs, name, data))
    found = {a.original_name: (a.file_type, a.pages) for a in attachments.list_attachments(actor, pupil)}
    assert found == {name: (kind, pages) for name, (_, kind, pages) in kinds.items()}


def test_a_macro_word_file_is_refused(actor, pupil, docs):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(files.word())) as source, zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            z.writestr(item, source.read(item))
        z.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(UserError, match="macros"):
        add(actor, pupil, files.put(docs, "letter.docm", out.getvalue()))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"author": ""}, "author"),
        ({"kind": "diary"}, "kind"),
        ({"visibility": "everyone"}, "visibility"),
        ({"document_date": ""}, "document_date"),
        ({"document_date": "01/01/2027"}, "document_date"),
        ({"document_date": "31/02/2026"}, "document_date"),
    ],
)
def test_the_details_are_checked_field_by_field(actor, pupil, docs, change, field):
    with pytest.raises(ValidationError) as refused:
        add(actor, pupil, files.put(docs, "ep.pdf", files.pdf()), **change)
    assert field in refused.value.field_errors
    assert count(actor) == 0


# --- who sees what ---------------------------------------------------------------------------


def person(actor, role: str, name: str) -> Actor:
    """Someone with `role` acting on the same school."""
    user_id = (
        actor.db["users"]
        .insert(
            {"username": name.replace(" ", "").lower(), "display_name": name, "role": role, "active": 1}
            | {"created_at": "2026-09-01"}
        )
        .last_pk
    )
    return Actor(db=actor.db, user=User(user_id, name, name, role), data_dir=actor.data_dir)


@pytest.fixture
def teachers_pupil(actor, add_pupil):
    """(teacher, pupil_id): a pupil on SEN support whose plan names the teacher (their own pupil)."""
    teacher = person(actor, "teacher", "Mr T Jones")
    pupil_id = add_pupil()
    concern = concerns.raise_concern(
        actor, pupil_id, {"raised_on": "01/07/2026", "seen": "Quiet"}, today=TODAY
    )
    cycle_id = concerns.triage_concern(
        actor,
        concern,
        1,
        {"decision": "sen_support", "start_date": "01/09/2026", "parents_told_on": "01/09/2026"}
        | {"primary_need": "SLCN"},
        today=TODAY,
    )
    cycles.save_plan(actor, cycle_id, 1, plan_form(actor, staff=[teacher.user.id]))
    return teacher, pupil_id


def test_each_role_sees_what_the_row_rule_allows(actor, teachers_pupil, docs):
    as_teacher, pupil_id = teachers_pupil
    shared = add(actor, pupil_id, files.put(docs, "ep.pdf", files.pdf()), visibility="teachers")
    kept = add(
        actor,
        pupil_id,
        files.put(docs, "camhs.pdf", files.pdf()),
        title="CAMHS letter",
        visibility="senco_head",
    )
    assert [a.id for a in attachments.list_attachments(as_teacher, pupil_id)] == [shared]
    assert attachments.attachment_bytes(as_teacher, shared)
    for call in (
        lambda: attachments.get_attachment(as_teacher, kept),
        lambda: attachments.attachment_bytes(as_teacher, kept),
        lambda: attachments.open_copy(as_teacher, kept),
        lambda: attachments.save_copy(as_teacher, kept, docs / "copy.pdf"),
        lambda: attachments.chosen_attachments(as_teacher, pupil_id, [shared, kept]),
    ):
        with pytest.raises(PermissionDenied, match="SENCO and the headteacher only"):
            call()
    assert not (docs / "copy.pdf").exists()
    # the record's history follows the same rule: no line about the CAMHS letter
    history = " ".join(h["summary"] for h in audit_service.pupil_history(as_teacher, pupil_id))
    assert "attached EP report" in history and "CAMHS" not in history
    head = person(actor, "head", "Mrs H Head")
    assert {a.id for a in attachments.list_attachments(head, pupil_id)} == {shared, kept}
    office = person(actor, "office", "Mr O Office")
    with pytest.raises(PermissionDenied):
        attachments.list_attachments(office, pupil_id)
    with pytest.raises(PermissionDenied):  # a teacher adds nothing, even to their own pupil
        attachments.add_attachment(as_teacher, pupil_id, files.put(docs, "x.pdf", files.pdf()), DETAILS)


def test_a_teacher_sees_nothing_of_a_pupil_who_is_not_theirs(actor, pupil, docs):
    add(actor, pupil, files.put(docs, "ep.pdf", files.pdf()), visibility="teachers")
    with pytest.raises(PermissionDenied, match="not one of yours"):
        attachments.list_attachments(person(actor, "teacher", "Ms Other"), pupil)


def test_a_document_shared_later_is_seen_by_the_teacher_then(actor, teachers_pupil, docs):
    teacher, pupil_id = teachers_pupil
    a = add(actor, pupil_id, files.put(docs, "ep.pdf", files.pdf()), visibility="senco_head")
    assert attachments.list_attachments(teacher, pupil_id) == []
    attachments.update_attachment(actor, a, 1, DETAILS | {"visibility": "teachers"}, today=TODAY)
    assert [x.id for x in attachments.list_attachments(teacher, pupil_id)] == [a]


def test_a_document_of_another_pupil_cannot_be_sent_with_this_ones_pack(actor, pupil, add_pupil, docs):
    other = add(actor, add_pupil(), files.put(docs, "other.pdf", files.pdf()))
    with pytest.raises(ValidationError, match="another pupil's record"):
        attachments.chosen_attachments(actor, pupil, [other])


# --- changing and removing -------------------------------------------------------------------


def test_details_change_with_a_stale_version_refused(actor, pupil, docs):
    a = add(actor, pupil, files.put(docs, "ep.pdf", files.pdf()))
    attachments.update_attachment(actor, a, 1, DETAILS | {"title": "EP report (final)"}, today=TODAY)
    assert attachments.get_attachment(actor, a).title == "EP report (final)"
    with pytest.raises(Conflict, match="changed this document since you opened it"):
        attachments.update_attachment(actor, a, 1, DETAILS | {"title": "Other"}, today=TODAY)


def test_a_file_is_replaced_and_the_audit_keeps_what_it_was(actor, pupil, docs):
    a = add(actor, pupil, files.put(docs, "draft.pdf", files.pdf(2)))
    old = attachments.get_attachment(actor, a)
    attachments.replace_file(actor, a, old.version, files.put(docs, "final.pdf", files.pdf(5)))
    new = attachments.get_attachment(actor, a)
    assert (new.original_name, new.pages, new.title) == ("final.pdf", 5, "EP report")
    row = actor.db.execute("SELECT summary, changes FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert "draft.pdf with final.pdf" in row[0]
    assert json.loads(row[1])["sha256"] == [old.sha256, new.sha256]


def _file_bytes(data_dir: Path) -> bytes:
    path = store_db.db_path(data_dir)
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_a_removed_document_is_gone_from_the_file_and_the_audit_says_what_it_was(
    actor, data_dir, pupil, docs
):
    data = files.picture("PNG", (300, 300))
    a = add(actor, pupil, files.put(docs, "letter.png", data), title="Letter from home", kind="letter")
    actor.db.execute("PRAGMA secure_delete = OFF")  # as some SQLite builds start (this one's is on)
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    piece = data[60:124]
    assert piece in _file_bytes(data_dir)
    attachments.remove_attachment(actor, a, 1)
    assert count(actor) == 0
    assert piece not in _file_bytes(data_dir)  # its freed pages were overwritten
    summary = actor.db.execute("SELECT summary FROM audit WHERE action = 'delete'").fetchone()[0]
    assert "removed the document Letter from home (letter.png, by Dr A Jones" in summary
    assert "dated 12/03/2026" in summary


def test_a_pupil_deleted_at_retention_takes_their_documents_with_them(actor, data_dir, add_pupil, docs):
    pid = add_pupil(dob="03/04/1990", year_group="14")
    data = files.picture("PNG", (300, 300))
    add(actor, pid, files.put(docs, "letter.png", data))
    pupils.mark_leaver(actor, pid, pupils.get_pupil(actor, pid).version, "20/07/2008", "College")
    actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert data[60:124] in _file_bytes(data_dir)
    assert leavers.delete_pupil_for_good(actor, pid, today=TODAY) is True
    assert count(actor) == 0
    assert data[60:124] not in _file_bytes(data_dir)


def test_a_backup_and_its_restore_keep_the_documents(actor, data_dir, pupil, docs, tmp_path):
    data = files.pdf(2)
    a = add(actor, pupil, files.put(docs, "ep.pdf", data))
    backup = backups.take_backup(actor, tmp_path / "stick" / "school.db")
    attachments.remove_attachment(actor, a, 1)
    actor.close()
    backups.restore_backup(data_dir, backup)
    s = open_school(data_dir)
    try:
        assert attachments.attachment_bytes(s, a) == data
    finally:
        s.close()


# --- copies out ------------------------------------------------------------------------------


def test_a_copy_is_saved_where_chosen_and_never_into_the_data_folder(actor, data_dir, pupil, docs, tmp_path):
    data = files.pdf()
    a = add(actor, pupil, files.put(docs, "ep.pdf", data))
    (tmp_path / "out").mkdir()
    out = attachments.save_copy(actor, a, tmp_path / "out" / "EP report.pdf")
    assert out.read_bytes() == data
    with pytest.raises(UserError, match="inside the school's data folder"):
        attachments.save_copy(actor, a, data_dir / "copy.pdf")
    with pytest.raises(UserError, match="already exists"):  # not over a file it did not make
        attachments.save_copy(actor, a, files.put(docs, "mine.pdf", b"someone's own file"))
    assert (
        "saved a copy of the document EP report"
        in actor.db.execute("SELECT summary FROM audit WHERE action = 'export'").fetchone()[0]
    )


def test_a_copy_opened_to_read_is_private_and_removed_at_close(actor, pupil, docs):
    data = files.word()
    a = add(actor, pupil, files.put(docs, "about.docx", data), title="About me", kind="about_me")
    copy = attachments.open_copy(actor, a)
    try:
        assert copy.read_bytes() == data and copy.suffix == ".docx" and "About me" in copy.name
        assert copy.parent.name.startswith(attachments.VIEW_PREFIX)
        if os.name != "nt":
            assert copy.parent.stat().st_mode & 0o077 == 0  # only this computer account
        assert actor.data_dir not in copy.parents
    finally:
        attachments.remove_open_copies()
    assert not copy.exists() and not copy.parent.exists()


def test_copies_a_crashed_run_left_are_cleared_at_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setattr(attachments.tempfile, "tempdir", str(tmp_path))
    old = tmp_path / f"{attachments.VIEW_PREFIX}old"
    new = tmp_path / f"{attachments.VIEW_PREFIX}new"
    for folder in (old, new):
        folder.mkdir()
        (folder / "01 EP report.pdf").write_bytes(b"%PDF-")
    day_ago = time.time() - 24 * 3600
    os.utime(old, (day_ago, day_ago))
    assert attachments.remove_open_copies(stale_only=True) == 1
    assert not old.exists() and new.exists()  # another SENCO desk open now may be showing it


# --- subject access --------------------------------------------------------------------------


def test_subject_access_lists_the_documents_and_gives_copies_not_bytes(actor, pupil, docs, tmp_path):
    data = files.pdf(2)
    add(actor, pupil, files.put(docs, "ep.pdf", data))
    held = subject_access.subject_access_data(actor, pupil)
    [row] = held["records"]["attachments"]
    assert row["title"] == "EP report" and row["sha256"]
    assert row["content"] == (
        "A copy is in the folder beside this export, as 01 EP report - Dr A Jones, educational "
        "psychologist - 12-03-2026.pdf"
    )
    path = subject_access.export_subject_access(actor, pupil, tmp_path / "sar", today=TODAY)
    copies = list((path.parent / f"{path.stem} documents").iterdir())
    assert [c.read_bytes() for c in copies] == [data]
    assert b"%PDF" not in path.read_bytes()
    again = subject_access.export_subject_access(actor, pupil, tmp_path / "sar", today=TODAY)
    assert again == path  # the same day's export again: its own copies are no obstacle


def test_a_chosen_file_is_checked_before_its_details_are_typed(actor, pupil, docs):
    assert attachments.check_file(actor, pupil, files.put(docs, "ep.pdf", files.pdf(3))).startswith(
        "PDF, 3 pages, "
    )
    assert attachments.check_file(actor, pupil, files.put(docs, "about.docx", files.word())).startswith(
        "Word document, "
    )
    with pytest.raises(UserError, match="It is a program"):
        attachments.check_file(actor, pupil, files.put(docs, "ep2.pdf", files.program()))
    assert count(actor) == 0
