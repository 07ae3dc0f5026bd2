"""Schema 0019: the SENCO asks the staff for their observations of a pupil, and they answer.

staff_requests: one request about one pupil, sent to one or more staff accounts.
- asked_by / asked_by_user_id / asked_on: who sent it and when (from the acting person).
- due_on: the reply wanted by; purpose: why it is asked (domain.staff_requests.PURPOSES), with
  the cycle whose review it comes before (cycle_id, else NULL); note: a word to the staff.
- questions: JSON list of the questions asked (the default set, edited for this request).
- status: 'open' or 'withdrawn' (withdrawn_on); version / updated_at / updated_by.

staff_request_recipients: one row per member of staff asked, holding their answer.
- user_id: the staff account asked; status: 'sent', 'answered', 'declined' or 'withdrawn'.
- subject: what they teach the pupil ("Maths", "Class teacher"); answers: JSON list of
  {"question": the question's words as asked, "answer": their words}, so an answer keeps the
  question it answered; answered_on: the day of their latest save.
- declined_reason / declined_on: a member of staff who cannot answer says why.
- version / updated_at / updated_by, so a stale save is refused naming who and when.
Both belong to the pupil (ON DELETE CASCADE): a record deleted under the retention policy takes
them with it, and a subject access export finds them by the foreign keys.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0019_staff_requests")
def m0019_staff_requests(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE staff_requests (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            asked_by TEXT NOT NULL DEFAULT '',
            asked_by_user_id INTEGER REFERENCES users (id),
            asked_on TEXT NOT NULL,
            due_on TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('cycle_review', 'ehcna', 'annual_review', 'other')),
            cycle_id INTEGER REFERENCES cycles (id) ON DELETE SET NULL,
            note TEXT NOT NULL DEFAULT '',
            questions TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn')),
            withdrawn_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX staff_requests_pupil ON staff_requests (pupil_id, asked_on);
        CREATE INDEX staff_requests_open ON staff_requests (status, due_on);

        CREATE TABLE staff_request_recipients (
            id INTEGER PRIMARY KEY,
            request_id INTEGER NOT NULL REFERENCES staff_requests (id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users (id),
            status TEXT NOT NULL DEFAULT 'sent'
                CHECK (status IN ('sent', 'answered', 'declined', 'withdrawn')),
            subject TEXT NOT NULL DEFAULT '',
            answers TEXT NOT NULL DEFAULT '[]',
            answered_on TEXT,
            declined_reason TEXT NOT NULL DEFAULT '',
            declined_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            UNIQUE (request_id, user_id)
        );
        -- A teacher's dashboard: the requests sent to them, awaiting their answer.
        CREATE INDEX staff_request_recipients_user ON staff_request_recipients (user_id, status);
        """
    )
