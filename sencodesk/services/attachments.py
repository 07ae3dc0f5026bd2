"""Documents on a pupil's record: add one from a file, list them, open or save a copy, change
their details, replace the file, remove one. All audited; an audit row never holds the file's
bytes or text, only what it is (title, kind, author, date, name, size, SHA-256).

Who: the SENCO adds and removes them (pupil.edit_sen). Whoever may read the pupil's SEN record
reads the list, and opens a document, as its own row rule allows
(domain.field_access.ATTACHMENT_AUDIENCES): the head all of them, a teacher/TA the documents
shared with the pupil's teachers, for their own pupils only; the office none.

Removing a document deletes it for real (its freed pages zeroed), not archive-first like a
pupil's record: an attached file is a copy of a document its author keeps, and the usual reason
to remove one is that it is the wrong child's or a superseded draft, which must not stay. What
went, when and by whom stays in the audit trail; backups taken before still hold it until they
rotate out (the dialog says so).

Opening a document writes a copy to a private folder of this program's own in the computer's
temporary folder (never the data folder, never a share) for the computer's viewer; the copies
are removed when SENCO desk closes, and any a crash left behind the next time it starts.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import outputs
from ..domain import field_access
from ..domain.attachments import (
    EXTENSIONS,
    FILE_TYPES,
    KINDS,
    MAX_FILE_BYTES,
    MAX_PUPIL_BYTES,
    clean_details,
    export_name,
    size_words,
)
from ..domain.dates import from_iso, uk
from ..domain.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationError
from ..environment import explain
from ..formats import documents
from ..store import attachments as store
from ..store import db as store_db
from .actor import Actor
from .pupils import get_pupil

log = logging.getLogger(__name__)

VIEW_PREFIX = "sencodesk-view-"
STALE_VIEW_SECONDS = 12 * 3600  # a viewing folder left this long by a run that crashed is cleared


@dataclass(frozen=True)
class Attachment:
    """A document's details as a list shows them (never its bytes)."""

    id: int
    pupil_id: int
    title: str
    kind: str
    author: str
    document_date: date
    visibility: str
    original_name: str
    file_type: str
    size_bytes: int
    sha256: str
    pages: int | None
    version: int
    added_on: date
    updated_by: str

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def file_label(self) -> str:
        return FILE_TYPES.get(self.file_type, self.file_type)

    @property
    def visibility_label(self) -> str:
        return field_access.AUDIENCE_LABELS.get(self.visibility, self.visibility)

    @property
    def is_word(self) -> bool:
        return self.file_type == "docx"

    @property
    def size_label(self) -> str:
        return size_words(self.size_bytes)

    @property
    def pages_label(self) -> str:
        if self.pages is None:
            return "Word document"
        return f"{self.pages} page" + ("" if self.pages == 1 else "s")

    @property
    def label(self) -> str:
        """'EP report - Dr Jones, 12/03/2026 (PDF, 8 pages)': one line for a choice of documents."""
        what = self.file_label if self.pages is None else f"{self.file_label}, {self.pages_label}"
        return f"{self.title} - {self.author}, {uk(self.document_date)} ({what})"

    def export_name(self, number: int | None = None) -> str:
        """'02 EP report - Dr Jones - 12-03-2026.pdf'; without a number, the name of a copy."""
        return export_name(number, self.title, self.author, self.document_date, EXTENSIONS[self.file_type])


def _attachment(row: Mapping[str, Any]) -> Attachment:
    return Attachment(
        id=row["id"],
        pupil_id=row["pupil_id"],
        title=row["title"],
        kind=row["kind"],
        author=row["author"],
        document_date=date.fromisoformat(row["document_date"]),
        visibility=row["visibility"],
        original_name=row["original_name"],
        file_type=row["file_type"],
        size_bytes=row["size_bytes"],
        sha256=row["sha256"],
        pages=row["pages"],
        version=row["version"],
        added_on=from_iso(row["created_at"][:10]) or date.today(),
        updated_by=row["updated_by"],
    )


def _audited(a: Mapping[str, Any]) -> dict[str, Any]:
    """What the audit keeps of a document: what it is, never what it says."""
    keys = ("title", "kind", "author", "document_date", "visibility", "original_name")
    return {k: a[k] for k in (*keys, "file_type", "size_bytes", "sha256", "pages")}


# --- reading ---------------------------------------------------------------------------------


def _may_see(actor: Actor, row: Mapping[str, Any]) -> bool:
    return field_access.may_see_attachment(actor.user.role, row["visibility"])


def list_attachments(actor: Actor, pupil_id: int) -> list[Attachment]:
    """The pupil's documents this person may see, newest first (never the files themselves)."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    return [_attachment(r) for r in store.for_pupil(actor.db, pupil_id) if _may_see(actor, r)]


def get_attachment(actor: Actor, attachment_id: int) -> Attachment:
    return _attachment(_readable(actor, attachment_id))


def _readable(actor: Actor, attachment_id: int) -> dict[str, Any]:
    row = store.get(actor.db, attachment_id)
    if row is None:
        raise NotFound("That document is no longer on the record (it may have been removed).")
    actor.require_pupil(row["pupil_id"], "pupil.read_sen")
    if not _may_see(actor, row):
        raise PermissionDenied(
            "This document is kept for the SENCO and the headteacher only. Ask the SENCO if you need it."
        )
    return row


def chosen_attachments(actor: Actor, pupil_id: int, ids: Sequence[int]) -> list[Attachment]:
    """The documents chosen to send with a pack, in the order chosen: each must be this pupil's
    and one this person may see (a pack is never a way round the row rule)."""
    actor.require_pupil(pupil_id, "pupil.read_sen")
    chosen: list[Attachment] = []
    for attachment_id in dict.fromkeys(ids):  # each once, in the order given
        row = _readable(actor, attachment_id)
        if row["pupil_id"] != pupil_id:
            raise ValidationError(
                {"attachments": f"Document {attachment_id} is on another pupil's record, not this one's."}
            )
        chosen.append(_attachment(row))
    return chosen


def attachment_bytes(actor: Actor, attachment_id: int) -> bytes:
    """The document itself (for a bundle, a copy, a subject access export)."""
    _readable(actor, attachment_id)
    return store.content(actor.db, attachment_id)


# --- adding, changing, removing --------------------------------------------------------------


def _read_file(path: Path) -> bytes:
    """The file's bytes; a file too big is refused before it is read (it could be a 4 GB video)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UserError(f"{path.name} is a folder: choose a document inside it.")
        if size > MAX_FILE_BYTES:
            raise UserError(
                f"{path.name} is {size_words(size)}; a document can be at most {size_words(MAX_FILE_BYTES)}. "
                "Scan it again at a lower resolution (200 dpi is plenty), or compress it, then attach it."
            )
        return path.read_bytes()
    except OSError as e:
        raise UserError(explain(e, path=path) or f"{path} could not be read ({e}).") from e


def _checked_file(actor: Actor, pupil_id: int, path: Path, *, besides: int | None = None) -> dict[str, Any]:
    """The file's columns, checked: its kind from its content, its size against the limits, not
    already attached to this pupil."""
    data = _read_file(path)
    found = documents.inspect(data, path.name)
    held = store.pupil_total(actor.db, pupil_id, besides=besides)
    if held + len(data) > MAX_PUPIL_BYTES:
        raise UserError(
            f"This pupil's documents already take {size_words(held)}; {path.name} ({size_words(len(data))}) "
            f"would take them past the {size_words(MAX_PUPIL_BYTES)} one pupil's record can hold. "
            "Remove a document that is no longer needed (or a copy attached twice), then add this one."
        )
    digest = hashlib.sha256(data).hexdigest()
    same = next(
        (r for r in store.for_pupil(actor.db, pupil_id) if r["sha256"] == digest and r["id"] != besides), None
    )
    if same is not None:
        raise UserError(
            f'{path.name} is already on this pupil\'s record, as "{same["title"]}" '
            f"(dated {uk(same['document_date'])}). It was not added again."
        )
    return {
        "original_name": path.name[:255],
        "file_type": found.file_type,
        "size_bytes": len(data),
        "sha256": digest,
        "pages": found.pages,
        "content": data,
    }


def check_file(actor: Actor, pupil_id: int, path: str | Path) -> str:
    """What the file is, in words ('PDF, 8 pages, 2.4 MB'), or the UserError its adding would
    meet: asked as soon as a file is chosen, before anyone types its details."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    found = _checked_file(actor, pupil_id, Path(path))
    pages = (
        "" if found["pages"] is None else f", {found['pages']} page" + ("" if found["pages"] == 1 else "s")
    )
    return f"{FILE_TYPES[found['file_type']]}{pages}, {size_words(found['size_bytes'])}"


def _details(form: Mapping[str, object], today: date | None) -> dict[str, Any]:
    d = clean_details(form, field_access.ATTACHMENT_AUDIENCES, today=today or date.today())
    return {
        "title": d.title,
        "kind": d.kind,
        "author": d.author,
        "document_date": d.document_date.isoformat(),
        "visibility": d.visibility,
    }


def add_attachment(
    actor: Actor, pupil_id: int, path: str | Path, form: Mapping[str, object], *, today: date | None = None
) -> int:
    """Attach the document at `path` to the pupil's record with its details (title, kind,
    author, document_date, visibility). Everything is checked before anything is stored."""
    actor.require_pupil(pupil_id, "pupil.edit_sen")
    pupil = get_pupil(actor, pupil_id)
    details = _details(form, today)  # what was typed first: it is shown by its fields
    values = {"pupil_id": pupil_id, **details, **_checked_file(actor, pupil_id, Path(path))}
    with actor.write() as db:
        attachment_id = store.insert(db, values, actor.user.display_name)
        actor.audit(
            "create",
            "attachment",
            attachment_id,
            pupil_id=pupil_id,
            summary=f"attached {values['title']} ({KINDS[values['kind']].lower()}, "
            f"{FILE_TYPES[values['file_type']]}, {size_words(values['size_bytes'])}) to "
            f"{pupil.display_name}'s record",
            changes={k: [None, v] for k, v in _audited(values).items()},
        )
    return attachment_id


def _editable(actor: Actor, attachment_id: int) -> dict[str, Any]:
    row = store.get(actor.db, attachment_id)
    if row is None:
        raise NotFound("That document is no longer on the record (it may have been removed).")
    actor.require_pupil(row["pupil_id"], "pupil.edit_sen")
    return row


def _stale(row: Mapping[str, Any]) -> Conflict:
    return Conflict(
        f"{row['updated_by'] or 'Someone'} changed this document since you opened it. Nothing was "
        "saved: reload to see their changes."
    )


def update_attachment(
    actor: Actor, attachment_id: int, version: int, form: Mapping[str, object], *, today: date | None = None
) -> None:
    """Change what the record says about a document (its title, kind, author, date, who sees it)."""
    row = _editable(actor, attachment_id)
    after = _details(form, today)
    changes = {k: [row[k], v] for k, v in after.items() if row[k] != v}
    if not changes:
        return
    with actor.write() as db:
        if not store.update(
            db, attachment_id, version, {k: after[k] for k in changes}, actor.user.display_name
        ):
            raise _stale(row)
        actor.audit(
            "update",
            "attachment",
            attachment_id,
            pupil_id=row["pupil_id"],
            summary=f"changed the details of the document {after['title']}",
            changes=changes,
        )


def replace_file(actor: Actor, attachment_id: int, version: int, path: str | Path) -> None:
    """Put a new file in a document's place (a corrected report), keeping its details. The old
    file goes for good; the audit keeps what it was (name, size, SHA-256)."""
    row = _editable(actor, attachment_id)
    values = _checked_file(actor, row["pupil_id"], Path(path), besides=attachment_id)
    before = _audited(row)
    store_db.secure_delete(actor.db)
    with actor.write() as db:
        if not store.update(db, attachment_id, version, values, actor.user.display_name):
            raise _stale(row)
        after = _audited(row | values)
        actor.audit(
            "update",
            "attachment",
            attachment_id,
            pupil_id=row["pupil_id"],
            summary=f"replaced the file of the document {row['title']}: {row['original_name']} "
            f"with {values['original_name']}",
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    _checkpoint(actor)


def remove_attachment(actor: Actor, attachment_id: int, version: int) -> None:
    """Remove a document from the record for good (see the module's note); audited with what it was."""
    row = _editable(actor, attachment_id)
    pupil = get_pupil(actor, row["pupil_id"])
    store_db.secure_delete(actor.db)  # its freed pages are overwritten, not left in the file
    with actor.write() as db:
        if not store.delete(db, attachment_id, version):
            raise _stale(row)
        actor.audit(
            "delete",
            "attachment",
            attachment_id,
            pupil_id=row["pupil_id"],
            summary=f"removed the document {row['title']} ({row['original_name']}, by {row['author']}, "
            f"dated {uk(row['document_date'])}) from {pupil.display_name}'s record; the file is deleted",
            changes={k: [v, None] for k, v in _audited(row).items()},
        )
    _checkpoint(actor)


def _checkpoint(actor: Actor) -> None:
    """Move the change from the write-ahead log into the file now, so the old file's bytes do
    not wait there (best effort: another SENCO desk reading holds it back, harmlessly)."""
    try:
        actor.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as e:  # noqa: BLE001 - never a reason to fail a removal that is done
        log.info("checkpoint after removing a document waited: %s", e)


# --- copies out ------------------------------------------------------------------------------


def save_copy(actor: Actor, attachment_id: int, path: str | Path) -> Path:
    """Write a copy of the document to `path` (through outputs: never into the data folder, never
    over a file the person did not agree to replace); audited as an export."""
    row = _readable(actor, attachment_id)
    data = store.content(actor.db, attachment_id)
    target = Path(path)
    with actor.write():
        actor.audit(
            "export",
            "attachment",
            attachment_id,
            pupil_id=row["pupil_id"],
            summary=f"saved a copy of the document {row['title']} to {target.name}",
            changes={"file": [None, str(target)]},
        )
        written = outputs.write_atomic(target, lambda f: f.write(data))
    return written


_viewing: dict[str, Path] = {}
_opened = itertools.count(1)


def _viewing_folder() -> Path:
    """This program's own folder for copies being read, made once a run (only this computer
    account may open it)."""
    folder = _viewing.get("folder")
    if folder is None or not folder.is_dir():
        folder = Path(tempfile.mkdtemp(prefix=VIEW_PREFIX))  # private: mode 0700 where there are modes
        _viewing["folder"] = folder
    return folder


def open_copy(actor: Actor, attachment_id: int) -> Path:
    """A copy of the document to open in the computer's own viewer, in this program's private
    temporary folder (removed when SENCO desk closes). Audited: a copy left the data file."""
    row = _readable(actor, attachment_id)
    data = store.content(actor.db, attachment_id)
    name = export_name(next(_opened), row["title"], ending=EXTENSIONS[row["file_type"]])
    target = _viewing_folder() / name
    with actor.write():
        actor.audit(
            "export",
            "attachment",
            attachment_id,
            pupil_id=row["pupil_id"],
            summary=f"opened a copy of the document {row['title']} to read",
        )
        written = outputs.write_atomic(target, lambda f: f.write(data))
    return written


def remove_open_copies(*, stale_only: bool = False) -> int:
    """Remove the copies opened to read: this run's (at close), or with `stale_only` those a run
    that crashed left in the temporary folder (at start). A copy a viewer still holds open on
    Windows stays until next time. Returns how many folders went."""
    removed = 0
    own = _viewing.get("folder")
    root = Path(tempfile.gettempdir())
    for folder in root.glob(f"{VIEW_PREFIX}*"):
        if stale_only:
            try:
                old = time.time() - folder.stat().st_mtime > STALE_VIEW_SECONDS
            except OSError:
                continue
            if folder == own or not old or (hasattr(os, "getuid") and folder.stat().st_uid != os.getuid()):
                continue
        elif folder != own:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 0 if folder.exists() else 1
    if not stale_only:
        _viewing.pop("folder", None)
    return removed
