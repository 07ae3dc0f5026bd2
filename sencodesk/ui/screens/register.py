"""The register: every pupil in one table, filtered in memory as the SENCO types.

Rows are loaded once from the service and inserted once; a keystroke only computes which
pupils match and hands Tk the new child list in one call (`set_children`), which reuses the
existing items instead of deleting and re-inserting them (2,000 rows stay well under 50 ms).
"""

from __future__ import annotations

import re
import tkinter
from tkinter import font

import ttkbootstrap as ttk

from ...domain import codes
from ...domain.dates import uk
from ...domain.field_access import is_hidden
from ...domain.plural import plural
from ...domain.pupil import RegisterRow
from ...services import pupils, support_layers

# (column id, heading, width in characters of the default font)
# Need columns show the census code (the description is under the table for the chosen pupil):
# full descriptions were cut mid-word at 1366x768. Year, class and review widen to their text.
COLUMNS = (
    ("surname", "Surname", 15),
    ("forename", "Forename", 13),
    ("year", "Year", 9),
    ("class", "Class", 7),
    ("status", "SEN status", 15),
    ("primary", "Primary need", 12),
    ("secondary", "Secondary need", 14),
    ("review", "Next review", 17),
)
ALL_YEARS, ALL_STATUSES, ALL_NEEDS = "All years", "All statuses", "All needs"
ALL_LAYERS, NO_LAYER = "All layers", "None chosen"
STATUS_CHOICES = {
    ALL_STATUSES: None,
    "On the register (K or E)": ("K", "E"),
    "K - SEN support": ("K",),
    "E - EHC plan": ("E",),
    "N - No SEN": ("N",),
}
_STATUS_ORDER = {"E": 0, "K": 1, "N": 2}
# A Tcl lambda: insert rows given as one flat list of id, values, tags.
_INSERT_ROWS = (
    "{tree rows} {foreach {id values tags} $rows {$tree insert {} end -id $id -values $values -tags $tags}}"
)


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text.lower()))


SORT_KEYS = {
    "surname": lambda r: (r.surname.lower(), r.forename.lower()),
    "forename": lambda r: (r.forename.lower(), r.surname.lower()),
    "year": lambda r: codes.YEAR_ORDER.get(r.year_group, 99),
    "class": lambda r: _natural(r.class_name or ""),
    "status": lambda r: _STATUS_ORDER.get(r.sen_status, 3),
    "primary": lambda r: r.primary_need or "~",
    "secondary": lambda r: r.secondary_need or "~",
    "review": lambda r: r.next_review or "9999",
}


def status_text(row: RegisterRow) -> str:
    if is_hidden(row.sen_status):  # the office: its column is not shown, and says nothing
        return "(left)" if row.left else ""
    text = codes.SEN_STATUSES.get(row.sen_status, row.sen_status)
    text = f"{row.sen_status} - {text}" if row.sen_status in ("K", "E") else "No SEN"
    return f"{text} (left)" if row.left else text


def review_text(row: RegisterRow) -> str:
    if not row.next_review or is_hidden(row.next_review):
        return ""
    return f"Overdue {uk(row.next_review)}" if row.review_overdue else uk(row.next_review)


def row_values(row: RegisterRow) -> tuple[str, ...]:
    return (
        row.surname,
        row.forename,
        codes.year_label(row.year_group),
        row.class_name or "",
        status_text(row),
        _need(row.primary_need),
        _need(row.secondary_need),
        review_text(row),
    )


def _need(code: str | None) -> str:
    return "" if code is None or is_hidden(code) else code


def needs_text(row: RegisterRow) -> str:
    """The chosen pupil's needs in full, under the table (the columns hold the codes). Nothing
    for a role that may not see needs: never "no need recorded" about a need hidden from it."""
    if is_hidden(row.primary_need):
        return ""
    needs = [
        f"{label} {codes.need_label(code)}"
        for label, code in (("Primary need:", row.primary_need), ("Secondary need:", row.secondary_need))
        if code
    ]
    layer = (
        f"; layer of support: {row.support_layer}"
        if row.support_layer and not is_hidden(row.support_layer)
        else ""
    )
    return f"{row.forename} {row.surname}: " + ("; ".join(needs) if needs else "no need recorded") + layer


class RegisterScreen(ttk.Frame):
    def __init__(self, master, main_window):
        super().__init__(master, padding=(16, 12))
        self.main = main_window
        self.rows: list[RegisterRow] = []
        self.sort_column, self.sort_reverse = "surname", False
        self._build_toolbar()
        self._build_table()
        self.load()
        self._just_loaded = True

    # ---- layout -------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text="Register", font="TkHeadingFont").pack(side="left")
        self.count_label = ttk.Label(top, text="")
        self.count_label.pack(side="left", padx=(16, 0))
        self.add_button = ttk.Button(
            top, text="Add pupil (Ctrl+N)", bootstyle="primary", command=self.main.new_pupil
        )
        self.add_button.pack(side="right")

        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(10, 0))
        ttk.Label(bar, text="Search (Ctrl+F):").pack(side="left")
        self.search_var = tkinter.StringVar(master=self)
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=30)
        self.search.pack(side="left", padx=(4, 12))
        ttk.Label(bar, text="name, UPN or class", bootstyle="secondary").pack(side="left")
        self.leavers_var = tkinter.BooleanVar(master=self, value=False)
        self.leavers_check = ttk.Checkbutton(bar, text="Show leavers", variable=self.leavers_var)
        self.leavers_check.pack(side="left", padx=(24, 0))
        filters = ttk.Frame(self)
        filters.pack(fill="x", pady=(8, 8))
        self.year_var = tkinter.StringVar(master=self, value=ALL_YEARS)
        self.year_box = ttk.Combobox(
            filters,
            textvariable=self.year_var,
            state="readonly",
            width=11,
            values=[ALL_YEARS, *codes.YEAR_GROUPS.values()],
        )
        self.status_var = tkinter.StringVar(master=self, value=ALL_STATUSES)
        self.status_box = ttk.Combobox(
            filters, textvariable=self.status_var, state="readonly", width=22, values=list(STATUS_CHOICES)
        )
        self.need_var = tkinter.StringVar(master=self, value=ALL_NEEDS)
        self.need_box = ttk.Combobox(
            filters,
            textvariable=self.need_var,
            state="readonly",
            width=30,
            values=[ALL_NEEDS, *(codes.need_label(c) for c in codes.NEEDS)],
        )
        # the school's support layers (Settings): filled when the register loads
        self.layer_var = tkinter.StringVar(master=self, value=ALL_LAYERS)
        self.layer_box = ttk.Combobox(
            filters, textvariable=self.layer_var, state="readonly", width=16, values=[ALL_LAYERS]
        )
        self.filter_labels: dict[str, ttk.Label] = {}
        for label, box in (
            ("Year:", self.year_box),
            ("SEN status:", self.status_box),
            ("Primary need:", self.need_box),
            ("Layer:", self.layer_box),
        ):
            self.filter_labels[label] = ttk.Label(filters, text=label)
            self.filter_labels[label].pack(side="left")
            box.pack(side="left", padx=(4, 12))
        for var in (
            self.search_var,
            self.year_var,
            self.status_var,
            self.need_var,
            self.leavers_var,
            self.layer_var,
        ):
            var.trace_add("write", lambda *_: self.apply_filters())
        self.search.bind("<Down>", self._into_table)
        self.search.bind("<Return>", self._into_table)

    def _build_table(self) -> None:
        holder = ttk.Frame(self)
        holder.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            holder, columns=[c[0] for c in COLUMNS], show="headings", selectmode="browse"
        )
        char = font.nametofont("TkDefaultFont").measure("0")
        for key, heading, width in COLUMNS:
            self.tree.heading(key, text=heading, anchor="w", command=lambda k=key: self.sort_by(k))
            self.tree.column(
                key, width=width * char, minwidth=4 * char, anchor="w", stretch=key in ("surname", "forename")
            )
        # Scrollbars are packed first so a wide table (large text) never pushes them off screen.
        scroll = ttk.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        across = ttk.Scrollbar(holder, orient="horizontal", command=self.tree.xview)
        self.tree.configure(yscrollcommand=scroll.set, xscrollcommand=across.set)
        scroll.pack(side="right", fill="y")
        across.pack(side="bottom", fill="x")
        self.tree.pack(side="left", fill="both", expand=True)
        self.empty_label = ttk.Label(self.tree, text="", bootstyle="secondary", justify="center")
        self.tree.bind("<Double-1>", self._open_clicked)
        self.tree.bind("<Return>", lambda e: self.open_selected())
        for number, (key, _, _) in enumerate(COLUMNS, start=1):  # sorting without a mouse
            self.tree.bind(f"<Alt-Key-{number}>", lambda e, k=key: (self.sort_by(k), "break")[1])
        self.needs_line = ttk.Label(self, text="Choose a pupil to see their needs in full.")
        self.needs_line.pack(anchor="w", pady=(6, 0))  # not for the office (roles.apply_to_register)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._show_needs(), add="+")
        ttk.Label(
            self,
            bootstyle="secondary",
            text="Keys: Ctrl+F search · arrows move · Enter opens · Ctrl+N new pupil · "
            "Alt+1 to Alt+8 sort by a column (again to reverse)",
        ).pack(anchor="w", pady=(6, 0))
        self._colour_tags()

    def _colour_tags(self) -> None:
        colors = ttk.Style.get_instance().colors
        self.tree.tag_configure("overdue", foreground=colors.danger)
        self.tree.tag_configure("leaver", foreground=colors.secondary)

    # ---- data ---------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)read the register from the service and rebuild the table's items."""
        selected = self.selected_id()
        # Filtered-out rows are detached, and get_children() lists only attached ones: delete
        # every row loaded last time, attached or not, or a reload meets its own old items.
        old = [str(r.id) for r in self.rows if self.tree.exists(str(r.id))]
        self.tree.delete(*old, *self.tree.get_children())
        self.rows = pupils.list_register(self.main.actor, include_leavers=True)
        layers = support_layers.support_layers(self.main.actor)
        self.layer_box.configure(values=[ALL_LAYERS, *layers, NO_LAYER])
        values = [row_values(row) for row in self.rows]  # once per row: the columns are fitted from them too
        items = []
        for row, shown in zip(self.rows, values, strict=True):
            tags = ("overdue",) if row.review_overdue else ("leaver",) if row.left else ()
            items += (str(row.id), shown, tags)
        # Every row in ONE Tcl call: tkinter's per-call option formatting was most of the
        # register's build time at 2,000 pupils (tuples reach Tcl as lists, never as parsed text).
        self.tree.tk.call("apply", _INSERT_ROWS, str(self.tree), tuple(items))
        self._fit_columns(values)
        self._sort_rows()
        self.apply_filters()
        if selected is not None and self.tree.exists(str(selected)):
            self.select(selected)

    def _fit_columns(self, values: list[tuple[str, ...]]) -> None:
        """Year, class, needs and review as wide as their longest text or heading ('Reception',
        'Overdue 01/11/2026')."""
        measure = font.nametofont("TkDefaultFont").measure
        pad = measure("00")
        for index, key in ((2, "year"), (3, "class"), (5, "primary"), (6, "secondary"), (7, "review")):
            heading = next(h for k, h, _ in COLUMNS if k == key) + " ▲"
            texts = {v[index] for v in values} | {heading}
            self.tree.column(key, width=max(measure(t) for t in texts) + pad)

    def _show_needs(self) -> None:
        pupil_id = self.selected_id()
        row = next((r for r in self.rows if r.id == pupil_id), None)
        if row is not None:
            self.needs_line.configure(text=needs_text(row))

    def refresh(self) -> None:
        self.load()

    def on_show(self) -> None:
        """Coming back to the register re-reads it: another person on this PC may have saved."""
        self._colour_tags()
        if not self._just_loaded:
            self.load()
        self._just_loaded = False

    def _sort_rows(self) -> None:
        self.rows.sort(key=SORT_KEYS[self.sort_column], reverse=self.sort_reverse)
        for key, heading, _ in COLUMNS:
            mark = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            self.tree.heading(key, text=heading + mark)

    def sort_by(self, column: str) -> None:
        """Click a heading: sort by it; click it again: reverse."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._sort_rows()
        self.apply_filters()

    def matching_rows(self) -> list[RegisterRow]:
        text = self.search_var.get().strip()
        year = next((c for c, label in codes.YEAR_GROUPS.items() if label == self.year_var.get()), None)
        statuses = STATUS_CHOICES.get(self.status_var.get())
        need = self.need_var.get().split(" ")[0] if self.need_var.get() != ALL_NEEDS else None
        leavers = self.leavers_var.get()
        layer = {ALL_LAYERS: None, NO_LAYER: ""}.get(self.layer_var.get(), self.layer_var.get())
        return [
            r
            for r in self.rows
            if (leavers or not r.left)
            and (year is None or r.year_group == year)
            and (statuses is None or r.sen_status in statuses)
            and (need is None or r.primary_need == need)
            and (layer is None or r.support_layer == layer)
            and (not text or r.matches(text))
        ]

    def apply_filters(self) -> None:
        shown = self.matching_rows()
        shown_ids = [str(r.id) for r in shown]
        self.tree.set_children("", *shown_ids)
        on_roll = [r for r in self.rows if not r.left]
        on_register = sum(r.sen_status in codes.ON_REGISTER for r in on_roll)
        count = f"{on_register} on the register of {plural(len(on_roll), 'pupil')}"
        if len(shown) != len(on_roll) or self.leavers_var.get():
            count = f"Showing {len(shown)} · {count}"
        self.count_label.configure(text=count)
        self._show_empty_message(shown)
        # The keyboard focus stays on a shown row. Checked against the ids just shown, not by
        # asking Tk for every child again (a tuple of 8,000 ids per keystroke in a trust-sized file).
        if shown and self.tree.focus() not in set(shown_ids):
            self.tree.focus(shown_ids[0])

    def _show_empty_message(self, shown: list[RegisterRow]) -> None:
        if shown:
            self.empty_label.place_forget()
            return
        if not self.rows:
            text = 'No pupils yet.\nPress Ctrl+N or choose "Add pupil" to add the first one.'
        else:
            text = "No pupils match the search and filters."
        self.empty_label.configure(text=text)
        self.empty_label.place(relx=0.5, rely=0.3, anchor="center")

    def set_filter(self, *, status: str = "", search: str = "") -> None:
        """Dashboard links: open the register showing one SEN status, other filters cleared."""
        label = {"K": "K - SEN support", "E": "E - EHC plan", "N": "N - No SEN"}.get(status, ALL_STATUSES)
        self.year_var.set(ALL_YEARS)
        self.need_var.set(ALL_NEEDS)
        self.layer_var.set(ALL_LAYERS)
        self.leavers_var.set(False)
        self.search_var.set(search)
        self.status_var.set(label)

    def visible_values(self) -> list[tuple[str, ...]]:
        """What a person sees in the table, top to bottom (used by tests and the self-test)."""
        return [tuple(self.tree.item(i, "values")) for i in self.tree.get_children()]

    # ---- actions ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.focus_set()
        self.search.select_range(0, "end")

    def _into_table(self, _event=None) -> str:
        children = self.tree.get_children()
        if children:
            item = self.tree.focus() if self.tree.focus() in children else children[0]
            self.tree.selection_set(item)
            self.tree.focus(item)
            self.tree.see(item)
            self.tree.focus_set()
        return "break"

    def selected_id(self) -> int | None:
        selection = self.tree.selection()
        return int(selection[0]) if selection else None

    def select(self, pupil_id: int) -> None:
        iid = str(pupil_id)
        self.tree.selection_set(iid)
        self.tree.focus(iid)
        self.tree.see(iid)

    def focus_pupil(self, pupil_id: int | None) -> None:
        """Back from a record: the keyboard in the list, on that pupil's row when it is shown."""
        if pupil_id is not None and self.tree.exists(str(pupil_id)):
            self.select(pupil_id)
        self.tree.focus_set()

    def _open_clicked(self, event) -> None:
        if self.tree.identify_region(event.x, event.y) == "cell":
            self.open_selected()

    def open_selected(self) -> None:
        pupil_id = self.selected_id()
        if pupil_id is not None:
            self.main.open_pupil(pupil_id)
