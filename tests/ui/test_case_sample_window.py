"""The inclusion case sample in real windows (ui/case_sample_window.py): the whole-school list from
Reports (the SENCO's whole register, a teacher's own pupils from My pupils), each row opening the
pupil, Print writing that pupil's pack, and the record's Export menu making the same pack."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from sencodesk.services import case_sample
from sencodesk.ui import case_sample_window as csw
from sencodesk.ui.exporting import save_testing
from sencodesk.ui.pupil import export_menu
from tests.ui.helpers import pump, wait_for
from tests.ui.role_views import window_as

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def one_window():
    csw._open.clear()
    save_testing.paths.clear()
    save_testing.opened.clear()
    yield
    csw._open.clear()
    save_testing.paths.clear()
    save_testing.opened.clear()


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def names(win) -> list[str]:
    return [win.tree.item(i, "values")[0] for i in win.tree.get_children()]


def test_the_senco_opens_the_list_from_reports_and_each_row_opens_the_pupil(role_school, root, actor):
    main = window_as(role_school, root, "senco")
    reports = main.show("reports")
    pump(root)
    assert reports.case_sample_status.cget("text") == case_sample.school_gaps(actor).headline
    win = reports.open_case_sample()
    pump(root)
    assert (
        win.headline.cget("text") == "2 of the 2 pupils on the register have a gap an inspector would find."
    )
    assert sorted(names(win)) == ["Zed Mine", "Zed Other"]
    win.tree.selection_set(str(role_school["other"]))
    win.tree.focus(str(role_school["other"]))
    pump(root)
    detail = win.detail.cget("text")
    assert detail.startswith("Zed Other:") and "To close:" in detail  # each gap with its remedy
    record = win.open_selected()
    pump(root)
    assert record.pupil_id == role_school["other"]
    assert reports.open_case_sample() is win  # brought forward, not a second window
    win.destroy()


def test_print_writes_the_selected_pupils_case_sample(role_school, root, tmp_path):
    main = window_as(role_school, root, "senco")
    win = main.show("reports").open_case_sample()
    pump(root)
    win.tree.selection_set(str(role_school["mine"]))
    win.tree.focus(str(role_school["mine"]))
    pump(root)
    dialog = win.print_selected()
    assert dialog is not None and any("parents" in line.lower() for line in dialog.lines)  # gaps first
    save_testing.paths.append(tmp_path / "case.pdf")
    dialog.save_button.invoke()
    wait_for(dialog, root)
    assert dialog.error is None and dialog.result_path == tmp_path / "case.pdf"
    text = text_of(dialog.result_path)
    assert "Inclusion case sample: Zed Mine" in text and "Zed Other" not in text
    dialog.close()
    win.destroy()


def test_a_teacher_sees_their_own_pupils_only_from_my_pupils(role_school, root):
    main = window_as(role_school, root, "teacher")
    assert not main.nav_buttons["reports"].winfo_manager()  # Reports is not theirs
    win = main.show("my_pupils").open_case_sample()
    pump(root)
    win.only_gaps.set(False)
    win.show_rows()
    assert names(win) == ["Zed Mine"]
    assert win.headline.cget("text").startswith("Your one pupil on the register has")
    win.destroy()


def test_the_records_export_menu_makes_the_case_sample(role_school, root, tmp_path):
    main = window_as(role_school, root, "teacher")
    record = main.open_pupil(role_school["mine"])
    pump(root)
    dialog = export_menu.case_sample_dialog(record)
    pump(root)
    assert dialog.job.filename.startswith("Inclusion case sample - Zed Mine - ")
    save_testing.paths.append(tmp_path / "mine")
    dialog.save_button.invoke()
    wait_for(dialog, record)
    text = text_of(tmp_path / "mine.pdf")
    assert "Inclusion case sample: Zed Mine" in text
    assert "Anxiety" not in text  # the referral's reason: a teacher does not read referrals
    dialog.close()
