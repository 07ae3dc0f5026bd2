"""Dashboard: the headline numbers, each opening the list behind it. Overdue reviews are red and
say "Overdue" in words; the register counts open the register filtered."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.graduated import Dashboard, DueReview
from ...domain.money import pounds
from ...domain.plural import plural
from ...services import dashboard, pupils
from ..tiles import TileRow
from ..widgets import text_width
from .deadlines import due_words
from .deadlines_panel import DeadlinesPanel
from .leavers_panel import LeaversPanel
from .observations_panel import ObservationsPanel


class DashboardScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master)
        self.main = main_window
        self.data: Dashboard | None = None
        page = self.page = _page_that_scrolls(self)
        ttk.Label(page, text="Dashboard", font="TkHeadingFont").pack(anchor="w")
        ttk.Label(page, text="Choose a number to see the pupils behind it.", bootstyle="secondary").pack(
            anchor="w", pady=(2, 12)
        )
        self.buttons: dict[str, ttk.Button] = {}
        # Two rows of tiles (the register's counts; then the work to do), each wrapping onto
        # another line when large text makes it wider than the window.
        self.tile_rows = [TileRow(page), TileRow(page), TileRow(page)]
        self.tile_rows[0].pack(fill="x")
        self.tile_rows[1].pack(fill="x", pady=(12, 0))
        self.tile_rows[2].pack(fill="x", pady=(12, 0))  # parents as partners
        for key, status in (("pupils", ""), ("K", "K"), ("E", "E")):
            self._button(0, key, "primary-outline", lambda s=status: self.main.open_register(status=s))
        self._button(1, "overdue", "danger-outline", lambda: self.show_reviews("overdue"))
        self._button(1, "due", "primary-outline", lambda: self.show_reviews("due"))
        self._button(1, "concerns", "primary-outline", lambda: self.main.show("concerns"))
        self._button(1, "monitoring", "primary-outline", lambda: self.main.show("concerns"))
        self._button(1, "spend", "primary-outline", self.open_spend)
        # Code of Practice 6.65: parents of a pupil on SEN support met at least three times a year
        self._button(2, "parents", "primary-outline", self.open_parents_short)
        # The inclusion strategy to publish (SENCO and head): shown until it is marked published,
        # however far off its deadline (the statutory panel lists only the next 8 weeks).
        self.strategy_line = ttk.Button(page, text="", bootstyle="link", command=self.main.open_strategy)
        # Below the numbers: the reviews list on the left, statutory deadlines on the right, and
        # leavers' transfer packs across the bottom (its long "send by" words need the width), so
        # a 1366x768 screen shows all of it with no column cut off.
        self.leavers = LeaversPanel(page, main_window)
        self.leavers.pack(side="bottom", fill="x", anchor="w", pady=(12, 0))
        # Two equal halves: at large text sizes the deadlines panel cannot take the reviews
        # list's whole width.
        body = ttk.Frame(page)
        body.pack(fill="both", expand=True)
        body.columnconfigure((0, 1), weight=1, uniform="half")
        body.rowconfigure(0, weight=1)
        side = ttk.Frame(body)
        side.grid(row=0, column=1, sticky="nsew", padx=(18, 0))
        self.deadlines = DeadlinesPanel(side, main_window)
        self.deadlines.pack(anchor="w", fill="x")
        # requests for staff observations: a teacher's to answer, the SENCO's awaited
        self.observations = ObservationsPanel(side, main_window)
        if self.observations.applies:
            self.observations.pack(anchor="w", fill="x")
        left = ttk.Frame(body)
        left.grid(row=0, column=0, sticky="nsew")
        self.list_label = ttk.Label(left, text="", font="TkHeadingFont")
        self.list_label.pack(anchor="w", pady=(18, 0))
        self.list_note = ttk.Label(left, text="", bootstyle="secondary")
        self.list_note.pack(anchor="w", pady=(0, 4))
        self.list = ttk.Treeview(
            left,
            columns=("date", "when", "pupil", "year", "cycle"),
            show="headings",
            height=6,
            selectmode="browse",
        )
        for key, heading in (
            ("date", "Review date"),
            ("when", ""),
            ("pupil", "Pupil"),
            ("year", "Year / class"),
            ("cycle", "Cycle"),
        ):
            self.list.heading(key, text=heading, anchor="w")
            # Only the pupil's name gives way when the half is narrow: the rest are sized to
            # their words (see _fit_columns), and a cut name still shows its first letters.
            self.list.column(key, anchor="w", stretch=key == "pupil")
        self.list.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.list.bind("<Double-1>", lambda e: self.open_chosen())
        self.list.bind("<Return>", lambda e: self.open_chosen())
        self.list_hint = ttk.Label(left, text="", bootstyle="secondary")
        self.list_hint.pack(side="bottom", anchor="w", pady=(4, 0))
        # A scroll bar says there are more lines than the list shows.
        scroll = ttk.Scrollbar(left, orient="vertical", command=self.list.yview)
        self.list.configure(yscrollcommand=scroll.set)
        scroll.pack(side="right", fill="y")
        self.list.pack(fill="both", expand=True)
        self.shown: list[DueReview] = []
        self.refresh()

    def _button(self, row: int, key: str, style: str, command) -> None:
        self.buttons[key] = self.tile_rows[row].add(style, command)

    def refresh(self) -> None:
        actor = self.main.actor
        counts = pupils.register_counts(actor)  # a teacher's: their own pupils, as their register
        if actor.visible_pupil_ids() is None:
            self.buttons["pupils"].configure(text=plural(counts["pupils"], "pupil on roll", "pupils on roll"))
            self.buttons["K"].configure(text=f"{counts['K']} on SEN support")
            self.buttons["E"].configure(text=plural(counts["E"], "with an EHC plan", "with EHC plans"))
        else:  # never the school's figures under a teacher's own lists
            self.buttons["pupils"].configure(text=f"Your pupils: {counts['pupils']}")
            self.buttons["K"].configure(text=f"{counts['K']} of them on SEN support")
            self.buttons["E"].configure(
                text=plural(counts["E"], "of them with an EHC plan", "of them with EHC plans")
            )
        d = self.data = dashboard.dashboard(actor)
        # Re-read on every refresh: the theme (light/dark) may have changed since the last one.
        self.list.tag_configure("overdue", foreground=ttk.Style.get_instance().colors.danger)
        self.buttons["overdue"].configure(
            text=plural(len(d.overdue), "review Overdue", "reviews Overdue"),
            bootstyle="danger" if d.overdue else "secondary-outline",
        )
        self.buttons["due"].configure(text=f"{len(d.due_soon)} due in the next {d.due_within_days} days")
        self.buttons["concerns"].configure(text=plural(len(d.open_concerns), "open concern", "open concerns"))
        self.buttons["monitoring"].configure(text=f"{len(d.monitoring_due)} monitoring: look again now")
        self.buttons["spend"].configure(
            text=f"Provision {d.spend_year}: {pounds(d.spend)}"
            + (" (approx.)" if d.spend_approximate else "")
        )
        self.buttons["parents"].configure(
            text=f"{d.parents_short} on SEN support: parents met under 3 times this year",
            bootstyle="primary-outline" if d.parents_short else "secondary-outline",
        )
        if not actor.user.can("concern.read"):
            for key in ("concerns", "monitoring"):
                self.buttons[key].pack_forget()
        if not actor.user.can("provision.edit") and actor.visible_pupil_ids() is not None:
            self.buttons["spend"].pack_forget()
        self._show_strategy(d)
        self.show_reviews(getattr(self, "showing", "overdue" if d.overdue else "due"))
        self.deadlines.refresh()
        self.observations.refresh()
        if actor.user.can("export.packs"):
            self.leavers.refresh()
        else:  # it asks for a transfer pack this role cannot make
            self.leavers.pack_forget()

    def on_show(self) -> None:
        self.refresh()

    def _show_strategy(self, d: Dashboard) -> None:
        item = d.strategy_due
        if item is None:
            self.strategy_line.pack_forget()
            return
        self.strategy_line.configure(
            text=f"Inclusion strategy: publish it on the school website by {uk(item.step.due)} "
            f"({due_words(item, d.today).lower()}). Open the strategy…",
            bootstyle="danger-link" if item.step.overdue(d.today) else "link",
        )
        self.strategy_line.pack(anchor="w", pady=(8, 0), after=self.tile_rows[-1])

    def show_reviews(self, which: str) -> None:
        """The list behind 'overdue' or 'due soon': one line a pupil, double-click to open."""
        self.showing = which
        d = self.data
        self.shown = d.overdue if which == "overdue" else d.due_soon
        # The heading stays short enough for the narrow column; the explanation goes under it.
        title = (
            "Reviews overdue" if which == "overdue" else f"Reviews due in the next {d.due_within_days} days"
        )
        self.list_label.configure(text=f"{title}: {len(self.shown)}")
        self.list_note.configure(
            text="The review date has passed with no review recorded."
            if which == "overdue"
            else "Plans whose review date is coming up."
        )
        self.list.delete(*self.list.get_children())
        for i, item in enumerate(self.shown):
            when = (
                f"Overdue by {plural(-item.days, 'day')}"
                if item.overdue
                else "Due today"
                if item.days == 0
                else f"Due in {plural(item.days, 'day')}"
            )
            where = ", ".join(
                x for x in (codes.year_label(item.pupil.year_group), item.pupil.class_name) if x
            )
            self.list.insert(
                "",
                "end",
                iid=str(i),
                tags=("overdue",) if item.overdue else (),
                values=(uk(item.review_date), when, item.pupil.name, where, item.cycle_number),
            )
        rows = self.list.get_children()
        self._fit_columns({self.list.set(i, "when") for i in rows}, {self.list.set(i, "year") for i in rows})
        self.list_hint.configure(
            text="Double-click a pupil (or Enter) to open their record."
            if self.shown
            else "None: nothing is waiting here."
        )

    def _fit_columns(self, whens: set[str], places: set[str]) -> None:
        """Each column as wide as its widest words in the font in use ("Reception, R" and the
        "Cycle" heading were cut at 100 %); the pupil's name takes what is left of the half."""
        widths = {
            "date": text_width(self, "Review date", "00/00/0000"),
            "when": text_width(self, "Overdue by 99 days", *whens),
            "year": text_width(self, "Year / class", *places),
            "cycle": text_width(self, "Cycle", "99"),
        }
        for key, width in widths.items():
            self.list.column(key, width=width)
        # The name asks for little and stretches into whatever the list has left over.
        self.list.column("pupil", width=130)

    def open_chosen(self):
        picked = self.list.selection()
        if not picked:
            return None
        record = self.main.open_pupil(self.shown[int(picked[0])].pupil.pupil_id)
        record.tabs.select(record.support)
        return record

    def open_parents_short(self):
        """The pupils behind the parents' meetings figure, in a window of their own."""
        from ..parent_meetings_window import ParentMeetingsWindow

        return ParentMeetingsWindow(self.main).show()

    def open_spend(self) -> None:
        screen = self.main.show("provision")
        screen.tabs.select(1)


def _page_that_scrolls(screen: ttk.Frame) -> ttk.Frame:
    """The dashboard's page: as tall as the window when it fits (the lists grow to fill it, as
    before), and scrolling up and down when it does not (large text on a 768-high laptop, where
    the lists and the deadlines' tiles were squeezed out of sight)."""
    scroller = ttk.ScrolledFrame(screen, auto_hide=True, padding=0)
    scroller.container.pack(fill="both", expand=True)
    page = ttk.Frame(scroller, padding=24)
    page.grid(row=0, column=0, sticky="nsew")
    scroller.grid_columnconfigure(0, weight=1)
    scroller.grid_rowconfigure(0, weight=1)
    # At least the window's height: a taller page scrolls, a shorter one is stretched to it.
    scroller.container.bind("<Configure>", lambda e: scroller.grid_rowconfigure(0, minsize=e.height), add="+")
    return page
