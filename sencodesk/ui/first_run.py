"""First start with no school set up: the school's details, the SENCO's own account and the
school passphrase, saved together by `users.set_up_school`; then the one-time recovery key."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from pathlib import Path

import ttkbootstrap as ttk

from ..domain.accounts import clean_account
from ..domain.errors import ValidationError
from ..domain.school import clean_school
from ..domain.users import User
from ..services import encryption, users
from ..services.actor import Actor
from . import dialogs
from .forms import confirm_discard, typed_state
from .school_form import SchoolForm
from .widgets import Field

ACCOUNT_FIELDS = (
    ("username", "Your user name", "e.g. rkhan"),
    ("display_name", "Your name as staff see it", "e.g. Ms R Khan"),
    ("password", "Your password", "at least 8 characters"),
    ("password_again", "Password again", ""),
)


class FirstRunDialog(ttk.Toplevel):
    def __init__(self, master, actor: Actor, *, on_saved: Callable[[], None], on_cancel: Callable[[], None]):
        super().__init__(title="Welcome to SENCO desk", resizable=(False, False), master=master)
        self.withdraw()  # shown by show(), once placed over its parent
        self.actor = actor
        self.on_saved, self.on_cancel = on_saved, on_cancel
        self.saved = False
        self.as_opened: list | None = None  # what the inputs held when shown (see cancel)
        self.recovery_window: RecoveryKeyWindow | None = None
        body = ttk.Frame(self, padding=16)
        body.pack(fill="both", expand=True)
        columns = ttk.Frame(body)
        columns.pack(fill="both", expand=True)

        school = ttk.Frame(columns)
        school.pack(side="left", anchor="n", fill="y")
        ttk.Label(school, text="Your school's details", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            school,
            wraplength=380,
            justify="left",
            text="SENCO desk puts these on every pack it prints for the local authority. "
            "You can change them later in Settings.",
        ).pack(anchor="w", pady=(2, 10))
        self.form = SchoolForm(school, actor)
        self.form.pack(fill="x")

        you = ttk.Frame(columns)
        you.pack(side="left", anchor="n", fill="y", padx=(20, 0))
        ttk.Label(you, text="Your SENCO account", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            you,
            wraplength=340,
            justify="left",
            text="You sign in with this; you add other staff later in Settings.",
        ).pack(anchor="w", pady=(2, 10))
        self.account: dict[str, Field] = {}
        for key, label, hint in ACCOUNT_FIELDS:
            field = Field(you, label, width=30, hint=hint)
            if key.startswith("password"):
                field.input.configure(show="•")
            field.pack(fill="x", pady=(0, 2))
            self.account[key] = field

        self.encrypt_var = tkinter.BooleanVar(master=self, value=encryption.available())
        self.passphrase: dict[str, Field] = {}
        if encryption.available():
            ttk.Checkbutton(
                you,
                text="Encrypt the school's data (recommended)",
                variable=self.encrypt_var,
                command=self._encrypt_toggled,
            ).pack(anchor="w", pady=(10, 0))
            ttk.Label(
                you,
                wraplength=340,
                justify="left",
                bootstyle="secondary",
                text="Encrypted, the data file is unreadable to anyone who copies it off this "
                "computer; the school passphrase unlocks it if every password is lost.",
            ).pack(anchor="w", pady=(2, 4))
            for key, label in (
                ("passphrase", "School passphrase (a short sentence)"),
                ("passphrase_again", "School passphrase again"),
            ):
                field = Field(you, label, width=30)
                field.input.configure(show="•")
                field.pack(fill="x", pady=(0, 2))
                self.passphrase[key] = field

        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(12, 0))
        self.save_button = ttk.Button(
            buttons, text="Save and open the register", bootstyle="primary", command=self.save
        )
        self.save_button.pack(side="right")
        self.cancel_button = ttk.Button(buttons, text="Quit (Esc)", command=self.cancel)
        self.cancel_button.pack(side="right", padx=(0, 8))
        self.bind("<Return>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.form.fields["school_name"].input.focus_set()

    def _encrypt_toggled(self) -> None:
        state = "normal" if self.encrypt_var.get() else "disabled"
        for field in self.passphrase.values():
            field.input.configure(state=state)

    def show(self, parent) -> None:
        self.as_opened = typed_state(self)  # before run_modal: it waits until the dialog closes
        dialogs.run_modal(self, parent, focus=self.form.fields["school_name"].input)

    def _fields(self) -> dict[str, Field]:
        return self.form.fields | self.account | self.passphrase

    def save(self) -> None:
        fields = self._fields()
        for field in fields.values():
            field.clear()
        errors = {}
        if self.account["password"].get() != self.account["password_again"].get():
            errors["password_again"] = "The two passwords are different. Type it the same both times."
        encrypt = bool(self.passphrase) and self.encrypt_var.get()
        passphrase = self.passphrase["passphrase"].get() if encrypt else None
        if encrypt and passphrase != self.passphrase["passphrase_again"].get():
            errors["passphrase_again"] = "The two passphrases are different. Type it the same both times."
        senco = {k: self.account[k].get() for k in ("username", "display_name", "password")}
        # Check both halves first so every mistake shows at once (the service checks again).
        for check, values in (
            (clean_school, {k: f.get() for k, f in self.form.fields.items()}),
            (clean_account, senco | {"role": "senco"}),
        ):
            try:
                check(values)
            except ValidationError as e:
                errors = e.field_errors | errors
        if not errors:
            try:
                result = users.set_up_school(
                    self.actor,
                    {k: f.get() for k, f in self.form.fields.items()},
                    senco,
                    passphrase=passphrase,
                )
            except ValidationError as e:
                errors = e.field_errors
        if errors:
            for key, message in errors.items():
                fields.get(key, self.form.fields["school_name"]).show_error(message)
            first = next((k for k in fields if k in errors), "school_name")
            fields[first].input.focus_set()
            return
        # From now on this window acts as the SENCO account just made.
        self.actor.user = User(
            result.user_id, senco["username"].strip(), senco["display_name"].strip(), "senco"
        )
        self.saved = True
        self.withdraw()
        if result.recovery_key:
            self.recovery_window = RecoveryKeyWindow(self.master, result.recovery_key, on_close=self._finish)
            self.recovery_window.show(self.master)
        else:
            self._finish()

    def _finish(self) -> None:
        self.destroy()
        self.on_saved()

    def cancel(self) -> bool:
        """Quit (Esc, the X): a school's details and a password typed in by hand are not lost
        to one stray key without asking, as in every other form."""
        if not confirm_discard(self, self.as_opened):
            return False
        self.destroy()
        self.on_cancel()
        return True


class RecoveryKeyWindow(ttk.Toplevel):
    """The recovery key, shown once: print it and keep it in the school safe."""

    def __init__(self, master, recovery_key: str, *, on_close: Callable[[], None] = lambda: None):
        super().__init__(title="Your recovery key", resizable=(False, False), master=master)
        self.withdraw()
        self.recovery_key, self.on_close = recovery_key, on_close
        body = ttk.Frame(self, padding=20)
        body.pack(fill="both", expand=True)
        ttk.Label(
            body, text="Your recovery key: print it and keep it in the school safe", font="TkHeadingFont"
        ).pack(anchor="w")
        ttk.Label(
            body,
            wraplength=520,
            justify="left",
            text="If the school passphrase and every password are ever lost, this key is the "
            "only way to open the school's data. SENCO desk shows it this once and keeps "
            "no copy it can read. Do not keep it on this computer or in email.",
        ).pack(anchor="w", pady=(4, 12))
        self.key_label = ttk.Label(
            body, text=recovery_key, font=("TkFixedFont", 14, "bold"), bootstyle="primary"
        )
        self.key_label.pack(anchor="w", pady=(0, 12))
        self.message = ttk.Label(body, text="", bootstyle="success", wraplength=520, justify="left")
        self.message.pack(anchor="w")
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(8, 0))
        self.done_button = ttk.Button(
            buttons, text="I have printed it (or written it down)", bootstyle="primary", command=self.close
        )
        self.done_button.pack(side="right")
        self.save_button = ttk.Button(buttons, text="Save to a file to print…", command=self.save_to_file)
        self.save_button.pack(side="right", padx=(0, 8))
        # Esc works here as everywhere, but the key is shown this once: a stray key press (or
        # the window's X) asks first, where the button above says it has been kept.
        self.protocol("WM_DELETE_WINDOW", self.close_asking)
        self.bind("<Escape>", lambda e: self.close_asking())

    def show(self, parent) -> None:
        dialogs.run_modal(self, parent, focus=self.done_button)

    def save_to_file(self, path: str | Path | None = None) -> Path | None:
        """A text file to print (a memory stick, not the school's shared drive)."""
        if path is None:
            from tkinter import filedialog

            path = filedialog.asksaveasfilename(
                parent=self,
                title="Save the recovery key to print",
                defaultextension=".txt",
                initialfile="sencodesk-recovery-key.txt",
            )
            if not path:
                return None
        path = Path(path)
        try:
            path.write_text(
                "SENCO desk recovery key\n\n"
                + self.recovery_key
                + "\n\nKeep this in the school safe. Delete this file once it is printed.\n",
                encoding="utf-8",
            )
        except OSError as e:
            self.message.configure(
                text=f"Could not save it there: {e.strerror}. Choose another place.", bootstyle="danger"
            )
            return None
        self.message.configure(text=f"Saved to {path}. Print it, then delete the file.", bootstyle="success")
        return path

    def close(self) -> None:
        self.destroy()
        self.on_close()

    def close_asking(self) -> bool:
        if not dialogs.confirm(
            self,
            "Have you printed or written down the recovery key? SENCO desk will not show it again.",
            yes="Close, I have kept it",
            no="Keep it on screen",
        ):
            return False
        self.close()
        return True
