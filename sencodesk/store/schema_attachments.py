"""Schema 0017: documents attached to a pupil's record (reports, the EHC plan, letters).

The file itself is a BLOB in the school's own data file, so it is encrypted by SQLCipher with
everything else, backed up and restored with it, and deleted with the pupil at retention (ON
DELETE CASCADE). domain/attachments.py says why each file is at most 20 MB and a pupil's at
most 100 MB.
- title, kind, author, document_date: what the SENCO says the document is; visibility: who may
  see it (domain.field_access.ATTACHMENT_AUDIENCES).
- original_name: the file's name when it was added; file_type: what its content is (pdf, docx,
  jpeg, png: read from its first bytes, never from the name); size_bytes, sha256 (of the bytes
  kept: a copy sent can be matched to this one), pages (a PDF's; 1 for a picture; NULL for a
  Word file, which is never turned into pages here).
- content: the file's bytes, the last column, and never read by a list: only by opening,
  saving or sending the one document.
"""

from __future__ import annotations

import sqlite_utils

from .migrations import migrations


@migrations(name="0017_attachments")
def m0017_attachments(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('report', 'ehc_plan', 'letter', 'about_me', 'other')),
            author TEXT NOT NULL DEFAULT '',
            document_date TEXT NOT NULL,
            visibility TEXT NOT NULL DEFAULT 'senco_head' CHECK (visibility IN ('senco_head', 'teachers')),
            original_name TEXT NOT NULL,
            file_type TEXT NOT NULL CHECK (file_type IN ('pdf', 'docx', 'jpeg', 'png')),
            size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
            sha256 TEXT NOT NULL,
            pages INTEGER,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            content BLOB NOT NULL
        );
        CREATE INDEX attachments_pupil ON attachments (pupil_id, document_date);
        """
    )
