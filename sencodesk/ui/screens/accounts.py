"""Accounts: your own password (everyone); staff accounts, the idle lock and the school's
encryption (the SENCO)."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain.errors import UserError, ValidationError
from ...domain.plural import plural
from ...domain.users import ROLES
from ...services import encryption, users
from .. import dialogs
from ..first_run import RecoveryKeyWindow
from ..sign_in import ChangePasswordForm
from ..widgets import Field

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
        self.idle = Field(box, "Lock after this many idle minutes", width=6, hint="1 to 60")
        self.idle.pack(fill="x")
        self.idle.set(users.idle_minutes(self.actor))
        self.idle_message = ttk.Label(box, text="", bootstyle="success")
        ttk.Button(box, text="Save", command=self.save_idle).pack(anchor="e", pady=(4, 0))
        self.idle_message.pack(anchor="w")
        self.passphrase: dict[str, Field] = {}
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
        keys = (
            (
                ("current", "Current school passphrase"),
                ("new", "New school passphrase"),
                ("again", "New passphrase again"),
            )
            if encrypted
            else (("new", "School passphrase (a short sentence)"), ("again", "Passphrase again"))
        )
        for key, label in keys:
            field = Field(box, label, width=26)
            field.input.configure(show="•")
            field.pack(fill="x")
            self.passphrase[key] = field
        self.passphrase_message = ttk.Label(box, text="", wraplength=260, justify="left")
        self.passphrase_message.pack(anchor="w")
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
    def save_idle(self) -> None:
        self.idle.clear()
        try:
            minutes = users.save_idle_minutes(self.actor, self.idle.get())
        except ValidationError as e:
            self.idle.show_error(e.field_errors.get("idle_minutes", e.message))
            return
        self.idle_message.configure(
            text=f"Saved: locks after {plural(minutes, 'minute')} (from the next sign-in)."
        )

    def _passphrase_pair(self) -> str | None:
        for field in self.passphrase.values():
            field.clear()
        new, again = self.passphrase["new"].get(), self.passphrase["again"].get()
        if new != again:
            self.passphrase["again"].show_error("The two passphrases are different.")
            return None
        return new

    def _passphrase_failed(self, e: UserError) -> None:
        if isinstance(e, ValidationError):
            for key, text in e.field_errors.items():
                target = {"current_passphrase": "current"}.get(key, "new")
                self.passphrase.get(target, self.passphrase["new"]).show_error(text)
        else:
            self.passphrase_message.configure(text=e.message, bootstyle="danger")

    def change_passphrase(self) -> None:
        new = self._passphrase_pair()
        if new is None:
            return
        try:
            encryption.change_passphrase(self.actor, self.passphrase["current"].get(), new)
        except UserError as e:
            self._passphrase_failed(e)
            return
        for field in self.passphrase.values():
            field.set("")
        self.passphrase_message.configure(text="The school passphrase is changed.", bootstyle="success")

    def encrypt(self) -> None:
        new = self._passphrase_pair()
        if new is None:
            return
        try:
            recovery = encryption.encrypt_school(self.actor, new)
        except UserError as e:
            self._passphrase_failed(e)
            return
        self.passphrase_message.configure(text="The school's data is now encrypted.", bootstyle="success")
        self.recovery_window = RecoveryKeyWindow(self.main.root, recovery)
        self.recovery_window.show(self.main.root)

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


class StaffAccounts(ttk.Labelframe):
    """The SENCO's list of staff accounts: add, disable/enable, reset a password."""

    def __init__(self, master, actor):
        super().__init__(master, text="Staff accounts", padding=12)
        self.actor = actor
        self.tree = ttk.Treeview(
            self,
            columns=("username", "name", "role", "state"),
            show="headings",
            height=8,
            selectmode="browse",
        )
        for key, heading, width in (
            ("username", "User name", 80),
            ("name", "Name", 130),
            ("role", "Role", 95),
            ("state", "State", 150),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w")
        self.tree.pack(fill="both", expand=True)
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(6, 0))
        self.toggle_button = ttk.Button(row, text="Disable", command=self.toggle)
        self.toggle_button.pack(side="left")
        self.reset = Field(row, "New password for them", width=14)
        self.reset.input.configure(show="•")
        self.reset.pack(side="left", padx=(12, 4))
        self.reset_button = ttk.Button(row, text="Reset password", command=self.reset_password)
        self.reset_button.pack(side="left", anchor="s")

        add = ttk.Labelframe(self, text="Add a member of staff", padding=8)
        add.pack(fill="x", pady=(10, 0))
        self.add_fields: dict[str, Field] = {}
        for col, (key, label, kind) in enumerate(
            (
                ("username", "User name", "entry"),
                ("display_name", "Name", "entry"),
                ("role", "Role", "combo"),
                ("password", "First password", "entry"),
            )
        ):
            field = Field(add, label, kind=kind, values=tuple(ROLE_BY_LABEL), width=14)
            if key == "password":
                field.input.configure(show="•")
            field.grid(row=col // 2, column=col % 2, sticky="nw", padx=(0, 6))
            self.add_fields[key] = field
        self.add_fields["role"].set(ROLES["teacher"])
        self.add_button = ttk.Button(add, text="Add", bootstyle="primary", command=self.add)
        self.add_button.grid(row=1, column=2, sticky="sw")
        ttk.Label(
            add, text="They choose their own password when they first sign in.", bootstyle="secondary"
        ).grid(row=2, column=0, columnspan=3, sticky="w")
        self.message = ttk.Label(self, text="", wraplength=440, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected_changed())
        self.refresh()

    def refresh(self) -> None:
        self.accounts = {a.username: a for a in users.list_users(self.actor)}
        self.tree.delete(*self.tree.get_children())
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
            self.tree.insert(
                "",
                "end",
                iid=a.username,
                values=(a.username, a.display_name, ROLES.get(a.role, a.role), state),
            )
        self._selected_changed()

    def selected(self):
        chosen = self.tree.selection()
        return self.accounts.get(chosen[0]) if chosen else None

    def _selected_changed(self) -> None:
        account = self.selected()
        self.toggle_button.configure(
            text="Enable" if account and not account.active else "Disable",
            state="normal" if account else "disabled",
        )
        self.reset_button.configure(state="normal" if account else "disabled")

    def _done(self, text: str, username: str | None = None) -> None:
        self.refresh()
        if username and self.tree.exists(username):
            self.tree.selection_set(username)
            self._selected_changed()
        self.message.configure(text=text, bootstyle="success")

    def _failed(self, e: UserError) -> None:
        self.message.configure(text=e.message, bootstyle="danger")

    def toggle(self) -> None:
        account = self.selected()
        if account is None:
            return
        try:
            users.set_active(self.actor, account.username, not account.active)
        except UserError as e:
            self._failed(e)
            return
        self._done(
            f"{account.display_name} is {'enabled' if not account.active else 'disabled'}.", account.username
        )

    def reset_password(self) -> None:
        account = self.selected()
        self.reset.clear()
        if account is None:
            return
        try:
            users.reset_password(self.actor, account.username, self.reset.get())
        except ValidationError as e:
            self.reset.show_error(next(iter(e.field_errors.values()), e.message))
            return
        except UserError as e:
            self._failed(e)
            return
        self.reset.set("")
        self._done(
            f"{account.display_name}'s password is reset: tell them it in person. They choose "
            "their own when they next sign in.",
            account.username,
        )

    def add(self) -> None:
        for field in self.add_fields.values():
            field.clear()
        form = {k: f.get() for k, f in self.add_fields.items()}
        form["role"] = ROLE_BY_LABEL.get(form["role"], form["role"])
        try:
            users.create_user(self.actor, form)
        except ValidationError as e:
            for key, text in e.field_errors.items():
                self.add_fields.get(key, self.add_fields["username"]).show_error(text)
            return
        except UserError as e:
            self._failed(e)
            return
        for key in ("username", "display_name", "password"):
            self.add_fields[key].set("")
        self._done(f"Added {form['display_name'].strip()}.", form["username"].strip())
