"""Exporting a PDF pack from the window: what is missing first, then where to save, then the
PDF made on a worker thread (the window keeps answering), then an offer to open it.

The dialog holds the grab while the worker runs, so nothing else writes to the school's file
meanwhile (the worker shares the Actor's connection, which is opened for use across threads).
"""

from __future__ import annotations

import gc
import os
import queue
import subprocess
import sys
import threading
import tkinter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from tkinter import filedialog

import ttkbootstrap as ttk

from .. import outputs
from ..domain.errors import UserError
from ..domain.la_profile import CheckResult
from ..domain.plural import plural
from . import dialogs

POLL_MS = 60


@dataclass(frozen=True)
class Attachable:
    """A document on the record the export may send with the pack."""

    id: int
    label: str  # "EP report - Dr Jones, 12/03/2026 (PDF, 8 pages)"
    word: bool = False  # cannot go into one PDF: listed there as sent separately


# How documents go with a pack: the "Send as" choice, and what services.packs calls it.
SEND_AS = "Send as"
DOCUMENTS = "Documents"  # the chosen documents' ids, "3,5", in the options a job is given
SENDING = {
    "This alone, as a PDF": None,
    "With the chosen documents, in one PDF": "pdf",
    "With the chosen documents, as a .zip of separate files": "zip",
    "With the chosen documents, in a folder of separate files": "folder",
}
ALONE = next(iter(SENDING))
MANY_DOCUMENTS = 6  # more than this scroll in the export dialog


def sending(options: dict[str, str]) -> tuple[list[int], str | None]:
    """(document ids, bundle) from the options an export job is given."""
    bundle = SENDING.get(options.get(SEND_AS, ALONE))
    ids = [int(i) for i in options.get(DOCUMENTS, "").split(",") if i] if bundle else []
    return ids, bundle


@dataclass
class ExportJob:
    """One export: what it is, what is missing (checked before export), and how to make it."""

    title: str  # "EHC needs assessment request for Amy Smith"
    filename: str  # proposed file name
    check: Callable[[dict[str, str]], tuple[list[str], list[CheckResult]]]  # given the options chosen
    run: Callable[[Path, dict[str, str]], object]  # writes the PDF (audited by the service)
    options: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)  # label, choices, default
    note: str = ""
    suffix: str = ".pdf"  # or ".docx": a Word file for the school to finish in Word
    attachables: list[Attachable] = field(default_factory=list)  # documents it may go with
    # what to look at before it goes out (a letter's words a parent may find hard), if anything
    notes: Callable[[], list[str]] | None = None


@dataclass
class _SaveTesting:
    """Tests answer the save dialog with a path (None: the person cancelled)."""

    paths: list[Path | None] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)


save_testing = _SaveTesting()


def documents_folder() -> Path:
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


KINDS = {".pdf": "PDF", ".docx": "Word file", ".json": "JSON file", ".zip": "zip file", "": "folder"}
FILE_TYPES = {
    ".pdf": ("PDF", "*.pdf"),
    ".docx": ("Word document", "*.docx"),
    ".json": ("JSON", "*.json"),
    ".zip": ("Zip file", "*.zip"),
}


def ask_save_path(
    parent: tkinter.Misc, filename: str, folder: Path | None = None, suffix: str = ".pdf"
) -> Path | None:
    if dialogs.testing.active:
        answer = save_testing.paths.pop(0) if save_testing.paths else None
    else:
        chosen = filedialog.asksaveasfilename(
            parent=parent,
            title=f"Save the {KINDS[suffix]} as",
            initialfile=filename,
            initialdir=str(folder or documents_folder()),
            defaultextension=suffix,
            filetypes=[FILE_TYPES[suffix]],
        )
        answer = Path(chosen) if chosen else None
    if answer is not None:
        outputs.confirm_replace(answer)  # the dialog asked before choosing an existing file
    return answer


def ask_folder(parent: tkinter.Misc, name: str) -> Path | None:
    """A folder for an export of separate files: a new one named `name` inside the folder
    chosen. One that already holds those files is used only if the person says so."""
    if dialogs.testing.active:
        answer = save_testing.paths.pop(0) if save_testing.paths else None
    else:
        chosen = filedialog.askdirectory(
            parent=parent,
            title="Choose where to put the folder of files",
            initialdir=str(documents_folder()),
            mustexist=True,
        )
        answer = Path(chosen) / name if chosen else None
    if answer is not None and answer.is_dir() and any(answer.iterdir()):
        if not dialogs.confirm(
            parent,
            f"The folder {answer} already holds files. Put these in it, replacing any with the same names?",
            yes="Replace them",
            no="Choose another place",
        ):
            return None
        outputs.confirm_replace(answer)
    return answer


def open_file(path: Path) -> bool:
    """Open the PDF with the computer's own viewer; False (nothing raised) if that is not possible."""
    if dialogs.testing.active:
        save_testing.opened.append(path)
        return True
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]  (Windows only)
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
        else:
            subprocess.Popen(["xdg-open", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, AttributeError):
        return False
    return True


class ExportDialog(ttk.Toplevel):
    """Lists what is missing (the pack's own list and the LA's checklist), then saves."""

    def __init__(self, parent: tkinter.Misc, job: ExportJob):
        super().__init__(
            title=f"Export a {KINDS[job.suffix]}", master=parent.winfo_toplevel(), resizable=(True, True)
        )
        self.withdraw()
        self.parent, self.job = parent, job
        self.result_path: Path | None = None
        self.error: str | None = None
        self._queue: queue.Queue = queue.Queue()
        self._worker: threading.Thread | None = None
        self._build()
        if self.job.attachables:
            self._sending_changed()
        self.refresh_checks()
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())

    def _build(self) -> None:
        body = ttk.Frame(self, padding=14)
        body.pack(fill="both", expand=True)
        ttk.Label(body, text=self.job.title, font="TkHeadingFont", wraplength=640, justify="left").pack(
            anchor="w"
        )
        if self.job.note:
            ttk.Label(body, text=self.job.note, wraplength=640, justify="left", bootstyle="secondary").pack(
                anchor="w", pady=(2, 0)
            )
        self.option_vars: dict[str, tkinter.StringVar] = {}
        for label, choices, default in self.job.options:
            row = ttk.Frame(body)
            row.pack(anchor="w", pady=(8, 0))
            ttk.Label(row, text=label).pack(side="left")
            var = tkinter.StringVar(master=self, value=default)
            ttk.Combobox(row, textvariable=var, values=list(choices), state="readonly", width=14).pack(
                side="left", padx=(8, 0)
            )
            self.option_vars[label] = var
            var.trace_add("write", lambda *a: self.refresh_checks())  # e.g. more cycles: fewer gaps
        self.document_vars: dict[int, tkinter.BooleanVar] = {}
        if self.job.attachables:
            self._build_documents(body)
        self.summary = ttk.Label(body, text="", wraplength=640, justify="left")
        self.summary.pack(anchor="w", pady=(10, 4))
        # a read-only text that wraps: a long checklist line is read whole, not cut at the edge
        listed = ttk.Frame(body)
        listed.pack(fill="both", expand=True)
        self.missing_list = ttk.Text(listed, height=9, width=72, wrap="word", relief="flat")
        self.missing_list.tag_configure("gap", foreground="#b02a37")
        scroll = ttk.Scrollbar(listed, orient="vertical", command=self.missing_list.yview)
        self.missing_list.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.missing_list.pack(side="left", fill="both", expand=True)
        self.lines: list[str] = []
        buttons = ttk.Frame(body)
        buttons.pack(fill="x", pady=(10, 0))
        self.save_button = ttk.Button(
            buttons, text=f"Save the {KINDS[self.job.suffix]}…", bootstyle="primary", command=self.save
        )
        self.save_button.pack(side="right")
        self.close_button = ttk.Button(buttons, text=dialogs.CLOSE, command=self.close)
        self.close_button.pack(side="right", padx=(0, 8))
        self.progress = ttk.Progressbar(buttons, mode="indeterminate", length=120)
        self.status = ttk.Label(body, text="", wraplength=640, justify="left")
        self.status.pack(anchor="w", pady=(6, 0))

    def _build_documents(self, body: ttk.Frame) -> None:
        """The documents on the record to send with it, and how: one PDF, a .zip or a folder."""
        box = ttk.Labelframe(body, text="Documents from the record to send with it", padding=8)
        box.pack(fill="x", pady=(10, 0))
        row = ttk.Frame(box)
        row.pack(anchor="w")
        ttk.Label(row, text=SEND_AS).pack(side="left")
        self.send_as = tkinter.StringVar(master=self, value=ALONE)
        ttk.Combobox(row, textvariable=self.send_as, values=list(SENDING), state="readonly", width=52).pack(
            side="left", padx=(8, 0)
        )
        self.document_checks: list[ttk.Checkbutton] = []
        holder: tkinter.Misc = box
        if len(self.job.attachables) > MANY_DOCUMENTS:  # the dialog stays on a laptop's screen
            scroller = ttk.ScrolledFrame(box, height=6 * 26, width=600, auto_hide=True)
            scroller.container.pack(fill="x")
            holder = scroller
        for a in self.job.attachables:
            var = tkinter.BooleanVar(master=self, value=False)
            self.document_vars[a.id] = var
            check = ttk.Checkbutton(holder, text=a.label, variable=var)
            check.pack(anchor="w", pady=(4, 0))
            self.document_checks.append(check)
        if any(a.word for a in self.job.attachables):
            ttk.Label(
                box,
                text="A Word document cannot go into one PDF: there it is listed as sent separately, and you "
                "send it yourself (save a copy from the Documents tab). A .zip or a folder carries it.",
                wraplength=620,
                justify="left",
                bootstyle="secondary",
            ).pack(anchor="w", pady=(6, 0))
        self.send_as.trace_add("write", lambda *a: self._sending_changed())

    def _sending_changed(self) -> None:
        alone = self.send_as.get() == ALONE
        for check in self.document_checks:
            check.configure(state="disabled" if alone else "normal")
        self.save_button.configure(text=f"Save the {KINDS[self.suffix]}…")

    @property
    def suffix(self) -> str:
        """What the export writes: the job's own kind, or a .zip or a folder of separate files."""
        if not self.job.attachables:
            return self.job.suffix
        return {"zip": ".zip", "folder": ""}.get(SENDING.get(self.send_as.get()) or "", self.job.suffix)

    def chosen(self) -> dict[str, str]:
        """The options as the job is given them (on the window's thread: Tk variables stay here)."""
        chosen = {label: var.get() for label, var in self.option_vars.items()}
        if self.job.attachables:
            chosen[SEND_AS] = self.send_as.get()
            chosen[DOCUMENTS] = ",".join(str(i) for i, var in self.document_vars.items() if var.get())
        return chosen

    def option(self, label: str) -> str:
        return self.option_vars[label].get() if label in self.option_vars else ""

    def refresh_checks(self) -> None:
        missing, checklist = self.job.check({label: var.get() for label, var in self.option_vars.items()})
        self.missing, self.checklist = missing, checklist
        self.lines = [f"Missing: {item}" for item in missing]
        self.lines += [
            f"LA checklist, {'met' if c.met else 'NOT met'}: {c.label}. {c.detail}" for c in checklist
        ]
        notes = self.job.notes() if self.job.notes else []
        self.lines += [f"Check the words: {n}" for n in notes]
        self.missing_list.configure(state="normal")
        self.missing_list.delete("1.0", "end")
        for line in self.lines:
            gap = line.startswith(("Missing", "Check the words")) or "NOT met" in line
            self.missing_list.insert("end", f"• {line}\n", ("gap",) if gap else ())
        self.missing_list.configure(state="disabled")
        unmet = sum(1 for c in checklist if not c.met)
        if not missing and not unmet:
            text = "Everything the reader needs is recorded. Save the PDF when you are ready."
        else:
            text = (
                f"{plural(len(missing), 'thing')} not yet recorded"
                + (f" and {plural(unmet, 'LA checklist item')} not met" if checklist else "")
                + '. You can still export: each gap says "Not yet recorded" in its section, '
                "but the reader may send the pack back. Close this to fix them first."
            )
        if notes:
            text += (
                " Some of the words may be hard for a parent to read: they print as written. "
                "Change them on the plan first if you wish."
            )
        self.summary.configure(text=text)
        most = 8 if self.job.attachables else 14  # with the documents' list, the dialog stays on screen
        self.missing_list.configure(height=max(3, min(most, sum(1 + len(line) // 80 for line in self.lines))))

    def show(self) -> ExportDialog:
        dialogs.run_modal(self, self.parent, focus=self.save_button)
        return self

    # ---- saving -------------------------------------------------------------------------
    def save(self) -> None:
        if self.suffix == "":
            path = ask_folder(self, Path(self.job.filename).stem)
        else:
            path = ask_save_path(self, Path(self.job.filename).stem + self.suffix, suffix=self.suffix)
        if path is None:
            return
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Make the PDF on a worker thread; the window polls for the result (never blocks)."""
        suffix = self.suffix
        if suffix and path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.save_button.configure(state="disabled")
        self.close_button.configure(state="disabled")
        kind = KINDS[suffix]
        self.status.configure(text=f"Making the {kind}… ({path.name})", bootstyle="default")
        self.progress.pack(side="left")
        self.progress.start(12)

        # options are read here, on the window's thread: Tk variables are not for other threads
        chosen = self.chosen()

        def work() -> None:
            try:
                self.job.run(path, chosen)
                self._queue.put(("done", path))
            except UserError as e:
                self._queue.put(("error", e.message))
            except Exception as e:  # noqa: BLE001  (shown in plain words, the window lives on)
                self._queue.put(
                    (
                        "error",
                        f"The {kind} could not be made ({e.__class__.__name__}: {e}). Nothing was saved.",
                    )
                )

        # collect garbage here first: a Tk variable freed by a collection on the worker thread
        # would call into Tk from the wrong thread
        gc.collect()
        self._worker = threading.Thread(target=work, name="pdf-export", daemon=True)
        self._worker.start()
        self.after(POLL_MS, self._poll)

    @property
    def busy(self) -> bool:
        return (self._worker is not None and self._worker.is_alive()) or not self._queue.empty()

    def _poll(self) -> None:
        try:
            kind, value = self._queue.get_nowait()
        except queue.Empty:
            self.after(POLL_MS, self._poll)
            return
        self.progress.stop()
        self.progress.pack_forget()
        self.save_button.configure(state="normal")
        self.close_button.configure(state="normal")
        if kind == "error":
            self.error = value
            self.status.configure(text=value, bootstyle="danger")
            return
        self.result_path = value
        self.status.configure(text=f"Saved: {value}", bootstyle="success")
        what = KINDS[self.suffix]
        if dialogs.confirm(
            self, f"The {what} is saved as\n{value}\n\nOpen it now?", yes="Open it", no="Not now"
        ) and not open_file(value):
            dialogs.show_info(self, f"SENCO desk could not open the {what}. It is saved at:\n{value}")

    def close(self) -> None:
        if self.busy:
            return  # the PDF is still being made: closing now would leave the writer half done
        self.destroy()
