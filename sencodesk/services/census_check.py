"""The register's census check: the file's integrity, then every UPN rule (1500-1550), SEN rule
(2115-2175) and SEN indicator rule (2230, 2250) over every pupil, grouped by rule with the DfE's
wording and a one-line fix. SENCO desk's own checks are numbered SDnn.

`sencodesk check` prints it; the Census check screen shows the same report.
"""

from __future__ import annotations

from collections import defaultdict

from ..domain import census
from ..domain.errors import NotFound, ValidationError
from ..domain.pupil import known_name
from ..domain.upn import check_upn, normalise
from ..reports.census_model import CheckReport, PupilRef, RuleBreach
from ..store import census_flags as flags_store
from ..store import db as store_db
from ..store import pupils as store
from .actor import Actor

UPN_RULES = {
    "1500": ("UPN missing", "Enter the pupil's UPN from their previous school or the CTF."),
    "1510": ("UPN check letter wrong", "Check the UPN against the CTF or the previous school's records."),
    "1520": (
        "The same UPN is held by more than one pupil (leavers included)",
        "Find which pupil the UPN really belongs to and correct the other record.",
    ),
    "1530": (
        "UPN has an LA number SENCO desk does not know",
        "Check the UPN with the previous school; a new or pseudo-LA number can be right.",
    ),
    "1540": (
        "UPN is not 13 characters, or has a letter where a digit belongs",
        "Re-type the UPN from the CTF.",
    ),
    "1550": (
        "UPN last character not a digit or an allowed letter",
        "Re-type the UPN: the last character is a digit, or a letter other than I, O, S.",
    ),
}
# The DfE's wording of the UPN rules (DFE-Digital/dfe-data-provider-hub errors.js).
UPN_WORDING = {
    "1500": "UPN missing",
    "1510": "UPN invalid (wrong check letter at character 1)",
    "1520": "More than one pupil record with the same UPN",
    "1530": "UPN invalid (characters 2-4 not a recognised LA code)",
    "1540": "UPN invalid (characters 5-12 not all numeric)",
    "1550": "UPN invalid (character 13 not a recognised value or is missing)",
}
# worth a look, but not an error (reference/domain.md §4.3; SENCO desk is not the census return)
WARNING_RULES = {"1530"} | census.WARNING_RULES


def _ref(row: dict, detail: str) -> PupilRef:
    left = " (left)" if row["left_on"] else ""
    return PupilRef(row["id"], f"{known_name(row)}{left}", row["year_group"], row["class_name"], detail)


def check_register(actor: Actor) -> CheckReport:
    """Run every check; pupils on roll for all rules, leavers too for duplicate UPNs (1520)."""
    actor.require("register.check")
    integrity = store_db.integrity_check(actor.db)
    rows = store.check_rows(actor.db)
    found: dict[str, list[PupilRef]] = defaultdict(list)
    titles: dict[str, tuple[str, str]] = {}
    on_roll = [r for r in rows if not r["left_on"]]
    for row in on_roll:
        upn = check_upn(row["upn"])
        for rule, message in zip(upn.rules, upn.errors + upn.warnings, strict=True):
            found[rule].append(_ref(row, message))
        needs = census.needs_of(row["primary_need"], row["secondary_need"])
        issues = census.check_sen(row["sen_status"], needs) + census.check_indicators(
            row["sen_status"],
            _flag(row["sen_unit"]),
            _flag(row["resourced_provision"]),
            _flag(row["top_up_funding"]),
        )
        for issue in issues:
            found[issue.rule].append(_ref(row, issue.message))
            titles[issue.rule] = (issue.title, issue.fix)
    for ref in _duplicate_upns(rows):
        found["1520"].append(ref)
    breaches = []
    for rule in sorted(found, key=lambda r: (not r.isdigit(), r)):
        title, fix = UPN_RULES.get(rule) or titles[rule]
        wording = UPN_WORDING.get(rule) or census.DFE_WORDING.get(rule, "")
        breaches.append(RuleBreach(rule, title, fix, rule in WARNING_RULES, found[rule], wording))
    counts = {k: sum(1 for r in on_roll if r[k]) for k in flags_store.FLAGS}
    return CheckReport(integrity, len(on_roll), len(rows) - len(on_roll), breaches, counts)


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


FLAG_LABELS = {
    "sen_unit": "Taught in an SEN unit (LA-recognised)",
    "resourced_provision": "Has a resourced provision place (LA-recognised)",
    "top_up_funding": "Attracts top-up funding from the LA",
}


def census_flags(actor: Actor, pupil_id: int) -> dict[str, bool | None]:
    """The pupil's SEN unit, resourced provision and top-up funding indicators (None: not recorded)."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    row = flags_store.flags(actor.db, pupil_id)
    if row is None:
        raise NotFound("That pupil is not in SENCO desk.")
    return {k: _flag(row[k]) for k in flags_store.FLAGS}


def set_census_flags(actor: Actor, pupil_id: int, form: dict[str, object]) -> None:
    """Record the indicators: each 'yes', 'no' or '' (not recorded)."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    row = flags_store.flags(actor.db, pupil_id)
    if row is None:
        raise NotFound("That pupil is not in SENCO desk.")
    values: dict[str, int | None] = {}
    for key in flags_store.FLAGS:
        raw = str(form.get(key, "") if form.get(key) is not None else "").strip().lower()
        if raw in ("yes", "y", "true", "1"):
            values[key] = 1
        elif raw in ("no", "n", "false", "0"):
            values[key] = 0
        elif raw == "":
            values[key] = None
        else:
            raise ValidationError({key: f"{FLAG_LABELS[key]}: choose Yes, No or leave it blank."})
    changes = {k: [row[k], v] for k, v in values.items() if row[k] != v}
    if not changes:
        return
    with actor.write() as db:
        flags_store.save(db, pupil_id, values, actor.user.display_name)
        actor.audit(
            "update",
            "pupil",
            pupil_id,
            pupil_id=pupil_id,
            summary="recorded the census SEN indicators (SEN unit, resourced provision, top-up funding)",
            changes=changes,
        )


def _duplicate_upns(rows: list[dict]) -> list[PupilRef]:
    """Rule 1520: one UPN, two pupils. Compared normalised (case and spaces do not make a UPN
    different), and a pupil's former UPN that is another pupil's current UPN counts too."""
    holders: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if normalise(row["upn"]):
            holders[normalise(row["upn"])].append(row)
    refs = []
    for upn, group in holders.items():
        if len(group) > 1:
            names = ", ".join(_ref(r, "").name for r in group)
            refs += [_ref(r, f"UPN {upn} is held by {len(group)} pupils: {names}.") for r in group]
    for row in rows:
        former = normalise(row["former_upn"])
        other = [r for r in holders.get(former, []) if r["id"] != row["id"]]
        if former and other:
            refs.append(_ref(row, f"Their former UPN {former} is {_ref(other[0], '').name}'s UPN."))
    return refs


def record_indicators_no(actor: Actor) -> int:
    """Record "No" for the SEN unit and resourced provision indicators of every pupil on the
    register who has none recorded (most pupils: a unit or resourced place is rare and LA-named).
    Returns how many pupils were changed; audited as one change."""
    actor.require("pupil.edit_sen")
    with actor.write() as db:
        changed = flags_store.record_no_where_unset(db, actor.user.display_name)
        if changed:
            actor.audit(
                "update",
                "pupil",
                None,
                summary=f"recorded 'No' for the SEN unit and resourced provision indicators of {changed} "
                "pupils on the register who had none recorded",
                changes={"pupils": [None, changed]},
            )
    return changed
