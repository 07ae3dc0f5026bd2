"""The screens of the left navigation, in order. Add a screen by adding one line here.

Each entry names a `ttk.Frame` subclass built as `Screen(master, main_window)` the first time it
is shown (imported lazily, so start-up only pays for the screen it opens). A screen may define
`on_show()` (called each time it is shown) and `refresh()` (called after pupils change).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    target: str  # "module:Class" under sencodesk.ui.screens


SCREENS: list[NavEntry] = [
    NavEntry("dashboard", "Dashboard", "dashboard:DashboardScreen"),
    NavEntry("register", "Register", "register:RegisterScreen"),
    NavEntry("concerns", "Concerns", "concerns:ConcernsScreen"),
    NavEntry("provision", "Provision", "provision:ProvisionScreen"),
    NavEntry("deadlines", "Deadlines", "deadlines:DeadlinesScreen"),
    NavEntry("my_pupils", "My pupils", "my_pupils:MyPupilsScreen"),
    NavEntry("reports", "Reports", "reports:ReportsScreen"),
    NavEntry("census", "Census check", "census:CensusScreen"),
    NavEntry("retention", "Retention", "retention:RetentionScreen"),
    NavEntry("settings", "Settings", "settings:SettingsScreen"),
    NavEntry("accounts", "Accounts", "accounts:AccountsScreen"),
    NavEntry("audit", "Audit trail", "audit_trail:AuditTrailScreen"),
]
