"""People who use SENCO desk, their roles, and what each role may do.

Permissions are checked in the services (never only by hiding buttons). Until sign-in
exists, every face acts as the built-in LOCAL_SENCO.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = {
    "senco": "SENCO",
    "teacher": "Teacher/TA",
    "head": "Headteacher",
    "office": "Admin/office",
}

# What each role may do. A teacher's pupil-level rights are limited to their own pupils;
# the services apply that scope.
PERMISSIONS: dict[str, set[str]] = {
    "senco": {
        "pupil.read",
        "pupil.read_sen",
        "pupil.edit_basic",
        "pupil.edit_sen",
        "pupil.archive",
        "settings.read",
        "settings.edit",
        "register.read",
        "register.check",
        "concern.raise",
        "concern.read",
        "concern.triage",
        "cycle.read",
        "cycle.edit",
        "session.log",
        "review.record",
        "provision.read",
        "provision.edit",
        "export.packs",
        "export.summary",
        "users.admin",
        "audit.read",
        "import.roll",
        "backup.run",
        "pupil.delete",
        "export.sar",
        "statutory.read",
        "statutory.edit",
        "strategy.edit",  # the inclusion strategy: its words, budgets, export and publishing
        "observations.ask",  # asks staff for their observations of a pupil, and withdraws a request
        "observations.read",
    },
    "teacher": {
        "pupil.read",
        "pupil.read_sen",
        "register.read",
        "concern.raise",
        "cycle.read",
        "session.log",
        "review.record",
        "provision.read",
        "export.profile",
        "settings.read",
        "statutory.read",
        "observations.answer",  # answers (or declines) a request the SENCO sent them by name
    },
    "head": {
        "pupil.read",
        "pupil.read_sen",
        "register.read",
        "register.check",
        "settings.read",
        "cycle.read",
        "provision.read",
        "export.packs",
        "export.summary",
        "audit.read",
        "concern.read",
        "statutory.read",
        "strategy.edit",  # the head publishes the inclusion strategy with the SENCO
        "observations.read",
    },
    "office": {"pupil.read", "pupil.edit_basic", "register.read", "settings.read", "import.roll"},
}


@dataclass(frozen=True)
class User:
    id: int | None
    username: str
    display_name: str
    role: str

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, set())


LOCAL_SENCO = User(id=None, username="senco", display_name="SENCO", role="senco")
