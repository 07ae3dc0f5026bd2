"""How SEN is spread across a demo school: the shares of the register and of each need.

Rough national pictures for England (DfE 'Special educational needs in England'): about 15% of
pupils on SEN support, 2-4% with an EHC plan, and the primary needs below. They are weights for
a random choice, so a small school wanders around them as a real one would.
"""

from __future__ import annotations

SEN_SUPPORT_SHARE = 0.15
EHC_PLAN_SHARE = 0.03

# Primary need of pupils on SEN support (K). NSA is only valid with K (census rule 2175).
K_NEEDS: dict[str, float] = {
    "SLCN": 24,
    "SEMH": 20,
    "MLD": 17,
    "SPLD": 15,
    "ASD": 10,
    "OTH": 4,
    "PD": 2.5,
    "HI": 2,
    "NSA": 2,
    "VI": 1,
    "SLD": 1,
    "MSI": 0.3,
    "PMLD": 0.2,
}

# Primary need of pupils with an EHC plan (E).
EHC_NEEDS: dict[str, float] = {
    "ASD": 33,
    "SLCN": 20,
    "SEMH": 15,
    "SLD": 8,
    "MLD": 7,
    "PD": 5,
    "PMLD": 2,
    "HI": 2,
    "VI": 1.5,
    "SPLD": 3,
    "OTH": 2,
    "MSI": 0.5,
    "DS": 1,
}

# Which second need tends to come with a first one (a pupil's secondary need differs from the
# primary and is never NSA). Needs not listed draw from these commonest companions.
SECONDARY_NEEDS: dict[str, tuple[str, ...]] = {
    "ASD": ("SLCN", "SEMH", "MLD", "SPLD"),
    "SLCN": ("SEMH", "MLD", "ASD", "SPLD"),
    "SEMH": ("SLCN", "MLD", "SPLD", "ASD"),
    "MLD": ("SLCN", "SEMH", "SPLD", "PD"),
    "SPLD": ("SEMH", "SLCN", "MLD"),
    "SLD": ("SLCN", "PD", "ASD", "VI"),
    "PMLD": ("PD", "VI", "HI", "MSI"),
    "PD": ("SLCN", "MLD", "SEMH"),
    "DS": ("SLCN", "MLD", "HI"),
}
DEFAULT_SECONDARY = ("SLCN", "SEMH", "MLD")
SECONDARY_NEED_SHARE = 0.3  # how many pupils on the register have a second need recorded
