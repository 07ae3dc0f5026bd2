"""The transfer pack lists what the next school needs but is blank, as the other packs do:
each item appears while the gap is there and goes once it is filled. Export still works."""

from datetime import date

from pypdf import PdfReader

from sencodesk.services import cycles, pack_settings, pupils, transfer

TODAY = date(2026, 11, 29)
CONTACT = [
    {"name": "Jo Smith", "relationship": "Mother", "phone": "01632 960001", "parental_responsibility": True}
]


def leave(actor, pid, to="Oak Academy"):
    pupils.mark_leaver(actor, pid, pupils.get_pupil(actor, pid).version, "17/07/2026", to)


def missing(actor, pid):
    return transfer.transfer_model(actor, pid, today=TODAY).missing()


def starts(items, prefix):
    return any(i.startswith(prefix) for i in items)


def test_a_blank_file_lists_every_gap_with_where_to_fix_it(actor, add_pupil):
    pid = add_pupil(sen_status="N")
    leave(actor, pid, to="")
    items = missing(actor, pid)
    assert "The school the pupil is moving to: set it with Mark as left" in items[0]
    assert "SENCO contact (for the next school to call): set it in Settings, PDF packs" in items
    assert starts(items, "Parents or carers (the next school's first contacts)")
    assert starts(items, "Special educational needs (primary need)")
    assert starts(items, "A cycle of SEN support")
    assert not starts(items, "The date the pupil left")  # marked as left: the date is there


def test_each_gap_goes_once_it_is_recorded(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="SLCN", contacts=CONTACT)
    cycles.start_cycle(actor, pid)
    before_leaving = missing(actor, pid)
    assert starts(before_leaving, "The date the pupil left") and starts(
        before_leaving, "The school the pupil"
    )
    leave(actor, pid)
    assert missing(actor, pid) == [
        "SENCO contact (for the next school to call): set it in Settings, PDF packs"
    ]
    pack_settings.save_pack_settings(actor, {"senco_contact": "01632 960000, senco@oak.sch.uk"})
    assert missing(actor, pid) == []


def test_contacts_without_parental_responsibility_are_named(actor, add_pupil):
    pid = add_pupil(contacts=[CONTACT[0] | {"parental_responsibility": False}])
    items = missing(actor, pid)
    assert starts(items, "A parent or carer with parental responsibility")
    assert not starts(items, "Parents or carers")


def test_status_history_is_listed_when_none_is_recorded(actor, add_pupil):
    pid = add_pupil(sen_status="K", primary_need="SLCN")
    assert not starts(missing(actor, pid), "SEN status history")
    actor.db.execute("DELETE FROM sen_history WHERE pupil_id = ?", [pid])  # an old system's record
    actor.db.conn.commit()
    assert starts(missing(actor, pid), "SEN status history (when the pupil was on the SEN register)")


def test_export_still_goes_and_returns_the_list(actor, add_pupil, tmp_path):
    pid = add_pupil()
    leave(actor, pid, to="")
    result = transfer.export_transfer_pack(actor, pid, tmp_path / "t.pdf", today=TODAY)
    assert result.missing == missing(actor, pid) and result.missing
    text = " ".join(p.extract_text() for p in PdfReader(str(result.path)).pages)
    assert "SEN transfer file" in text
