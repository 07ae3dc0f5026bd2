"""Accounts: your own password (everyone); staff accounts, the idle lock and the school's
encryption (the SENCO)."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.errors import ValidationError
from ...domain.plural import plural
from ...domain.users import ROLES
from ...services import encryption, users
from .. import dialogs
from ..first_run import RecoveryKeyWindow
from ..kit import Column, Form, Table, TextField
from ..sign_in import ChangePasswordForm

ROLE_BY_LABEL = {label: key for key, label in ROLES.items()}


class AccountsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        self.recovery_window: RecoveryKeyWindow | None = None
        user = self.actor.user
        ttk.Label(self, text="Accounts and security", font="TkHeadingFont").pack(anchor="w")
        columns = ttk.Frame(self)
        columns.pack(fill="both", expand=True, pady=(10, 0))
        left = ttk.Frame(columns)
        left.pack(side="left", anchor="n", fill="y")

        mine = ttk.Labelframe(left, text=f"Your password ({user.display_name})", padding=12)
        mine.pack(anchor="n", fill="x")
        if user.id is None:
            ttk.Label(
                mine,
                wraplength=300,
                justify="left",
                text="This school has no accounts yet: SENCO desk opens without signing in. "
                "Close and reopen it to set up the SENCO's account.",
            ).pack(anchor="w")
            self.password_form = None
        else:
            self.password_form = ChangePasswordForm(mine, self.actor, on_done=lambda: None)
            self.password_form.pack(fill="x")

        self.users_frame = None
        if user.can("users.admin"):
            middle = ttk.Frame(columns)
            middle.pack(side="left", anchor="n", fill="y", padx=(12, 0))
            self._build_security(left, middle)
            self.users_frame = StaffAccounts(columns, self.actor)
            self.users_frame.pack(side="left", anchor="n", fill="both", expand=True, padx=(16, 0))

    def _build_security(self, parent, middle) -> None:
        box = ttk.Labelframe(parent, text="Idle lock", padding=12)
        box.pack(anchor="n", fill="x", pady=(12, 0))
        self.idle_form = Form(box, columns=1)
        self.idle_form.pack(fill="x")
        self.idle = self.idle_form.text(
            "idle_minutes", "Lock after this many idle minutes", hint="1 to 60", width=6
        )
        self.idle.set(users.idle_minutes(self.actor))
        save = ttk.Button(self.idle_form, text="Save", command=self.save_idle)
        self.idle_form.put(save)
        save.grid_configure(sticky="e")
        self.idle_message = self.idle_form.status
        self.idle_message.configure(wraplength=260)
        self.idle_form.place_status()
        self.passphrase: dict[str, TextField] = {}
        encrypted = self.actor.key is not None
        if not encrypted and not encryption.available():
            return
        box = ttk.Labelframe(middle, text="School passphrase and encryption", padding=12)
        box.pack(anchor="n", fill="x")
        ttk.Label(
            box,
            wraplength=260,
            justify="left",
            text=(
                "The school passphrase unlocks the encrypted data if passwords are lost; "
                "change it if someone who knew it has left."
                if encrypted
                else "This school's data is not encrypted. Encrypting makes the file unreadable "
                "if it is copied off this computer (a backup is taken first)."
            ),
        ).pack(anchor="w")
        # Keyed as the services name them, so each message goes by its box.
        keys = (
            (
                ("current", "current_passphrase", "Current school passphrase"),
                ("new", "new_passphrase", "New school passphrase"),
                ("again", "again", "New passphrase again"),
            )
            if encrypted
            else (
                ("new", "passphrase", "School passphrase (a short sentence)"),
                ("again", "again", "Passphrase again"),
            )
        )
        self.passphrase_form = Form(box, columns=1)
        self.passphrase_form.pack(fill="x")
        for name, key, label in keys:
            self.passphrase[name] = self.passphrase_form.text(key, label, width=26, secret=True)
        self.passphrase_message = self.passphrase_form.status
        self.passphrase_message.configure(wraplength=260)
        self.passphrase_form.place_status()
        row = ttk.Frame(box)
        row.pack(fill="x", pady=(4, 0))
        if encrypted:
            ttk.Button(row, text="Change passphrase", command=self.change_passphrase).pack(side="right")
            ttk.Button(row, text="New recovery key…", command=self.new_recovery_key).pack(side="left")
        else:
            ttk.Button(row, text="Encrypt the school's data", bootstyle="primary", command=self.encrypt).pack(
                side="right"
            )

    # ---- security -----------------------------------------------------------------------
    def save_idle(self) -> bool:
        if not self.idle_form.submit(lambda: users.save_idle_minutes(self.actor, self.idle.get())):
            return False
        self.idle_form.say(
            f"Saved: locks after {plural(self.idle_form.result, 'minute')} (from the next sign-in).",
            "success",
        )
        return True

    def _new_passphrase(self) -> str:
        """The new passphrase, once it has been typed the same twice."""
        new, again = self.passphrase["new"].get(), self.passphrase["again"].get()
        if new != again:
            raise ValidationError({"again": "The two passphrases are different."})
        return new

    def change_passphrase(self) -> bool:
        def change() -> None:
            encryption.change_passphrase(self.actor, self.passphrase["current"].get(), self._new_passphrase())

        if not self.passphrase_form.submit(change, done="The school passphrase is changed."):
            return False
        for field in self.passphrase.values():
            field.set("")
        return True

    def encrypt(self) -> bool:
        if not self.passphrase_form.submit(
            lambda: encryption.encrypt_school(self.actor, self._new_passphrase()),
            done="The school's data is now encrypted.",
        ):
            return False
        self.recovery_window = RecoveryKeyWindow(self.main.root, self.passphrase_form.result)
        self.recovery_window.show(self.main.root)
        return True

    def new_recovery_key(self) -> None:
        if not dialogs.confirm(
            self,
            "Make a new recovery key? The printed one stops working: print "
            "the new one and put it in the school safe.",
            yes="Make a new key",
            no="Keep the old one",
        ):
            return
        self.recovery_window = RecoveryKeyWindow(self.main.root, encryption.replace_recovery_key(self.actor))
        self.recovery_window.show(self.main.root)


STAFF_COLUMNS = (
    Column("username", "User name", sample="mmmmmmmm"),
    Column("name", "Name", sample="Mrs A Montgomery", stretch=True),
    Column("role", "Role", sample=max(ROLES.values(), key=len)),
    Column("state", "State", sample="must choose a new password"),
)


class StaffAccounts(ttk.Labelframe):
    """The SENCO's list of staff accounts: add, disable/enable, reset a password."""

    def __init__(self, master, actor):
        super().__init__(master, text="Staff accounts", padding=12)
        self.actor = actor
        self.table = Table(self, STAFF_COLUMNS, height=8)
        self.table.pack(fill="both", expand=True)
        self.tree = self.table.tree
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(6, 0))
        self.toggle_button = ttk.Button(row, text="Disable", command=self.toggle)
        self.toggle_button.pack(side="left")
        self.reset_form = Form(row, columns=1)
        self.reset_form.pack(side="left", padx=(12, 4))
        self.reset = self.reset_form.text("password", "New password for them", width=14, secret=True)
        self.reset_button = ttk.Button(row, text="Reset password", command=self.reset_password)
        self.reset_button.pack(side="left", anchor="s")

        add = ttk.Labelframe(self, text="Add a member of staff", padding=8)
        add.pack(fill="x", pady=(10, 0))
        self.add_form = Form(add, columns=3)
        self.add_form.pack(fill="x")
        self.add_form.text("username", "User name", width=14)
        self.add_form.text("display_name", "Name", width=14)
        self.add_form.new_row()
        self.add_form.choice("role", "Role", ROLES, width=14)
        self.add_form.text("password", "First password", width=14, secret=True)
        self.add_button = ttk.Button(self.add_form, text="Add", bootstyle="primary", command=self.add)
        self.add_form.put(self.add_button)
        self.add_button.grid_configure(sticky="sw")
        self.add_form.line("They choose their own password when they first sign in.", style="secondary")
        self.add_fields = self.add_form.fields
        self.add_fields["role"].set("teacher")
        self.message = ttk.Label(self, text="", wraplength=440, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        # each small form speaks in the one line under the list
        self.reset_form.status = self.add_form.status = self.message
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected_changed())
        self.refresh()

    def refresh(self) -> None:
        self.accounts = {a.username: a for a in users.list_users(self.actor)}
        rows = []
        for a in self.accounts.values():
            state = (
                "disabled"
                if not a.active
                else "no sign-in"  # named on records, no password yet: Reset password gives one
                if not a.can_sign_in
                else ("must choose a new password" if a.must_change_password else "active")
            )
            if a.locked_until:
                state += f", locked until {a.locked_until[11:16]}"
            rows.append((a.username, (a.username, a.display_name, ROLES.get(a.role, a.role), state)))
        self.table.show(rows)
        self._selected_changed()

    def selected(self):
        chosen = self.table.selected()
        return self.accounts.get(chosen) if chosen else None

    def _selected_changed(self) -> None:
        account = self.selected()
        self.toggle_button.configure(
            text="Enable" if account and not account.active else "Disable",
            state="normal" if account else "disabled",
        )
        self.reset_button.configure(state="normal" if account else "disabled")

    def _done(self, text: str, username: str | None = None) -> None:
        self.refresh()
        if username:
            self.table.select(username)
            self._selected_changed()
        self.message.configure(text=text, bootstyle="success")

    def toggle(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        if not self.reset_form.submit(
            lambda: users.set_active(self.actor, account.username, not account.active)
        ):
            return False
        self._done(
            f"{account.display_name} is {'enabled' if not account.active else 'disabled'}.", account.username
        )
        return True

    def reset_password(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        if not self.reset_form.submit(
            lambda: users.reset_password(self.actor, account.username, self.reset.get())
        ):
            return False
        self.reset.set("")
        self._done(
            f"{account.display_name}'s password is reset: tell them it in person. They choose "
            "their own when they next sign in.",
            account.username,
        )
        return True

    def add(self) -> bool:
        form = self.add_form.collect()
        if not self.add_form.submit(lambda: users.create_user(self.actor, form)):
            return False
        for key in ("username", "display_name", "password"):
            self.add_fields[key].set("")
        self._done(f"Added {form['display_name'].strip()}.", form["username"].strip())
        return True
