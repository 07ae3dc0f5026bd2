"""What the SENCO is asked to resolve before a pack leaves the school: one shape for every check.

A finding never changes the SENCO's words and never blocks an export: it says where (the field,
so the export dialog can take the SENCO to it), what was found there, and what the record says.
The checks that make them live beside their subject (wording, text_figures, attainment, advice,
la_profile); the packs collect them and the export dialog and the command line list them.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a finding is about, in the order the export dialog lists them: contradictions first (a
# caseworker sends the request back for these), then advice the SENCO may act on.
KINDS: dict[str, str] = {
    "la": "Local authority",
    "record": "Record that disagrees with itself",
    "review": "Review overdue",
    "figure": "Figure that does not match the record",
    "score": "Score that undermines the request",
    "dose": "Advice and provision differ",
    "advice": "Advice not yet acted on",
    "vague": "Vague wording",
}
CONTRADICTIONS = frozenset({"la", "record", "review", "figure", "score", "dose"})


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    field: (
        str  # where to fix it: "now_needed", "la_answers.typical_day", "cycle.5.review", "settings.la_name"
    )
    where: str  # the same place in words: "What the school thinks is now needed"
    message: str  # what to resolve, in a sentence the SENCO can act on
    quote: str = ""  # the words of the text it is about, as typed

    @property
    def contradiction(self) -> bool:
        return self.kind in CONTRADICTIONS

    @property
    def line(self) -> str:
        """One line for the command line's stderr and the dialog's list."""
        return f"{KINDS.get(self.kind, self.kind)}: {self.where}: {self.message}"


@dataclass(frozen=True)
class FreeText:
    """A piece of the school's own words a pack prints, with where it is typed."""

    field: str
    where: str
    text: str


def ordered(findings: list[Finding]) -> list[Finding]:
    """Contradictions first, each kind together, and no finding said twice."""
    order = list(KINDS)
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: order.index(f.kind) if f.kind in order else len(order))
