"""Statutory deadlines as an iCalendar file (RFC 5545) for Outlook and other calendars.

A calendar leaves the school's system (phones, shared mailboxes), so by default a pupil is
named by initials only, and a UPN is never written. Each event is an all-day date with a UID
that stays the same from one export to the next, so re-importing updates events rather than
duplicating them.

RFC 5545 points this module keeps: CRLF line ends (3.1); lines folded at 75 octets, not
characters, never splitting a UTF-8 sequence, continuation lines starting with one space
(3.1); TEXT values escaping backslash, semicolon, comma and newline (3.3.11); UID and DTSTAMP
in every VEVENT (3.6.1); all-day dates as DTSTART;VALUE=DATE (3.3.4) with DTEND the day after.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .. import outputs
from ..domain.codes import year_label
from ..domain.statutory import Deadline, initials

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//SENCO desk//Statutory deadlines//EN"  # begins with outputs.ICS_MARKER


def escape_text(value: str) -> str:
    """A TEXT property value: backslash first, so the escapes added after are not doubled."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> list[str]:
    """Split one content line into physical lines of at most 75 octets (UTF-8)."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, MAX_OCTETS  # the leading space counts toward 75
        current += char
        size += width
    parts.append(current)
    return parts


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def pupil_label(item: Deadline, full_names: bool) -> str:
    if item.record == "inclusion_strategy":  # the whole school's, not a pupil's: no initials
        return item.pupil_name
    name = item.pupil_name if full_names else initials(item.pupil_name)
    if item.pupil_id is None:
        name += " (not on roll)"
    return f"{name} ({year_label(item.year_group)})" if item.year_group else name


def event(item: Deadline, *, today: date, uid_domain: str, full_names: bool, stamp: datetime) -> list[str]:
    step = item.step
    if step.overdue(today):
        prefix = f"OVERDUE {step.days_late(today)} days: "
    elif step.actual and not step.done(today):
        prefix = f"Booked {step.actual:%d/%m/%Y}: "
    else:
        prefix = ""
    owed = {"LA": "the local authority", "school": "the school", "parent": "the parent/carer"}.get(
        step.owed_by, step.owed_by
    )
    description = [f"Statutory date: {step.due:%d/%m/%Y} (owed by {owed}).", f"Rule: {step.basis}."]
    if step.note:
        description.append(step.note)
    if step.lifted:
        description.append("An exception in the regulations lifts this time limit.")
    description.append(f"As at {today:%d/%m/%Y}: {step.state(today)}. Open SENCO desk for the record.")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.uid_key}@{uid_domain}",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART;VALUE=DATE:{_date(step.due)}",
        f"DTEND;VALUE=DATE:{_date(step.due + timedelta(days=1))}",
        "SUMMARY:" + escape_text(f"{prefix}{step.what} - {pupil_label(item, full_names)}"),
        "DESCRIPTION:" + escape_text("\n".join(description)),
        "CATEGORIES:" + escape_text("SEN statutory deadline"),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return lines


def calendar(
    items: list[Deadline],
    *,
    today: date,
    school_name: str = "",
    uid_domain: str = "sencodesk",
    full_names: bool = False,
    stamp: datetime | None = None,
) -> str:
    """The whole .ics text, CRLF line ends, folded."""
    stamp = stamp or datetime.now(UTC)
    title = "SEN statutory deadlines" + (f" - {school_name}" if school_name else "")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(title),
    ]
    for item in items:
        lines += event(item, today=today, uid_domain=uid_domain, full_names=full_names, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(physical + CRLF for line in lines for physical in fold(line))


def write(path: Path, text: str) -> Path:
    """Write the calendar where the person asked (sencodesk/outputs.py: checked, atomic)."""
    return outputs.write_text(path, text, marker=outputs.ICS_MARKER, make_folder=True)
