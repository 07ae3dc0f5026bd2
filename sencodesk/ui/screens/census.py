"""Census check: every census UPN and SEN rule over the roll, grouped by rule with the fix,
each pupil a double-click from their record; printable as a PDF for the census file."""

from __future__ import annotations

from datetime import date

import ttkbootstrap as ttk

from ...domain.errors import UserError
from ...domain.plural import plural
from ...reports.census_model import CheckReport, summary_line
from ...services import census_check
from .. import dialogs, file_choice


class CensusScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.report: CheckReport | None = None
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="Census SEN check", font="TkHeadingFont").pack(side="left")
        self.print_button = ttk.Button(top, text="Print (PDF)…", command=self.print_pdf)
        self.print_button.pack(side="right")
        self.check_button = ttk.Button(top, text="Check again", bootstyle="primary", command=self.refresh)
        self.check_button.pack(side="right", padx=(0, 8))
        ttk.Label(
            self,
            bootstyle="secondary",
            wraplength=900,
            justify="left",
            text=(
                "The DfE's census rules for UPNs (1500-1550), SEN (2115-2175) and the SEN unit and "
                "resourced provision indicators (2230, 2250), run over every pupil on roll: do this before "
                "each January census. Double-click a pupil to open their record and correct it; the "
                "DfE's wording and the fix for each rule are shown under the list. SD rules are SENCO "
                "desk's own checks."
            ),
        ).pack(anchor="w", pady=(2, 6))
        self.summary = ttk.Label(self, text="", wraplength=900, justify="left")
        self.summary.pack(anchor="w", pady=(0, 6))
        frame = ttk.Frame(self)
        frame.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(frame, columns=("where", "detail"), show="tree headings")
        self.tree.heading("#0", text="Rule / pupil", anchor="w")
        self.tree.heading("where", text="Year / class", anchor="w")
        self.tree.heading("detail", text="What is wrong / how to fix it", anchor="w")
        self.tree.column("#0", width=330, stretch=False)
        self.tree.column("where", width=130, stretch=False)
        self.tree.column("detail", width=480, stretch=True)
        self.tree.tag_configure("rule", font="TkHeadingFont")
        scroll = ttk.Scrollbar(frame, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.tree.pack(side="left", fill="both", expand=True)
        self.tree.bind("<Double-1>", lambda e: self.open_selected())
        self.tree.bind("<Return>", lambda e: self.open_selected())
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._show_fix())
        # The whole rule and fix, wrapped: a long fix does not fit on the tree's one line.
        self.fix = ttk.Label(self, text="", wraplength=1000, justify="left")
        self.fix.pack(anchor="w", fill="x", pady=(6, 0))
        self.indicators = ttk.Label(self, text="", wraplength=1000, justify="left")
        self.indicators.pack(anchor="w", pady=(4, 0))
        self.record_no_button = ttk.Button(
            self,
            text="Record 'No' where the unit and resourced provision indicators are blank",
            command=self.record_no,
        )
        if main_window.actor.user.can("pupil.edit_sen"):
            self.record_no_button.pack(anchor="w", pady=(4, 0))
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", pady=(6, 0))
        self.refresh()

    def on_show(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.report = census_check.check_register(self.main.actor)
        self.summary.configure(
            text=summary_line(self.report),
            bootstyle="success" if self.report.clean else "danger",
        )
        counts = self.report.indicators
        self.indicators.configure(
            text=(
                f"Census indicators of pupils on roll: {counts.get('sen_unit', 0)} in an SEN unit, "
                f"{counts.get('resourced_provision', 0)} with a resourced provision place, "
                f"{counts.get('top_up_funding', 0)} attracting top-up funding."
            )
        )
        self.tree.delete(*self.tree.get_children())
        for breach in self.report.breaches:
            kind = "Worth a look" if breach.warning else "Rule"
            rule_id = f"rule-{breach.rule}"
            self.tree.insert(
                "",
                "end",
                iid=rule_id,
                open=True,
                tags=("rule",),
                text=f"{kind} {breach.rule} ({plural(len(breach.pupils), 'pupil')})",
                values=("", f"{breach.title}. Fix: {breach.fix}"),
            )
            for n, p in enumerate(breach.pupils):
                self.tree.insert(
                    rule_id, "end", iid=f"{rule_id}-{n}-{p.id}", text=p.name, values=(p.where, p.detail)
                )
        first = next(iter(self.tree.get_children()), "")
        if first:
            self.tree.selection_set(first)
            self.tree.focus(first)
        self._show_fix()

    def _show_fix(self) -> None:
        """Under the list: the selected rule in full, with its fix."""
        selected = next(iter(self.tree.selection()), "")
        rule = selected.split("-")[1] if selected else ""
        breach = next((b for b in (self.report.breaches if self.report else []) if b.rule == rule), None)
        if breach is None:
            self.fix.configure(text="")
            return
        words = (
            f'DfE wording: "{breach.wording}".'
            if breach.wording
            else "SENCO desk's own check (not a DfE rule)."
        )
        self.fix.configure(text=f"Rule {breach.rule}: {breach.title}. {words} How to fix it: {breach.fix}")

    def record_no(self) -> None:
        changed = census_check.record_indicators_no(self.main.actor)
        self.refresh()
        self.message.configure(
            text=f"Recorded 'No' for {plural(changed, 'pupil')}." if changed else "Nothing was blank.",
            bootstyle="success",
        )

    def pupil_rows(self, rule: str) -> list[str]:
        """The names listed under a rule, as shown (for tests and the keyboard)."""
        return [self.tree.item(i, "text") for i in self.tree.get_children(f"rule-{rule}")]

    def open_selected(self):
        selected = self.tree.focus() or next(iter(self.tree.selection()), "")
        if not selected or (selected.startswith("rule-") and selected.count("-") == 1):
            return None
        return self.main.open_pupil(int(selected.rsplit("-", 1)[1]))

    def print_pdf(self) -> None:
        path = file_choice.save_file(
            self,
            "Save the census check",
            f"Census SEN check - {date.today().isoformat()}.pdf",
            [("PDF", "*.pdf")],
            ".pdf",
        )
        if not path:
            return
        from ...services import census_print  # loads reportlab: only when printing

        try:
            written = census_print.export_census_check(self.main.actor, path, report=self.report)
        except UserError as e:
            dialogs.show_error(self, e.message)
            return
        self.message.configure(text=f"Saved to {written.path}.", bootstyle="success")
