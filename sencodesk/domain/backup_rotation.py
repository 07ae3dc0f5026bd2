"""Which backups to keep: the last 14 daily ones and one a week for the 8 weeks before.

Pure: the service lists the backup files, this decides, the service deletes the rest. Backups
taken before an import, a migration or a restore are kept by their own, separate rule.
"""

from __future__ import annotations

import re
from datetime import date, datetime

DAILY_KEEP = 14
WEEKLY_KEEP = 8
EVENT_KEEP = 20  # backups before imports/migrations/restores: the newest 20

_NAME = re.compile(r"^sencodesk_(\d{4}-\d{2}-\d{2})_(\d{6})_([a-z\-]+?)(?:-(\d+))?\.db$")


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """'sencodesk_2026-11-29_081500_daily.db' -> (when, 'daily'); None for other files."""
    m = _NAME.match(name)
    if not m:
        return None
    try:
        when = datetime.strptime(m.group(1) + m.group(2), "%Y-%m-%d%H%M%S")
    except ValueError:
        return None
    return when, m.group(3)


def backup_order(name: str) -> tuple[datetime, int, str]:
    """Sorts backup names oldest first. Backups taken in the same second are numbered after
    their kind ("manual", then "before-import-2", ..., "manual-10": store.db.backup_copy), an
    order the names alone get wrong ("manual-2" sorts before "manual", "-10" before "-9")."""
    m = _NAME.match(name)
    parsed = parse_backup_name(name)
    if not m or parsed is None:
        return datetime.min, 0, name
    return parsed[0], int(m.group(4) or 1), name


def daily_to_keep(days: list[date], daily: int = DAILY_KEEP, weekly: int = WEEKLY_KEEP) -> set[date]:
    """The days whose daily backup is kept: the newest `daily` days that have one, then for
    each of the `weekly` ISO weeks before those, that week's newest backup."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:daily])
    weeks_seen: list[tuple[int, int]] = []
    for day in ordered[daily:]:
        week = day.isocalendar()[:2]
        if week in weeks_seen:
            continue
        if any(d.isocalendar()[:2] == week for d in keep):
            continue  # that week already has a backup among the daily ones
        if len(weeks_seen) == weekly:
            break
        weeks_seen.append(week)
        keep.add(day)
    return keep
