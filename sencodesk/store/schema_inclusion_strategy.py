"""Schema 0015: the school's inclusion strategy, one row per academic year.

The school writes its own words under each heading of the strategy (domain.inclusion_strategy
SECTIONS) and keeps them from year to year: a new year may start from the last one's words.
- academic_year: '2026/27' (unique: one strategy a year).
- words: JSON {heading key: text}; activities: JSON [{what, pence}], whole-school activity and
  its budgeted cost typed by the school (the targeted provision comes from the records).
- years: how many years the strategy covers (a multi-year one is reviewed every year).
- published_on / published_url / published_by: when and where it went on the school website,
  and who marked it; NULL / '' until then (the deadline shows until it is marked).
- version / updated_at / updated_by, so a stale save is refused with who and when.
The notional SEN budget and the fund's allocation are settings (`inclusion_budgets`), typed in
Settings, not columns here.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0015_inclusion_strategy")
def m0015_inclusion_strategy(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE inclusion_strategies (
            id INTEGER PRIMARY KEY,
            academic_year TEXT NOT NULL UNIQUE,
            words TEXT NOT NULL DEFAULT '{}',
            activities TEXT NOT NULL DEFAULT '[]',
            years INTEGER NOT NULL DEFAULT 1 CHECK (years BETWEEN 1 AND 5),
            next_review_on TEXT,
            published_on TEXT,
            published_url TEXT NOT NULL DEFAULT '',
            published_by TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        """
    )
