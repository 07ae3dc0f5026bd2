"""The Settings screen's "Data in and out" box: imports, and backups (folder, back up now,
restore from a file with confirmation)."""

from __future__ import annotations

import tkinter

import ttkbootstrap as ttk

from ...domain.errors import UserError
from ...services import backup_files, backups, live_restore
from .. import dialogs, file_choice
from ..kit import attempt

BACKUP_TYPES = [("SENCO desk backups", "*.db"), ("All files", "*.*")]


class DataPanel(ttk.Labelframe):
    def __init__(self, master, main_window):
        super().__init__(master, text="Data in and out", padding=12)
        self.main = main_window
        actor = main_window.actor
        ttk.Label(self, text="Import", font="TkHeadingFont").pack(anchor="w")
        self.import_roll_button = ttk.Button(
            self, text="Import the roll (CSV or Excel)…", bootstyle="primary", command=self.import_roll
        )
        self.import_roll_button.pack(fill="x", pady=(4, 0))
        self.import_ctf_button = ttk.Button(self, text="Import a CTF…", command=self.import_ctf)
        self.import_ctf_button.pack(fill="x", pady=(4, 0))

        ttk.Label(self, text="Backups", font="TkHeadingFont").pack(anchor="w", pady=(14, 0))
        ttk.Label(self, text="Folder (another drive is safest)").pack(anchor="w")
        row = ttk.Frame(self)
        row.pack(fill="x")
        self.folder_var = tkinter.StringVar(
            master=self, value=str(backup_files.backups_folder(actor.data_dir))
        )
        # The button is packed first so a narrow column squeezes the entry, never cuts "Choose…".
        ttk.Button(row, text="Choose…", command=self.choose_folder).pack(side="right", padx=(6, 0))
        self.folder_entry = ttk.Entry(row, textvariable=self.folder_var, width=24)
        self.folder_entry.pack(side="left", fill="x", expand=True)
        self.save_folder_button = ttk.Button(
            self, text="Keep backups in this folder", command=self.save_folder
        )
        self.save_folder_button.pack(anchor="w", pady=(4, 0))
        self.latest = ttk.Label(self, text="", wraplength=300, justify="left", bootstyle="secondary")
        self.latest.pack(anchor="w", pady=(6, 0))
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(4, 0))
        self.backup_button = ttk.Button(buttons, text="Back up now", command=self.back_up)
        self.backup_button.pack(side="left")
        self.restore_button = ttk.Button(
            buttons, text="Restore from a file…", bootstyle="danger-outline", command=self.restore
        )
        self.restore_button.pack(side="left", padx=(8, 0))
        self.message = ttk.Label(self, text="", wraplength=300, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        self.show_latest()

    def _say(self, text: str, style: str = "success") -> None:
        self.message.configure(text=text, bootstyle=style)

    def show_latest(self) -> None:
        found = backup_files.list_backups(self.main.actor.data_dir)
        self.latest.configure(text=f"Latest: {found[0].label}." if found else "No backups yet.")

    def import_roll(self):
        from .import_wizard import ImportWizard

        wizard = ImportWizard(self.winfo_toplevel(), self.main.actor, on_imported=self._imported)
        wizard.show(self.winfo_toplevel())
        return wizard

    def import_ctf(self):
        from .ctf_dialog import CtfDialog

        dialog = CtfDialog(self.winfo_toplevel(), self.main.actor, on_imported=self._imported)
        dialog.show(self.winfo_toplevel())
        return dialog

    def _imported(self) -> None:
        self.main.pupils_changed()
        self.show_latest()  # an import backs up first

    def choose_folder(self) -> None:
        chosen = file_choice.folder(self, "Choose where backups are kept")
        if chosen:
            self.folder_var.set(chosen)

    def save_folder(self) -> None:
        ok, folder, _ = attempt(
            lambda: backups.set_backup_folder(self.main.actor, self.folder_var.get()), say=self._say
        )
        if not ok:
            return
        self.folder_var.set(str(folder))
        self._say(f"Backups will be kept in {folder}.")
        self.show_latest()

    def back_up(self) -> None:
        try:
            path = backups.take_backup(self.main.actor)
        except UserError as e:
            self._say(e.message, "danger")
            return
        self._say(f"Backed up to {path}.")
        self.show_latest()

    def restore(self) -> None:
        path = file_choice.open_file(self, "Choose the backup to restore", BACKUP_TYPES)
        if not path:
            return
        if not dialogs.confirm(
            self,
            "Restore this backup? Everything saved since it was taken will be "
            "replaced by what the backup holds. The current data is kept as a "
            f"backup first.\n\n{path}",
            yes="Restore the backup",
            no="Cancel",
        ):
            return
        for record in list(self.main.records.values()):
            if record.winfo_exists() and not record.close():
                self._say("Close the open pupil records first, then restore.", "danger")
                return
        try:
            kept = live_restore.restore_while_open(self.main.actor, path)
        except UserError as e:
            self._say(e.message, "danger")
            return
        self.main.pupils_changed()
        self.main.settings_changed()
        self._say("Restored." + (f" The data before the restore is kept as {kept}." if kept else ""))
        self.show_latest()
