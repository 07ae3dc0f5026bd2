"""The packs from the window: the Referrals tab, the Export menu and its dialog (what is missing
before export, the save dialog, the PDF made without freezing the window, the offer to open it),
the Reports screen's governors' summary, and the pack settings."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from sencodesk.services import packs, referrals
from sencodesk.ui import dialogs
from sencodesk.ui.exporting import save_testing
from sencodesk.ui.pupil import export_menu
from tests.ui.helpers import pump, wait_for

pytestmark = pytest.mark.gui

CONTACTS = [{"name": "Jo Smith", "relationship": "Mother", "phone": "07700 900123"}]


@pytest.fixture(autouse=True)
def clean_save_answers():
    save_testing.paths.clear()
    save_testing.opened.clear()
    yield
    save_testing.paths.clear()
    save_testing.opened.clear()


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture
def record(main, add_pupil):
    pid = add_pupil(
        legal_forename="Amy", legal_surname="Smith", sen_status="K", primary_need="SLCN", contacts=CONTACTS
    )
    rec = main.open_pupil(pid)
    pump(main.root)
    rec.tabs.select(rec.pages[rec.referrals])
    pump(main.root)
    rec.referrals.reload()
    return rec


def test_referral_consent_and_status_from_the_tab(record, actor):
    tab = record.referrals
    assert tab.referrals_box.tree.get_children() == ()
    tab.referrals_box.form.fields["service"].set("salt")
    pump(record)
    questions = tab.referrals_box.questions
    assert "Languages used at home" in [box.label_text for box in questions.boxes.values()]
    tab.referrals_box.form.fields["referred_on"].set("20/11/2026")
    tab.referrals_box.form.fields["reason"].set("Unclear speech; peers struggle to understand her.")
    questions.boxes["home_languages"].set("English and Polish")
    tab.referrals_box.save_button.invoke()
    pump(record)
    assert len(tab.referrals_box.tree.get_children()) == 1
    values = tab.referrals_box.tree.item(tab.referrals_box.tree.get_children()[0], "values")
    assert values[0] == "Speech and language therapy" and values[2] == "Draft" and values[3] == "Not recorded"

    # sent without consent: refused, with the service's message on screen
    tab.referrals_box.status_form.fields["status"].set("sent")
    tab.referrals_box.status_button.invoke()
    pump(record)
    assert "cannot be marked sent" in tab.referrals_box.status_form.fields["status"].error_text
    assert "Nothing was saved" in tab.referrals_box.status_message.cget("text")
    assert referrals.referrals_for_pupil(actor, record.pupil_id)[0].status == "draft"

    c = tab.referrals_box.consent.form.fields
    c["given_by"].set("Jo Smith")
    c["relationship"].set("Mother")
    c["given_on"].set("21/11/2026")
    c["method"].set("signed")
    c["consent_to_refer"].set("yes")
    c["share_with"].set("Speech and language therapy, School nurse")
    c["exclusions"].set("Not the GP")
    tab.referrals_box.consent.button.invoke()
    pump(record)
    assert "Jo Smith (Mother) agreed on 21/11/2026" in tab.referrals_box.consent.now.cget("text")
    tab.referrals_box.status_form.fields["status"].set("sent")
    tab.referrals_box.status_button.invoke()
    pump(record)
    saved = referrals.referrals_for_pupil(actor, record.pupil_id)[0]
    assert saved.status == "sent" and saved.answers == {"home_languages": "English and Polish"}
    assert saved.consent.share_with == ["Speech and language therapy", "School nurse"]
    assert saved.consent.exclusions == "Not the GP"


def test_bad_input_is_shown_by_the_field_and_kept(record):
    tab = record.referrals
    tab.referrals_box.form.fields["service"].set("ot")
    tab.referrals_box.form.fields["referred_on"].set("31/02/2026")
    tab.referrals_box.save_button.invoke()
    pump(record)
    assert tab.referrals_box.form.fields["referred_on"].error_text
    assert "reason" in tab.referrals_box.form.fields["reason"].error_text.lower()  # said by its box
    assert tab.referrals_box.form.fields["referred_on"].get() == "31/02/2026"
    assert tab.referrals_box.tree.get_children() == ()


def test_involvement_and_request_text(record, actor):
    tab = record.referrals
    f = tab.involvements_box.form.fields
    f["service"].set("Educational psychology")
    f["professional"].set("Dr P Jones")
    f["started_on"].set("01/02/2026")
    f["latest_report_on"].set("01/03/2026")
    tab.involvements_box.save_button.invoke()
    pump(record)
    assert tab.involvements_box.tree.item(tab.involvements_box.tree.get_children()[0], "values")[:2] == (
        "Educational psychology",
        "Dr P Jones",
    )
    r = tab.request_box.form.fields
    r["request_date"].set("25/11/2026")
    r["attendance_pct"].set("ninety")
    tab.request_box.save_button.invoke()
    pump(record)
    assert "not a percentage" in r["attendance_pct"].error_text
    r["attendance_pct"].set("91.5")
    tab.request_box.form.fields["now_needed"].set("Specialist speech and language therapy each week.")
    tab.request_box.save_button.invoke()
    pump(record)
    draft = referrals.get_ehcna_draft(actor, record.pupil_id)
    assert draft.attendance_pct == 91.5 and draft.now_needed.startswith("Specialist")
    assert draft.request_date == date(2026, 11, 25)


def test_export_menu_lists_the_packs_and_the_referrals(record, actor):
    referrals.add_referral(
        actor, record.pupil_id, {"service": "ep", "referred_on": "20/11/2026", "reason": "Slow progress"}
    )
    menu = record.export_menu
    export_menu._fill(record, menu)
    labels = [menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"]
    assert labels[:3] == [
        "EHC needs assessment request…",
        "One-page profile…",
        "Inclusion case sample (for an inspector)…",
    ]
    assert labels[3].startswith("Referral to Educational psychology (20/11/2026, draft)")


def test_ctrl_p_opens_the_export_menu_filled(record, actor):
    from tests.ui.helpers import keyboard_ready

    referrals.add_referral(
        actor, record.pupil_id, {"service": "salt", "referred_on": "21/11/2026", "reason": "Speech unclear"}
    )
    keyboard_ready(record, record)
    record.event_generate("<Control-p>")
    pump(record)
    menu = record.export_menu
    try:
        labels = [
            menu.entrycget(i, "label") for i in range(menu.index("end") + 1) if menu.type(i) == "command"
        ]
        assert labels[0] == "EHC needs assessment request…"
        assert any(label.startswith("Referral to Speech and language therapy") for label in labels)
    finally:
        menu.unpost()


def test_ehcna_export_lists_missing_first_then_saves_without_blocking_and_offers_to_open(
    record, actor, tmp_path
):
    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    shown = dialog.lines
    assert "Missing: Parents' views" in shown and "Missing: Parental consent to the request" in shown
    assert any(line.startswith("LA checklist, NOT met: At least two reviewed cycles") for line in shown)
    assert "Parents' views" in dialog.missing_list.get("1.0", "end")  # what the person sees
    assert "You can still export" in dialog.summary.cget("text")
    calls = []
    real = dialog.job.check
    dialog.job.check = lambda options: calls.append(options) or real(options)
    dialog.option_vars["Cycles to include"].set("All")  # the list is checked again for all cycles
    assert (
        calls == [{"Save as": "PDF", "Cycles to include": "All"}]
        and "Missing: Parents' views" in dialog.lines
    )
    assert dialog.job.filename == packs.suggested_filename(
        "EHCNA request", packs.get_pupil(actor, record.pupil_id), date.today()
    )
    out = tmp_path / "request"  # no .pdf typed: it is added
    save_testing.paths.append(out)
    dialogs.testing.answers.append(True)  # "Open it now?" -> Open it
    dialog.save_button.invoke()
    assert "Making the PDF" in dialog.status.cget("text")  # the window is back before the PDF is
    wait_for(dialog, record)
    pdf = tmp_path / "request.pdf"
    assert dialog.result_path == pdf and pdf.exists() and dialog.error is None
    assert "Saved" in dialog.status.cget("text")
    assert save_testing.opened == [pdf]
    text = text_of(pdf)
    assert "EHC needs assessment request: Amy Smith" in text and "Not yet recorded" in text
    rows = list(
        actor.db.query("SELECT * FROM audit WHERE action = 'export' AND pupil_id = ?", [record.pupil_id])
    )
    assert len(rows) == 1
    dialog.close()


def test_the_request_saves_as_word_or_as_the_las_own_form_when_its_profile_has_one(record, actor, tmp_path):
    import docx

    from sencodesk.services import la_profiles

    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    assert dialog.title() == "Export" and dialog.save_button.cget("text") == "Save the PDF…"
    assert "The LA's own Word form" not in dialog.job.formats  # the neutral profile has none
    dialog.option_vars["Save as"].set("Word (.docx)")
    assert dialog.save_button.cget("text") == "Save the Word file…"
    save_testing.paths.append(tmp_path / "request")
    dialogs.testing.answers.append(False)  # "Open it now?" -> Not now
    dialog.save_button.invoke()
    assert "Making the Word file" in dialog.status.cget("text")
    wait_for(dialog, record)
    assert dialog.result_path == tmp_path / "request.docx" and dialog.error is None
    headings = [
        p.text for p in docx.Document(str(dialog.result_path)).paragraphs if p.style.name == "Heading 1"
    ]
    assert headings[0] == "1. Request details"
    dialog.close()
    la_profiles.choose_profile(actor, "example_eastbridge")
    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    dialog.option_vars["Save as"].set("The LA's own Word form")
    save_testing.paths.append(tmp_path / "form.docx")
    dialogs.testing.answers.append(False)
    dialog.save_button.invoke()
    wait_for(dialog, record)
    assert dialog.error is None
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "form.docx")).paragraphs)
    assert "Eastbridge County Council" in text and "{{" not in text
    dialog.close()


def test_cancelling_the_save_dialog_makes_nothing(record, actor, tmp_path):
    dialog = export_menu.profile_dialog(record)
    dialog.save_button.invoke()  # no path answered: cancelled
    pump(record)
    assert dialog.result_path is None and not dialog.busy
    assert list(actor.db.query("SELECT * FROM audit WHERE action = 'export'")) == []
    assert "no UPN" in dialog.job.note
    dialog.close()


def test_reports_screen_makes_the_summary_for_the_period(main, add_pupil, actor, tmp_path):
    for _ in range(6):
        add_pupil(sen_status="K", primary_need="SPLD")
    screen = main.show("reports")
    assert screen.date_from.get().startswith("01/09/")
    screen.date_to.set("01/01/2001")
    assert screen.make_summary() is None
    assert "before its start" in screen.date_to.error_text
    screen.date_from.set("01/09/2026")
    screen.date_to.set("31/08/2027")
    dialog = screen.make_summary()
    assert any("Attendance" in line for line in dialog.lines)
    save_testing.paths.append(tmp_path / "summary.pdf")
    dialog.save()
    wait_for(dialog, main.root)
    text = text_of(tmp_path / "summary.pdf")
    assert "SEN summary for governors, 01/09/2026 to 31/08/2027" in text
    assert "Appendix" not in text
    dialog.close()


def test_pack_settings_are_saved_and_printed(main, actor, tmp_path):
    panel = main.show("settings").packs
    panel.fields["senco_contact"].set("01234 567890, senco@oak.example")
    panel.fields["head_name"].set("Mrs A Head")
    panel.fields["logo_path"].set(str(tmp_path / "missing.png"))
    panel.profile.set("Eastbridge County Council (example)")
    assert panel.save() is False
    assert "There is no file" in panel.fields["logo_path"].error_text
    panel.fields["logo_path"].set("")
    assert panel.save() is True
    info = packs.school_info(actor)
    assert (info.senco_contact, info.head_name) == ("01234 567890, senco@oak.example", "Mrs A Head")
    assert packs.la_profiles.school_profile(actor).key == "example_eastbridge"


def test_profile_words_from_the_tab_reach_the_profile_pack(record, actor):
    tab = record.profile
    record.tabs.select(record.pages[tab])
    pump(record)
    tab.reload()
    tab.boxes["like_and_admire"].set("Kind to younger children; great at Lego.")
    tab.boxes["how_to_support"].set("Give me time to answer\nShow me, then tell me")
    tab.save_button.invoke()
    pump(record)
    assert tab.form.status.cget("text") == "Saved."
    model = packs.profile_model(actor, record.pupil_id)
    assert model.like_and_admire.startswith("Kind to younger")
    assert model.how_to_support[:2] == ["Give me time to answer", "Show me, then tell me"]
    assert "What is important to me" in model.missing()


def test_unsaved_tab_text_is_never_dropped_silently(record, actor):
    tab = record.referrals
    assert not record.dirty
    tab.involvements_box.form.fields["professional"].set("Dr P Jones")
    assert tab.dirty and record.dirty
    # exporting now would print without it: refused, and said
    assert export_menu.profile_dialog(record) is None
    assert "changes on the Referrals tab" in dialogs.testing.shown[-1][1]
    # saving the request text keeps the typed involvement counted as unsaved
    tab.request_box.form.fields["home_language"].set("Polish")
    tab.request_box.save_button.invoke()
    pump(record)
    assert tab.dirty and tab.involvements_box.form.fields["professional"].get() == "Dr P Jones"
    # closing asks first; "Keep editing" keeps the record open with the text
    dialogs.testing.answers.append(False)
    assert record.close() is False
    assert "not saved" in dialogs.testing.shown[-1][1]


def test_status_and_consent_wait_for_unsaved_referral_edits(record, actor):
    referrals.add_referral(
        actor, record.pupil_id, {"service": "ep", "referred_on": "20/11/2026", "reason": "Slow progress"}
    )
    tab = record.referrals
    tab.reload()
    tab.referrals_box.form.fields["reason"].set("Slow progress in reading and maths")
    tab.referrals_box.consent.form.fields["given_by"].set("Jo Smith")
    tab.referrals_box.consent.button.invoke()
    pump(record)
    assert "Save the changes to the referral first" in tab.referrals_box.consent.form.status.cget("text")
    assert tab.referrals_box.form.fields["reason"].get() == "Slow progress in reading and maths"
    assert tab.referrals_box.consent.form.fields["given_by"].get() == "Jo Smith"


def test_a_failed_export_says_so_and_records_nothing(record, actor, tmp_path):
    dialog = export_menu.profile_dialog(record)
    save_testing.paths.append(tmp_path / "no such folder" / "profile.pdf")
    dialog.save_button.invoke()
    wait_for(dialog, record)
    assert dialog.result_path is None and "does not exist. Choose another place" in dialog.error
    assert dialog.status.cget("text") == dialog.error
    assert str(dialog.save_button.cget("state")) == "normal"  # the person can choose another folder
    assert list(actor.db.query("SELECT * FROM audit WHERE action = 'export'")) == []
    assert save_testing.opened == []
    dialog.close()


def test_an_answer_to_another_profiles_question_is_shown_under_its_words(main, add_pupil, actor):
    from sencodesk.services import la_profiles

    pid = add_pupil(legal_forename="Amy", legal_surname="Smith", sen_status="K", primary_need="SLCN")
    referrals.save_ehcna_draft(
        actor, pid, 0, {"la_answers": {"typical_day": "Quiet at lunch", "q_transport": "Taxi"}}
    )
    la_profiles.choose_profile(actor, "example_eastbridge")
    rec = main.open_pupil(pid)
    pump(main.root)
    rec.tabs.select(rec.pages[rec.referrals])
    pump(main.root)
    rec.referrals.reload()
    pump(main.root)
    labels = [
        w.cget("text")
        for box in rec.referrals.request_box.la_boxes.values()
        for w in box.winfo_children()
        if w.winfo_class() == "TLabel"
    ]
    name = la_profiles.school_profile(actor).name
    assert (
        f"Not asked by {name}: Describe a typical day for the child in school, including unstructured times."
        in labels
    )
    assert f"Not asked by {name}: Other information the school gave" in labels
    assert not any("q_transport" in label or "typical_day" in label for label in labels)
    assert (
        rec.referrals.request_box.la_boxes["q_transport"].get() == "Taxi"
    )  # still there to edit, and saved back


def test_export_dialog_names_the_headteacher_and_contact_not_set_and_where_to_set_them(record, actor):
    from sencodesk.services import pack_settings

    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    seen = dialog.missing_list.get("1.0", "end")
    assert "Headteacher's name (for the signature block): set it in Settings, PDF packs" in seen
    assert "SENCO contact (phone, email): set it in Settings, PDF packs" in seen
    dialog.close()
    pack_settings.save_pack_settings(actor, {"head_name": "Mrs A Patel", "senco_contact": "01632 960345"})
    dialog = export_menu.ehcna_dialog(record)
    pump(record)
    seen = dialog.missing_list.get("1.0", "end")
    assert "Headteacher's name" not in seen and "SENCO contact" not in seen
    dialog.close()
