"""What the record shows about the Support tab without building it: whether the graduated-
approach tabs apply to the pupil and the tab's title ("Support (Overdue)" in words as well as on
the tab itself). Read from a one-query glance when the record opens, so an unopened tab still
warns; the Support tab itself passes the glance of the cycles it has read."""

from __future__ import annotations

from ...domain import codes
from ...domain.dates import uk
from ...domain.graduated import SupportGlance
from ...domain.pupil import Pupil


def applies(pupil, glance: SupportGlance) -> bool:
    """Support and Provision map are for pupils with cycles or on the SEN register."""
    return glance.has_cycles or pupil.sen_status in codes.ON_REGISTER


def about(pupil: Pupil, *, sen: bool) -> str:
    """The header's line about the pupil: SEN status and primary need (for who may read them),
    then year and class."""
    parts = []
    if sen:
        parts.append(codes.SEN_STATUSES.get(pupil.sen_status, pupil.sen_status))
        need = pupil.primary_need
        if need:
            parts.append(f"Primary need: {codes.NEEDS[need][0] if need in codes.NEEDS else need}")
    year = codes.year_label(pupil.year_group)
    parts.append(f"{year}, class {pupil.class_name}" if pupil.class_name else year)
    return " · ".join(p for p in parts if p)


def cycle_line(glance: SupportGlance | None) -> tuple[str, bool]:
    """The header's line about the cycle (its stage, the next review) and whether it is overdue."""
    if glance is None or glance.open_number is None:
        return ("No cycle open" if glance is not None and glance.has_cycles else ""), False
    if not glance.has_plan:
        return f"Cycle {glance.open_number}: assess, then plan needed", False
    if glance.review_date is None:
        return f"Cycle {glance.open_number}: plan running", False
    if glance.overdue:
        return f"Cycle {glance.open_number}: review Overdue (was due {uk(glance.review_date)})", True
    return f"Cycle {glance.open_number}: plan running, next review {uk(glance.review_date)}", False


def title(glance: SupportGlance) -> str:
    return "Support (Overdue)" if glance.overdue else "Support"
