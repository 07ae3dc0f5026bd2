"""The record's Documents tab and the export dialog's choice of documents, in real windows."""

from __future__ import annotations

import zipfile

import pytest
from pypdf import PdfReader

from sencodesk.services import attachments
from sencodesk.services.actor import Actor
from sencodesk.ui import dialogs, file_choice
from sencodesk.ui.app import build_main_window
from sencodesk.ui.exporting import SENDING, save_testing
from sencodesk.ui.pupil import export_menu
from tests.services import attached_files as files
from tests.ui.helpers import pump, wait_for
from tests.ui.test_accounts_ui import add_account

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def clean_answers():
    for answers in (save_testing.paths, save_testing.opened, file_choice.answers):
        answers.clear()
    yield
    for answers in (save_testing.paths, save_testing.opened, file_choice.answers):
        answers.clear()
    attachments.remove_open_copies()


@pytest.fixture
def record(main, add_pupil):
    pid = add_pupil(legal_forename="Amy", legal_surname="Smith", sen_status="K", primary_need="SLCN")
    rec = main.open_pupil(pid)
    pump(main.root)
    rec.tabs.select(rec.page("documents"))
    pump(main.root)
    return rec


def add_through_the_tab(record, path, **typed):
    file_choice.answers.append(str(path))
    dialog = record.documents.add()
    assert dialog is not None, record.documents.message.cget("text")
    fields = dialog.fields
    fields["author"].set("Dr A Jones, educational psychologist")
    fields["document_date"].set("12/03/2026")
    for key, value in typed.items():
        fields[key].set(value)
    dialog.save_button.invoke()
    pump(record)
    return dialog


def test_a_document_is_added_opened_saved_and_removed_from_the_tab(record, actor, tmp_path):
    tab = record.documents
    assert "No documents on this pupil's record yet." in tab.empty.cget("text")
    add_through_the_tab(record, files.put(tmp_path, "EP_report.pdf", files.pdf(4)))
    [row] = tab.tree.get_children()
    values = tab.tree.item(row, "values")
    assert values[:3] == ("12/03/2026", "EP report", "Professional report")  # the title from the name
    assert values[4].startswith("PDF, 4 pages, ") and values[5] == "SENCO and head"
    assert tab.message.cget("text") == "Attached EP_report.pdf."

    tab.tree.selection_set(row)
    pump(record)
    copy = tab.open_selected()
    assert save_testing.opened == [copy] and copy.read_bytes() == (tmp_path / "EP_report.pdf").read_bytes()

    file_choice.answers.append(str(tmp_path / "copy.pdf"))
    assert tab.save_copy() == tmp_path / "copy.pdf"

    dialogs.testing.answers.append(True)
    tab.remove()
    pump(record)
    assert "deleted for good" in dialogs.testing.shown[-1][1]
    assert tab.tree.get_children() == () and attachments.list_attachments(actor, record.pupil_id) == []


def test_a_file_that_cannot_be_attached_is_refused_before_anything_is_typed(record, tmp_path):
    file_choice.answers.append(str(files.put(tmp_path, "report.pdf", files.program())))
    assert record.documents.add() is None
    assert "It is a program, not a document" in record.documents.message.cget("text")


def test_missing_details_are_shown_by_their_fields_and_kept(record, tmp_path):
    dialog = add_through_the_tab(record, files.put(tmp_path, "letter.docx", files.word()), author="")
    assert dialog.winfo_exists() and dialog.fields["author"].error_text
    assert dialog.fields["document_date"].get() == "12/03/2026"
    dialog.destroy()


def test_only_the_senco_is_offered_the_buttons_that_change_documents(record, actor, root, tmp_path):
    add_through_the_tab(
        record, files.put(tmp_path, "ep.pdf", files.pdf()), visibility="Also the pupil's teachers and TAs"
    )
    head = add_account(actor, "hh", "head")
    window = build_main_window(Actor(db=actor.db, user=head, data_dir=actor.data_dir), root)
    pump(root)
    seen = window.open_pupil(record.pupil_id)
    pump(root)
    tab = seen.documents
    assert len(tab.tree.get_children()) == 1
    assert tab.open_button.winfo_manager() and tab.save_button.winfo_manager()
    assert not any(b.winfo_manager() for b in (tab.add_button, tab.edit_button, tab.remove_button))


def test_the_export_dialog_sends_chosen_documents_in_one_pdf_or_a_zip(record, actor, tmp_path):
    add_through_the_tab(record, files.put(tmp_path, "ep.pdf", files.pdf(3)), title="EP report")
    add_through_the_tab(record, files.put(tmp_path, "about.docx", files.word()), title="All about Amy")
    dialog = export_menu.ehcna_dialog(record)
    labels = [c.cget("text") for c in dialog.document_checks]
    assert labels[0] == "All about Amy - Dr A Jones, educational psychologist, 12/03/2026 (Word document)"
    assert labels[1].startswith("EP report") and labels[1].endswith("(PDF, 3 pages)")
    assert all(str(c.cget("state")) == "disabled" for c in dialog.document_checks)  # alone: none go
    dialog.send_as.set("With the chosen documents, in one PDF")
    pump(record)
    assert str(dialog.document_checks[1].cget("state")) == "normal"
    for var in dialog.document_vars.values():
        var.set(True)
    save_testing.paths.append(tmp_path / "bundle")
    dialog.save()
    wait_for(dialog, record.main_window.root)
    assert dialog.error is None and dialog.result_path == tmp_path / "bundle.pdf"
    outline = [o.title for o in PdfReader(str(dialog.result_path)).outline]
    assert outline[2].startswith("03 EP report")  # the Word file (02) is listed, not appended
    dialog.send_as.set(next(label for label, form in SENDING.items() if form == "zip"))
    pump(record)
    assert dialog.save_button.cget("text") == "Save the zip file…"
    save_testing.paths.append(tmp_path / "portal")
    dialog.save()
    wait_for(dialog, record.main_window.root)
    assert dialog.result_path == tmp_path / "portal.zip"
    assert len(zipfile.ZipFile(dialog.result_path).namelist()) == 3
    dialog.destroy()


def test_many_documents_scroll_in_the_export_dialog(record, actor, tmp_path):
    for n in range(9):
        attachments.add_attachment(
            actor, record.pupil_id, files.put(tmp_path, f"r{n}.pdf", files.pdf(1)), files.DETAILS
        )
    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    assert len(dialog.document_checks) == 9
    assert dialog.winfo_reqheight() < 760  # on a 1366x768 laptop's screen
    dialog.destroy()
