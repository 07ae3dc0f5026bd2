"""Settings -> Import the roll, driven like a person: a CSV with one bad row, the columns shown
and changed, the preview naming the bad row, the import with its progress bar, the report."""

from __future__ import annotations

import time

import pytest

from sencodesk.services import backup_files, pupils
from sencodesk.ui import dialogs, file_choice
from sencodesk.ui.data.import_wizard import NOT_IMPORTED
from tests.helpers import make_upn
from tests.ui.helpers import pump

pytestmark = pytest.mark.gui


@pytest.fixture
def roll(tmp_path):
    good = [make_upn() for _ in range(3)]
    wrong = ("B" if good[0][0] == "A" else "A") + good[0][1:]  # never the right letter by chance
    path = tmp_path / "arbor export.csv"
    path.write_text(
        "UPN,Legal Surname,Legal Forename,DOB,Gender,NC Year,Reg Group,SEN Status,Primary Need,Ethnicity\n"
        f"{good[0]},Ahmed,Sara,03/04/2018,F,Y3,3B,K - SEN Support,SLCN,WBRI\n"
        f"{good[1]},Brown,Leo,12/12/2017,M,Year 3,3B,N,,WBRI\n"
        f"{good[2]},Clarke,Mia,30/02/2018,F,3,3A,N,,WBRI\n"
        f"{wrong},Davies,Tom,01/01/2018,M,3,3A,N,,WBRI\n",
        encoding="utf-8",
    )
    return path


def start(main):
    panel = main.show("settings").data
    wizard = panel.import_roll()
    pump(main.root)
    return wizard


def finish(main, wizard, timeout=20.0):
    """Let the background import run, the window painting meanwhile (as the mainloop would)."""
    end = time.monotonic() + timeout
    while wizard.busy and time.monotonic() < end:
        pump(main.root)
        time.sleep(0.01)
    pump(main.root)
    assert not wizard.busy


def preview_rows(wizard):
    return [wizard.tree.item(i, "values") for i in wizard.tree.get_children()]


def test_csv_with_a_bad_row_previews_it_then_imports_the_rest(main, actor, roll, tmp_path):
    wizard = start(main)
    file_choice.answers.append(str(roll))
    wizard.choose_file()
    assert wizard.path_var.get() == str(roll)
    wizard.next_button.invoke()
    pump(main.root)

    # Step 2: the headings matched automatically and shown; Ethnicity is not imported.
    assert wizard.step == "columns"
    shown = [v.get() for v in wizard.column_vars]
    assert shown[:5] == ["UPN", "Legal surname", "Legal forename", "Date of birth", "Gender"]
    assert shown[-1] == NOT_IMPORTED
    assert wizard.missing_label.cget("text") == ""
    wizard.next_button.invoke()
    pump(main.root)

    # Step 3: every row's outcome; the impossible date and the wrong check letter named.
    assert wizard.step == "preview"
    rows = {int(r[0]): r for r in preview_rows(wizard)}
    assert set(rows) == {2, 3, 4, 5}
    assert rows[2][2] == "New pupil" and rows[3][2] == "New pupil"
    assert rows[4][1] == "Mia Clarke" and rows[4][2] == "NOT IMPORTED" and "date" in rows[4][3].lower()
    assert (
        rows[5][1] == "Tom Davies" and rows[5][2] == "NOT IMPORTED" and "check letter" in rows[5][3].lower()
    )
    assert pupils.register_counts(actor)["pupils"] == 0  # nothing saved yet
    wizard.only_bad.set(True)
    wizard._fill_preview()
    assert [r[1] for r in preview_rows(wizard)] == ["Mia Clarke", "Tom Davies"]
    assert wizard.next_button.cget("text") == "Import 2 rows"

    # Step 4: the import runs with a progress bar, then the report.
    wizard.next_button.invoke()
    assert wizard.step == "importing"
    assert str(wizard.next_button.cget("state")) == "disabled"
    finish(main, wizard)
    assert wizard.step == "report"
    report = wizard.report_text.get("1.0", "end")
    assert "2 new pupils added" in report and "2 bad rows not imported" in report
    assert "Row 4: Mia Clarke" in report and "Row 5: Tom Davies" in report
    names = sorted(p.surname for p in pupils.list_register(actor))
    assert names == ["Ahmed", "Brown"]
    assert any(b.kind == "before-import" for b in backup_files.list_backups(actor.data_dir))

    # The report can be saved, every row with its outcome.
    file_choice.answers.append(str(tmp_path / "report.csv"))
    wizard.save_button.invoke()
    saved = (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    assert "Mia Clarke,not imported" in saved and "Sara Ahmed,added" in saved
    assert "Report saved" in wizard.message.cget("text")
    # The register behind the wizard shows the new pupils.
    assert main.screens.get("register") is None or "Ahmed" in str(main.screens["register"].visible_values())


def test_changing_a_column_is_kept_and_a_missing_upn_is_explained(main, roll):
    wizard = start(main)
    wizard.path_var.set(str(roll))
    wizard.next_button.invoke()
    wizard.set_column(0, NOT_IMPORTED)
    assert wizard.column_vars[0].get() == NOT_IMPORTED
    assert "UPN" in wizard.missing_label.cget("text")
    wizard.next_button.invoke()
    assert wizard.step == "columns"
    assert "UPN" in wizard.message.cget("text")
    # Choosing the Reg Group column as the surname takes it away from the class.
    wizard.set_column(6, "Legal surname")
    assert wizard.column_vars[6].get() == "Legal surname"
    assert wizard.column_vars[1].get() == NOT_IMPORTED


def test_a_missing_file_is_explained_in_words(main, tmp_path):
    wizard = start(main)
    wizard.next_button.invoke()
    assert "Choose the file" in wizard.message.cget("text")
    wizard.path_var.set(str(tmp_path / "nowhere.csv"))
    wizard.next_button.invoke()
    assert wizard.step == "choose"
    assert "cannot find" in wizard.message.cget("text")
    assert not dialogs.testing.shown


def test_a_refused_import_is_explained_and_nothing_is_saved(main, actor, roll):
    from sencodesk.domain.users import User

    wizard = start(main)
    wizard.path_var.set(str(roll))
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    # The account changed meanwhile to one that may not import: refused in words, nothing saved.
    actor.user = User(id=None, username="t", display_name="Mr T", role="teacher")
    wizard.next_button.invoke()
    finish(main, wizard)
    assert wizard.step == "preview"
    assert "not allowed" in wizard.message.cget("text")
    assert pupils.register_counts(actor)["pupils"] == 0
    wizard.close()
    assert not wizard.winfo_exists()


def test_sen_changed_in_senco_desk_is_kept_listed_and_the_mis_can_be_chosen(main, actor, tmp_path):
    """Two pupils whose SEN the SENCO changed since the last import; the MIS file still says
    otherwise. The preview lists them first as kept; the tick takes the MIS's for both."""
    upns = [make_upn() for _ in range(3)]
    head = "UPN,Legal Surname,Legal Forename,DOB,Gender,NC Year,Reg Group,SEN Status,Primary Need\n"
    rows = [
        f"{upns[0]},Ahmed,Sara,03/04/2018,F,3,3B,K,SLCN",
        f"{upns[1]},Brown,Leo,12/12/2017,M,3,3B,N,",
        f"{upns[2]},Clarke,Mia,01/02/2018,F,3,3A,N,",
    ]
    first = tmp_path / "autumn.csv"
    first.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    from sencodesk.services import importing

    plan = importing.import_roll_file(actor, first)
    sara, leo, mia = (o.pupil_id for o in plan.outcomes)
    pupils.change_sen_status(actor, sara, "E", "02/10/2026", primary_need="ASD", reason="EHC plan")
    pupils.change_sen_status(actor, leo, "K", "05/10/2026", primary_need="SEMH")
    spring = tmp_path / "spring.csv"  # the MIS still says K/SLCN and N; Mia changes class
    spring.write_text(head + "\n".join([*rows[:2], rows[2].replace("3A", "3C")]) + "\n", encoding="utf-8")

    wizard = start(main)
    wizard.path_var.set(str(spring))
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    pump(main.root)
    assert wizard.step == "preview"
    listed = preview_rows(wizard)
    assert [(r[1], r[2]) for r in listed] == [
        ("Sara Ahmed", "SEN kept"),
        ("Leo Brown", "SEN kept"),
        ("Mia Clarke", "Update"),
    ]
    assert "kept: SEN status and needs changed in SENCO desk on" in listed[0][3]
    assert listed[0][3].endswith("(MIS says K, primary need SLCN)") and listed[1][3].endswith("(MIS says N)")
    kept_list = wizard.sen_list.get("1.0", "end")  # in full: the table's column cuts it off
    assert "Row 3: Leo Brown: kept: SEN status and needs changed in SENCO desk on " in kept_list
    assert kept_list.count("kept: ") == 2 and "(MIS says N)" in kept_list
    assert "SENCO desk keeps its own" in wizard.sen_label.cget("text")
    assert "for these 2 pupils instead" in wizard.sen_check.cget("text")
    assert not wizard.take_mis_sen.get()  # keeping SENCO desk's is the default

    wizard.sen_check.invoke()  # take the MIS's instead
    listed = preview_rows(wizard)
    assert [r[2] for r in listed[:2]] == ["Update, MIS SEN"] * 2
    assert "will be taken for 2 pupils" in wizard.headline_label.cget("text")
    assert "Row 3: Leo Brown: The MIS's SEN fields (N) replace" in wizard.sen_list.get("1.0", "end")
    assert "You chose to take the MIS's" in wizard.sen_label.cget("text")
    wizard.sen_check.invoke()  # and back: nothing was saved meanwhile
    assert [r[2] for r in preview_rows(wizard)[:2]] == ["SEN kept"] * 2
    assert pupils.get_pupil(actor, leo).sen_status == "K"

    wizard.sen_check.invoke()
    wizard.next_button.invoke()
    finish(main, wizard)
    assert wizard.step == "report"
    assert "were taken for 2 pupils" in wizard.report_text.get("1.0", "end")
    assert [pupils.get_pupil(actor, p).sen_status for p in (sara, leo)] == ["K", "N"]
    assert pupils.get_pupil(actor, mia).class_name == "3C"


def test_the_kept_pupils_stay_as_senco_desk_has_them_by_default(main, actor, tmp_path):
    upn = make_upn()
    head = "UPN,Legal Surname,Legal Forename,DOB,Gender,NC Year,Reg Group,SEN Status,Primary Need\n"
    path = tmp_path / "roll.csv"
    path.write_text(head + f"{upn},Ahmed,Sara,03/04/2018,F,3,3B,N,\n", encoding="utf-8")
    from sencodesk.services import importing

    sara = importing.import_roll_file(actor, path).outcomes[0].pupil_id
    pupils.change_sen_status(actor, sara, "K", "05/10/2026", primary_need="SLCN")
    wizard = start(main)
    wizard.path_var.set(str(path))
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    finish(main, wizard)
    report = wizard.report_text.get("1.0", "end")
    assert "Row 2: Sara Ahmed: kept: SEN status and needs changed in SENCO desk" in report
    assert pupils.get_pupil(actor, sara).sen_status == "K"


def test_an_ehc_pupil_with_nsa_is_imported_and_shown_for_the_senco_to_resolve(main, actor, tmp_path):
    path = tmp_path / "roll.csv"
    path.write_text(
        "UPN,Legal Surname,Legal Forename,DOB,Gender,NC Year,SEN Status,Primary Need\n"
        f"{make_upn()},Ahmed,Sara,03/04/2018,F,3,N,\n"
        f"{make_upn()},Patel,Ravi,03/04/2018,M,3,E,NSA\n",
        encoding="utf-8",
    )
    wizard = start(main)
    wizard.path_var.set(str(path))
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    listed = preview_rows(wizard)
    assert listed[0][1] == "Ravi Patel" and listed[0][2] == "New pupil"  # first: the SENCO acts on it
    assert "SEN to resolve: An EHC plan (E) with the need NSA" in listed[0][3]
    # The table's column cuts a long reason off: the selected row's is shown in full below it.
    assert wizard.row_detail.cget("text").endswith(
        "Set the need from the EHC plan. The census check lists the pupil until the need is set."
    )
    assert wizard.next_button.cget("text") == "Import 2 rows"
    wizard.next_button.invoke()
    finish(main, wizard)
    assert "SEN for the SENCO to resolve" in wizard.report_text.get("1.0", "end")
    ravi = next(p for p in pupils.list_register(actor) if p.surname == "Patel")
    assert (ravi.sen_status, ravi.primary_need) == ("E", None)


def test_the_office_wizard_says_nothing_about_sen(main, actor, roll):
    import re

    from sencodesk.domain.users import User

    actor.user = User(id=None, username="office", display_name="Office", role="office")
    wizard = start(main)
    said = [wizard.page.winfo_children()[0].cget("text")]
    wizard.path_var.set(str(roll))
    wizard.next_button.invoke()
    assert wizard.step == "columns"
    offered = set(wizard.column_boxes[0].cget("values"))
    assert "SEN status" not in offered and "Primary need" not in offered and "Legal surname" in offered
    assert wizard.column_vars[7].get() == NOT_IMPORTED  # the file's SEN Status column
    wizard.next_button.invoke()
    assert wizard.step == "preview"
    said += [wizard.headline_label.cget("text")] + [" ".join(r) for r in preview_rows(wizard)]
    wizard.next_button.invoke()
    finish(main, wizard)
    said.append(wizard.report_text.get("1.0", "end"))
    text = "\n".join(said).lower()
    for word in ("sen", "kept", "needs?", "slcn", "ehc"):
        assert not re.search(rf"\b{word}\b", text), word
    assert pupils.register_counts(actor)["pupils"] == 2
