"""My pupils: the pupils whose plans name the signed-in person as responsible, each with outcomes,
strategies, provision and the next review; log sessions and record a review from here."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.graduated import MyPupil
from ...domain.plural import plural
from ...services import dashboard
from ..review_dialog import ReviewDialog, attendance_text
from ..session_dialogs import LogSessionsDialog, allocation_row


class MyPupilsScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        self.items: list[MyPupil] = []
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="My pupils", font="TkHeadingFont").pack(side="left")
        self.group_button = ttk.Button(
            top, text="Log a session for a group…", bootstyle="primary-outline", command=self.log_group
        )
        self.group_button.pack(side="right")
        # a teacher's way to the case sample list (Reports, where the SENCO finds it, is not theirs)
        self.case_sample_button = ttk.Button(
            top, text="Inclusion case sample…", bootstyle="secondary-outline", command=self.open_case_sample
        )
        self.case_sample_button.pack(side="right", padx=(0, 8))
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", pady=(4, 6))
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            body, columns=("pupil", "year", "review"), show="headings", selectmode="browse"
        )
        for key, heading, width in (
            ("pupil", "Pupil", 170),
            ("year", "Year", 90),
            ("review", "Next review", 175),
        ):
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=width, anchor="w", stretch=False)
        self.tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.tree.pack(side="left", fill="y")
        self.tree.bind("<<TreeviewSelect>>", lambda e: self.show_chosen())
        detail = ttk.Frame(body, padding=(14, 0, 0, 0))
        detail.pack(side="left", fill="both", expand=True)
        self.heading = ttk.Label(detail, text="", font="TkHeadingFont")
        self.heading.pack(anchor="w")
        self.review_line = ttk.Label(detail, text="")
        self.review_line.pack(anchor="w")
        self.text = ttk.Text(detail, wrap="word", height=14)
        self.text.pack(fill="both", expand=True, pady=(6, 6))
        buttons = ttk.Frame(detail)
        buttons.pack(fill="x")
        self.log_button = ttk.Button(buttons, text="Log a session…", bootstyle="primary", command=self.log)
        self.log_button.pack(side="left")
        self.review_button = ttk.Button(buttons, text="Record the review…", command=self.review)
        self.review_button.pack(side="left", padx=(8, 0))
        self.refresh()

    def open_case_sample(self):
        from ..case_sample_window import open_case_sample

        return open_case_sample(self.main)

    def refresh(self) -> None:
        self.items = dashboard.my_pupils(self.actor)
        # Re-read on every refresh: the theme (light/dark) may have changed since the last one.
        self.tree.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.tree.delete(*self.tree.get_children())
        for i, p in enumerate(self.items):
            review = (f"Overdue {uk(p.next_review)}" if p.overdue else uk(p.next_review)) or "no plan yet"
            self.tree.insert(
                "",
                "end",
                iid=str(i),
                tags=("overdue",) if p.overdue else (),
                values=(p.pupil.name, codes.year_label(p.pupil.year_group), review),
            )
        if self.items:
            self.message.configure(
                text="Pupils whose current plan names you as responsible. Choose one.", bootstyle="default"
            )
            self.tree.selection_set("0")
        else:
            self.message.configure(
                bootstyle="secondary",
                text=(
                    "No pupil's current plan names you as responsible. When the SENCO names you in a "
                    "plan, the pupil appears here with their outcomes, strategies and next review."
                ),
            )
        self.show_chosen()

    def on_show(self) -> None:
        self.refresh()

    def chosen(self) -> MyPupil | None:
        picked = self.tree.selection()
        return self.items[int(picked[0])] if picked else None

    def show_chosen(self) -> None:
        p = self.chosen()
        self.text.configure(state="normal")
        self.text.delete("1.0", "end")
        state = "normal" if p else "disabled"
        self.log_button.configure(state=state if p and p.allocations else "disabled")
        self.review_button.configure(state=state if p and p.next_review else "disabled")
        if p is None:
            self.heading.configure(text="")
            self.review_line.configure(text="")
            self.text.configure(state="disabled")
            return
        self.heading.configure(text=f"{p.pupil.name}, cycle {p.cycle_number}")
        if p.overdue:
            self.review_line.configure(
                text=f"Overdue: the review was due on {uk(p.next_review)}.", bootstyle="danger"
            )
        else:
            self.review_line.configure(
                text=f"Next review: {uk(p.next_review) or 'no plan yet'}", bootstyle="default"
            )
        lines = ["Outcomes:"] + [
            f"{i}. {o.text}"
            + (f" (by {uk(o.by_when)})" if o.by_when else "")
            + (f" - how we'll know: {o.measure}" if o.measure else "")
            for i, o in enumerate(p.outcomes, start=1)
        ]
        lines += ["", "Strategies:", p.strategies or "none written yet", "", "Provision:"]
        lines += [
            f"- {a.provision_name}: {a.session_minutes} min × {a.sessions_per_week} a week"
            + (f" with {a.staff}" if a.staff else "")
            + f"; {attendance_text(a)}"
            for a in p.allocations
        ]
        self.text.insert("1.0", "\n".join(lines))
        self.text.configure(state="disabled")

    def log(self) -> LogSessionsDialog | None:
        p = self.chosen()
        if p is None or not p.allocations:
            return None
        rows = [allocation_row(a, p.pupil.name, p.pupil.year_group) for a in p.allocations]
        return LogSessionsDialog(self, self.actor, rows=rows, on_done=self._logged).show(self)

    def log_group(self) -> LogSessionsDialog:
        return LogSessionsDialog(self, self.actor, on_done=self._logged).show(self)

    def _logged(self, logged) -> None:
        chosen = self.tree.selection()
        self.refresh()
        if chosen and self.tree.exists(chosen[0]):
            self.tree.selection_set(chosen[0])
        self.message.configure(
            text=f"Saved: {plural(logged.added, 'session')} logged"
            + (f", {logged.changed} replaced" if logged.changed else "")
            + ".",
            bootstyle="success",
        )

    def review(self) -> ReviewDialog | None:
        p = self.chosen()
        if p is None:
            return None
        return ReviewDialog(
            self,
            self.actor,
            cycle_id=p.cycle_id,
            version=p.cycle_version,
            cycle_number=p.cycle_number,
            pupil_name=p.pupil.name,
            outcomes=p.outcomes,
            allocations=p.allocations,
            on_done=self._reviewed,
        ).show(self)

    def _reviewed(self, next_cycle_id) -> None:
        self.main.pupils_changed()  # reloads this screen too
        self.message.configure(
            text="Review saved."
            + (" A new cycle is open with the unmet outcomes carried across." if next_cycle_id else ""),
            bootstyle="success",
        )
