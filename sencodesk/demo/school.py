"""The demo school's own details: a made-up name, URN and establishment number in a real LA."""

from __future__ import annotations

import random
from typing import Any

from ..domain.la_codes import LA_CODES
from .accounts import DEMO_ACCOUNTS

PLACES = (
    "Ashbrook",
    "Kingsmead",
    "Hollowfield",
    "Riverside",
    "Millbank",
    "Thornbury Vale",
    "Elmstead",
    "Brackenhurst",
    "Larkspur",
    "Willowmere",
    "Fernside",
    "Castlegate",
)
PRIMARY_KINDS = (
    "Primary School",
    "Community Primary School",
    "Church of England Primary School",
    "Primary Academy",
)
SECONDARY_KINDS = ("Academy", "High School", "School", "Community College")
# The SENCO named on packs is the demo's SENCO sign-in account, so a referral's "referred by"
# and the pack's SENCO are one person.
SENCO = next(name for _, name, role in DEMO_ACCOUNTS if role == "senco")

# LA numbers the demo may sit in: real ones, so the UPNs it makes pass the LA-code check.
DEMO_LAS = ("938", "886", "850", "330", "383", "352", "881", "919", "925", "873")


def school_details(rng: random.Random, phase: str) -> dict[str, Any]:
    la = rng.choice(DEMO_LAS)
    kind = rng.choice(PRIMARY_KINDS if phase == "primary" else SECONDARY_KINDS)
    # Establishment numbers: 2xxx for primaries, 4xxx for secondaries (the DfE's usual ranges).
    estab = f"{rng.randint(2000, 2999) if phase == 'primary' else rng.randint(4000, 4999)}"
    return {
        "school_name": f"{rng.choice(PLACES)} {kind} (demo)",
        "urn": f"{rng.randint(900000, 999999)}",  # a made-up 6-digit URN
        "la_number": la,
        "la_name": LA_CODES[la],
        "estab_number": estab,
        "senco_name": SENCO,
    }
