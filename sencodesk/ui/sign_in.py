"""The sign-in screen (at start, and again after the idle lock) and the forced password change.

Both are frames packed into a window the caller owns, so the start-up flow and the idle lock
share them. What happens on success is the caller's: `on_done(result)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ttkbootstrap as ttk

from ..domain.errors import ValidationError
from ..services import encryption, users
from ..services.actor import Actor
from . import dialogs
from .kit import Form, FormDialog, TextField


class SignInForm(Form):
    """User name and password; the school passphrase too when the service asks for it once.

    `check(username, password, passphrase)` does the work and returns what `on_done` receives;
    a refusal (wrong password, lockout) is shown under the form in the service's own words.
    """

    def __init__(
        self,
        master,
        *,
        title: str,
        intro: str,
        check: Callable[[str, str, str | None], Any],
        on_done: Callable[[Any], None],
        on_quit: Callable[[], None],
        username: str = "",
        fixed_user: bool = False,
        note: str = "",
        button_text: str = "Sign in",
        forgot_passphrase: Callable[[], None] | None = None,
    ):
        super().__init__(master, columns=1, padding=24)
        self.check, self.on_done = check, on_done
        ttk.Label(self, text=title, font="TkHeadingFont").pack(anchor="w")
        ttk.Label(self, text=intro, wraplength=420, justify="left").pack(anchor="w", pady=(4, 12))
        self.username = TextField(self, "User name", width=30)
        self.username.pack(fill="x")
        self.username.set(username)
        if fixed_user:
            self.username.input.configure(state="readonly")
        self.password = TextField(self, "Password", width=30, secret=True)
        self.password.pack(fill="x", pady=(6, 0))
        # Asked only on a person's first sign-in after the school was encrypted.
        self.passphrase = TextField(self, "School passphrase (this once)", width=30, secret=True)
        for key, field in (
            ("username", self.username),
            ("password", self.password),
            ("passphrase", self.passphrase),
        ):
            self.add(key, field, place=False)
            field.input.bind("<Return>", lambda e: self.submit_sign_in())
        # Shown with the passphrase box: the way in when nobody remembers the passphrase.
        self.forgot_button = ttk.Button(
            self,
            text="Forgotten the school passphrase? Use the recovery key",
            bootstyle="link",
            command=forgot_passphrase or (lambda: None),
        )
        self.can_reset_passphrase = forgot_passphrase is not None
        self.message = self.status
        self.status.configure(wraplength=420)
        self.status.pack(anchor="w", pady=(8, 0))
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(8, 0))
        self.sign_in_button = ttk.Button(
            buttons, text=button_text, bootstyle="primary", command=self.submit_sign_in
        )
        self.sign_in_button.pack(side="right")
        self.quit_button = ttk.Button(buttons, text="Quit SENCO desk", command=on_quit)
        self.quit_button.pack(side="right", padx=(0, 8))
        if note:
            self.note = ttk.Label(self, text=note, bootstyle="secondary", wraplength=420, justify="left")
            self.note.pack(anchor="w", pady=(16, 0))

    def focus_first(self) -> None:
        (self.password if self.username.get() else self.username).input.focus_set()

    def submit_sign_in(self) -> None:
        name, password = self.username.get().strip(), self.password.get()
        if not name or not password:
            self.say("Type your user name and password.")
            return
        shown = self.passphrase.winfo_manager() != ""
        passphrase = (self.passphrase.get() or None) if shown else None
        if self.submit(lambda: self.check(name, password, passphrase)):
            self.password.set("")
            self.passphrase.set("")
            self.on_done(self.result)
            return
        refused = self.refused
        self.password.set("")  # typed again after any refusal, never kept
        self.password.input.focus_set()
        if isinstance(refused, users.PassphraseNeeded):
            # The same words whether the password was wrong or the person has no key slot yet
            # (the service cannot say which without telling a guesser): offer the passphrase box.
            self.passphrase.pack(fill="x", pady=(6, 0), before=self.status)
            if self.can_reset_passphrase:
                self.forgot_button.pack(anchor="w", before=self.status)
            self.say(refused.message, "primary")  # info cyan is too pale on white
        elif refused is not None:
            self.say(refused.message)  # the service's own words, not "Nothing was saved"
            self.passphrase.set("")

    def passphrase_reset(self) -> None:
        """After the recovery key set a new passphrase: sign in with it."""
        self.passphrase.set("")
        self.say(
            "The school passphrase is changed. Sign in, typing the new passphrase when asked.", "success"
        )
        self.password.input.focus_set()


def start_sign_in(
    master, data_dir: Path, *, on_done: Callable[[Actor], None], on_quit: Callable[[], None]
) -> SignInForm:
    """The form at start-up: a good sign-in opens the school as that person."""

    def check(name: str, password: str, passphrase: str | None) -> Actor:
        from .startup import sign_in_or_restore  # a damaged file is offered its latest good backup

        actor = sign_in_or_restore(master, data_dir, name, password, passphrase)
        notice = users.sign_in_notice(actor)  # the SENCO: failed sign-ins since last time
        if notice:
            dialogs.show_info(master, notice, title="Failed sign-ins")
        return actor

    def forgot_passphrase() -> None:
        PassphraseResetDialog(master, data_dir, on_done=lambda _: form.passphrase_reset()).show(master)

    form = SignInForm(
        master,
        title="Sign in to SENCO desk",
        check=check,
        on_done=on_done,
        on_quit=on_quit,
        intro="SEN records are private: sign in with your own account. The SENCO "
        "can reset a forgotten password.",
        forgot_passphrase=forgot_passphrase if encryption.is_encrypted(data_dir) else None,
    )
    return form


class PassphraseResetDialog(FormDialog):
    """A forgotten school passphrase: the recovery key from the school safe sets a new one
    (nobody is signed in; holding the key is the authority, services/encryption.py)."""

    SAVE_TEXT = "Set the new passphrase"

    def __init__(self, parent, data_dir: Path, *, on_done: Callable[[None], None]):
        super().__init__(parent, "Reset the school passphrase", on_done=on_done, width=420)
        self.data_dir = data_dir
        ttk.Label(
            self.body,
            text="Type the recovery key printed when the school's data was encrypted (kept in the "
            "school safe), then choose a new school passphrase: a short sentence is easy to remember.",
            wraplength=420,
            justify="left",
        ).pack(anchor="w", pady=(0, 8))
        for key, label in (
            ("recovery_key", "Recovery key"),
            ("new_passphrase", "New school passphrase"),
            ("again", "New passphrase again"),
        ):
            field = TextField(self.body, label, width=36, secret=key != "recovery_key")
            field.pack(fill="x", pady=(0, 4))
            field.input.bind("<Return>", lambda e: self.save())
            self.fields[key] = field

    def submit(self) -> None:
        new = self.fields["new_passphrase"].get()
        if new != self.fields["again"].get():
            raise ValidationError(
                {"again": "The two passphrases are different. Type it the same both times."}
            )
        encryption.reset_passphrase_with_recovery_key(self.data_dir, self.fields["recovery_key"].get(), new)


class ChangePasswordForm(Form):
    """Current password, new password twice. Used at sign-in (must change) and in Settings."""

    def __init__(
        self,
        master,
        actor: Actor,
        *,
        on_done: Callable[[], None],
        title: str = "Choose a new password",
        intro: str = "",
        on_cancel: Callable[[], None] | None = None,
        cancel_text: str = "Cancel",
    ):
        super().__init__(master, columns=1, padding=24 if intro else 0)
        self.actor, self.on_done = actor, on_done
        if intro:
            self.line(title, wraplength=420).configure(font="TkHeadingFont")
            self.line(intro, wraplength=420)
        for key, label in (
            ("old_password", "Current password"),
            ("new_password", "New password"),
            ("again", "New password again"),
        ):
            field = self.text(key, label, width=30, secret=True)
            field.input.bind("<Return>", lambda e: self.change())
        self.message = self.status
        self.status.configure(wraplength=420)
        self.place_status()
        buttons = ttk.Frame(self)
        self.put(buttons, wide=True)
        self.save_button = ttk.Button(
            buttons, text="Change password", bootstyle="primary", command=self.change
        )
        self.save_button.pack(side="right")
        if on_cancel is not None:
            ttk.Button(buttons, text=cancel_text, command=on_cancel).pack(side="right", padx=(0, 8))

    def change(self) -> bool:
        old, new, again = (self.fields[k].get() for k in ("old_password", "new_password", "again"))

        def change_it() -> None:
            if new != again:
                raise ValidationError(
                    {"again": "The two new passwords are different. Type it the same both times."}
                )
            users.change_own_password(self.actor, old, new)

        if not self.submit(change_it, done="Your password is changed."):
            return False
        for field in self.fields.values():
            field.set("")
        self.mark_clean()
        self.on_done()
        return True
