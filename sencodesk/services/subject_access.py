"""Subject access: everything SENCO desk holds about one pupil, for a parent's request.

The machine-readable JSON is written here (the PDF version comes with the reports theme). The
pupil's rows are found by following the schema's foreign keys, so tables added by later
features are included without a list to keep up to date.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from .. import outputs
from ..store import pupil_data
from .actor import Actor
from .pupils import get_pupil
from .settings import get_settings

ABOUT = (  # its start is SAR_MARKER: an existing export may be replaced without asking
    "Everything SENCO desk holds about this pupil, table by table, as held in the school's "
    "SENCO desk data file, with the record of who added, changed or exported it (audit)."
)
SAR_MARKER = b'"about": "Everything SENCO desk holds about this pupil'


def subject_access_data(actor: Actor, pupil_id: int) -> dict:
    """The read-model of a subject access export (also for the PDF version)."""
    actor.require("export.sar")
    pupil = get_pupil(actor, pupil_id)
    held = pupil_data.rows_about(actor.db, pupil_id)
    audit = held.pop("audit")
    return {
        "about": ABOUT,
        "school": get_settings(actor).get("school_name", ""),
        "produced_at": datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "produced_by": actor.user.display_name,
        "pupil": {
            "name": pupil.display_name,
            "legal_name": f"{pupil.legal_forename} {pupil.legal_surname}",
            "upn": pupil.upn,
            "date_of_birth": pupil.dob.isoformat(),
        },
        "records": held,
        "audit": audit,
    }


def export_subject_access(
    actor: Actor, pupil_id: int, folder: str | Path, *, today: date | None = None
) -> Path:
    """Write the JSON into `folder` (atomically: no half file on failure) and audit the export."""
    data = subject_access_data(actor, pupil_id)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", data["pupil"]["name"]).strip("-") or f"pupil-{pupil_id}"
    name = f"subject-access_{slug}_{(today or date.today()).isoformat()}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    # The folder is made if need be, once outputs.py has checked it is not in the data folder.
    path = outputs.write_text(Path(folder) / name, text, marker=SAR_MARKER, make_folder=True)
    with actor.write():
        actor.audit(
            "export",
            "subject_access",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"exported everything held (subject access request) to {path.name}",
            changes={"file": str(path)},
        )
    return path
