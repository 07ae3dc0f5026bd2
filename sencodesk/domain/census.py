"""School census rules on SEN provision and types (reference/domain.md §3.3).

Each breach is a CensusIssue with the DfE rule number, a plain message and a one-line fix,
so the pupil form, the import and `sencodesk check` all speak the same words.
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


# How a sentence names a status; a plain .lower() would print "ehc plan".
_ON_REGISTER_AS = {"K": "on SEN support", "E": "with an EHC plan", "S": "with a statement of SEN"}

RULE_TITLES = {
    "2115": "SEN status S (statement) is discontinued",
    "2120": "SEN status missing or not valid",
    "2125": "Need recorded but the pupil is not on the register",
    "2130": "A ranked need has no need type",
    "2140": "Need ranking missing or not valid",
    "2160": "A single need must be the primary need",
    "2165": "Two needs have the same rank",
    "2166": "More than two needs",
    "2170": "A need type is required for SEN support or an EHC plan",
    "2175": "NSA is only allowed with SEN support",
    "2176": "Need type not in the census list",
}


def check_sen(status: str | None, needs: list[tuple[int | None, str | None]]) -> list[CensusIssue]:
    """Check a status and its ranked needs [(rank, type), ...] against the census rules."""
    issues: list[CensusIssue] = []

    def add(rule: str, field: str, msg: str, fix: str) -> None:
        issues.append(CensusIssue(rule, field, msg, fix))

    status = (status or "").upper()
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
        elif code not in NEEDS:
            add(
                "2176",
                "primary_need" if rank == 1 else "secondary_need",
                f"'{code}' is not a census need type.",
                "Choose a need from the census list.",
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
    if status in ("K", "E", "S") and not any(t for _, t in present):
        add(
            "2170",
            "primary_need",
            f"A pupil {_ON_REGISTER_AS[status]} needs a primary need type.",
            "Choose the pupil's primary need.",
        )
    if status in ("E", "S") and any(t == "NSA" for _, t in present):
        add(
            "2175",
            "primary_need",
            "NSA (no specialist assessment) can only be used with SEN support (K).",
            "Choose the need type from the EHC plan.",
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
        add(
            "2165",
            "secondary_need",
            "The same need is recorded twice.",
            "Choose a different secondary need, or leave it empty.",
        )
    return issues


def needs_of(primary: str | None, secondary: str | None) -> list[tuple[int | None, str | None]]:
    """The pupil record's two need fields as census ranked needs."""
    needs: list[tuple[int | None, str | None]] = []
    if primary:
        needs.append((1, primary))
    if secondary:
        needs.append((2, secondary))
    return needs
