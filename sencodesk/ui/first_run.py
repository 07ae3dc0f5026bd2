"""First start with no school set up: the school's details, the SENCO's own account and the
school passphrase, saved together by `users.set_up_school`; then the one-time recovery key."""

from __future__ import annotations

import tkinter
from collections.abc import Callable
from pathlib import Path

import ttkbootstrap as ttk

from ..domain.accounts import clean_account
from ..domain.errors import ValidationError, errors_of
from ..domain.school import clean_school
from ..domain.users import User
from ..services import encryption, users
from ..services.actor import Actor
from ..services.users import FirstRun
from . import dialogs
from .kit import FormDialog, TextField
from .school_form import SchoolForm

ACCOUNT_FIELDS = (
    ("username", "Your user name", "e.g. rkhan"),
    ("display_name", "Your name as staff see it", "e.g. Ms R Khan"),
    ("password", "Your password", "at least 8 characters"),
    ("password_again", "Password again", ""),
)


class FirstRunDialog(FormDialog):
    SAVE_TEXT = "Save and open the register"

    def __init__(self, master, actor: Actor, *, on_saved: Callable[[], None], on_cancel: Callable[[], None]):
        super().__init__(master, "Welcome to SENCO desk")
        self.actor = actor
        self.on_saved, self.on_cancel = on_saved, on_cancel
        self.recovery_window: RecoveryKeyWindow | None = None
        self.cancel_button.configure(text="Quit (Esc)")

        school = ttk.Frame(self.body)
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
        self.sheet.put(school)

        you = ttk.Frame(self.body)
        ttk.Label(you, text="Your SENCO account", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(
            you,
            wraplength=340,
            justify="left",
            text="You sign in with this; you add other staff later in Settings.",
        ).pack(anchor="w", pady=(2, 10))
        self.account: dict[str, TextField] = {}
        for key, label, hint in ACCOUNT_FIELDS:
            field = TextField(you, label, hint=hint, width=30, secret=key.startswith("password"))
            field.pack(fill="x", pady=(0, 2))
            self.account[key] = field

        self.encrypt_var = tkinter.BooleanVar(master=self, value=encryption.available())
        self.passphrase: dict[str, TextField] = {}
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
                field = TextField(you, label, width=30, secret=True)
                field.pack(fill="x", pady=(0, 2))
                self.passphrase[key] = field
        self.sheet.put(you)
        self.fields = self.form.fields | self.account | self.passphrase

    def _encrypt_toggled(self) -> None:
        state = "normal" if self.encrypt_var.get() else "disabled"
        for field in self.passphrase.values():
            field.input.configure(state=state)

    def show(self, parent=None, focus=None) -> FirstRunDialog:
        """On screen, and waited on: the main window carries on once the school is set up."""
        super().show(parent, focus or self.form.fields["school_name"].input)
        if not dialogs.testing.active:
            self.wait_window()
        return self

    def submit(self) -> FirstRun:
        """Every mistake at once, both halves (the service checks again), then the one save."""
        school = self.form.collect()
        senco = {k: self.account[k].get() for k in ("username", "display_name", "password")}
        encrypt = bool(self.passphrase) and self.encrypt_var.get()
        passphrase = self.passphrase["passphrase"].get() if encrypt else None
        errors = {}
        if self.account["password"].get() != self.account["password_again"].get():
            errors["password_again"] = "The two passwords are different. Type it the same both times."
        if encrypt and passphrase != self.passphrase["passphrase_again"].get():
            errors["passphrase_again"] = "The two passphrases are different. Type it the same both times."
        errors = (
            errors_of(lambda: clean_school(school), lambda: clean_account(senco | {"role": "senco"})) | errors
        )
        if errors:
            raise ValidationError(errors)
        return users.set_up_school(self.actor, school, senco, passphrase=passphrase)

    def save(self) -> bool:
        if not self.sheet.submit(self.submit):
            return False
        result, senco = self.sheet.result, self.account
        # From now on this window acts as the SENCO account just made.
        self.actor.user = User(
            result.user_id, senco["username"].get().strip(), senco["display_name"].get().strip(), "senco"
        )
        self.saved = True
        self.withdraw()
        if result.recovery_key:
            self.recovery_window = RecoveryKeyWindow(self.master, result.recovery_key, on_close=self._finish)
            self.recovery_window.show(self.master)
        else:
            self._finish()
        return True

    def _finish(self) -> None:
        self.destroy()
        self.on_saved()

    def cancel(self) -> bool:
        """Quit (Esc, the X): a school's details and a password typed in by hand are not lost
        to one stray key without asking, as in every other form."""
        if not super().cancel():
            return False
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
