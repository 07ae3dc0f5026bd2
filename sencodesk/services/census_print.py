"""The census check as a printable report: the same check the screen shows, with the school's
details, and UPNs only for the pupils under a UPN rule (the SENCO needs them to fix those)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..reports import census_check as census_pack
from ..reports.census_model import CensusPrintModel, CheckReport
from ..store import pupils as pupil_store
from .actor import Actor
from .census_check import UPN_RULES, check_register
from .packs import ExportResult, _audited_export, school_info


def census_print_model(
    actor: Actor, *, report: CheckReport | None = None, today: date | None = None
) -> CensusPrintModel:
    # checked here too: a caller passing its own report skips check_register's check, and the
    # model reads UPNs straight from the store
    actor.require("register.check")
    report = report or check_register(actor)
    wanted = {p.id for b in report.breaches if b.rule in UPN_RULES for p in b.pupils}
    upns = {r["id"]: r["upn"] or "" for r in pupil_store.check_rows(actor.db) if r["id"] in wanted}
    return CensusPrintModel(school_info(actor), today or date.today(), report, frozenset(UPN_RULES), upns)


def export_census_check(
    actor: Actor,
    path: Path | str,
    *,
    report: CheckReport | None = None,
    today: date | None = None,
    invariant: bool = False,
) -> ExportResult:
    """Print the census check to a PDF; the export is audited (it names pupils)."""
    model = census_print_model(actor, report=report, today=today)
    with _audited_export(actor, "the census SEN check", path, None, "census_check", None):
        written = census_pack.build(model, path, invariant=invariant)
    return ExportResult(written)
