"""Errors a person can cause, each with a message written for that person.

The UI shows `message` (and puts `field_errors` next to their fields); the CLI prints it and
exits 1. Programming errors are ordinary exceptions and are never caught to be hidden.
"""

from __future__ import annotations

from collections.abc import Callable


class UserError(Exception):
    """Something the person can fix. `message` is shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """One or more fields are wrong. `field_errors` maps a field name to what is wrong with it."""

    def __init__(self, field_errors: dict[str, str] | str, message: str | None = None):
        if isinstance(field_errors, str):
            field_errors = {"": field_errors}
        self.field_errors = dict(field_errors)
        if message is None:
            parts = list(self.field_errors.values())
            message = parts[0] if len(parts) == 1 else "Please correct these: " + "; ".join(parts)
        super().__init__(message)


class NotFound(UserError):
    """The record asked for does not exist (or is not visible to this person)."""


class PermissionDenied(UserError):
    """The acting person's role does not allow this."""


class Conflict(UserError):
    """Someone else changed the record since it was opened; nothing was saved."""


class AlreadyRecorded(Conflict):
    """What is being saved would replace something already recorded (a session logged for the
    same pupil and day): nothing was saved. `question` asks the person whether to replace it;
    the service replaces only when asked again with its say-so."""

    def __init__(self, message: str, question: str):
        super().__init__(message)
        self.question = question


def errors_of(*checks: Callable[[], object]) -> dict[str, str]:
    """The field messages of every check that refuses (each a call that may raise
    ValidationError), so a form can say every mistake at once rather than one per save."""
    found: dict[str, str] = {}
    for check in checks:
        try:
            check()
        except ValidationError as e:
            found = e.field_errors | found
    return found
