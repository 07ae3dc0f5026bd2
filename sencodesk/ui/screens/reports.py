"""Reports: the governors' SEN summary for a date range; the pupil packs are made from a
pupil's record (Export), and this screen says so."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain.dates import academic_year_start, parse_period, uk
from ...domain.errors import UserError
from ...services import inclusion_strategy, packs
from .. import dialogs
from ..exporting import ExportDialog, ExportJob
from ..kit import DateField, attempt
from ..strategy_window import status_text


def default_period(today: date) -> tuple[date, date]:
    start = academic_year_start(today)
    return start, date(start.year + 1, 8, 31)


class ReportsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        ttk.Label(self, text="Reports", font="TkHeadingFont").pack(anchor="w")

        box = ttk.Labelframe(self, text="SEN summary for governors (headteacher's report)", padding=12)
        box.pack(anchor="w", fill="x", pady=(10, 0))
        ttk.Label(
            box,
            text="Numbers only: no names and no UPNs, and groups of fewer than 5 pupils are shown as "
            '"fewer than 5". The register counts are as on the last day of the period (or today).',
            wraplength=720,
            justify="left",
        ).pack(anchor="w")
        row = ttk.Frame(box)
        row.pack(anchor="w", pady=(8, 0))
        start, end = default_period(date.today())
        self.date_from = DateField(row, "From")
        self.date_from.pack(side="left", padx=(0, 12))
        self.date_from.set(uk(start))
        self.date_to = DateField(row, "To")
        self.date_to.pack(side="left")
        self.date_to.set(uk(end))
        ttk.Label(box, text="The default is this academic year.", bootstyle="secondary").pack(anchor="w")
        self.period_message = ttk.Label(box, text="", wraplength=720, justify="left")
        self.period_message.pack(anchor="w")
        self.named_var = tkinter.BooleanVar(master=self, value=False)
        self.named_check = ttk.Checkbutton(
            box,
            variable=self.named_var,
            text="Add a named list of the pupils on the register as an appendix "
            "(only when the head asks for it)",
        )
        self.named_check.pack(anchor="w", pady=(8, 0))
        self.make_button = ttk.Button(
            box, text="Make the summary…", bootstyle="primary", command=self.make_summary
        )
        self.make_button.pack(anchor="w", pady=(10, 0))

        self.strategy_status = None
        if self.actor.user.can("strategy.edit"):
            self._strategy_box()
        self.case_sample_status = None
        if self.actor.user.can("cycle.read"):
            self._case_sample_box()

        packs_box = ttk.Labelframe(self, text="Packs for one pupil", padding=12)
        packs_box.pack(anchor="w", fill="x", pady=(14, 0))
        ttk.Label(
            packs_box,
            wraplength=720,
            justify="left",
            text=(
                "The EHC needs assessment request, referrals to outside services, the one-page profile "
                "and the inclusion case sample are made from the pupil's record: open the pupil from the "
                "register, then use Export at the bottom of the record. Referrals, consent and the "
                "request text are on the record's Referrals tab."
            ),
        ).pack(anchor="w")
        ttk.Button(
            packs_box,
            text="Go to the register",
            bootstyle="secondary-outline",
            command=lambda: self.main.open_register(focus_search=True),
        ).pack(anchor="w", pady=(8, 0))

    def _strategy_box(self) -> None:
        box = ttk.Labelframe(self, text="Inclusion strategy (Inclusive Mainstream Fund)", padding=12)
        box.pack(anchor="w", fill="x", pady=(14, 0))
        ttk.Label(
            box,
            text="The strategy the school publishes on its website: its own words under each heading, "
            "with the costed provision, staff time, the budgets and the numbers supported from the "
            "records (counts only). Export it as a PDF or a Word file, then mark it published.",
            wraplength=720,
            justify="left",
        ).pack(anchor="w")
        self.strategy_status = ttk.Label(box, text="", wraplength=720, justify="left")
        self.strategy_status.pack(anchor="w", pady=(6, 0))
        self.strategy_button = ttk.Button(
            box, text="Open the inclusion strategy…", bootstyle="primary", command=self.open_strategy
        )
        self.strategy_button.pack(anchor="w", pady=(8, 0))
        self.refresh_strategy()

    def _case_sample_box(self) -> None:
        # one line (the screen does not scroll, and the pupil packs' box is below): the list's
        # window says what the case sample is
        box = ttk.Labelframe(self, text="Inclusion case sample (Ofsted, from November 2025)", padding=12)
        box.pack(anchor="w", fill="x", pady=(14, 0))
        row = ttk.Frame(box)
        row.pack(anchor="w", fill="x")
        self.case_sample_button = ttk.Button(
            row, text="Open the list…", bootstyle="primary", command=self.open_case_sample
        )
        self.case_sample_button.pack(side="left")
        self.case_sample_status = ttk.Label(row, text="", wraplength=560, justify="left")
        self.case_sample_status.pack(side="left", padx=(12, 0))
        self.refresh_case_sample()

    def refresh_case_sample(self) -> None:
        if self.case_sample_status is None:
            return
        from ...services import case_sample

        self.case_sample_status.configure(text=case_sample.school_gaps(self.actor).headline)

    def open_case_sample(self):
        from ..case_sample_window import open_case_sample

        return open_case_sample(self.main)

    def refresh_strategy(self) -> None:
        if self.strategy_status is None:
            return
        text, late = status_text(inclusion_strategy.get_strategy(self.actor), date.today())
        self.strategy_status.configure(text=f"This year: {text}", bootstyle="danger" if late else "default")

    def open_strategy(self):
        return self.main.open_strategy()

    def on_show(self) -> None:
        self.refresh_strategy()
        self.refresh_case_sample()

    def period(self) -> tuple[date, date] | None:
        """The two dates typed, or None with the reason shown under the field."""
        _, period, _ = attempt(
            lambda: parse_period(self.date_from.get(), self.date_to.get()),
            say=lambda text, style: self.period_message.configure(text=text, bootstyle=style),
            fields={"date_from": self.date_from, "date_to": self.date_to},
        )
        return period

    def make_summary(self) -> ExportDialog | None:
        period = self.period()
        if period is None:
            return None
        start, end = period
        named = self.named_var.get()
        actor = self.actor

        def check(_):
            model = packs.summary_model(actor, start, end, named=named)
            return model.missing(), [], packs.vague_wording(model)

        kind = "SEN summary for governors" + (" with named list" if named else "")
        job = ExportJob(
            title=f"SEN summary for governors, {uk(start)} to {uk(end)}",
            filename=packs.suggested_filename(kind, None, date.today()),
            check=check,
            run=lambda path, _: packs.export_summary(actor, path, date_from=start, date_to=end, named=named),
            note=(
                "With the named appendix: this copy names pupils; keep it as securely as the register."
                if named
                else "Numbers only."
            ),
        )
        try:
            return ExportDialog(self, job).show()
        except UserError as e:  # e.g. a role that may not print the summary
            dialogs.show_error(self, e.message)
            return None
