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
    group: str  # the small heading it sits under in the navigation


# Grouped by how often people need them: the everyday screens first (Ctrl+1 to Ctrl+6, My pupils
# near the top for teachers), then printing and checks, then the running of the school's copy (Admin).
DAY_TO_DAY, REPORTS, ADMIN = "Day to day", "Reports and checks", "Admin"
SCREENS: list[NavEntry] = [
    NavEntry("dashboard", "Dashboard", "dashboard:DashboardScreen", DAY_TO_DAY),
    NavEntry("register", "Register", "register:RegisterScreen", DAY_TO_DAY),
    NavEntry("my_pupils", "My pupils", "my_pupils:MyPupilsScreen", DAY_TO_DAY),
    NavEntry("concerns", "Concerns", "concerns:ConcernsScreen", DAY_TO_DAY),
    NavEntry("provision", "Provision", "provision:ProvisionScreen", DAY_TO_DAY),
    NavEntry("deadlines", "Deadlines", "deadlines:DeadlinesScreen", DAY_TO_DAY),
    NavEntry("reports", "Reports", "reports:ReportsScreen", REPORTS),
    NavEntry("census", "Census check", "census:CensusScreen", REPORTS),
    NavEntry("settings", "Settings", "settings:SettingsScreen", ADMIN),
    NavEntry("accounts", "Accounts", "accounts:AccountsScreen", ADMIN),
    NavEntry("audit", "Audit trail", "audit_trail:AuditTrailScreen", ADMIN),
    NavEntry("retention", "Retention", "retention:RetentionScreen", ADMIN),
]
