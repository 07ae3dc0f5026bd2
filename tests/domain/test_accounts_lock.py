"""The lockout rules, as plain values: the school passphrase's growing lock and the failure window."""

from datetime import UTC, datetime, timedelta

from sencodesk.domain.accounts import (
    FAILURE_WINDOW,
    PASSPHRASE_FREE_TRIES,
    PASSPHRASE_MAX_LOCK,
    failures_in_a_row,
    passphrase_lock_until,
)

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def test_the_passphrase_lock_starts_after_the_free_tries_and_doubles_to_a_cap():
    assert passphrase_lock_until(PASSPHRASE_FREE_TRIES - 1, NOW) is None
    waits = [
        passphrase_lock_until(n, NOW) - NOW for n in range(PASSPHRASE_FREE_TRIES, PASSPHRASE_FREE_TRIES + 8)
    ]
    assert waits[:4] == [timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert waits == sorted(waits) and waits[-1] == PASSPHRASE_MAX_LOCK
    assert passphrase_lock_until(10_000, NOW) - NOW == PASSPHRASE_MAX_LOCK  # no overflow


def test_a_run_of_wrong_tries_is_forgotten_after_a_quiet_day():
    assert failures_in_a_row(0, None, NOW) == 1
    assert failures_in_a_row(4, NOW - timedelta(hours=1), NOW) == 5
    assert failures_in_a_row(4, NOW - FAILURE_WINDOW - timedelta(seconds=1), NOW) == 1
