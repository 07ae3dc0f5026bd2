"""A roll re-import and the SENCO's own SEN decisions.

The MIS is usually a step behind the SENCO: a pupil is put on SEN support after a concern, or
their needs re-ranked after an assessment, in SENCO desk first. A termly re-import that simply
took the MIS's SEN fields would quietly undo that. So where a pupil's SEN fields were last
changed by a person in SENCO desk (not by an import) and the file says otherwise, the import
keeps SENCO desk's values and says so, unless the SENCO chooses to take the MIS's instead.

Pure rules: the service finds who last changed each pupil's SEN fields (the audit trail) and
hands the facts in as a `HandChange`.

A pupil is never left off the roll for a SEN code: `settle_sen` takes the SEN fields an import
would save, leaves unset the parts the census forbids together (NSA with an EHC plan, needs
with N, one need twice), and says what the SENCO must resolve. A pupil on SEN support or with
an EHC plan may so be saved without a need type; the census check lists them (rule 2170).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import uk

SEN_FIELDS = ("sen_status", "sen_start_date", "primary_need", "secondary_need")


@dataclass(frozen=True)
class HandChange:
    """The latest change to a pupil's SEN fields, made by a person in SENCO desk."""

    on: date
    by: str
    created: bool  # the pupil was added by hand with these SEN fields (not changed later)
    status: bool  # the change touched the SEN status
    needs: bool  # ... the primary or secondary need

    @property
    def what(self) -> str:
        """'SEN status changed', 'needs changed', 'SEN status and needs set'."""
        parts = (["SEN status"] if self.status else []) + (["needs"] if self.needs else [])
        return " and ".join(parts or ["SEN start date"]) + (" set" if self.created else " changed")


def mis_differs(values: dict[str, object], held: dict[str, object]) -> dict[str, object]:
    """The SEN fields the file gives (blank cells are not given) that differ from those held.

    `values` is a row as read (dates as date, needs as codes); `held` the pupil's stored row
    (dates as ISO text, needs None when none)."""
    out = {}
    for key in SEN_FIELDS:
        value = values.get(key)
        if value in (None, ""):
            continue
        file_value = value.isoformat() if isinstance(value, date) else value
        if file_value != (held.get(key) or None):
            out[key] = value
    return out


def without_sen(values: dict[str, object]) -> dict[str, object]:
    """The row with its SEN fields left out: what an import saves for a pupil whose SEN is kept."""
    return {k: v for k, v in values.items() if k not in SEN_FIELDS}


def mis_says(differs: dict[str, object]) -> str:
    """What the file says, in the census codes a SENCO reads on the MIS screen: 'N',
    'E, primary need ASD', 'secondary need SLCN', 'SEN start date 01/09/2026'."""
    status = differs.get("sen_status")
    parts = [str(status)] if status else []
    if status != "N":  # coming off the register clears the needs: nothing more to say
        parts += [
            f"{label} {differs[key]}"
            for key, label in (("primary_need", "primary need"), ("secondary_need", "secondary need"))
            if key in differs
        ]
    start = differs.get("sen_start_date")
    if not status and isinstance(start, date | str):  # a new status brings its own start date
        parts.append(f"SEN start date {uk(start)}")
    return ", ".join(parts)


def kept_line(change: HandChange, differs: dict[str, object]) -> str:
    """The dry run's line for a pupil whose SEN fields stay as SENCO desk has them."""
    return (
        f"kept: {change.what} in SENCO desk on {uk(change.on)} by {change.by} (MIS says {mis_says(differs)})"
    )


def replaced_line(change: HandChange, differs: dict[str, object]) -> str:
    """The warning when the SENCO chose to take the MIS's SEN fields over their own change."""
    return (
        f"The MIS's SEN fields ({mis_says(differs)}) replace the {change.what} in SENCO desk "
        f"on {uk(change.on)} by {change.by}."
    )


_ON_REGISTER = {"K": "SEN support (K)", "E": "an EHC plan (E)"}


def settle_sen(form: dict[str, object], *, given: bool) -> tuple[dict[str, object], list[str]]:
    """The form an import saves, with the needs the census forbids beside its SEN status left
    unset, and a sentence for each the SENCO must resolve.

    `given`: the file's row gave SEN fields. A pupil on the register without a need type (as an
    earlier import may have left them) is said again only then.
    Needs are ranked together: when the primary need goes, the secondary goes with it."""
    status = str(form.get("sen_status") or "N")
    primary = str(form.get("primary_need") or "") or None
    secondary = str(form.get("secondary_need") or "") or None
    notes: list[str] = []
    if status == "N" and (primary or secondary):  # census rule 2125
        needs = " and ".join(n for n in (primary, secondary) if n)
        notes.append(
            f"SEN status N (no SEN) with the need {needs}, which the census does not allow: the "
            "need is left unset. If the pupil is on the register, set their SEN status and need."
        )
        primary = secondary = None
    if status == "E" and "NSA" in (primary, secondary):  # census rule 2175
        notes.append(
            "An EHC plan (E) with the need NSA (no specialist assessment), which the census allows "
            "only with SEN support (K): the need is left unset"
            + (f", and the secondary need {secondary} with it" if primary == "NSA" and secondary else "")
            + ". Set the need from the EHC plan."
        )
        primary, secondary = (None, None) if primary == "NSA" else (primary, None)
    if primary and primary == secondary:  # census rule 2165
        notes.append(f"{primary} is given as both needs: it is kept as the primary need only.")
        secondary = None
    if secondary and not primary:  # census rule 2160
        notes.append(f"A secondary need ({secondary}) without a primary need: it is left unset.")
        secondary = None
    if status in _ON_REGISTER and not primary and notes:  # census rule 2170, after one of the above
        notes[-1] += " The census check lists the pupil until the need is set."
    elif status in _ON_REGISTER and not primary and given:
        notes.append(
            f"The pupil goes on the roll with {_ON_REGISTER[status]} and no need type: the SENCO sets "
            "the need in SENCO desk (the census check lists the pupil until then)."
        )
    return form | {"primary_need": primary or "", "secondary_need": secondary or ""}, notes
