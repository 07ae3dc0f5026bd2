"""Subject access, both forms: the machine-readable JSON (services.subject_access) and the
same data as a themed PDF, written side by side into the folder the SENCO chose."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..reports import subject_access as sar_pack
from .actor import Actor
from .subject_access import export_subject_access, subject_access_data


def export_everything(
    actor: Actor, pupil_id: int, folder: str | Path, *, today: date | None = None, invariant: bool = False
) -> tuple[Path, Path]:
    """Write the JSON and the PDF into `folder`; both exports are audited. Returns (json, pdf)."""
    today = today or date.today()
    json_path = export_subject_access(actor, pupil_id, folder, today=today)
    pdf_path = json_path.with_suffix(".pdf")
    data = subject_access_data(actor, pupil_id)  # read again: includes the JSON export's audit row
    with actor.write():
        actor.audit(
            "export",
            "subject_access",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"exported everything held (subject access request) to {pdf_path.name}",
            changes={"file": str(pdf_path)},
        )
        sar_pack.build(data, pdf_path, printed_on=today, invariant=invariant)
    return json_path, pdf_path
