"""Schema 0010: the census indicators a pupil with SEN carries beside their status and needs.

- sen_unit: taught in an SEN unit the LA recognises (census SENunitIndicator)
- resourced_provision: has a place in LA-recognised resourced provision (ResourcedProvisionIndicator)
- top_up_funding: attracts high-needs top-up funding (element 3) from the LA (TopUpFunding)
NULL means not yet recorded: the census check asks for the unit and resourced provision
indicators when the pupil is on the register (rules 2230 and 2250), never guesses "no".
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0010_census_flags")
def m0010_census_flags(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE pupils ADD COLUMN sen_unit INTEGER CHECK (sen_unit IN (0, 1));
        ALTER TABLE pupils ADD COLUMN resourced_provision INTEGER CHECK (resourced_provision IN (0, 1));
        ALTER TABLE pupils ADD COLUMN top_up_funding INTEGER CHECK (top_up_funding IN (0, 1));
        """
    )
