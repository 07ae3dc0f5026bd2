"""What each role sees: hide or disable what the person may not do.

The services refuse anyway (the permissions matrix tests that); this only spares people
buttons that would end in "not allowed". Applied once to the main window after it is built
and to each pupil record as it opens.
"""

from __future__ import annotations

from ..domain.users import ROLES, User

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
    from .screens import SCREENS

    user = window.actor.user
    top = window.winfo_toplevel()
    for number, entry in enumerate(SCREENS, start=1):
        permission = SCREEN_NEEDS.get(entry.key)
        if permission and not user.can(permission):
            window.nav_buttons[entry.key].pack_forget()
            if number <= 9:  # its Ctrl+number shortcut goes nowhere either
                top.bind(f"<Control-Key-{number}>", lambda e: "break")
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
            button.configure(state="disabled")
    if not user.can("import.roll"):
        for button in (screen.data.import_roll_button, screen.data.import_ctf_button):
            button.configure(state="disabled")
    if not user.can("backup.run"):
        for button in (screen.data.backup_button, screen.data.restore_button):
            button.configure(state="disabled")


def apply_to_register(register, user: User) -> None:
    if not user.can("pupil.read_sen"):
        # The office keeps the roll; SEN status and needs are not theirs to see.
        columns = [c for c in register.tree["columns"] if c not in SEN_COLUMNS]
        register.tree.configure(displaycolumns=columns)
        for box in (register.status_box, register.need_box):
            box.configure(state="disabled")
        # "N on the register" is itself SEN information: the office sees no count of it.
        manager = register.count_label.winfo_manager()
        if manager:
            getattr(register.count_label, f"{manager}_forget")()
    if not user.can("pupil.edit_basic"):
        register.add_button.configure(state="disabled")


def apply_to_record(record, user: User) -> None:
    if not user.can("pupil.read_sen"):
        record.tabs.hide(record.page("sen"))  # without building the tab
    if not user.can("pupil.edit_basic"):
        record.save_button.configure(state="disabled")
    if not user.can("pupil.archive"):
        record.leave_button.configure(state="disabled")
