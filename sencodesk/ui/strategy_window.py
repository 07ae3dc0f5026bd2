"""The inclusion strategy window: the school writes its own words under each heading, with the
figures from the record for that heading shown under the words; then exports it (PDF or Word)
and marks it published. SENCO and head only (the service refuses anyone else).

The figures are the document's own blocks (reports.strategy.FIGURES), so what the window shows
is what the PDF and the Word file will print.
"""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ..domain.dates import uk
from ..domain.errors import UserError
from ..domain.inclusion_strategy import DEADLINES, GUIDANCE, MAX_YEARS, SECTIONS, activities_text
from ..domain.plural import plural
from ..reports import strategy as document
from ..services import inclusion_strategy
from . import appearance, dialogs
from .exporting import ExportDialog, ExportJob
from .kit import DateField, FormDialog, TextField, attempt, text_width

_open: list[StrategyWindow] = []  # the one window open (a second "Open" brings it forward)


def open_strategy(parent: tkinter.Misc, actor, *, on_change=None) -> StrategyWindow:
    """The strategy window, made or brought forward."""
    for window in _open:
        if window.winfo_exists():
            window.deiconify()
            window.lift()
            window.focus_set()
            return window
    _open.clear()
    window = StrategyWindow(parent, actor, on_change=on_change)
    _open.append(window)
    return window


def status_text(strategy, today: date) -> tuple[str, bool]:
    """(what the status line says, whether it is late)."""
    if strategy.published:
        by = f", marked by {strategy.published_by}" if strategy.published_by else ""
        return f"Published on {uk(strategy.published_on)} at {strategy.published_url}{by}.", False
    due = DEADLINES.get(strategy.year)
    if due is None:
        return "Not yet published.", False
    days = (due - today).days
    if days < 0:
        return f"Not yet published. Overdue by {plural(-days, 'day')}: it was due by {uk(due)}.", True
    when = "today" if days == 0 else f"in {plural(days, 'day')}"
    return f"Not yet published: it must be on the school website by {uk(due)} ({when}).", False


def _checks(model) -> tuple[list[str], list, list]:
    """What the export dialog lists: what is missing, and vague wording in the strategy's words."""
    from ..services.packs import vague_wording

    return model.missing(), [], vague_wording(model)


class StrategyWindow(ttk.Toplevel):
    def __init__(self, parent: tkinter.Misc, actor, *, on_change=None):
        super().__init__(title="Inclusion strategy", minsize=(860, 560), master=parent.winfo_toplevel())
        self.withdraw()
        self.parent, self.actor = parent, actor
        self.on_change = on_change or (lambda: None)
        self.year = inclusion_strategy.strategy_years(actor)[0]
        self.texts: dict[str, str] = {}
        self.current = SECTIONS[0].key
        self._build()
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.bind("<Escape>", lambda e: self.close())
        self.bind("<Control-s>", lambda e: (self.save(), "break")[1])
        self.load()
        scale = appearance.text_scale_of(self) / 100
        size = (
            min(self.winfo_screenwidth() - 40, int(1340 * max(1.0, scale * 0.8))),
            min(self.winfo_screenheight() - 80, int(700 * max(1.0, scale * 0.9))),
        )
        dialogs.place_over(self, parent, size=size)
        self.deiconify()
        self.words.input.focus_set()

    # ---- building -------------------------------------------------------------------------
    def _build(self) -> None:
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        head = ttk.Frame(outer)
        head.pack(fill="x")
        ttk.Label(head, text="Inclusion strategy", font="TkHeadingFont").pack(side="left")
        ttk.Label(head, text="School year").pack(side="left", padx=(18, 4))
        self.year_var = tkinter.StringVar(self, self.year)
        self.year_box = ttk.Combobox(
            head,
            textvariable=self.year_var,
            values=inclusion_strategy.strategy_years(self.actor),
            width=9,
            state="readonly",
        )
        self.year_box.pack(side="left")
        self.year_box.bind("<<ComboboxSelected>>", lambda e: self.change_year())
        self.status = ttk.Label(outer, text="", wraplength=1000, justify="left")
        self.status.pack(anchor="w", pady=(6, 0))
        ttk.Label(
            outer,
            text=f"Write the school's own words under each heading; the figures from SENCO desk's records "
            f"are shown under them and go in the document as they are. Guidance: {GUIDANCE[0]}.",
            bootstyle="secondary",
            wraplength=1000,
            justify="left",
        ).pack(anchor="w")

        actions = ttk.Frame(outer)
        actions.pack(fill="x", pady=(8, 0))
        self.carry_button = ttk.Button(
            actions, text="Start from last year's words", bootstyle="secondary-outline", command=self.carry
        )
        self.carry_button.pack(side="left")
        self.pdf_button = ttk.Button(
            actions, text="Export PDF…", bootstyle="primary-outline", command=lambda: self.export(".pdf")
        )
        self.pdf_button.pack(side="left", padx=(8, 0))
        self.docx_button = ttk.Button(
            actions,
            text="Export Word (.docx)…",
            bootstyle="primary-outline",
            command=lambda: self.export(".docx"),
        )
        self.docx_button.pack(side="left", padx=(8, 0))
        self.publish_button = ttk.Button(
            actions, text="Mark as published…", bootstyle="primary-outline", command=self.mark_published
        )
        self.publish_button.pack(side="left", padx=(8, 0))
        cover = ttk.Frame(actions)
        cover.pack(side="right")
        ttk.Label(cover, text="Years it covers").pack(side="left")
        self.years_var = tkinter.StringVar(self, "1")
        self.years_box = ttk.Spinbox(cover, from_=1, to=MAX_YEARS, width=3, textvariable=self.years_var)
        self.years_box.pack(side="left", padx=(4, 12))
        self.next_review = DateField(cover, "Next review")
        self.next_review.pack(side="left")

        foot = ttk.Frame(outer)
        foot.pack(side="bottom", fill="x", pady=(8, 0))
        ttk.Button(foot, text=dialogs.CLOSE, command=self.close).pack(side="right")
        self.save_button = ttk.Button(foot, text="Save (Ctrl+S)", bootstyle="primary", command=self.save)
        self.save_button.pack(side="right", padx=(0, 8))
        self.message = ttk.Label(foot, text="", wraplength=760, justify="left")
        self.message.pack(side="left", fill="x")

        body = ttk.Frame(outer)
        body.pack(fill="both", expand=True, pady=(10, 0))
        self.headings = ttk.Treeview(body, show="tree", selectmode="browse", height=len(SECTIONS))
        self.headings.column("#0", width=text_width(self, *(f"✓ 8. {s.heading}" for s in SECTIONS)))
        for number, s in enumerate(SECTIONS, start=1):
            self.headings.insert("", "end", iid=s.key, text=f"{number}. {s.heading}")
        self.headings.pack(side="left", fill="y")
        self.headings.bind("<<TreeviewSelect>>", lambda e: self.show_section())
        right = ttk.Frame(body, padding=(14, 0, 0, 0))
        right.pack(side="left", fill="both", expand=True)
        self.heading_label = ttk.Label(right, text="", font="TkHeadingFont")
        self.heading_label.pack(anchor="w")
        self.prompt = ttk.Label(right, text="", bootstyle="secondary", wraplength=600, justify="left")
        self.prompt.pack(anchor="w", fill="x", pady=(0, 4))
        self.prompt.bind("<Configure>", lambda e: self.prompt.configure(wraplength=max(e.width - 8, 200)))
        self.words = TextField(right, "The school's words", lines=8, width=90)
        self.words.pack(fill="x")
        self.activities = TextField(
            right,
            "Whole-school activity and its budgeted cost: one a line, the cost after a colon "
            "(e.g. Staff training in adaptive teaching: £2,400)",
            lines=4,
            width=90,
        )
        self.figures_box = ttk.Labelframe(right, text="From SENCO desk's records", padding=8)
        self.figures_box.pack(fill="both", expand=True, pady=(6, 0))
        self.figures = ttk.ScrolledFrame(self.figures_box, auto_hide=True, padding=0)
        self.figures.container.pack(fill="both", expand=True)

    # ---- loading --------------------------------------------------------------------------
    def load(self, *, keep_typing: bool = False) -> None:
        """Read the year's strategy and figures; keep_typing leaves what was typed in place."""
        self.strategy = inclusion_strategy.get_strategy(self.actor, self.year)
        self.model = inclusion_strategy.strategy_model(self.actor, self.year)
        if not keep_typing:
            self.texts = dict(self.strategy.words)
            self.years_var.set(str(self.strategy.years))
            self.next_review.set(uk(self.strategy.next_review_on))
            self.activities.set(activities_text(self.strategy.activities))
            self.words.set(self.texts.get(self.current, ""))
            self.saved = self.collect()
        text, late = status_text(self.strategy, date.today())
        self.status.configure(text=text, bootstyle="danger" if late else "default")
        can_carry = self.strategy.version == 0 and self.strategy.earlier_year is not None
        self.carry_button.configure(
            state="normal" if can_carry else "disabled",
            text=f"Start from {self.strategy.earlier_year}'s words"
            if can_carry
            else "Start from last year's words",
        )
        self.title(f"Inclusion strategy {self.year}: {self.model.school.name}")
        self._mark_written()
        if not self.headings.selection():
            self.headings.selection_set(self.current)
        self.show_section(store=False)

    def _mark_written(self) -> None:
        for number, s in enumerate(SECTIONS, start=1):
            done = bool(self.texts.get(s.key, "").strip())
            self.headings.item(s.key, text=f"{'✓ ' if done else ''}{number}. {s.heading}")

    def show_section(self, *, store: bool = True) -> None:
        """Show the chosen heading: its prompt, its words, its figures."""
        picked = self.headings.selection()
        key = picked[0] if picked else self.current
        if store:
            self.texts[self.current] = self.words.get()
        self.current = key
        section = next(s for s in SECTIONS if s.key == key)
        number = [s.key for s in SECTIONS].index(key) + 1
        self.heading_label.configure(text=f"{number}. {section.heading}")
        self.prompt.configure(text=section.prompt)
        self.words.set(self.texts.get(key, ""))
        if key == "universal":
            self.activities.pack(fill="x", pady=(6, 0), before=self.figures_box)
        else:
            self.activities.pack_forget()
        self._show_figures(key)
        self._mark_written()

    def _show_figures(self, key: str) -> None:
        holder = self.figures
        for child in holder.winfo_children():
            child.destroy()
        section = next(s for s in SECTIONS if s.key == key)
        blocks: list = []
        if key == "about":
            blocks = document.cover(self.model)
        elif key == "principles":
            blocks = [
                document.Para(
                    f"The 7 principles are set out in the DfE's guidance: {GUIDANCE[0]}, {GUIDANCE[1]}"
                )
            ]
        for figure in section.figures:
            blocks += document.FIGURES[figure](self.model)
        if key == "targeted" and self.model.staff_people:
            blocks.append(_people(self.model))
        if not blocks:
            blocks = [document.Para("Nothing from the records goes under this heading.", "missing")]
        for block in blocks:
            _render(holder, block)

    # ---- what was typed ---------------------------------------------------------------------
    def collect(self) -> dict:
        texts = dict(self.texts)
        texts[self.current] = self.words.get()
        return {
            "words": {k: v for k, v in texts.items() if v.strip()},
            "years": self.years_var.get(),
            "next_review_on": self.next_review.get(),
            "activities": self.activities.get(),
        }

    def dirty(self) -> bool:
        return _normal(self.collect()) != _normal(self.saved)

    # ---- actions --------------------------------------------------------------------------
    def save(self) -> bool:
        form = self.collect()
        ok, _, _ = attempt(
            lambda: inclusion_strategy.save_strategy(self.actor, self.year, self.strategy.version, form),
            say=lambda text, style: self.message.configure(text=text, bootstyle=style),
            fields={"next_review_on": self.next_review},
        )
        if not ok:
            return False
        self.texts = dict(form["words"])
        self.load(keep_typing=True)
        self.saved = self.collect()
        self.message.configure(text=f"Saved at {_clock()}.", bootstyle="success")
        self.on_change()
        return True

    def change_year(self) -> None:
        year = self.year_var.get()
        if year == self.year:
            return
        if self.dirty() and not dialogs.confirm(
            self,
            f"You have typed things in {self.year}'s strategy that are not saved. Change year and lose them?",
            yes="Change year without saving",
            no="Keep editing",
        ):
            self.year_var.set(self.year)
            return
        self.year = year
        self.load()

    def carry(self) -> bool:
        try:
            inclusion_strategy.carry_forward(self.actor, self.year)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return False
        earlier = self.strategy.earlier_year
        self.load()
        self.message.configure(
            text=f"Started {self.year} from {earlier}'s words: read each heading and bring it up to date.",
            bootstyle="success",
        )
        return True

    def export(self, suffix: str) -> ExportDialog | None:
        """The document is made from what is saved: unsaved words are saved first."""
        if self.dirty() and not self.save():
            return None
        actor, year = self.actor, self.year
        job = ExportJob(
            title=f"Inclusion strategy {year} ({'Word' if suffix == '.docx' else 'PDF'})",
            filename=inclusion_strategy.suggested_filename(actor, year, suffix),
            check=lambda _: _checks(inclusion_strategy.strategy_model(actor, year)),
            run=lambda path, _: inclusion_strategy.export_strategy(actor, path, year=year),
            note="For the school website: counts only, no names. Groups of fewer than 5 pupils are "
            'shown as "fewer than 5".',
            suffix=suffix,
        )
        try:
            return ExportDialog(self, job).show()
        except UserError as e:
            dialogs.show_error(self, e.message)
            return None

    def mark_published(self) -> FormDialog | None:
        if self.strategy.version == 0:
            self.message.configure(
                text=f"Save the {self.year} strategy first, then mark it published.", bootstyle="danger"
            )
            return None

        def done(strategy) -> None:
            self.strategy = strategy
            self.load(keep_typing=True)
            self.message.configure(text=status_text(strategy, date.today())[0], bootstyle="success")
            self.on_change()

        return PublishedDialog(self, self.actor, self.strategy, done).show(self)

    def close(self) -> bool:
        if self.dirty() and not dialogs.confirm(
            self,
            "You have typed things in the inclusion strategy that are not saved. Close it and lose them?",
            yes="Close without saving",
            no="Keep editing",
        ):
            return False
        self.destroy()
        return True


class PublishedDialog(FormDialog):
    """The date and web page it went on the school's website (both blank: not yet published)."""

    SAVE_TEXT = "Mark as published"

    def __init__(self, parent, actor, strategy, on_done):
        super().__init__(parent, f"Mark the {strategy.year} inclusion strategy as published", on_done=on_done)
        self.actor, self.strategy = actor, strategy
        self.sheet.line(
            "Once it is on the school website, say when and where. The deadline then leaves the "
            "dashboard and the Deadlines screen. To undo a mark made by mistake, clear both and save."
        )
        self.sheet.date("published_on", "Date published")
        self.sheet.new_row()
        self.sheet.text("published_url", "Web address of the page", width=60, span=2)
        self.load(
            {
                "published_on": uk(strategy.published_on or date.today()),
                "published_url": strategy.published_url,
            }
        )

    def submit(self):
        return inclusion_strategy.mark_published(
            self.actor,
            self.strategy.year,
            self.strategy.version,
            self.collect(),
        )


def _normal(form: dict) -> tuple:
    words = {k: v.strip() for k, v in form["words"].items() if v.strip()}
    return (words, str(form["years"]).strip(), form["next_review_on"].strip(), form["activities"].strip())


def _clock() -> str:
    from datetime import datetime

    return datetime.now().strftime("%H:%M")


def _people(model) -> document.Grid:
    """Staff time by person: for the SENCO and head planning, never printed (staff are not named
    in a document published on the website)."""
    return document.Grid(
        ["Member of staff (shown here only)", "Hours planned", "Hours delivered"],
        [
            [t.who, document.hours(t.planned_minutes), document.hours(t.delivered_minutes)]
            for t in model.staff_people
        ],
        [4, 1.5, 1.5],
        "Staff time by person",
    )


def _render(holder: tkinter.Misc, block) -> None:
    """One block of the document as the window shows it."""
    if isinstance(block, document.Para):
        style = {"note": "secondary", "missing": "secondary"}.get(block.style, "default")
        ttk.Label(holder, text=block.text, wraplength=760, justify="left", bootstyle=style).pack(
            anchor="w", pady=(0, 4)
        )
        return
    if isinstance(block, document.Facts):  # labels that wrap: a value may be a long sentence
        grid = ttk.Frame(holder)
        grid.pack(anchor="w", fill="x", pady=(0, 8))
        grid.columnconfigure(1, weight=1)
        for row, (label, value) in enumerate(block.pairs):
            ttk.Label(grid, text=label, font="TkHeadingFont").grid(
                row=row, column=0, sticky="nw", padx=(0, 12)
            )
            ttk.Label(
                grid,
                text=value or "Not yet recorded",
                wraplength=520,
                justify="left",
                bootstyle="default" if value else "secondary",
            ).grid(row=row, column=1, sticky="nw")
        return
    header, rows = block.header, block.rows
    columns = [f"c{i}" for i in range(len(header))]
    tree = ttk.Treeview(holder, columns=columns, show="headings", height=len(rows), selectmode="none")
    for i, (column, title) in enumerate(zip(columns, header, strict=True)):
        tree.heading(column, text=title, anchor="w")
        widest = text_width(holder, title, *(str(r[i]) for r in rows))
        # the first column (the names) gets what is left; the others as wide as their words, up to a cap
        tree.column(column, width=min(widest, 170 if i else 260), minwidth=60, anchor="w", stretch=i == 0)
    for row in rows:
        tree.insert("", "end", values=[str(c) for c in row])
    tree.pack(anchor="w", fill="x", pady=(0, 8))
