"""School census rules on SEN provision, types and indicators, as the DfE numbers and words them.

Each breach is a CensusIssue with the DfE rule number (or SENCO desk's own SDnn check), the DfE's
wording, a plain message and a one-line fix, so the pupil form, the import and `sencodesk check`
all speak the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import LEGACY_SEN_STATUSES, NEEDS, SEN_STATUSES


@dataclass(frozen=True)
class CensusIssue:
    rule: str
    field: str  # the form field it belongs next to: sen_status, primary_need, secondary_need
    message: str
    fix: str

    @property
    def title(self) -> str:
        return RULE_TITLES.get(self.rule, self.rule)

    @property
    def dfe_wording(self) -> str:
        """The DfE's words for the rule ('' for SENCO desk's own checks)."""
        return DFE_WORDING.get(self.rule, "")

    @property
    def warning(self) -> bool:
        return self.rule in WARNING_RULES


# How a sentence names a status; a plain .lower() would print "ehc plan".
_ON_REGISTER_AS = {"K": "on SEN support", "E": "with an EHC plan", "S": "with a statement of SEN"}

# Short titles for the screens, in plain words.
RULE_TITLES = {
    "2115": "SEN status S (statement) is discontinued",
    "2120": "SEN status missing or not valid",
    "2125": "Need recorded but the pupil is not on the register",
    "2130": "A ranked need has no need type",
    "2140": "Need ranking missing or not valid",
    "2160": "A single need must be the primary need",
    "2165": "Two needs have the same rank",
    "2166": "More than two needs",
    "2170": "A valid need type is required for SEN support or an EHC plan",
    "2175": "NSA is only allowed with SEN support",
    "2230": "SEN unit indicator not recorded",
    "2250": "Resourced provision indicator not recorded",
    "SD01": "The same need is recorded twice",
    "SD02": "SEN unit or resourced provision recorded for a pupil with no SEN",
    "SD03": "Top-up funding recorded for a pupil with no SEN",
}
# The DfE's own wording of each rule, as DfE's data-provider prototype words its validation
# errors (DFE-Digital/dfe-data-provider-hub, app/data/simulated-data/errors.js, read for issue 15).
# The 2026/27 school census: the gov.uk page "School census 2026 to 2027: technical information"
# (published 23/02/2026, "Technical specification for submitting 2026 to 2027 school census data";
# its documents "School census 2026 to 2027: annexes" and, added 20/05/2026, "School census 2026
# to 2027: validation rules") was found again for issue 15, searching the docs and pages corpora
# for the business and technical specification, its validation rules and its SEN type code set.
# The documents' own text could not be read: no SEN rule change from them is applied, and none
# is invented. Rules starting SD are SENCO desk's own checks.
DFE_WORDING = {
    "2115": "Code 'S' (statement of SEN) has been discontinued and is no longer in use. Please re-code "
    "this as code 'E' and carry out a review of the pupil's SEN",
    "2120": "Pupil with missing SEN provision or invalid value",
    "2125": "Pupil shows SEN information where provision is none",
    "2130": "Pupil SEN type code required where SEN type ranking provided",
    "2140": "Ranking of special educational need is missing or invalid",
    "2160": "If only one SEN type is present it must be the primary need",
    "2165": "Each SEN type must have a different ranking - two needs cannot both be ranked as the "
    "primary need",
    "2166": "A maximum of two types of SEN need should be included in the return",
    "2170": "A valid SEN type must be provided for pupils where with a SEN provision equals 'K', 'S' or 'E'",
    "2175": "SEN type code 'NSA' (SEN support but no specialist assessment of type of need) can only be "
    "used where SEN provision is code 'K' (SEN support)",
    "2230": "Special provision (SEN Unit) indicator must be provided if SEN provision is equal to 'E' or "
    "'K' or 'S'",
    "2250": "Special provision (Resourced provision) indicator must be provided if SEN Provision is equal "
    "to 'E' or 'K' or 'S'",
}
# SENCO desk is not the census return (the MIS is): an indicator it has not been told is worth a
# look, not an error. These rules are shown as "Worth a look".
WARNING_RULES = frozenset({"2230", "2250", "SD02", "SD03"})


def is_dfe_rule(rule: str) -> bool:
    return rule.isdigit()


def check_sen(status: str | None, needs: list[tuple[int | None, str | None]]) -> list[CensusIssue]:
    """Check a status and its ranked needs [(rank, type), ...] against the census rules.

    Status and need codes are compared upper-cased and trimmed, whichever path they came by
    ('asd' is ASD)."""
    issues: list[CensusIssue] = []

    def add(rule: str, field: str, msg: str, fix: str) -> None:
        issues.append(CensusIssue(rule, field, msg, fix))

    status = (status or "").strip().upper()
    needs = [(r, (t or "").strip().upper() or None) for r, t in needs]
    if status == "S":
        add(
            "2115",
            "sen_status",
            "SEN status S (statement of SEN) is no longer used.",
            "Record the pupil's EHC plan as status E.",
        )
    elif status not in SEN_STATUSES:
        what = (
            LEGACY_SEN_STATUSES.get(status, f"'{status}' is not a census SEN status")
            if status
            else "The SEN status is missing"
        )
        add("2120", "sen_status", f"{what}.", "Choose N (no SEN), K (SEN support) or E (EHC plan).")
    present = [(r, t) for r, t in needs if r is not None or t]
    for rank, code in present:
        if not code:
            add(
                "2130",
                "primary_need" if rank == 1 else "secondary_need",
                f"Need rank {rank} has no need type.",
                "Choose the need type or remove the rank.",
            )
        if rank not in (1, 2):
            add(
                "2140",
                "secondary_need",
                f"Need rank '{rank}' is not valid.",
                "Rank the needs 1 (primary) and 2 (secondary).",
            )
    if status == "N" and present:
        add(
            "2125",
            "primary_need",
            "Needs are recorded but the pupil's SEN status is N (no SEN).",
            "Remove the needs, or change the status to K or E.",
        )
    unknown = [(r, t) for r, t in present if t and t not in NEEDS]
    if status in ("K", "E", "S") and (not any(t for _, t in present) or unknown):
        if unknown:
            rank, code = unknown[0]
            add(
                "2170",
                "primary_need" if rank == 1 else "secondary_need",
                f"'{code}' is not a census need type.",
                "Choose a need from the census list.",
            )
        else:
            add(
                "2170",
                "primary_need",
                f"A pupil {_ON_REGISTER_AS[status]} needs a primary need type.",
                "Choose the pupil's primary need.",
            )
    if status in ("N", "E", "S") and any(t == "NSA" for _, t in present):
        add(
            "2175",
            "primary_need",
            "NSA (no specialist assessment) can only be used with SEN support (K).",
            "Choose the need type from the EHC plan."
            if status != "N"
            else "Remove the need, or record the pupil as on SEN support (K).",
        )
    ranks = [r for r, _ in present if r is not None]
    if len(ranks) != len(set(ranks)):
        add(
            "2165",
            "secondary_need",
            "Two needs have the same rank.",
            "Give the primary need rank 1 and the secondary need rank 2.",
        )
    if len(present) > 2:
        add(
            "2166",
            "secondary_need",
            "More than two needs are recorded; the census takes two.",
            "Keep the primary and the secondary need only.",
        )
    if len(present) == 1 and present[0][0] not in (1, None):
        add(
            "2160",
            "primary_need",
            "A pupil with one need must have it as the primary need.",
            "Make the need the primary need.",
        )
    types = [t for _, t in present if t]
    if len(types) != len(set(types)):
        # Not 2165 (that is two needs with one rank): the census has no rule of its own number for
        # one type twice, so this is SENCO desk's check.
        add(
            "SD01",
            "secondary_need",
            "The same need is recorded as the primary and the secondary need.",
            "Choose a different secondary need, or leave it empty.",
        )
    return issues


def check_indicators(
    status: str | None, sen_unit: bool | None, resourced_provision: bool | None, top_up_funding: bool | None
) -> list[CensusIssue]:
    """The SEN unit and resourced provision indicators (rules 2230, 2250) and top-up funding.

    For a mainstream school: 5049/5050 say special schools and PRUs need not return the two
    indicators, and SENCO desk is for mainstream schools, so they are always asked for.
    """
    status = (status or "").strip().upper()
    issues = []
    if status in ("K", "E", "S"):
        if sen_unit is None:
            issues.append(
                CensusIssue(
                    "2230",
                    "sen_unit",
                    "Whether the pupil is taught in an SEN unit is not recorded.",
                    "Record Yes only for an SEN unit the LA recognises; otherwise No.",
                )
            )
        if resourced_provision is None:
            issues.append(
                CensusIssue(
                    "2250",
                    "resourced_provision",
                    "Whether the pupil has a resourced provision place is not recorded.",
                    "Record Yes only for resourced provision the LA recognises; otherwise No.",
                )
            )
    elif status == "N":
        if sen_unit or resourced_provision:
            issues.append(
                CensusIssue(
                    "SD02",
                    "sen_unit",
                    "The pupil is recorded in an SEN unit or resourced provision but has no SEN (N).",
                    "Check the pupil's SEN status, or set the indicator to No.",
                )
            )
        if top_up_funding:
            issues.append(
                CensusIssue(
                    "SD03",
                    "top_up_funding",
                    "Top-up funding is recorded for a pupil with no SEN (N).",
                    "Check the pupil's SEN status with the LA's funding record.",
                )
            )
    return issues


def needs_of(primary: str | None, secondary: str | None) -> list[tuple[int | None, str | None]]:
    """The pupil record's two need fields as census ranked needs."""
    needs: list[tuple[int | None, str | None]] = []
    if primary and primary.strip():
        needs.append((1, primary.strip().upper()))
    if secondary and secondary.strip():
        needs.append((2, secondary.strip().upper()))
    return needs
