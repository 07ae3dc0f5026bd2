"""What each role sees: hide or disable what the person may not do.

The services refuse anyway (the permissions matrix tests that); this only spares people
buttons that would end in "not allowed". Applied once to the main window after it is built
and to each screen as it is first built; a pupil record's tabs and buttons follow the role by
their declarations in pupil/tabs.py.
"""

from __future__ import annotations

from ..domain import field_access
from ..domain.users import ROLES, User
from .widgets import hide

SEN_COLUMNS = ("status", "primary", "secondary", "review")
# Nav screens and the permission each needs; screens not named are for everyone.
# A screen whose list its role may not read is hidden, not shown with a refusal in red.
SCREEN_NEEDS = {
    "dashboard": "cycle.read",
    "my_pupils": "cycle.read",
    "concerns": "concern.read",
    "provision": "provision.read",
    "deadlines": "statutory.read",
    "reports": "export.summary",
    "census": "register.check",
    "retention": "pupil.delete",
    "audit": "audit.read",
}


def who(user: User) -> str:
    """'Ms R Khan (SENCO)' for the title bar; nothing for the built-in SENCO of a school with no
    accounts yet."""
    if user.id is None:
        return ""
    return f"{user.display_name} ({ROLES.get(user.role, user.role)})"


def title_suffix(user: User) -> str:
    text = who(user)
    return f" — signed in as {text}" if text else ""


def apply_to_main(window) -> None:
    from .main_window import SCREEN_KEYS
    from .screens import SCREENS

    user = window.actor.user
    top = window.winfo_toplevel()
    for number, entry in enumerate(SCREENS, start=1):
        permission = SCREEN_NEEDS.get(entry.key)
        if permission and not user.can(permission):
            window.nav_buttons[entry.key].pack_forget()
            if number <= len(SCREEN_KEYS):  # its Ctrl+number shortcut goes nowhere either
                top.bind(SCREEN_KEYS[number - 1], lambda e: "break")
    for group, heading in window.nav_groups.items():  # no heading over an empty group
        if not any(window.nav_buttons[e.key].winfo_manager() for e in SCREENS if e.group == group):
            heading.pack_forget()


def apply_to_screen(key: str, screen, user: User) -> None:
    """Called as each screen is first built."""
    if key == "register":
        apply_to_register(screen, user)
    elif key == "settings":
        apply_to_settings(screen, user)


def apply_to_settings(screen, user: User) -> None:
    """Everyone may choose how it looks; the school's details, pack settings, imports and
    backups only for the roles that may change them (a teacher was offered them all)."""
    if not user.can("settings.edit"):
        for field in (*screen.form.fields.values(), *screen.packs.fields.values()):
            field.input.configure(state="readonly")
        screen.packs.profile.input.configure(state="disabled")
        screen.data.folder_entry.configure(state="readonly")
        for button in (
            screen.save_school_button,
            screen.packs.save_button,
            screen.packs.browse_button,
            screen.data.save_folder_button,
        ):
            hide(button)  # the details are shown read-only; nothing for these to do
    if not user.can("import.roll"):
        hide(screen.data.import_roll_button)
    if not user.can("pupil.edit_sen"):  # a CTF carries SEN status and needs: the SENCO imports it
        hide(screen.data.import_ctf_button)
    if not user.can("backup.run"):
        for button in (screen.data.backup_button, screen.data.restore_button):
            hide(button)


def apply_to_register(register, user: User) -> None:
    if not field_access.may_read(user.role, "pupils.sen_status"):
        # The office keeps the roll; SEN status and needs are not theirs to see: no columns, no
        # filters by them, and no line under the table saying "no need recorded" about a need
        # that is only hidden from them.
        columns = [c for c in register.tree["columns"] if c not in SEN_COLUMNS]
        register.tree.configure(displaycolumns=columns)
        for widget in (
            register.status_box,
            register.need_box,
            register.filter_labels["SEN status:"],
            register.filter_labels["Primary need:"],
            register.layer_box,
            register.filter_labels["Layer:"],
            register.needs_line,
        ):
            hide(widget)
        # "N on the register" is itself SEN information: the office sees no count of it.
        hide(register.count_label)
    if not user.can("pupil.edit_basic"):
        hide(register.add_button)  # a teacher or the head adds no pupils
