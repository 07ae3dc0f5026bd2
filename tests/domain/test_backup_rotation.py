"""Which backups to keep: 14 daily, then one a week for 8 weeks."""

from datetime import date, datetime, timedelta

from sencodesk.domain.backup_rotation import daily_to_keep, parse_backup_name


def test_keeps_14_daily_and_8_weekly_of_100_days():
    today = date(2026, 11, 29)
    days = [today - timedelta(days=i) for i in range(100)]
    keep = daily_to_keep(days)
    daily = {today - timedelta(days=i) for i in range(14)}
    assert daily <= keep
    weekly = sorted(keep - daily, reverse=True)
    assert len(weekly) == 8
    weeks = [d.isocalendar()[:2] for d in weekly]
    assert len(set(weeks)) == 8  # one per week, consecutive weeks before the daily ones
    assert all(d.weekday() == 6 for d in weekly)  # the newest (Sunday) backup of each week
    assert min(weekly) > today - timedelta(days=14 + 8 * 7 + 7)


def test_few_backups_are_all_kept():
    days = [date(2026, 11, 1), date(2026, 11, 20)]
    assert daily_to_keep(days) == set(days)


def test_gaps_in_use_keep_the_last_14_days_that_have_a_backup():
    days = [date(2026, 1, 1) + timedelta(days=3 * i) for i in range(20)]
    keep = daily_to_keep(days)
    assert set(sorted(days)[-14:]) <= keep
    assert len(keep) < 20


def test_backup_names():
    assert parse_backup_name("sencodesk_2026-11-29_081500_daily.db") == (
        datetime(2026, 11, 29, 8, 15),
        "daily",
    )
    assert parse_backup_name("sencodesk_2026-11-29_081500_before-import-2.db")[1] == "before-import"
    assert parse_backup_name("holiday.jpg") is None
    assert parse_backup_name("sencodesk_2026-13-29_081500_daily.db") is None
