"""Settings -> Import a CTF: choose the file, see what came in (nothing saved yet), import.

The import itself runs off the Tk thread with a progress bar, as the roll import does: a CTF
for a whole cohort takes long enough that a window that stops painting looks broken."""

from __future__ import annotations

import logging
import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain.errors import UserError, ValidationError
from ...services import ctf_import
from ...services.actor import Actor
from .. import dialogs, file_choice
from ..background import BackgroundJob
from ..kit import attempt

log = logging.getLogger(__name__)

CTF_TYPES = [("Common Transfer Files", "*.xml *.XML"), ("All files", "*.*")]


class CtfDialog(ttk.Toplevel):
    def __init__(self, master, actor: Actor, *, on_imported: Callable[[], None]):
        super().__init__(title="Import a Common Transfer File (CTF)", minsize=(700, 440), master=master)
        self.withdraw()
        self.actor, self.on_imported = actor, on_imported
        self.result: ctf_import.CtfResult | None = None
        self.job: BackgroundJob | None = None
        body = ttk.Frame(self, padding=14)
        body.pack(fill="both", expand=True)
        ttk.Label(body, text="Import a CTF from a pupil's previous school", font="TkHeadingFont").pack(
            anchor="w"
        )
        ttk.Label(
            body,
            wraplength=660,
            justify="left",
            text=(
                "Choose the .xml file. SENCO desk shows what it holds first; nothing is saved until you "
                "press Import. Pupils are matched by UPN and their SEN history is added."
            ),
        ).pack(anchor="w")
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(10, 0))
        self.path_var = tkinter.StringVar(master=self)
        self.path_entry = ttk.Entry(row, textvariable=self.path_var)
        self.path_entry.pack(side="left", fill="x", expand=True)
        ttk.Button(row, text="Choose file…", command=self.choose_file).pack(side="left", padx=(8, 0))
        self.read_button = ttk.Button(row, text="Show what it holds", command=self.read)
        self.read_button.pack(side="left", padx=(8, 0))
        self.message = ttk.Label(body, text="", bootstyle="danger", wraplength=660, justify="left")
        self.message.pack(anchor="w", fill="x")
        bar = ttk.Frame(body)
        bar.pack(side="bottom", fill="x", pady=(10, 0))
        self.import_button = ttk.Button(
            bar, text="Import", bootstyle="primary", state="disabled", command=self.import_file
        )
        self.import_button.pack(side="right")
        self.close_button = ttk.Button(bar, text=dialogs.CANCEL, command=self.close)
        self.close_button.pack(side="right", padx=(0, 8))
        self.progress_row = ttk.Frame(body)  # packed only while the import runs
        self.progress_label = ttk.Label(self.progress_row, text="")
        self.progress_label.pack(anchor="w")
        self.progress = ttk.Progressbar(
            self.progress_row, maximum=100, mode="determinate", bootstyle="success"
        )
        self.progress.pack(fill="x", pady=(4, 0))
        self.text = ttk.Text(body, wrap="word", height=14, state="disabled")
        self.text.pack(fill="both", expand=True, pady=(8, 0))
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.path_entry.bind("<Return>", lambda e: self.read())

    def show(self, parent) -> None:
        dialogs.run_modal(self, parent, focus=self.path_entry)

    def choose_file(self) -> None:
        path = file_choice.open_file(self, "Choose the CTF", CTF_TYPES)
        if path:
            self.path_var.set(path)
            self.read()

    def _show(self, lines: list[str]) -> None:
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        self.text.insert("1.0", "\n".join(lines))
        self.text.configure(state="disabled")

    def _run(self, dry_run: bool) -> ctf_import.CtfResult | None:
        self.message.configure(text="")
        path = self.path_var.get().strip()
        if not path:
            self.message.configure(text="Choose the CTF file first.")
            return None
        _, result, _ = attempt(
            lambda: ctf_import.import_ctf(self.actor, path, dry_run=dry_run),
            say=lambda text, style: self.message.configure(text=text),
        )
        return result

    def read(self) -> None:
        self.result = self._run(dry_run=True)
        if self.result is None:
            self._show([])
            self.import_button.configure(state="disabled")
            return
        self._show(ctf_import.report_lines(self.result))
        ready = self.result.count("add") + self.result.count("update")
        self.import_button.configure(state="normal" if ready else "disabled")

    def import_file(self) -> None:
        self.message.configure(text="")
        path = self.path_var.get().strip()
        if not path:
            self.message.configure(text="Choose the CTF file first.")
            return
        for button in (self.import_button, self.read_button, self.close_button):
            button.configure(state="disabled")
        self.progress.configure(value=0)
        self.progress_label.configure(text="Reading the file and taking a backup first…")
        self.progress_row.pack(fill="x", pady=(8, 0), before=self.text)
        self.job = BackgroundJob(
            self,
            lambda progress: ctf_import.import_ctf(self.actor, path, progress=progress),
            on_progress=self._progress,
            on_done=self._imported,
            on_error=self._failed,
        ).start()

    def _progress(self, done: int, total: int) -> None:
        if done:
            self.progress.configure(value=100 * done / max(1, total))
            self.progress_label.configure(text=f"Checking and saving: {done * 100 // max(1, total)}%")

    def _finished(self) -> None:
        self.progress_row.pack_forget()
        self.read_button.configure(state="normal")
        self.close_button.configure(state="normal")

    def _imported(self, result: ctf_import.CtfResult) -> None:
        self._finished()
        self.result = result
        self._show(ctf_import.report_lines(result))
        self.close_button.configure(text=dialogs.CLOSE)  # imported: nothing left to cancel
        self.on_imported()

    def _failed(self, error: BaseException) -> None:
        self._finished()
        self.import_button.configure(state="normal")  # nothing was saved: it may be tried again
        if isinstance(error, ValidationError):
            text = " ".join(error.field_errors.values())
        elif isinstance(error, UserError):
            text = error.message
        else:
            log.error("CTF import failed", exc_info=error)
            text = "The import could not finish, so nothing was imported. The details are in the log file."
        self.message.configure(text=text)

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def close(self) -> None:
        if self.busy:  # the import is one transaction: it finishes, then the window may close
            self.message.configure(text="The import is finishing; you can close this window when it is done.")
            return
        self.destroy()
