"""Schema 0020: what an EHC needs assessment request needs that the record could not hold.

On the pupil, the identity LA forms and health referrals ask for (reference/domain.md §6, §7.1):
- address: the child's home address, as the office keeps it (several lines);
- ethnicity: the census code (domain.identity.ETHNICITIES; REFU and NOBT are answers);
- interpreter_needed: the child or family needs an interpreter (NULL: not recorded);
- nhs_number: ten digits, checked with the NHS's modulus 11 check digit;
- gp_practice: the GP practice's name and address;
- previous_schools: one per line, with dates;
- social_care: none / Early Help / child in need / child protection plan / looked after ('' not
  recorded); "looked after" agrees with the looked_after flag.
On an assessment, `kind`: how to read its score against national expectations
(domain.attainment.KINDS; '' when the school has not said).
On an involvement, `recommendations`: what the professional advised, one per line, so each can be
paired with the provision that carried it out.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0020_ehcna_evidence")
def m0020_ehcna_evidence(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE pupils ADD COLUMN address TEXT NOT NULL DEFAULT '';
        ALTER TABLE pupils ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
        ALTER TABLE pupils ADD COLUMN interpreter_needed INTEGER CHECK (interpreter_needed IN (0, 1));
        ALTER TABLE pupils ADD COLUMN nhs_number TEXT NOT NULL DEFAULT ''
            CHECK (nhs_number = '' OR (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*'));
        ALTER TABLE pupils ADD COLUMN gp_practice TEXT NOT NULL DEFAULT '';
        ALTER TABLE pupils ADD COLUMN previous_schools TEXT NOT NULL DEFAULT '';
        ALTER TABLE pupils ADD COLUMN social_care TEXT NOT NULL DEFAULT ''
            CHECK (social_care IN ('', 'none', 'early_help', 'child_in_need', 'child_protection',
                                   'looked_after'));
        ALTER TABLE assessments ADD COLUMN kind TEXT NOT NULL DEFAULT ''
            CHECK (kind IN ('', 'standardised', 'scaled_ks2', 'ks_teacher', 'age_equivalent', 'other'));
        ALTER TABLE involvements ADD COLUMN recommendations TEXT NOT NULL DEFAULT '';
        """
    )
