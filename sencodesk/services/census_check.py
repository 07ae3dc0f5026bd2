"""The register's census check: the file's integrity, then every UPN rule (1500-1550) and SEN
rule (2115-2176) over every pupil, grouped by rule with a one-line fix.

`sencodesk check` prints it; a later screen shows the same report.
"""

from __future__ import annotations

from collections import defaultdict

from ..domain import census
from ..domain.pupil import known_name
from ..domain.upn import check_upn, normalise
from ..reports.census_model import CheckReport, PupilRef, RuleBreach
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
WARNING_RULES = {"1530"}  # worth a look, but not an error (reference/domain.md §4.3)


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
        for issue in census.check_sen(row["sen_status"], needs):
            found[issue.rule].append(_ref(row, issue.message))
            titles[issue.rule] = (census.RULE_TITLES[issue.rule], issue.fix)
    for ref in _duplicate_upns(rows):
        found["1520"].append(ref)
    breaches = []
    for rule in sorted(found):
        title, fix = UPN_RULES.get(rule) or titles[rule]
        breaches.append(RuleBreach(rule, title, fix, rule in WARNING_RULES, found[rule]))
    return CheckReport(integrity, len(on_roll), len(rows) - len(on_roll), breaches)


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
