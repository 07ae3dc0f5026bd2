"""The census check in one line, for the screen and the printout (no PDF code: the screen
imports this without loading reportlab)."""

from __future__ import annotations

from ..domain.plural import plural
from .census_check import CheckReport


def summary_line(r: CheckReport) -> str:
    """The check in one line: how many checked, and whether the register is ready."""
    checked = (
        f"{plural(r.pupils_checked, 'pupil')} on roll checked"
        + (f", and {plural(r.leavers_checked, 'leaver')} for shared UPNs" if r.leavers_checked else "")
        + "."
    )
    if not r.integrity_ok:
        return checked + " The data file is damaged: restore the latest backup before the census."
    if r.clean and not r.warnings:
        return checked + " No census problems found."
    if r.clean:
        return checked + " No census errors; the notes below are worth a look."
    pupils = {p.id for b in r.errors for p in b.pupils}
    return (
        checked
        + f" {plural(len(r.errors), 'rule')} broken, for {plural(len(pupils), 'pupil')}: fix these before "
        "the census."
    )
