"""Provision: the catalogue (with each item's cost rule on screen), the whole-school provision
map, and the costing rates every cost is worked out from (kept here, in one place)."""

from __future__ import annotations

import tkinter
from datetime import date

import ttkbootstrap as ttk

from ...domain import costing
from ...domain.errors import UserError
from ...domain.money import pounds
from ...domain.plural import plural
from ...domain.provision import Provision
from ...domain.school_calendar import academic_year_of, year_label
from ...services import calendar, provision
from ..kit import TextField, attempt
from ..provision_dialog import ProvisionDialog
from ..pupil.provision_map import year_choices
from ..session_dialogs import LogSessionsDialog
from ..widgets import hide, read_only

RULE = (
    "Cost to one pupil a year = minutes a session × sessions a week × weeks ÷ 60 × the hourly "
    "rate ÷ pupils in the group, + any fixed cost ÷ pupils in the group. A year's provision map "
    "counts the weeks each block runs in that year on the school calendar."
)


def _tree(master, columns, height=12) -> ttk.Treeview:
    tree = ttk.Treeview(
        master, columns=[c[0] for c in columns], show="headings", height=height, selectmode="browse"
    )
    for key, heading, width, stretch in columns:
        tree.heading(key, text=heading, anchor="w")
        tree.column(key, width=width, anchor="w", stretch=stretch)
    return tree


class ProvisionScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.actor = main_window.actor
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="Provision", font="TkHeadingFont").pack(side="left")
        self.group_button = ttk.Button(
            top, text="Log a session for a group…", bootstyle="primary", command=self.log_group
        )
        self.group_button.pack(side="right")
        self.message = ttk.Label(self, text="", wraplength=900, justify="left")
        self.message.pack(anchor="w", pady=(4, 4))
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        self._build_catalogue()
        self._build_map()
        self._build_costing()
        self._apply_role()
        # The whole-school map reads every allocation of the year: only when it is looked at.
        self.tabs.bind("<<NotebookTabChanged>>", lambda e: self._tab_shown())
        self.refresh()

    def _apply_role(self) -> None:
        """Only what this role may do: the catalogue and the rates are the SENCO's to change (the
        others read them), logging is for who delivers the sessions, and a teacher's map is of
        their own pupils (services.provision filters it), so it says so."""
        user = self.actor.user
        if not user.can("session.log"):
            hide(self.group_button)
        if not user.can("provision.edit"):
            for button in (self.add_button, self.edit_button, self.retire_button):
                hide(button)
            for sequence in ("<Double-1>", "<Return>"):
                self.catalogue.unbind(sequence)
        if not user.can("settings.edit"):
            read_only(self.costing_page)
        if self.actor.visible_pupil_ids() is not None:
            self.tabs.tab(1, text="Provision map (your pupils)")

    # ---- catalogue ----------------------------------------------------------------------
    def _build_catalogue(self) -> None:
        page = ttk.Frame(self.tabs, padding=8)
        self.tabs.add(page, text="Catalogue")
        bar = ttk.Frame(page)
        bar.pack(fill="x")
        self.add_button = ttk.Button(bar, text="Add…", bootstyle="primary-outline", command=self.add_item)
        self.add_button.pack(side="left")
        self.edit_button = ttk.Button(bar, text="Edit…", command=self.edit_item)
        self.edit_button.pack(side="left", padx=(8, 0))
        self.retire_button = ttk.Button(
            bar, text="Retire", bootstyle="secondary-outline", command=self.toggle_item
        )
        self.retire_button.pack(side="left", padx=(8, 0))
        self.retired_var = tkinter.BooleanVar(master=self, value=False)
        ttk.Checkbutton(
            bar, text="Show retired", variable=self.retired_var, command=self.load_catalogue
        ).pack(side="left", padx=(16, 0))
        self.catalogue = _tree(
            page,
            (
                ("name", "Provision", 290, False),
                ("area", "Area", 60, False),
                ("staff", "Delivered by", 150, False),
                ("pattern", "Pattern", 250, True),
                ("cost", "Per pupil a year", 140, False),
                ("state", "", 70, False),
            ),
        )
        self.catalogue.pack(fill="both", expand=True, pady=(6, 4))
        self.catalogue.bind("<<TreeviewSelect>>", lambda e: self.show_rule())
        self.catalogue.bind("<Double-1>", lambda e: self.edit_item())
        self.catalogue.bind("<Return>", lambda e: self.edit_item())
        self.rule = ttk.Label(page, text=RULE, wraplength=900, justify="left")
        self.rule.pack(anchor="w")
        self.items: dict[str, Provision] = {}

    def load_catalogue(self) -> None:
        self.rates = provision.get_costing(self.actor)
        items = provision.list_provisions(self.actor, include_inactive=self.retired_var.get())
        self.items = {str(p.id): p for p in items}
        self.catalogue.delete(*self.catalogue.get_children())
        for p in items:
            cost = provision.provision_cost(p, self.rates)
            pattern = (
                f"{plural(p.group_size, 'pupil')}, {p.session_minutes} min × "
                f"{p.sessions_per_week} a week, {p.weeks} weeks"
            )
            self.catalogue.insert(
                "",
                "end",
                iid=str(p.id),
                values=(
                    p.name,
                    p.area,
                    costing.STAFF_ROLES.get(p.staff_role, p.staff_role),
                    pattern,
                    pounds(cost.pence),
                    "" if p.active else "Retired",
                ),
            )

    def chosen(self) -> Provision | None:
        picked = self.catalogue.selection()
        return self.items.get(picked[0]) if picked else None

    def show_rule(self) -> None:
        p = self.chosen()
        if p is None:
            self.rule.configure(text=RULE)
            return
        cost = provision.provision_cost(p, self.rates)
        self.rule.configure(text=f"{p.name}: {p.description}\nCost per pupil: {cost.explanation}\n{RULE}")
        self.retire_button.configure(text="Retire" if p.active else "Bring back")

    def add_item(self) -> ProvisionDialog:
        return ProvisionDialog(self, self.actor, None, self.rates, on_done=self._saved).show(self)

    def edit_item(self) -> ProvisionDialog | None:
        p = self.chosen()
        if p is None:
            self.message.configure(text="Choose a provision in the list first.", bootstyle="danger")
            return None
        return ProvisionDialog(self, self.actor, p, self.rates, on_done=self._saved).show(self)

    def _saved(self, result) -> None:
        provision_id, hints = result
        self.refresh()
        self.catalogue.selection_set(str(provision_id))
        text = "Saved."
        if hints:
            text += " The description could be more specific: " + " ".join(h.hint for h in hints[:2])
        self.message.configure(
            text=text, bootstyle="success" if not hints else "primary"
        )  # info cyan is too pale

    def toggle_item(self) -> None:
        p = self.chosen()
        if p is None:
            self.message.configure(text="Choose a provision in the list first.", bootstyle="danger")
            return
        try:
            provision.set_provision_active(self.actor, p.id, p.version, not p.active)
        except UserError as e:
            self.message.configure(text=e.message, bootstyle="danger")
            return
        self.message.configure(
            bootstyle="success",
            text=(
                f"{p.name} retired: it is no longer offered for new plans; plans that have it keep it."
                if p.active
                else f"{p.name} is offered again."
            ),
        )
        self.refresh()

    # ---- whole-school provision map -------------------------------------------------------
    def _build_map(self) -> None:
        page = ttk.Frame(self.tabs, padding=8)
        self.tabs.add(page, text="Provision map (whole school)")
        bar = ttk.Frame(page)
        bar.pack(fill="x")
        ttk.Label(bar, text="Academic year:").pack(side="left")
        self.years = year_choices()
        self.year_var = tkinter.StringVar(master=self, value=next(iter(self.years)))
        ttk.Combobox(
            bar, textvariable=self.year_var, values=list(self.years), state="readonly", width=9
        ).pack(side="left", padx=(4, 0))
        self.year_var.trace_add("write", lambda *_: self.load_map())
        self.map_total = ttk.Label(bar, text="", font="TkHeadingFont")
        self.map_total.pack(side="left", padx=(16, 0))
        self.map = _tree(
            page,
            (
                ("name", "Provision", 250, False),
                ("area", "Area", 60, False),
                ("pupils", "Pupils", 70, False),
                ("sessions", "Sessions delivered", 150, False),
                ("cost", "Cost", 100, False),
                ("impact", "Outcomes met or exceeded", 220, False),
                ("who", "Who had it", 300, True),
            ),
        )
        self.map.pack(fill="both", expand=True, pady=(6, 4))
        self.map_weeks = ttk.Label(page, text="", bootstyle="secondary", wraplength=900, justify="left")
        self.map_weeks.pack(anchor="w")
        ttk.Label(
            page,
            bootstyle="secondary",
            wraplength=900,
            justify="left",
            text=(
                "Impact: of the outcomes rated at review in the cycles of pupils who had the provision, the "
                "share rated met or exceeded. Costs use the rates on the Costing rates tab."
            ),
        ).pack(anchor="w")

    def load_map(self) -> None:
        m = provision.school_provision_map(self.actor, year_start=self.years[self.year_var.get()])
        self.map.delete(*self.map.get_children())
        for line in m.lines:
            impact = (
                f"{round(100 * line.impact)}% of {line.rated} rated"
                if line.impact is not None
                else "none rated yet"
            )
            names = ", ".join(p.name for p in line.pupils[:6]) + (" …" if len(line.pupils) > 6 else "")
            self.map.insert(
                "",
                "end",
                iid=str(line.provision_id),
                values=(
                    line.name,
                    line.area,
                    len(line.pupils),
                    line.sessions,
                    pounds(line.cost),
                    impact,
                    names,
                ),
            )
        self.map_total.configure(text=f"Total {m.year_label}: {pounds(m.total)}")
        self.map_weeks.configure(text=m.weeks_note)

    # ---- costing rates --------------------------------------------------------------------
    def _build_costing(self) -> None:
        page = self.costing_page = ttk.Frame(self.tabs, padding=8)
        self.tabs.add(page, text="Costing rates")
        ttk.Label(page, text=RULE, wraplength=800, justify="left").pack(anchor="w", pady=(0, 8))
        self.costing_fields: dict[str, TextField] = {}
        for role, label in costing.STAFF_ROLES.items():
            self.costing_fields[f"rate_{role}"] = TextField(page, f"Hourly rate, {label} (£)", width=10)
        self.costing_fields["weeks_per_year"] = TextField(
            page, "Weeks in a school year without term dates", width=10
        )
        self.costing_fields["threshold"] = TextField(
            page, "Threshold per pupil (£), the notional SEN budget's", width=10
        )
        # where the weeks come from: the calendar's count for a year with term dates (said under
        # the weeks setting, which only a year without them uses)
        self.calendar_weeks = ttk.Label(page, text="", bootstyle="secondary", wraplength=800, justify="left")
        for key, field in self.costing_fields.items():
            field.pack(anchor="w")
            if key == "weeks_per_year":
                self.calendar_weeks.pack(anchor="w", pady=(0, 4))
        self.costing_button = ttk.Button(
            page, text="Save rates", bootstyle="primary", command=self.save_costing
        )
        self.costing_button.pack(anchor="w", pady=(8, 0))
        self.costing_message = ttk.Label(page, text="")
        self.costing_message.pack(anchor="w")

    def load_costing(self) -> None:
        rates = provision.get_costing(self.actor)
        for key, value in costing.costing_form(rates).items():
            self.costing_fields[key].set(value)
        cal = calendar.school_calendar(self.actor)
        this_year = academic_year_of(date.today())
        said = []
        for year in (this_year, this_year + 1):
            weeks, approximate = costing.teaching_weeks(cal, year, rates.weeks_per_year)
            how = "no term dates set: this setting is used" if approximate else "counted from its term dates"
            said.append(f"{year_label(year)}: {weeks} weeks ({how})")
        self.calendar_weeks.configure(
            text="A year with term dates in Settings > School calendar counts its own school weeks "
            "(school days ÷ 5). " + "; ".join(said) + "."
        )

    def save_costing(self) -> bool:
        form = {k: f.get() for k, f in self.costing_fields.items()}
        ok, _, _ = attempt(
            lambda: provision.save_costing(self.actor, form),
            say=lambda text, style: self.costing_message.configure(text=text, bootstyle=style),
            fields=self.costing_fields,
        )
        if not ok:
            return False
        self.costing_message.configure(
            text="Saved. Every cost is now worked out at these rates.", bootstyle="success"
        )
        self.refresh()
        return True

    # ---- shared -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.load_catalogue()
        self.load_costing()
        self._tab_shown()

    def _tab_shown(self) -> None:
        if self.tabs.index(self.tabs.select()) == 1:
            self.load_map()

    def on_show(self) -> None:
        self.refresh()

    def log_group(self) -> LogSessionsDialog:
        dialog = LogSessionsDialog(self, self.actor, on_done=self._logged)
        return dialog.show(self)

    def _logged(self, logged) -> None:
        self.message.configure(
            text=f"Saved: {plural(logged.added, 'session')} logged"
            + (f", {logged.changed} replaced" if logged.changed else "")
            + ".",
            bootstyle="success",
        )
        self.load_map()
