"""The graduated approach set up through the services for GUI tests: a pupil on SEN support,
with a plan, and their record's Support tab opened (shared by the screens' tests)."""

from __future__ import annotations

from datetime import date, timedelta

from sencodesk.domain.dates import uk
from sencodesk.services import concerns, cycles, provision
from tests.ui.helpers import pump

TODAY = date.today()


def days_ago(n: int) -> str:
    return uk(TODAY - timedelta(days=n))


def on_support(actor, add_pupil, **fields) -> tuple[int, int]:
    """A pupil taken from a concern to SEN support through the services: (pupil id, cycle id)."""
    pupil_id = add_pupil(**fields)
    concern_id = concerns.raise_concern(
        actor, pupil_id, {"raised_on": days_ago(60), "areas": ["CL"], "seen": "Cannot blend sounds"}
    )
    cycle_id = concerns.triage_concern(
        actor,
        concern_id,
        1,
        {
            "decision": "sen_support",
            "start_date": days_ago(50),
            "parents_told_on": days_ago(50),
            "primary_need": "SPLD",
        },
    )
    return pupil_id, cycle_id


def catalogue_id(actor, name: str) -> int:
    return next(p.id for p in provision.list_provisions(actor) if p.name == name)


def planned(
    actor, add_pupil, *, start: int = 40, staff: list[int] | None = None, **fields
) -> tuple[int, int]:
    pupil_id, cycle_id = on_support(actor, add_pupil, **fields)
    cycles.save_plan(
        actor,
        cycle_id,
        1,
        {
            "plan_start": days_ago(start),
            "review_date": "",
            "strategies": "Pre-teach vocabulary.",
            "outcomes": [{"text": "Read 20 common exception words", "by_when": "", "measure": "Word check"}],
            "allocations": [{"provision_id": catalogue_id(actor, "Phonics catch-up")}],
            "staff": staff or [],
        },
    )
    return pupil_id, cycle_id


def open_support(main, pupil_id):
    record = main.open_pupil(pupil_id)
    record.tabs.select(record.support)
    pump(main.root)
    return record, record.support
