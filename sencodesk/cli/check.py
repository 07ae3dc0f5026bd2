"""`sencodesk check`: the data file's integrity and the census rules over every pupil."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.plural import plural
from . import add_common, open_for

if TYPE_CHECKING:
    from ..services.census_check import CheckReport


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check the data file and every pupil against the census UPN and SEN rules"
    )
    add_common(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services.census_check import check_register

    actor = open_for(args)
    try:
        report = check_register(actor)
    finally:
        actor.close()
    print(render(report))
    return 0 if report.clean else 1


def render(report: CheckReport) -> str:
    lines = [
        f"Checked {plural(report.pupils_checked, 'pupil')} on roll"
        + (
            f" and {plural(report.leavers_checked, 'leaver')} for shared UPNs."
            if report.leavers_checked
            else "."
        ),
        "Data file: sound (integrity check ok)."
        if report.integrity_ok
        else "Data file: DAMAGED - "
        + "; ".join(report.integrity[:3])
        + (f" (and {len(report.integrity) - 3} more)" if len(report.integrity) > 3 else "")
        + ". Restore the latest backup, or ask IT for help.",
    ]
    for breach in report.breaches:
        kind = "Worth a look" if breach.warning else "Rule"
        lines += [
            "",
            f"{kind} {breach.rule}: {breach.title} ({plural(len(breach.pupils), 'pupil')})",
            f"  DfE wording: {breach.wording}"
            if breach.wording
            else "  (SENCO desk's own check, not a DfE rule)",
            f"  Fix: {breach.fix}",
        ]
        lines += [f"  - {p.name} ({p.where}): {p.detail}" for p in breach.pupils]
    lines.append("")
    if report.clean:
        lines.append(
            "No census problems found."
            if not report.warnings
            else "No census errors found; the notes above are worth a look."
        )
    else:
        pupils = {p.id for b in report.errors for p in b.pupils}
        lines.append(
            f"{plural(len(report.errors), 'rule')} broken, for {plural(len(pupils), 'pupil')}. "
            "Fix these before the census."
        )
    return "\n".join(lines)
