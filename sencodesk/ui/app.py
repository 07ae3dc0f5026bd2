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
from ..services import settings
from ..services.session import Session, open_session
from . import appearance, dialogs
from .icon import apply_icon
from .main_window import MainWindow

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
        dialogs.show_error(root, "Something went wrong and SENCO desk could not finish that. "
                                 "Anything you had already saved is safe; you can carry on."
                                 f"{where}")

    root.report_callback_exception = report


def make_root(session: Session) -> ttk.App:
    prefs = settings.get_settings(session)
    root = ttk.App(title=settings.school_title(session),
                   theme=appearance.theme_for(prefs.get("theme", "light")),
                   minsize=(900, 560))
    width, height = window_size(root)
    root.geometry(f"{width}x{height}+0+0")
    appearance.apply_text_scale(root, prefs.get("text_scale", 100))
    apply_icon(root)
    return root


def build_main_window(session: Session, root: tkinter.Misc | None = None) -> MainWindow:
    """The main window on the register, ready to show (no mainloop: the benchmark times this)."""
    if root is None:
        root = tkinter._default_root or make_root(session)  # one root per process (ttkbootstrap)
    window = MainWindow(root, session)
    window.pack(fill="both", expand=True)
    window.open_register()
    return window


def _demo_folder() -> Path:
    from ..demo import build_demo

    folder = Path(tempfile.mkdtemp(prefix="sencodesk-demo-"))
    build_demo(folder, phase="primary")
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


def run(data_dir: Path | None, demo: bool = False) -> int:
    """The GUI until the window is closed. `demo`: on a throw-away demo school."""
    folder = _demo_folder() if demo else Path(data_dir)
    log_path = setup_logging(folder)
    session = None
    try:
        session = open_session(folder)
        window = build_main_window(session)
        root = window.root
        install_error_reporter(root, log_path)
        dialog = window.first_run()
        if dialog is not None:
            root.update()  # map the main window first so the dialog opens in front of it
            dialog.show(root)
        if _alive(root):
            window.open_register().focus_search()
            root.mainloop()
    except UserError as e:
        log.error("could not start: %s", e.message)
        _show_start_failure(e.message)
        return 1
    finally:
        if session is not None:
            session.close()
        if demo:
            shutil.rmtree(folder, ignore_errors=True)
    return 0
