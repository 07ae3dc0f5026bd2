"""Settings the packs print: checked, saved, audited, and read by the packs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sencodesk.domain.errors import PermissionDenied, ValidationError
from sencodesk.domain.users import User
from sencodesk.services import pack_settings, packs


def test_saved_audited_and_printed_by_the_packs(actor, tmp_path):
    logo = tmp_path / "logo.PNG"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    pack_settings.save_pack_settings(
        actor, {"senco_contact": " 01234 567890 ", "head_name": "Mrs A Head", "logo_path": str(logo)}
    )
    info = packs.school_info(actor)
    assert (info.senco_contact, info.head_name, info.logo_path) == (
        "01234 567890",
        "Mrs A Head",
        str(logo.resolve()),
    )
    row = actor.db.execute("SELECT summary FROM audit WHERE entity = 'settings' ORDER BY id DESC").fetchone()
    assert "PDF packs" in row[0]
    count = actor.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    pack_settings.save_pack_settings(actor, pack_settings.get_pack_settings(actor))  # no change
    assert actor.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == count


@pytest.mark.parametrize("name, message", [("logo.gif", "PNG or JPEG"), ("missing.png", "There is no file")])
def test_a_logo_that_cannot_be_used_is_refused(actor, tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".gif"):
        path.write_bytes(b"GIF89a")
    with pytest.raises(ValidationError) as e:
        pack_settings.save_pack_settings(actor, {"logo_path": str(path)})
    assert message in e.value.field_errors["logo_path"]
    assert packs.school_info(actor).logo_path is None


def test_only_those_who_edit_settings_may_change_them(actor):
    teacher = replace(actor, user=User(id=5, username="t", display_name="T", role="teacher"), cache={})
    assert pack_settings.get_pack_settings(teacher)["head_name"] == ""
    with pytest.raises(PermissionDenied):
        pack_settings.save_pack_settings(teacher, {"head_name": "Someone"})
