"""Details tab: home language and attendance (with its 'as at' date) typed, checked and saved."""

from __future__ import annotations

import pytest

from sencodesk.services import pupils
from tests.ui.helpers import error_of, fill, pump

pytestmark = pytest.mark.gui


def test_home_language_and_attendance_are_saved_and_shown_again(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Nowak", eal=True)
    record = main.open_pupil(pupil_id)
    pump(main.root)
    fill(record, home_language="Polish and English", attendance_pct="93.5%", attendance_as_at="20/11/2026")
    assert record.save() is True
    saved = pupils.get_pupil(actor, pupil_id)
    assert (saved.home_language, saved.attendance_pct, saved.attendance_as_at.isoformat()) == (
        "Polish and English",
        93.5,
        "2026-11-20",
    )
    history = [record.history.item(i, "values")[2] for i in record.history.get_children()][-1]
    assert "changed home language from (blank) to Polish and English" in history
    assert "changed attendance from (blank) to 93.5%" in history
    record.close()
    pump(main.root)
    again = main.open_pupil(pupil_id)
    pump(main.root)
    fields = again.details.fields
    assert (
        fields["home_language"].get(),
        fields["attendance_pct"].get(),
        fields["attendance_as_at"].get(),
    ) == ("Polish and English", "93.5", "20/11/2026")
    again.close()


def test_bad_attendance_is_said_by_its_box_and_nothing_is_saved(main, actor, add_pupil):
    pupil_id = add_pupil(legal_surname="Reid")
    record = main.open_pupil(pupil_id)
    pump(main.root)
    record.deiconify()
    field = record.details.fields["attendance_pct"]
    field.set("93.45")
    field.input.event_generate("<FocusOut>")
    pump(main.root)
    assert "one decimal place" in field.error_text
    fill(record, attendance_pct="101", attendance_as_at="20/11/2026")
    assert record.save() is False
    assert "more than 100" in error_of(record, "attendance_pct")
    fill(record, attendance_pct="88")
    fill(record, attendance_as_at="")
    assert record.save() is False
    assert "'as at'" in error_of(record, "attendance_as_at")
    assert pupils.get_pupil(actor, pupil_id).attendance_pct is None
    assert record.details.fields["attendance_pct"].get() == "88"  # what was typed stays
    record.close()
