"""Leavers: sending their file on within 15 school days, keeping it for the retention period,
then deleting it for good when the SENCO confirms.

The transfer pack PDF itself comes with the reports theme; here the dashboard finds the
leavers whose pack is not marked sent, and the SENCO marks it sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import leavers as rules
from ..domain.dates import from_iso, parse_date, to_iso, uk
from ..domain.errors import NotFound, UserError, ValidationError
from ..domain.plural import plural
from ..domain.pupil import known_name
from ..domain.school_calendar import school_days_between
from ..store import db as store_db
from ..store import leavers as store
from ..store import settings as settings_store
from .actor import Actor
from .calendar import school_calendar
from .conflicts import stale

SETTING = "retention_years"


@dataclass(frozen=True)
class LeaverDue:
    """A leaver whose transfer pack has not been marked sent (the dashboard's list)."""

    pupil_id: int
    name: str
    left_on: date
    destination: str
    send_by: date
    school_days_left: int  # negative once overdue
    approximate: bool = False  # counted without the school's term dates: say so

    @property
    def overdue(self) -> bool:
        return self.school_days_left < 0

    @property
    def status(self) -> str:
        """Words, not colour alone: 'Overdue by 3 school days' / 'Send by 12/12/2026'."""
        about = " (approximate: term dates not set)" if self.approximate else ""
        if self.overdue:
            late = plural(-self.school_days_left, "school day")
            return f"Overdue by {late}: send by {uk(self.send_by)} has passed{about}"
        return f"Send by {uk(self.send_by)} ({plural(self.school_days_left, 'school day')} left){about}"


@dataclass(frozen=True)
class RetentionRow:
    """A leaver's record and the date it may be deleted."""

    pupil_id: int
    name: str
    dob: date
    left_on: date
    retain_until: date
    set_by_hand: bool  # the SENCO chose this record's date rather than the school's rule


def retention_years(actor: Actor) -> int:
    value = settings_store.load(actor.db).get(SETTING)
    return int(value) if value else rules.DEFAULT_RETENTION_YEARS


def set_retention_years(actor: Actor, years) -> int:
    """The school's retention period: records are kept until date of birth + this many years."""
    actor.require("settings.edit")
    value = rules.check_retention_years(years)
    before = retention_years(actor)
    with actor.write() as db:
        settings_store.save(db, {SETTING: value})
        actor.audit(
            "update",
            "settings",
            None,
            summary=f"changed how long leavers' records are kept to date of birth + {value} years",
            changes={SETTING: [before, value]},
        )
    return value


def leavers_awaiting_pack(actor: Actor, today: date | None = None) -> list[LeaverDue]:
    """Leavers whose transfer pack is not marked sent, most urgent first (a teacher: their own
    pupils only, like the register)."""
    actor.require("register.read")
    today = today or date.today()
    cal = school_calendar(actor)
    visible = actor.visible_pupil_ids()
    due = []
    for row in store.leavers(actor.db):
        if row["pack_sent_on"] or (visible is not None and row["id"] not in visible):
            continue
        left_on = date.fromisoformat(row["left_on"])
        send_by = rules.transfer_send_by(cal, left_on)
        due.append(
            LeaverDue(
                row["id"],
                known_name(row),
                left_on,
                row["destination"],
                send_by,
                school_days_between(cal, today, send_by),
                cal.approximate(left_on, send_by),
            )
        )
    return sorted(due, key=lambda d: (d.send_by, d.name))


def _leaver(actor: Actor, pupil_id: int) -> dict:
    row = next((r for r in store.leavers(actor.db) if r["id"] == pupil_id), None)
    if row is None:
        raise NotFound("That pupil is not a leaver in SENCO desk: mark them as left first.")
    return row


def mark_pack_sent(
    actor: Actor,
    pupil_id: int,
    sent_on: str | date | None = None,
    sent_to: str = "",
    *,
    today: date | None = None,
) -> None:
    """Record that the leaver's transfer pack went to their next school."""
    actor.require_pupil(pupil_id, "pupil.archive")
    row = _leaver(actor, pupil_id)
    day = parse_date(sent_on, "pack_sent_on", label="Date the pack was sent") or today or date.today()
    if day > (today or date.today()):
        raise ValidationError({"pack_sent_on": "The date the pack was sent is in the future."})
    to = sent_to.strip() or row["destination"]
    with actor.write() as db:
        if not store.save_leaver_file(
            db,
            pupil_id,
            row["file_version"],
            {"pack_sent_on": to_iso(day), "pack_sent_to": to},
            actor.user.display_name,
        ):
            raise stale(actor, "leaver_files", pupil_id, "leaver's file", key="pupil_id")
        actor.audit(
            "update",
            "leaver_file",
            pupil_id,
            pupil_id=pupil_id,
            summary=f"marked the transfer pack as sent on {uk(day)}" + (f" to {to}" if to else ""),
            changes={
                "pack_sent_on": [row["pack_sent_on"], to_iso(day)],
                "pack_sent_to": [row["pack_sent_to"] or "", to],
            },
        )


def _retain_until(row: dict, years: int) -> date:
    return from_iso(row["retain_until"]) or rules.retention_date(date.fromisoformat(row["dob"]), years)


def retention_date_of(actor: Actor, pupil_id: int) -> date:
    actor.require_pupil(pupil_id, "pupil.read")
    return _retain_until(_leaver(actor, pupil_id), retention_years(actor))


def set_retention_date(actor: Actor, pupil_id: int, until: str | date | None) -> None:
    """Keep this leaver's record until `until` (None/blank: back to the school's rule)."""
    actor.require_pupil(pupil_id, "pupil.archive")
    row = _leaver(actor, pupil_id)
    day = parse_date(until, "retain_until", label="Keep the record until")
    if day and day <= date.fromisoformat(row["left_on"]):
        raise ValidationError({"retain_until": "The record must be kept until after the pupil left."})
    with actor.write() as db:
        if not store.save_leaver_file(
            db, pupil_id, row["file_version"], {"retain_until": to_iso(day)}, actor.user.display_name
        ):
            raise stale(actor, "leaver_files", pupil_id, "leaver's file", key="pupil_id")
        actor.audit(
            "update",
            "leaver_file",
            pupil_id,
            pupil_id=pupil_id,
            summary=(
                f"set the record to be kept until {uk(day)}"
                if day
                else "set the record to be kept for the school's usual period"
            ),
            changes={"retain_until": [row["retain_until"], to_iso(day)]},
        )


def retention_due(actor: Actor, today: date | None = None) -> list[RetentionRow]:
    """Leavers' records past their retention date: the Retention screen asks to confirm each."""
    actor.require("pupil.delete")
    today = today or date.today()
    years = retention_years(actor)
    rows = []
    for row in store.leavers(actor.db):
        until = _retain_until(row, years)
        if until <= today:
            rows.append(
                RetentionRow(
                    row["id"],
                    known_name(row),
                    date.fromisoformat(row["dob"]),
                    date.fromisoformat(row["left_on"]),
                    until,
                    bool(row["retain_until"]),
                )
            )
    return sorted(rows, key=lambda r: (r.retain_until, r.name))


RETENTION_AUDIT = "a pupil record was deleted under the retention policy"


def delete_pupil_for_good(actor: Actor, pupil_id: int, *, today: date | None = None) -> bool:
    """Delete a leaver's record past its retention date: every row about them goes (contacts,
    history, cycles... cascade), their audit rows are replaced by one row with no personal data,
    and the file is rebuilt so none of their data stays in it. Returns False when the rebuild
    had to wait because SENCO desk is open elsewhere on this computer (the screen says so:
    the rows are deleted, and their freed space was zeroed by secure_delete).
    Backups taken before the deletion still hold the record until they rotate out."""
    actor.require("pupil.delete")
    today = today or date.today()
    row = _leaver(actor, pupil_id)
    until = _retain_until(row, retention_years(actor))
    if until > today:
        raise UserError(
            f"This record is kept until {uk(until)} under the retention policy, so it cannot be deleted yet."
        )
    store_db.secure_delete(actor.db)
    with actor.write() as db:
        store.delete_pupil(db, pupil_id)
        # No name, no id: the audit keeps only that a record went, when and by whom.
        actor.audit("delete", "pupil", None, summary=RETENTION_AUDIT, changes={})
    return store_db.erase_traces(actor.db)
