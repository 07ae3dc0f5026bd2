"""The data screens driven like a person: the census check lists a breach and opens the pupil,
the retention screen deletes a record only after the typed confirmation, and the dashboard
lists leavers whose transfer pack is not sent until the record's dialog marks it sent."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from sencodesk.services import census_check, leavers, pupils
from sencodesk.services.audit import pupil_history
from sencodesk.ui import dialogs, file_choice
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


def make_breach(actor, pupil_id):
    """Data from an old system: on SEN support with no need recorded (the form would refuse)."""
    actor.db.execute("UPDATE pupils SET sen_status = 'K', primary_need = NULL WHERE id = ?", [pupil_id])
    actor.db.conn.commit()


def test_census_screen_lists_a_breach_and_opens_the_pupil(main, actor, add_pupil, tmp_path):
    pupil_id = add_pupil(legal_forename="Nia", legal_surname="Evans", year_group="4", class_name="4E")
    add_pupil(legal_forename="Ok", legal_surname="Fine")
    make_breach(actor, pupil_id)
    rule = census_check.check_register(actor).errors[0].rule
    screen = main.show("census")
    assert screen.pupil_rows(rule) == ["Nia Evans"]
    assert "1 rule broken, for 1 pupil:" in screen.summary.cget("text")
    assert "Fix:" in screen.tree.item(f"rule-{rule}", "values")[1]
    child = screen.tree.get_children(f"rule-{rule}")[0]
    screen.tree.focus(child)
    screen.tree.selection_set(child)
    screen._show_fix()
    assert f"Rule {rule}:" in screen.fix.cget("text") and "DfE wording:" in screen.fix.cget("text")
    record = screen.open_selected()
    assert record.pupil_id == pupil_id
    record.destroy()

    # Printed: the rule, the fix, the pupil, and no UPN (this is not a UPN rule).
    file_choice.answers.append(str(tmp_path / "census.pdf"))
    screen.print_button.invoke()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "census.pdf")).pages).split())
    assert f"Rule {rule}" in text and "Nia Evans" in text and "Fix:" in text and "DfE wording:" in text
    assert pupils.get_pupil(actor, pupil_id).upn not in text
    assert "Saved to" in screen.message.cget("text")


def test_census_pdf_prints_the_upn_under_a_upn_rule(main, actor, add_pupil, tmp_path):
    pupil_id = add_pupil(legal_forename="Wrong", legal_surname="Letter")
    upn = pupils.get_pupil(actor, pupil_id).upn
    bad = ("B" if upn[0] != "B" else "C") + upn[1:]
    actor.db.execute("UPDATE pupils SET upn = ? WHERE id = ?", [bad, pupil_id])
    actor.db.conn.commit()
    screen = main.show("census")
    assert screen.pupil_rows("1510") == ["Wrong Letter"]
    file_choice.answers.append(str(tmp_path / "census.pdf"))
    screen.print_button.invoke()
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "census.pdf")).pages)
    assert bad in text


def leaver_past_retention(actor, add_pupil, name=("Old", "Leaver")):
    pupil_id = add_pupil(legal_forename=name[0], legal_surname=name[1], dob="01/01/1990", year_group="6")
    p = pupils.get_pupil(actor, pupil_id)
    pupils.mark_leaver(actor, pupil_id, p.version, "20/07/2001", "Hill High School")
    return pupil_id


def test_retention_deletes_only_after_the_name_is_typed(main, actor, add_pupil):
    pupil_id = leaver_past_retention(actor, add_pupil)
    keep_id = add_pupil(legal_forename="Still", legal_surname="Here")
    screen = main.show("retention")
    assert screen.tree.get_children() == (str(pupil_id),)
    assert screen.tree.item(str(pupil_id), "values")[0] == "Old Leaver"
    screen.tree.selection_set(str(pupil_id))
    pump(main.root)
    assert "type their name" in screen.confirm_label.cget("text")
    assert str(screen.delete_button.cget("state")) == "disabled"
    screen.typed_var.set("Old Leave")
    assert str(screen.delete_button.cget("state")) == "disabled"
    screen.delete_button.invoke()  # disabled: nothing happens
    assert pupils.get_pupil(actor, pupil_id)
    screen.typed_var.set("  old   leaver ")
    assert str(screen.delete_button.cget("state")) == "normal"
    screen.delete_button.invoke()
    pump(main.root)
    assert screen.tree.get_children() == ()
    assert "deleted" in screen.message.cget("text")
    assert [r.id for r in pupils.list_register(actor)] == [keep_id]
    rows = actor.db.execute("SELECT COUNT(*) FROM pupils WHERE legal_surname = 'Leaver'").fetchone()[0]
    assert rows == 0
    audit = json.dumps(list(actor.db.query("SELECT * FROM audit")))
    assert "Leaver" not in audit and leavers.RETENTION_AUDIT in audit


def test_retention_period_is_saved_and_checked(main, actor):
    screen = main.show("retention")
    screen.years_var.set("3")
    screen.save_years()
    assert "between 6 and 100 years" in screen.years_message.cget("text")
    assert leavers.retention_years(actor) == 31
    screen.years_var.set("40")
    screen.save_years()
    assert leavers.retention_years(actor) == 40
    assert screen.years_message.cget("text") == "Saved: 40 years."


def test_marking_left_offers_the_transfer_pack_and_the_dashboard_lists_it(main, actor, add_pupil, tmp_path):
    pupil_id = add_pupil(legal_forename="Ruby", legal_surname="Hall")
    dashboard = main.show("dashboard")
    assert "Every leaver" in dashboard.leavers.note.cget("text")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.mark_left()
    dialog.destination_field.set("Greenfield Primary")
    dialog.ok_button.invoke()
    pump(main.root)
    offered = [
        w for w in record.winfo_children() if w.winfo_class() == "Toplevel" and "Transfer pack" in w.title()
    ]
    assert len(offered) == 1
    pack = offered[0]
    assert "Send by" in pack.status.cget("text")
    assert record.data_actions.transfer_button.winfo_manager() == "pack"  # shown for a leaver

    main.show("dashboard")
    assert [r[0] for r in dashboard.leavers.rows()] == ["Ruby Hall"]
    assert dashboard.leavers.rows()[0][1] == "Greenfield Primary"

    file_choice.answers.append(str(tmp_path / "ruby.pdf"))
    pack.save_button.invoke()
    assert (tmp_path / "ruby.pdf").exists() and "Saved to" in pack.message.cget("text")
    assert pack.sent_to.get() == "Greenfield Primary"
    pack.sent_on.set("31/02/2026")
    pack.mark_button.invoke()
    assert pack.sent_on.error_text  # a bad date is named by its field, nothing saved
    assert leavers.leavers_awaiting_pack(actor)
    pack.sent_on.set("")
    pack.mark_button.invoke()
    pump(main.root)
    assert "marked as sent" in pack.status.cget("text")
    assert leavers.leavers_awaiting_pack(actor) == []
    assert dashboard.leavers.rows() == []  # refreshed through the record's save callback


def test_subject_access_export_from_the_record(main, actor, add_pupil, tmp_path):
    pupil_id = add_pupil(legal_forename="Sam", legal_surname="Ray")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    assert str(record.data_actions.sar_button.cget("state")) == "normal"
    assert record.data_actions.transfer_button.winfo_manager() == ""  # not a leaver
    file_choice.answers.append(str(tmp_path / "sar"))
    record.data_actions.sar_button.invoke()
    files = sorted(p.suffix for p in (tmp_path / "sar").iterdir())
    assert files == [".json", ".pdf"]
    pdf = next((tmp_path / "sar").glob("*.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Sam Ray" in text and "Contacts" in text
    assert dialogs.testing.shown[-1][0] == "info" and str(pdf) in dialogs.testing.shown[-1][1]
    history = pupil_history(actor, pupil_id)
    assert sum("subject access" in h["summary"] for h in history) == 2  # JSON and PDF, both audited


def test_a_new_pupil_has_no_subject_access_export_yet(main):
    record = main.open_pupil(None)
    pump(main.root)
    assert str(record.data_actions.sar_button.cget("state")) == "disabled"


def test_the_transfer_dialog_lists_what_is_missing_before_saving(main, actor, add_pupil, tmp_path):
    from sencodesk.services import pack_settings

    pupil_id = add_pupil(legal_forename="Zed", legal_surname="Cole", sen_status="K", primary_need="SLCN")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    dialog = record.mark_left()
    dialog.ok_button.invoke()  # no destination typed
    pump(main.root)
    pack = next(
        w for w in record.winfo_children() if w.winfo_class() == "Toplevel" and "Transfer pack" in w.title()
    )
    shown = pack.missing_list.cget("text")
    assert "Missing: The school the pupil is moving to: set it with Mark as left" in shown
    assert "Missing: SENCO contact (for the next school to call)" in shown
    assert "Missing: Parents or carers" in shown
    assert "Missing: Special educational needs" not in shown  # recorded: not listed
    assert "not yet recorded. You can still save" in pack.missing_summary.cget("text")
    file_choice.answers.append(str(tmp_path / "zed.pdf"))
    pack.save_button.invoke()  # a warning, not a block
    assert (tmp_path / "zed.pdf").exists() and "Saved to" in pack.message.cget("text")
    pack.destroy()

    pack_settings.save_pack_settings(actor, {"senco_contact": "01632 960000"})
    again = record.data_actions.transfer_pack()  # reopened from the record: the list is fresh
    pump(main.root)
    assert "SENCO contact" not in again.missing_list.cget("text")
    assert "The school the pupil is moving to" in again.missing_list.cget("text")
    again.destroy()
