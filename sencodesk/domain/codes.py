"""School census codes and the other fixed lists of the domain (reference/domain.md §3).

Kept as data so the UI, the checks, the import and the packs all read one list.
"""

from __future__ import annotations

# SEN provision (census element SENprovision). S, A and P are legacy codes: readable, never chosen.
SEN_STATUSES: dict[str, str] = {
    "N": "No special educational need",
    "K": "SEN support",
    "E": "EHC plan",
}
LEGACY_SEN_STATUSES: dict[str, str] = {
    "S": "Statement of SEN (discontinued: recode to E)",
    "A": "School Action (pre-2014: now K)",
    "P": "School Action Plus (pre-2014: now K)",
}
ON_REGISTER = ("K", "E")

# The four broad areas of need (Code of Practice 6.28-6.35).
AREAS: dict[str, str] = {
    "CI": "Communication and interaction",
    "CL": "Cognition and learning",
    "SEMH": "Social, emotional and mental health",
    "SP": "Sensory and/or physical",
}

# Census SEN type codes (SENtype) -> (description, broad area or None when uncategorised).
NEEDS: dict[str, tuple[str, str | None]] = {
    "SPLD": ("Specific learning difficulty", "CL"),
    "MLD": ("Moderate learning difficulty", "CL"),
    "SLD": ("Severe learning difficulty", "CL"),
    "PMLD": ("Profound and multiple learning difficulty", "CL"),
    "SEMH": ("Social, emotional and mental health", "SEMH"),
    "SLCN": ("Speech, language and communication needs", "CI"),
    "ASD": ("Autistic spectrum disorder", "CI"),
    "HI": ("Hearing impairment", "SP"),
    "VI": ("Vision impairment", "SP"),
    "MSI": ("Multi-sensory impairment", "SP"),
    "PD": ("Physical disability", "SP"),
    # Down syndrome: a census SEN type of its own from January 2025. Read for issue 15: the DfE's
    # announcement as reported on 19/01/2024 (Schools Week, "From January 2025, schools will be
    # able to select the condition from the list"; the Down's Syndrome Association, "from 2025
    # onwards"), and the DfE's own statistics, which now count "Down Syndrome" as a primary type
    # of need (explore-education-statistics, "SEN provision by ethnicity, FSM, sex, year group and
    # primary need 2022/23 to 2025/26", its 2025/26 rows). Searched for and NOT found in a primary
    # source: the code value the return uses ("DS" is seen only in third-party code) and the broad
    # area the DfE puts it in (the statistics list it as its own type, under no area). The 2026/27
    # specification's code sets (its annexes) could not be read. So the code and area stay as they
    # were, kept here as data, easy to change once the DfE's code set is read.
    "DS": ("Down syndrome", "CL"),
    "OTH": ("Other difficulty/disability", None),
    "NSA": ("SEN support but no specialist assessment of type of need", None),
}

# What a reader is told about a need that is in none of the four broad areas: the packs would
# otherwise print nothing for it, and an LA caseworker asks at once why NSA has no assessment.
UNCATEGORISED_NOTES: dict[str, str] = {
    "OTH": "The school records a need that fits none of the four broad areas of need in the "
    "SEND Code of Practice. The evidence of the child's difficulties is in the sections "
    "that follow.",
    "NSA": "No specialist assessment of the type of need has been made yet, so the need is not "
    "yet placed in one of the four broad areas. The evidence of the child's difficulties "
    "is in the sections that follow.",
}


def need_label(code: str | None) -> str:
    if not code:
        return ""
    return f"{code} - {NEEDS[code][0]}" if code in NEEDS else code


def areas_for_needs(needs: list[str]) -> list[str]:
    """The broad areas (codes, in AREAS order) that a pupil's ranked needs fall in."""
    found = {NEEDS[n][1] for n in needs if n in NEEDS and NEEDS[n][1]}
    return [a for a in AREAS if a in found]


# Year groups: National Curriculum years, with Nursery and Reception. Stored as these codes.
YEAR_GROUPS: dict[str, str] = {"N": "Nursery", "R": "Reception"} | {str(y): f"Year {y}" for y in range(1, 15)}
YEAR_ORDER: dict[str, int] = {code: i for i, code in enumerate(YEAR_GROUPS)}


def year_label(code: str | None) -> str:
    return YEAR_GROUPS.get(code or "", code or "")


# Age on 31 August before the school year starts, by year group (England): Reception = 4.
YEAR_AGE_ON_31_AUGUST: dict[str, int] = {"N": 3, "R": 4} | {str(y): 4 + y for y in range(1, 15)}

GENDERS: dict[str, str] = {"F": "Female", "M": "Male"}

RELATIONSHIPS = (
    "Mother",
    "Father",
    "Step-parent",
    "Carer",
    "Foster carer",
    "Grandparent",
    "Aunt/uncle",
    "Sibling",
    "Social worker",
    "Other",
)
