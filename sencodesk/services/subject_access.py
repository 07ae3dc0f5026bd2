"""Subject access: everything SENCO desk holds about one pupil, for a parent's request.

The machine-readable JSON is written here (the PDF version comes with the reports theme). The
pupil's rows are found by following the schema's foreign keys, so tables added by later
features are included without a list to keep up to date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from .. import outputs
from ..domain.attachments import EXTENSIONS, export_name
from ..store import attachments as attachments_store
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
    names = _document_names(held.get("attachments", []))
    for row in held.get("attachments", []):
        # the file itself goes beside the export as a copy, never as bytes in the JSON or PDF
        row["content"] = f"A copy is in the folder beside this export, as {names[row['id']]}"
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
    _write_documents(actor, pupil_id, path)
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


# The documents attached to the record are the pupil's personal data too (UK GDPR Art. 15), so a
# subject access export includes copies of them, in a folder beside the JSON and the PDF. They
# often hold other people's information (a professional's notes on the family, a sibling): the
# school's DPO reviews them before anything is sent, as with the rest of the export.
def _document_names(rows: list[dict]) -> dict[int, str]:
    """Each document's file name in the export, numbered in the order they were added."""
    ordered = sorted(rows, key=lambda r: r["id"])
    return {
        r["id"]: export_name(
            n, r["title"], r["author"], date.fromisoformat(r["document_date"]), EXTENSIONS[r["file_type"]]
        )
        for n, r in enumerate(ordered, start=1)
    }


def _write_documents(actor: Actor, pupil_id: int, export: Path) -> None:
    """Copies of the documents into 'subject-access_Amy-Smith_2026-11-29 documents' beside the
    JSON (a copy already there from an earlier export the same day, byte for byte, is kept)."""
    rows = attachments_store.for_pupil(actor.db, pupil_id)
    folder = export.with_name(f"{export.stem} documents")
    for attachment_id, name in _document_names(rows).items():
        data = attachments_store.content(actor.db, attachment_id)
        target = folder / name
        if target.is_file() and target.read_bytes() == data:
            continue
        outputs.write_atomic(target, _writer(data), make_folder=True)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda stream: stream.write(data)
