"""Settings the packs print: the SENCO's contact, the headteacher's name, the school's logo, and
the line of the school's privacy notice the EHC needs assessment request's consent quotes.

The LA profile choice is `la_profiles.choose_profile`.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import ValidationError
from ..store import settings as settings_store
from .actor import Actor
from .settings import get_settings

PACK_FIELDS = {
    "senco_contact": "SENCO contact (phone, email)",
    "head_name": "Headteacher's name",
    # where parents read how the school uses their information: quoted in a request's consent
    "privacy_notice": "Privacy notice line (e.g. where the full notice is)",
    "logo_path": "School logo (PNG or JPEG file)",
}
LOGO_TYPES = (".png", ".jpg", ".jpeg")


def get_pack_settings(actor: Actor) -> dict[str, str]:
    actor.require("settings.read")
    s = get_settings(actor)
    return {k: str(s.get(k) or "") for k in PACK_FIELDS}


def _clean(form: dict) -> dict[str, str]:
    values = {k: str(form.get(k) or "").strip() for k in PACK_FIELDS}
    errors = {}
    if len(values["senco_contact"]) > 200:
        errors["senco_contact"] = "Keep the contact to one line (phone and email), under 200 characters."
    if len(values["privacy_notice"]) > 400:
        errors["privacy_notice"] = (
            "Keep the privacy notice to a line or two (under 400 characters): say where the full notice is."
        )
    logo = values["logo_path"]
    if logo:
        path = Path(logo).expanduser()
        if path.suffix.lower() not in LOGO_TYPES:
            errors["logo_path"] = "The logo must be a PNG or JPEG picture (.png, .jpg)."
        elif not path.is_file():
            errors["logo_path"] = f"There is no file at {logo}. Choose the logo with Browse…"
        else:
            values["logo_path"] = str(path.resolve())
    if errors:
        raise ValidationError(errors)
    return values


def save_pack_settings(actor: Actor, form: dict) -> dict[str, str]:
    actor.require("settings.edit")
    values = _clean(form)
    before = get_pack_settings(actor)
    changes = {k: [before[k], v] for k, v in values.items() if before[k] != v}
    if changes:
        with actor.write() as db:
            settings_store.save(db, values)
            actor.audit(
                "update",
                "settings",
                None,
                summary="changed what the PDF packs print (SENCO contact, headteacher, logo, privacy notice)",
                changes=changes,
            )
    return values
