"""Schema 0003: referrals to outside services, their consent, outside involvements, the
school's own text for an EHC needs assessment request, and the one-page profile's words.

`ehcna_drafts` is the school's side of a request (what it writes on the form). The LA's
statutory process (dates, decisions) is a separate table owned by the timelines area.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0003_referrals")
def m0003_referrals(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE referrals (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            service TEXT NOT NULL CHECK (service IN ('ep', 'salt', 'camhs', 'ot', 'sts')),
            referred_on TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            asks TEXT NOT NULL DEFAULT '',
            -- the service's own questions (CAMHS risk, SALT hearing ...), JSON {key: text}
            answers TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'seen', 'closed')),
            outcome_notes TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX referrals_pupil ON referrals (pupil_id, service);
        CREATE INDEX referrals_date ON referrals (referred_on, status);
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            -- consent to a referral, or (referral_id NULL) to the school's EHCNA request
            purpose TEXT NOT NULL DEFAULT 'referral' CHECK (purpose IN ('referral', 'ehcna')),
            referral_id INTEGER REFERENCES referrals (id) ON DELETE CASCADE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            given_by TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT '',
            given_on TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('signed', 'verbal', 'email')),
            consent_to_refer INTEGER NOT NULL,
            -- consent to share is separate from consent to refer: JSON list of named services
            share_with TEXT NOT NULL DEFAULT '[]',
            exclusions TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consents_referral ON consents (referral_id, given_on);
        CREATE INDEX consents_pupil ON consents (pupil_id, purpose);
        CREATE TABLE involvements (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            service TEXT NOT NULL,
            professional TEXT NOT NULL DEFAULT '',
            started_on TEXT,
            ended_on TEXT,
            latest_report_on TEXT,
            summary TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX involvements_pupil ON involvements (pupil_id, started_on);
        CREATE TABLE ehcna_drafts (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            request_kind TEXT NOT NULL DEFAULT 'new' CHECK (request_kind IN ('new', 're')),
            request_date TEXT,
            completed_by TEXT NOT NULL DEFAULT '',
            home_language TEXT NOT NULL DEFAULT '',
            attendance_pct REAL,
            now_needed TEXT NOT NULL DEFAULT '',
            outcomes_sought TEXT NOT NULL DEFAULT '',
            -- answers to the LA profile's extra questions, JSON {question id: text}
            la_answers TEXT NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX ehcna_drafts_pupil ON ehcna_drafts (pupil_id);
        -- the one-page profile's own words (pupil passport), written with the child and family
        CREATE TABLE pupil_passports (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            like_and_admire TEXT NOT NULL DEFAULT '',
            important_to_me TEXT NOT NULL DEFAULT '',
            -- strategies, one per line as typed
            how_to_support TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX pupil_passports_pupil ON pupil_passports (pupil_id);
        """
    )
