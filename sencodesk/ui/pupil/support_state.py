"""What the record shows about the Support tab without building it: whether the graduated-
approach tabs apply to the pupil and the tab's title ("Support (Overdue)" in words as well as on
the tab itself). Read from the cycles read model, so an unopened tab still warns."""
from __future__ import annotations

from ...domain import codes
from ...domain.graduated import PupilCycles


def applies(pupil, data: PupilCycles) -> bool:
    """Support and Provision map are for pupils with cycles or on the SEN register."""
    return bool(data.cycles) or pupil.sen_status in codes.ON_REGISTER


def overdue(data: PupilCycles) -> bool:
    current = data.open_cycle
    return current is not None and current.overdue


def title(data: PupilCycles) -> str:
    return "Support (Overdue)" if overdue(data) else "Support"
