"""Schema for the graduated approach: concerns, cycles and their parts, the provision catalogue,
allocations, delivered sessions and reviews (migration 0002)."""

from __future__ import annotations

import sqlite_utils

from ..domain.provision import SEED_PROVISIONS
from .migrations import migrations
from .rows import now_iso


@migrations(name="0002_graduated")
def m0002_graduated(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE concerns (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            raised_on TEXT NOT NULL,
            raised_by TEXT NOT NULL,
            raised_by_user_id INTEGER REFERENCES users (id),
            areas TEXT NOT NULL DEFAULT '',          -- broad area codes, comma separated
            seen TEXT NOT NULL DEFAULT '',
            tried TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'closed')),
            decision TEXT CHECK (decision IN ('monitor', 'sen_support', 'no_action')),
            look_again TEXT,
            reason TEXT NOT NULL DEFAULT '',
            parents_told_on TEXT,
            cycle_id INTEGER,                        -- the cycle it started (sen_support)
            triaged_by TEXT,
            triaged_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX concerns_status ON concerns (status, raised_on);
        CREATE INDEX concerns_pupil ON concerns (pupil_id);

        CREATE TABLE cycles (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reviewed')),
            concern_id INTEGER REFERENCES concerns (id) ON DELETE SET NULL,
            -- assess
            assess_date TEXT,
            needs_ci TEXT NOT NULL DEFAULT '',
            needs_cl TEXT NOT NULL DEFAULT '',
            needs_semh TEXT NOT NULL DEFAULT '',
            needs_sp TEXT NOT NULL DEFAULT '',
            attainment TEXT NOT NULL DEFAULT '',
            pupil_views TEXT NOT NULL DEFAULT '',
            pupil_views_by TEXT NOT NULL DEFAULT '',
            pupil_views_on TEXT,
            parent_views TEXT NOT NULL DEFAULT '',
            parent_views_by TEXT NOT NULL DEFAULT '',
            parent_views_on TEXT,
            outside_advice TEXT NOT NULL DEFAULT '',
            -- plan
            strategies TEXT NOT NULL DEFAULT '',
            plan_start TEXT,
            review_date TEXT,
            parents_told_on TEXT,
            parents_agreed_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            UNIQUE (pupil_id, number)
        );
        -- The rule "one open cycle per pupil", held by the database itself.
        CREATE UNIQUE INDEX cycles_one_open ON cycles (pupil_id) WHERE status = 'open';
        -- Dashboard and register: open cycles by review date.
        CREATE INDEX cycles_review ON cycles (status, review_date);

        CREATE TABLE cycle_staff (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users (id),
            UNIQUE (cycle_id, user_id)
        );
        CREATE INDEX cycle_staff_user ON cycle_staff (user_id);

        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            taken_on TEXT,
            score TEXT NOT NULL DEFAULT '',
            meaning TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX assessments_cycle ON assessments (cycle_id);

        CREATE TABLE outcomes (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            by_when TEXT,
            measure TEXT NOT NULL DEFAULT '',
            carried_from INTEGER REFERENCES outcomes (id) ON DELETE SET NULL,
            rating TEXT CHECK (rating IN ('not_met', 'partly_met', 'met', 'exceeded')),
            evidence TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX outcomes_cycle ON outcomes (cycle_id);

        CREATE TABLE provisions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            area TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            group_size INTEGER NOT NULL DEFAULT 1,
            session_minutes INTEGER NOT NULL,
            sessions_per_week INTEGER NOT NULL,
            weeks INTEGER NOT NULL,
            staff_role TEXT NOT NULL CHECK (staff_role IN ('teacher', 'hlta', 'ta', 'external')),
            fixed_cost INTEGER NOT NULL DEFAULT 0,   -- pence, shared by the group
            fixed_cost_note TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE allocations (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
            provision_id INTEGER NOT NULL REFERENCES provisions (id),
            staff_user_id INTEGER REFERENCES users (id),
            staff_name TEXT NOT NULL DEFAULT '',     -- an external person, or a name not a user
            -- overrides of the catalogue item for this pupil (NULL = as the catalogue)
            group_size INTEGER,
            session_minutes INTEGER,
            sessions_per_week INTEGER,
            weeks INTEGER,
            start_date TEXT,
            end_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX allocations_cycle ON allocations (cycle_id);
        CREATE INDEX allocations_provision ON allocations (provision_id, start_date);
        CREATE INDEX allocations_staff ON allocations (staff_user_id);

        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            allocation_id INTEGER NOT NULL REFERENCES allocations (id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            attended INTEGER NOT NULL DEFAULT 1,
            staff_user_id INTEGER REFERENCES users (id),
            staff_name TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            UNIQUE (allocation_id, held_on)
        );
        -- The UNIQUE index (allocation_id, held_on) also serves counting per allocation;
        -- this one covers attended so counts never touch the table rows.
        CREATE INDEX sessions_count ON sessions (allocation_id, attended);

        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL UNIQUE REFERENCES cycles (id) ON DELETE CASCADE,
            held_on TEXT NOT NULL,
            parent_present INTEGER NOT NULL DEFAULT 0,
            pupil_present INTEGER NOT NULL DEFAULT 0,
            others TEXT NOT NULL DEFAULT '',
            pupil_views TEXT NOT NULL DEFAULT '',
            parent_views TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL CHECK (decision IN ('continue', 'close', 'refer', 'consider_ehcna')),
            refer_to TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            next_cycle_id INTEGER REFERENCES cycles (id) ON DELETE SET NULL,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE review_impacts (
            id INTEGER PRIMARY KEY,
            review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
            allocation_id INTEGER NOT NULL REFERENCES allocations (id) ON DELETE CASCADE,
            attendance_pct INTEGER,
            judgement TEXT NOT NULL DEFAULT '',
            UNIQUE (review_id, allocation_id)
        );
        """
    )
    # A new school opens with a dozen common interventions (editable in the catalogue).
    stamp = now_iso()
    db.table("provisions").insert_all(
        [
            {
                "name": n,
                "area": a,
                "description": d,
                "group_size": g,
                "session_minutes": m,
                "sessions_per_week": f,
                "weeks": w,
                "staff_role": r,
                "fixed_cost": fc,
                "fixed_cost_note": fn,
                "active": 1,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": "SENCO desk",
            }
            for n, a, d, g, m, f, w, r, fc, fn in SEED_PROVISIONS
        ]
    )
