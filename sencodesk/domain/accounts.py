"""Staff accounts: the checks on a new account or password, and the lockout rule. No I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from .errors import ValidationError
from .users import ROLES

MIN_PASSWORD = 8
MIN_PASSPHRASE = 10  # the school passphrase guards everything: longer than a password
# After LOCKOUT_AFTER wrong passwords in a row the account waits LOCKOUT_MINUTES: long enough
# to stop someone trying passwords at the school PC, short enough not to stop a lesson.
LOCKOUT_AFTER = 5
LOCKOUT_MINUTES = 15
# The school passphrase opens the whole school and can be typed with any user name, so its wrong
# guesses are counted for the school, not per name: after PASSPHRASE_FREE_TRIES within
# FAILURE_WINDOW the passphrase cannot be used for LOCKOUT_MINUTES, doubling with each further
# wrong guess up to PASSPHRASE_MAX_LOCK. It is needed only once per person after encryption (and
# the SENCO can enrol anyone by resetting their password), so a long lock costs a school little,
# while a guesser at the sign-in screen gets about a dozen tries a day.
PASSPHRASE_FREE_TRIES = 5
PASSPHRASE_MAX_LOCK = timedelta(hours=24)
# A run of wrong tries is forgotten after a day without one (so old mistypes never add up).
FAILURE_WINDOW = timedelta(hours=24)

USERNAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,31}")


@dataclass(frozen=True)
class Account:
    """A staff account as the Users screen and `sencodesk users list` show it (no hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: str | None
    last_sign_in: str | None
    must_change_password: bool
    version: int
    # False for staff named on records (a TA who runs an intervention) who were never given a
    # password: the demo's extra staff, or people the SENCO lists before giving them an account.
    can_sign_in: bool = True

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def check_password(password: str, username: str = "", field: str = "password") -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError({field: f"The password needs at least {MIN_PASSWORD} characters."})
    if username and password.strip().lower() == username.strip().lower():
        raise ValidationError({field: "The password cannot be the same as the user name."})


def check_passphrase(passphrase: str, field: str = "passphrase") -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(
            {
                field: f"The school passphrase needs at least {MIN_PASSPHRASE} "
                "characters; a short sentence is easy to remember."
            }
        )


def clean_account(form: Mapping[str, object], *, need_password: bool = True) -> dict[str, str]:
    """username, display_name, role (and password) from a form; ValidationError naming fields."""
    values = {k: str(form.get(k) or "").strip() for k in ("username", "display_name", "role")}
    values["role"] = values["role"].lower()
    errors = {}
    if not USERNAME_RE.fullmatch(values["username"]):
        errors["username"] = (
            "A user name has 2 to 32 letters or digits (dots, dashes and underscores allowed), e.g. rkhan."
        )
    if not values["display_name"]:
        errors["display_name"] = "The person's name is required, as it should appear in the history."
    if values["role"] not in ROLES:
        errors["role"] = "Choose a role: " + ", ".join(f"{k} ({v})" for k, v in ROLES.items()) + "."
    password = str(form.get("password") or "")
    if need_password:
        try:
            check_password(password, values["username"])
        except ValidationError as e:
            errors.update(e.field_errors)
    if errors:
        raise ValidationError(errors)
    return values | {"password": password}


def lock_until(failed_attempts: int, now: datetime) -> datetime | None:
    """When an account with this many wrong passwords in a row unlocks (None: not locked)."""
    if failed_attempts >= LOCKOUT_AFTER:
        return now + timedelta(minutes=LOCKOUT_MINUTES)
    return None


def passphrase_lock_until(failures: int, now: datetime) -> datetime | None:
    """When the school passphrase may be tried again after this many wrong ones (None: now)."""
    if failures < PASSPHRASE_FREE_TRIES:
        return None
    doublings = min(failures - PASSPHRASE_FREE_TRIES, 10)  # 2**10 x 15 minutes is past the cap
    return now + min(timedelta(minutes=LOCKOUT_MINUTES) * (1 << doublings), PASSPHRASE_MAX_LOCK)


def failures_in_a_row(previous: int, last_failure: datetime | None, now: datetime) -> int:
    """The count after one more wrong try: a run older than FAILURE_WINDOW starts again at 1."""
    if last_failure is None or now - last_failure > FAILURE_WINDOW:
        return 1
    return previous + 1
