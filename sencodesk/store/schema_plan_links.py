"""Schema 0007: the EHC plan joined to the school's own work.

- A cycle's outcome may link to a Section E outcome of the pupil's EHC plan, so the annual review
  shows, for each plan outcome, the cycles' ratings and evidence against it. ON DELETE SET NULL:
  when the LA amends a plan and an outcome goes, the cycle's outcome (its rating and evidence)
  stays; it simply no longer points at the plan.
- The school's words for an annual review report (views of the pupil and parents, a summary of
  progress, proposed amendments): one row per review, beside the review's statutory dates.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0007_plan_links")
def m0007_plan_links(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE outcomes ADD COLUMN plan_outcome_id INTEGER
            REFERENCES plan_outcomes (id) ON DELETE SET NULL;
        -- The annual review gathers every cycle outcome linked to one plan's outcomes.
        CREATE INDEX outcomes_plan_outcome ON outcomes (plan_outcome_id);

        CREATE TABLE review_reports (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL UNIQUE REFERENCES annual_reviews (id) ON DELETE CASCADE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            pupil_views TEXT NOT NULL DEFAULT '',
            parent_views TEXT NOT NULL DEFAULT '',
            progress_summary TEXT NOT NULL DEFAULT '',
            proposed_amendments TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX review_reports_pupil ON review_reports (pupil_id);
        """
    )
