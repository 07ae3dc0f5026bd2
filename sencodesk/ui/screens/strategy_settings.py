"""Settings, Inclusion strategy: the notional SEN budget and the Inclusive Mainstream Fund
allocation for a school year, as the inclusion strategy prints them (SENCO and head only)."""

from __future__ import annotations

import ttkbootstrap as ttk

from ...services import inclusion_strategy
from ..kit import attempt
from ..widgets import Field


def money_text(pence: int | None) -> str:
    return "" if pence is None else f"{pence / 100:,.2f}"


class StrategySettingsPanel(ttk.Labelframe):
    def __init__(self, master, actor):
        super().__init__(master, text="Inclusion strategy", padding=12)
        self.actor = actor
        ttk.Label(
            self,
            text="The figures the inclusion strategy prints for each school year, in pounds: the "
            "notional SEN budget, and the Inclusive Mainstream Fund allocation for the financial "
            "year (April to March).",
            wraplength=280,
            justify="left",
            bootstyle="secondary",
        ).pack(anchor="w", pady=(0, 6))
        years = inclusion_strategy.strategy_years(actor)
        self.year = Field(self, "School year", kind="combo", values=tuple(years), width=12)
        self.year.pack(fill="x", pady=(0, 4))
        self.year.set(years[0] if years else "")
        self.year.var.trace_add("write", lambda *_: self.load())
        self.fields = {
            "notional_sen": Field(self, "Notional SEN budget (£)", width=16),
            "imf": Field(self, "Inclusive Mainstream Fund allocation (£)", width=16),
        }
        for field in self.fields.values():
            field.pack(fill="x", pady=(0, 4))
        self.save_button = ttk.Button(self, text="Save the figures", bootstyle="primary", command=self.save)
        self.save_button.pack(anchor="e", pady=(8, 0))
        self.message = ttk.Label(self, text="", bootstyle="success", wraplength=280, justify="left")
        self.message.pack(anchor="e")
        self.load()

    def load(self) -> None:
        budgets = inclusion_strategy.get_budgets(self.actor, self.year.get() or None)
        self.fields["notional_sen"].set(money_text(budgets.notional_sen))
        self.fields["imf"].set(money_text(budgets.imf))
        self.message.configure(text="")

    def save(self) -> bool:
        form = {k: f.get() for k, f in self.fields.items()}
        ok, _, _ = attempt(
            lambda: inclusion_strategy.save_budgets(self.actor, self.year.get(), form),
            say=lambda text, style: self.message.configure(text=text, bootstyle=style),
            fields={"year": self.year, **self.fields},
        )
        if not ok:
            return False
        self.message.configure(text=f"Saved the figures for {self.year.get()}.", bootstyle="success")
        return True
