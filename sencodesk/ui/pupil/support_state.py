"""What the record shows about the Support tab without building it: whether the graduated-
approach tabs apply to the pupil and the tab's title ("Support (Overdue)" in words as well as on
the tab itself). Read from a one-query glance when the record opens, so an unopened tab still
warns; the Support tab itself passes the glance of the cycles it has read."""

from __future__ import annotations

from ...domain import codes
from ...domain.graduated import SupportGlance


def applies(pupil, glance: SupportGlance) -> bool:
    """Support and Provision map are for pupils with cycles or on the SEN register."""
    return glance.has_cycles or pupil.sen_status in codes.ON_REGISTER


def title(glance: SupportGlance) -> str:
    return "Support (Overdue)" if glance.overdue else "Support"
