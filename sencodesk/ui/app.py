"""Starting the desktop app: the one root window, theme, text size, error reporting."""

from __future__ import annotations

import logging
import shutil
import tempfile
import tkinter
from pathlib import Path

import ttkbootstrap as ttk

from ..domain.errors import UserError
from ..logs import setup_logging
from ..services import encryption, settings, sharing, users
from ..services.actor import Actor, open_school, school_exists
from . import appearance, dialogs, roles, startup
from .icon import apply_icon
from .idle_lock import IdleLock
from .main_window import MainWindow
from .sign_in import ChangePasswordForm, SignInForm, start_sign_in

log = logging.getLogger(__name__)


def window_size(root: tkinter.Misc) -> tuple[int, int]:
    """Fill a small school laptop (1366x768 less the taskbar); no bigger than needed elsewhere."""
    return min(root.winfo_screenwidth(), 1440), min(root.winfo_screenheight() - 48, 900)


def install_error_reporter(root: tkinter.Tk, log_path: Path | None) -> None:
    """An error in any click handler: a plain message (the app keeps running), details logged.

    Without this Tk prints the traceback to stderr, which the frozen Windows app does not have.
    """

    def report(exc_type, value, tb) -> None:
        if isinstance(value, UserError):
            dialogs.show_error(root, value.message)
            return
        log.error("Unexpected error in the window", exc_info=(exc_type, value, tb))
        where = f"\n\nThe details are in the log file:\n{log_path}" if log_path else ""
        dialogs.show_error(
            root,
            "Something went wrong and SENCO desk could not finish that. "
            "Anything you had already saved is safe; you can carry on."
            f"{where}",
        )

    root.report_callback_exception = report


def make_root(actor: Actor | None) -> ttk.App:
    """The one root. Before sign-in (no Actor yet) with the default look; see apply_look."""
    prefs = settings.get_settings(actor) if actor is not None else {}
    root = ttk.App(
        title=settings.school_title(actor) if actor is not None else "SENCO desk",
        theme=appearance.theme_for(prefs.get("theme", "light")),
        default_button=appearance.default_button(prefs.get("theme", "light")),
        minsize=(900, 560),
    )
    width, height = window_size(root)
    root.geometry(f"{width}x{height}+0+0")
    appearance.apply_text_scale(root, prefs.get("text_scale", 100))
    apply_icon(root)
    return root


def build_main_window(actor: Actor, root: tkinter.Misc | None = None) -> MainWindow:
    """The main window on the register, ready to show (no mainloop: the benchmark times this)."""
    if root is None:
        root = tkinter._default_root or make_root(actor)  # one root per process (ttkbootstrap)
    window = MainWindow(root, actor)
    window.pack(fill="both", expand=True)
    window.open_register()
    return window


def apply_look(root: tkinter.Misc, actor: Actor) -> None:
    """The school's theme and text size, once someone has signed in and they can be read."""
    prefs = settings.get_settings(actor)
    appearance.apply_theme(root, prefs.get("theme", "light"))
    appearance.apply_text_scale(root, prefs.get("text_scale", 100))


def _demo_folder() -> Path:
    from ..demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="sencodesk-demo-"))
    build_demo(folder, phase="primary", encrypt=encryption.available())
    return folder


def _alive(root: tkinter.Misc) -> bool:
    try:
        return bool(root.winfo_exists())
    except tkinter.TclError:
        return False


def _show_start_failure(message: str) -> None:
    """A problem before or while opening: say so in a window (a frozen app has no console)."""
    root = tkinter._default_root
    made = root is None
    if made:
        root = ttk.App(title="SENCO desk")
        root.withdraw()
    dialogs.show_error(root, message)
    if made:
        root.destroy()


def needs_sign_in(folder: Path) -> bool:
    """An encrypted school, or one with accounts: someone must sign in. A new school, or one
    made before accounts existed, opens as today (the first-run dialog makes the SENCO's account)."""
    if encryption.is_encrypted(folder):
        return True
    if not school_exists(folder):
        return False
    # Only to ask whether accounts exist: the Actor the person then works as (signed in or
    # not) runs the quick check, so it is not run twice at start.
    actor = open_school(folder, check=False)
    try:
        return users.has_accounts(actor)
    finally:
        actor.close()


DEMO_NOTE = (
    "Demo school (made-up pupils). Sign in as senco, teacher, head or office: the password "
    "is demo for each, and the school passphrase is demo too."
)
DEMO_NAV_NOTE = "Demo school. Accounts: senco, teacher, head, office; password: demo."


class Starter:
    """Start-up after the root exists: sign-in, a forced password change, then the main window."""

    def __init__(self, root: tkinter.Misc, folder: Path, *, demo: bool = False):
        self.root, self.folder, self.demo = root, folder, demo
        self.actor: Actor | None = None
        self.window: MainWindow | None = None
        self.idle: IdleLock | None = None
        self.page: tkinter.Misc | None = None

    def _show_page(self, page) -> None:
        if self.page is not None:
            self.page.destroy()
        self.page = page
        page.place(relx=0.5, rely=0.4, anchor="center")

    def ask_sign_in(self) -> SignInForm:
        form = start_sign_in(self.root, self.folder, on_done=self.signed_in, on_quit=self.root.destroy)
        if self.demo:
            form.note = ttk.Label(form, text=DEMO_NOTE, bootstyle="secondary", wraplength=420, justify="left")
            form.note.pack(anchor="w", pady=(16, 0))
        self._show_page(form)
        form.focus_first()
        return form

    def signed_in(self, actor: Actor) -> None:
        self.actor = actor
        if users.must_change_password(actor):
            self._show_page(
                ChangePasswordForm(
                    self.root,
                    actor,
                    on_done=self.open_main,
                    on_cancel=self.root.destroy,
                    cancel_text="Quit SENCO desk",
                    intro=f"{actor.user.display_name}: the SENCO has set a password for you. Choose "
                    "your own before you carry on (type the one you were given as the current one).",
                )
            )
            return
        self.open_main()

    def open_main(self, actor: Actor | None = None) -> MainWindow:
        actor = actor or self.actor
        self.actor = actor
        if self.page is not None:
            self.page.destroy()
            self.page = None
        apply_look(self.root, actor)
        startup.backup_after_sign_in(actor)
        self.window = build_main_window(actor, self.root)
        roles.apply_to_main(self.window)
        dialog = self.window.first_run()
        if dialog is not None:
            self.root.update()  # map the main window first so the dialog opens in front of it
            dialog.show(self.root)
        if _alive(self.root):
            if actor.user.id is not None:  # signed in (first run signs the new SENCO in)
                self.window.on_sign_out = self.sign_out
                sign_out = ttk.Button(
                    self.window.nav,
                    text="Sign out… (Ctrl+Q)",
                    bootstyle="link",
                    padding=(0, 2),
                    command=self.window.sign_out,
                )
                sign_out.pack(side="bottom", anchor="w", before=self.window.nav_list)
                self.window.nav_footer(f"Signed in:\n{roles.who(actor.user)}")
                self.idle = IdleLock(self.root, self.window)
            if self.demo:  # packed after "Signed in" so, short of room, the demo note gives way first
                self.window.nav_footer(DEMO_NAV_NOTE, gives_way=True, bootstyle="secondary")
            self.window.update_title()
            self.window.open_start()
        return self.window

    def sign_out(self) -> None:
        """Back to the sign-in form for the next person: this one's windows close (the main
        window refused first if a record held unsaved changes) and their connection with them."""
        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        if self.window is not None:
            self.window.destroy()
            self.window = None
        if self.actor is not None:
            self.actor.close()
            self.actor = None
        self.root.title("SENCO desk")
        self.ask_sign_in()

    def close(self) -> None:
        if self.idle is not None:
            self.idle.stop()
        if self.actor is not None:
            self.actor.close()


def run(data_dir: Path | None, demo: bool = False) -> int:
    """The GUI until the window is closed. `demo`: on a throw-away demo school."""
    from ..services.attachments import remove_open_copies

    folder = _demo_folder() if demo else Path(data_dir)
    log_path = setup_logging(folder)
    starter = None
    remove_open_copies(stale_only=True)  # documents a crashed run left open to read
    try:
        status = sharing.data_folder_status(folder)
        if status.in_use_by:  # someone else has the shared folder: say who, and stop here
            _show_start_failure(status.message)
            return 1
        if not demo and not startup.check_data_file(folder):  # damaged: offer the latest good backup
            return 1
        if demo:
            from ..demo.accounts import DEMO_PASSWORD

            actor = users.sign_in(folder, "senco", DEMO_PASSWORD)
        else:
            actor = None if needs_sign_in(folder) else open_school(folder)
        root = tkinter._default_root or make_root(actor)  # one root per process (ttkbootstrap)
        install_error_reporter(root, log_path)
        starter = Starter(root, folder, demo=demo)
        if actor is None:
            starter.ask_sign_in()
        else:
            starter.signed_in(actor)
        if _alive(root):
            root.mainloop()
    except UserError as e:
        log.error("could not start: %s", e.message)
        _show_start_failure(e.message)
        return 1
    finally:
        if starter is not None:
            starter.close()
        remove_open_copies()  # the copies of documents opened to read go with the app
        if demo:
            shutil.rmtree(folder, ignore_errors=True)
    return 0
