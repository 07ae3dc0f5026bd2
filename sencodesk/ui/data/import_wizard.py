"""Settings -> Import the roll: a wizard in four steps, each on one page of the window.

1. Choose a CSV or Excel file.  2. Columns matched automatically, shown, changeable.
3. Preview: every row's outcome; bad rows with row number, name and reason (nothing saved);
   pupils whose SEN was changed in SENCO desk keep it, with a choice to take the MIS's instead;
   pupils imported without a SEN code the census forbids there, for the SENCO to resolve.
4. Import with a progress bar (the work runs off the Tk thread), then the report, savable.

Office staff import the roll without SEN: the wizard neither offers SEN fields nor says anything
about SEN (the service does not read the file's SEN columns for them).
"""

from __future__ import annotations

import logging
import tkinter
from collections.abc import Callable

import ttkbootstrap as ttk

from ...domain import roll_import as rules
from ...domain.errors import UserError
from ...domain.plural import plural
from ...services import importing
from ...services.actor import Actor
from .. import dialogs, file_choice
from ..background import BackgroundJob
from ..kit import attempt

log = logging.getLogger(__name__)

NOT_IMPORTED = "Not imported"
_FIELD_BY_LABEL = {label: key for key, label in rules.FIELDS.items()}
_WITH_SEN = (
    " SEN status and needs last changed in SENCO desk (not by an import) stay as they are unless "
    "you choose otherwise at step 3."
)
OUTCOME_WORDS = {"add": "New pupil", "update": "Update", "unchanged": "No change", "bad": "NOT IMPORTED"}
ROLL_TYPES = [("Roll exports (CSV or Excel)", "*.csv *.txt *.tsv *.xlsx *.xlsm"), ("All files", "*.*")]


class ImportWizard(ttk.Toplevel):
    def __init__(self, master, actor: Actor, *, on_imported: Callable[[], None]):
        super().__init__(title="Import the roll from your MIS", minsize=(820, 520), master=master)
        self.withdraw()
        self.actor, self.on_imported = actor, on_imported
        self.preview: importing.RollPreview | None = None
        self.match: rules.ColumnMatch | None = None
        self.plan: importing.ImportPlan | None = None
        self.job: BackgroundJob | None = None
        outer = self.outer = ttk.Frame(self, padding=14)
        outer.pack(fill="both", expand=True)
        self.step_label = ttk.Label(outer, text="", font="TkHeadingFont")
        self.step_label.pack(anchor="w")
        self.message = ttk.Label(outer, text="", bootstyle="danger", wraplength=760, justify="left")
        self.message.pack(anchor="w", fill="x")
        bar = ttk.Frame(outer)
        bar.pack(side="bottom", fill="x", pady=(10, 0))  # packed before the page: always visible
        self.back_button = ttk.Button(bar, text="Back", command=self.back)
        self.back_button.pack(side="left")
        self.next_button = ttk.Button(bar, text="Next", bootstyle="primary", command=self.next)
        self.next_button.pack(side="right")
        self.close_button = ttk.Button(bar, text=dialogs.CANCEL, command=self.close)
        self.close_button.pack(side="right", padx=(0, 8))
        self.save_button = ttk.Button(bar, text="Save the report…", command=self.save_report)
        self.page = ttk.Frame(outer)
        self.page.pack(fill="both", expand=True, pady=(8, 0))
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind(
            "<Return>", lambda e: self.next_button.invoke()
        )  # the highlighted button, from the keyboard
        self.step = ""
        self.path_var = tkinter.StringVar(master=self)  # kept when the person comes back to step 1
        self.take_mis_sen = tkinter.BooleanVar(master=self, value=False)  # off: SENCO desk's SEN stays
        self.show_choose()

    def show(self, parent) -> None:
        # A fixed size (the preview list scrolls inside it) that fits a 1366x768 laptop.
        self.outer.configure(
            width=min(980, self.winfo_screenwidth() - 40), height=min(620, self.winfo_screenheight() - 110)
        )
        self.outer.pack_propagate(False)
        dialogs.run_modal(self, parent, focus=self.path_entry)

    # ---- pages ----------------------------------------------------------------------------
    def _new_page(self, step: str, title: str) -> ttk.Frame:
        for child in self.page.winfo_children():
            child.destroy()
        self.step = step
        self.step_label.configure(text=title)
        self.message.configure(text="", bootstyle="danger")
        self.save_button.pack_forget()
        return self.page

    def show_choose(self) -> None:
        page = self._new_page("choose", "Step 1 of 4: choose the file your MIS exported")
        ttk.Label(
            page,
            wraplength=760,
            justify="left",
            text=(
                "Export the roll from SIMS, Arbor, Bromcom or ScholarPack as CSV or Excel (.xlsx) with "
                "a heading row. Pupils are matched by UPN: pupils already here are updated, new ones "
                "added, nobody is deleted, and a blank cell never wipes what is held."
                + (_WITH_SEN if importing.imports_sen(self.actor) else "")
                + " Nothing is saved until step 4."
            ),
        ).pack(anchor="w")
        row = ttk.Frame(page)
        row.pack(fill="x", pady=(12, 0))
        self.path_entry = ttk.Entry(row, textvariable=self.path_var)
        self.path_entry.pack(side="left", fill="x", expand=True)
        ttk.Button(row, text="Choose file…", command=self.choose_file).pack(side="left", padx=(8, 0))
        self.back_button.configure(state="disabled")
        self.next_button.configure(text="Next: match the columns", state="normal", command=self.next)
        self.close_button.configure(text=dialogs.CANCEL, state="normal")
        self.close_button.pack(side="right", padx=(0, 8))

    def choose_file(self) -> None:
        path = file_choice.open_file(self, "Choose the roll export", ROLL_TYPES)
        if path:
            self.path_var.set(path)

    def show_columns(self) -> None:
        page = self._new_page("columns", "Step 2 of 4: check which column is which")
        ttk.Label(
            page,
            wraplength=760,
            justify="left",
            text=(
                "SENCO desk matched the file's headings to its fields. Change any that are wrong; a "
                'column set to "Not imported" is left out.'
            ),
        ).pack(anchor="w")
        self.missing_label = ttk.Label(page, text="", bootstyle="danger", wraplength=760, justify="left")
        self.missing_label.pack(anchor="w", pady=(4, 4))
        scroller = ttk.ScrolledFrame(page, auto_hide=True)
        scroller.pack(fill="both", expand=True)
        grid = scroller
        for col, text in enumerate(("Heading in the file", "First row's value", "Imported as")):
            ttk.Label(grid, text=text, font="TkHeadingFont").grid(row=0, column=col, sticky="w", padx=(0, 16))
        first = self.preview.sample[0] if self.preview.sample else []
        choices = [NOT_IMPORTED] + [rules.FIELDS[f] for f in self.preview.fields]  # no SEN for the office
        self.column_vars: list[tkinter.StringVar] = []
        self.column_boxes: list[ttk.Combobox] = []
        for index, heading in enumerate(self.match.headings):
            sample = first[index] if index < len(first) else ""
            ttk.Label(grid, text=heading or "(no heading)").grid(
                row=index + 1, column=0, sticky="w", padx=(0, 16)
            )
            ttk.Label(grid, text=sample[:40], bootstyle="secondary").grid(
                row=index + 1, column=1, sticky="w", padx=(0, 16)
            )
            var = tkinter.StringVar(master=self)
            box = ttk.Combobox(grid, textvariable=var, values=choices, state="readonly", width=26)
            box.grid(row=index + 1, column=2, sticky="w", pady=1)
            box.bind("<<ComboboxSelected>>", lambda e, i=index: self.set_column(i, self.column_vars[i].get()))
            self.column_vars.append(var)
            self.column_boxes.append(box)
        self._show_match()
        self.back_button.configure(state="normal")
        self.next_button.configure(text="Next: preview every row")

    def set_column(self, index: int, label: str) -> None:
        """The person chose what column `index` feeds (one field comes from one column only)."""
        current = self.match.field_of(index)
        if label == NOT_IMPORTED:
            if current:
                self.match = rules.set_column(self.match, current, None)
        else:
            self.match = rules.set_column(self.match, _FIELD_BY_LABEL[label], index)
        self._show_match()

    def _show_match(self) -> None:
        for index, var in enumerate(self.column_vars):
            field = self.match.field_of(index)
            var.set(rules.FIELDS[field] if field else NOT_IMPORTED)
        missing = [rules.FIELDS[f] for f in self.match.missing]
        self.missing_label.configure(
            text=(
                "Not found in the file (rows without them may be refused): " + ", ".join(missing) + "."
                if missing
                else ""
            )
        )

    def show_preview(self) -> None:
        plan = self.plan
        page = self._new_page("preview", "Step 3 of 4: what the import will do (nothing saved yet)")
        self.headline_label = ttk.Label(page, text=plan.headline, wraplength=760, justify="left")
        self.headline_label.pack(anchor="w")
        if plan.sen_choices:
            self._sen_choice(page, plan.sen_choices)
        if plan.bad:
            ttk.Label(
                page,
                bootstyle="danger",
                wraplength=760,
                justify="left",
                text=f"{plural(len(plan.bad), 'row')} will NOT be imported; the reason is on each row. "
                "Correct them in your MIS and import again later: every other row goes "
                "in now.",
            ).pack(anchor="w", pady=(4, 0))
        self.only_bad = tkinter.BooleanVar(master=self, value=False)
        ttk.Checkbutton(
            page,
            text="Show only the rows that will not be imported",
            variable=self.only_bad,
            command=self._fill_preview,
        ).pack(anchor="w", pady=(6, 4))
        # The selected row's reasons in full, under the table (its column cuts long ones off).
        self.row_detail = ttk.Label(page, text="", wraplength=940, justify="left")
        self.row_detail.pack(side="bottom", anchor="w", fill="x", pady=(6, 0))
        frame = ttk.Frame(page)
        frame.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(frame, columns=("row", "name", "outcome", "details"), show="headings")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._show_row_detail())
        for key, text, width, stretch in (
            ("row", "Row", 60, False),
            ("name", "Pupil", 180, False),
            ("outcome", "Outcome", 150, False),
            ("details", "Why / what changes", 420, True),
        ):
            self.tree.heading(key, text=text, anchor="w")
            self.tree.column(key, width=width, stretch=stretch, anchor="w")
        self.tree.tag_configure("bad", foreground="#b00020")
        self.tree.tag_configure("sen", foreground="#8a4b00")
        scroll = ttk.Scrollbar(frame, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self._fill_preview()

    def _sen_choice(self, page: ttk.Frame, count: int) -> None:
        """Pupils whose SEN the SENCO changed here since the MIS last set it: kept unless ticked.
        Listed in full (the table's column cuts the long line off), each with what the MIS says."""
        self.sen_label = ttk.Label(page, wraplength=760, justify="left")
        self.sen_label.pack(anchor="w", pady=(4, 0))
        frame = ttk.Frame(page)
        frame.pack(fill="x", pady=(2, 0))
        self.sen_list = ttk.Text(frame, wrap="word", height=min(4, 2 * count), foreground="#8a4b00")
        scroll = ttk.Scrollbar(frame, orient="vertical", command=self.sen_list.yview)
        self.sen_list.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.sen_list.pack(side="left", fill="x", expand=True)
        self.sen_check = ttk.Checkbutton(
            page,
            variable=self.take_mis_sen,
            command=self._choose_sen,
            text=f"Take the MIS's SEN status, start date and needs for these {plural(count, 'pupil')} "
            "instead (replaces the changes made in SENCO desk)",
        )
        self.sen_check.pack(anchor="w", pady=(4, 0))
        self._fill_sen_list()

    def _fill_sen_list(self) -> None:
        choice = [o for o in self.plan.outcomes if o.other is not None]
        said = (
            f"{plural(len(choice), 'pupil')} had their SEN status or needs changed in SENCO desk, and the "
            "MIS says otherwise. "
        )
        self.sen_label.configure(
            text=said
            + (
                "You chose to take the MIS's instead:"
                if self.plan.take_mis_sen
                else "SENCO desk keeps its own; update the MIS to match:"
            )
        )
        self.sen_list.configure(state="normal")
        self.sen_list.delete("1.0", "end")
        self.sen_list.insert(
            "1.0",
            "\n".join(
                f"Row {o.row}: {o.name}: {o.sen_kept or o.sen_replaced or _not_imported(o)}" for o in choice
            ),
        )
        self.sen_list.configure(state="disabled")

    def _choose_sen(self) -> None:
        self.plan = self.plan.choosing(self.take_mis_sen.get())  # no re-read: instant
        self.headline_label.configure(text=self.plan.headline)
        self._fill_sen_list()
        self._fill_preview()

    def _fill_preview(self) -> None:
        self.tree.delete(*self.tree.get_children())
        for o in sorted(self.plan.outcomes, key=_preview_order):
            if self.only_bad.get() and o.action != "bad":
                continue
            details = " ".join(
                [o.summary]
                + [f"SEN to resolve: {n}" for n in o.sen_to_resolve]
                + [f"Check: {w}" for w in o.warnings]
            )
            sen = o.other is not None or o.sen_to_resolve
            tags = ("bad",) if o.action == "bad" else ("sen",) if sen else ()
            self.tree.insert(
                "", "end", iid=str(o.row), tags=tags, values=(o.row, o.name, _outcome_words(o), details)
            )
        first = self.tree.get_children()[:1]
        if first:
            self.tree.selection_set(first)
        self._show_row_detail()
        good = len(self.plan.outcomes) - len(self.plan.bad)
        self.next_button.configure(
            text=f"Import {plural(good, 'row')}", state="normal" if good else "disabled"
        )

    def _show_row_detail(self) -> None:
        chosen = self.tree.selection()
        if not chosen:
            self.row_detail.configure(text="")
            return
        row, name, outcome, details = self.tree.item(chosen[0], "values")
        self.row_detail.configure(text=f"Row {row}, {name} ({outcome}): {details}")

    def show_importing(self) -> None:
        page = self._new_page("importing", "Step 4 of 4: importing")
        self.progress_label = ttk.Label(page, text="Taking a backup first…")
        self.progress_label.pack(anchor="w")
        self.progress = ttk.Progressbar(page, maximum=100, mode="determinate", bootstyle="success")
        self.progress.pack(fill="x", pady=(8, 0))
        for button in (self.back_button, self.next_button, self.close_button):
            button.configure(state="disabled")

    def show_report(self) -> None:
        page = self._new_page("report", "Import finished")
        text = ttk.Text(page, wrap="word", height=18)
        scroll = ttk.Scrollbar(page, orient="vertical", command=text.yview)
        text.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        text.pack(side="left", fill="both", expand=True)
        text.insert("1.0", "\n".join(importing.report_lines(self.plan)))
        text.configure(state="disabled")
        self.report_text = text
        self.save_button.pack(side="left", padx=(8, 0))
        self.back_button.configure(state="disabled")
        self.next_button.configure(text=dialogs.CLOSE, state="normal", command=self.close)
        self.close_button.pack_forget()

    # ---- moving between steps ----------------------------------------------------------------
    def next(self) -> None:
        self.message.configure(text="", bootstyle="danger")
        attempt(self._step, say=lambda text, style: self.message.configure(text=text))

    def _step(self) -> None:
        if self.step == "choose":
            path = self.path_var.get().strip()
            if not path:
                self.message.configure(text="Choose the file your MIS exported first.")
                return
            self.preview = importing.open_roll(self.actor, path)
            self.match = self.preview.match
            self.show_columns()
        elif self.step == "columns":
            self.plan = importing.plan_import(
                self.actor, self.preview.roll, self.match, take_mis_sen=self.take_mis_sen.get()
            )
            self.show_preview()
        elif self.step == "preview":
            self.start_import()

    def back(self) -> None:
        if self.step == "columns":
            self.show_choose()
        elif self.step == "preview":
            self.show_columns()

    def start_import(self) -> None:
        roll, match, take = self.preview.roll, self.match, self.plan.take_mis_sen
        self.show_importing()
        self.job = BackgroundJob(
            self,
            lambda progress: importing.apply_import(
                self.actor, roll, match, progress=progress, take_mis_sen=take
            ),
            on_progress=self._progress,
            on_done=self._imported,
            on_error=self._failed,
        ).start()

    def _progress(self, done: int, total: int) -> None:
        if done:
            self.progress.configure(value=100 * done / max(1, total))
            self.progress_label.configure(text=f"Checking and saving: {done * 100 // max(1, total)}%")

    def _imported(self, plan: importing.ImportPlan) -> None:
        self.plan = plan
        self.show_report()
        self.on_imported()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            text = error.message
        else:
            log.error("roll import failed", exc_info=error)
            text = "The import could not finish, so nothing was imported. The details are in the log file."
        self.show_preview()
        self.message.configure(text=text)

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def save_report(self) -> None:
        path = file_choice.save_file(
            self,
            "Save the import report",
            "import report.csv",
            [("Every row (CSV)", "*.csv"), ("Text report", "*.txt")],
            ".csv",
        )
        if not path:
            return
        try:
            saved = importing.save_report(self.plan, path)
        except UserError as e:
            self.message.configure(text=e.message)
            return
        self.message.configure(text=f"Report saved to {saved}.", bootstyle="success")

    def close(self) -> None:
        if self.busy:  # the import is one transaction: it finishes, then the window may close
            self.message.configure(text="The import is finishing; you can close this window when it is done.")
            return
        self.destroy()


def _preview_order(o: importing.RowOutcome) -> tuple[bool, bool, int]:
    """Rows that will not go in first, then the SEN choice and the SEN to resolve (what the
    SENCO has to act on), then the rest, each in the file's order."""
    return (o.action != "bad", o.other is None and not o.sen_to_resolve, o.row)


def _outcome_words(o: importing.RowOutcome) -> str:
    """'No change' / 'Update', and for the SEN choice 'SEN kept' or 'MIS SEN taken'."""
    if o.other is None or o.action == "bad":
        return OUTCOME_WORDS[o.action]
    sen = "SEN kept" if o.sen_kept else "MIS SEN"
    return sen if o.action == "unchanged" else f"{OUTCOME_WORDS[o.action]}, {sen}"


def _not_imported(o: importing.RowOutcome) -> str:
    return "NOT IMPORTED with the MIS's SEN fields: " + " ".join(o.reasons)
