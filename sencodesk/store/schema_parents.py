"""Schema 0018: parents as partners, and a plan ready for an Individual Support Plan.

- parent_meetings: each meeting with a pupil's parents or carers (SEND Code of Practice 6.65: at
  least three a year for a pupil on SEN support): when (held_on), who was there (attendees), what
  was agreed (agreed), and how (in person, by phone, by video call). A cycle review with a parent
  present counts as a meeting without being typed again (services/parent_meetings.py).
- contacts.first_language / contacts.interpreter_needed: each parent's or carer's own first
  language (the pupil's home language is pupils.home_language) and whether an interpreter is
  needed at meetings; shown on invitations and packs.
- pupils.support_layer: the layer of support the pupil is in, from the school's own list (a
  setting, `support_layers`; the 2026 Schools White Paper proposes universal, targeted, targeted
  plus and specialist). '' until the SENCO chooses one.
- cycles.at_home: what parents and carers can do at home, written by the SENCO for the parent's
  copy of the plan; outcomes.in_my_words: an outcome as the pupil would say it, for the same copy.
The invitation letter template is a setting too (`invitation_template`); until the school edits
it, the app's own wording is used (domain/letters.py), so nothing is inserted here.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0018_parents_and_plans")
def m0018_parents_and_plans(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE parent_meetings (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            attendees TEXT NOT NULL DEFAULT '',
            agreed TEXT NOT NULL DEFAULT '',
            how TEXT NOT NULL DEFAULT 'in_person' CHECK (how IN ('in_person', 'phone', 'video')),
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX parent_meetings_pupil ON parent_meetings (pupil_id, held_on);
        -- the dashboard counts the whole school's meetings of one school year at once
        CREATE INDEX parent_meetings_held ON parent_meetings (held_on);
        ALTER TABLE contacts ADD COLUMN first_language TEXT NOT NULL DEFAULT '';
        ALTER TABLE contacts ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0
            CHECK (interpreter_needed IN (0, 1));
        ALTER TABLE pupils ADD COLUMN support_layer TEXT NOT NULL DEFAULT '';
        ALTER TABLE cycles ADD COLUMN at_home TEXT NOT NULL DEFAULT '';
        ALTER TABLE outcomes ADD COLUMN in_my_words TEXT NOT NULL DEFAULT '';
        """
    )
