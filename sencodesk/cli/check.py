"""`sencodesk check`: the data file's integrity and the census rules over every pupil; with
`--inspection`, the gaps an inspector sampling each pupil on the register would find."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.plural import plural
from . import add_common, open_for

if TYPE_CHECKING:
    from ..domain.case_sample import SchoolGaps
    from ..services.census_check import CheckReport


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check the data file and every pupil against the census UPN and SEN rules"
    )
    add_common(p)
    p.add_argument(
        "--inspection",
        action="store_true",
        help="instead: each pupil on the register whose record has a gap an inspector would find "
        "(Ofsted's inclusion case sample); exit 1 when any has",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services.census_check import check_register

    if args.inspection:
        return _inspection(args)
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


def _inspection(args: argparse.Namespace) -> int:
    from ..services.case_sample import school_gaps

    actor = open_for(args)
    try:
        found = school_gaps(actor)
    finally:
        actor.close()
    print(render_gaps(found))
    return 1 if found.with_gaps else 0


def render_gaps(found: SchoolGaps) -> str:
    """Each pupil with a gap (no UPN: this gets printed), each gap and what would close it."""
    from ..domain.codes import SEN_STATUSES, year_label
    from ..domain.dates import uk

    lines = [f"Inclusion case sample check, {uk(found.today)}: {found.headline}"]
    for p in found.with_gaps:
        where = ", ".join(x for x in (year_label(p.pupil.year_group), p.pupil.class_name) if x)
        lines += ["", f"{p.pupil.name} ({where}; {SEN_STATUSES.get(p.sen_status, p.sen_status)}):"]
        for gap in p.gaps:
            lines += [f"  - {gap.what}", f"    To close: {gap.to_close}"]
    if found.with_gaps:
        lines += ["", "A pupil's whole record: sencodesk export case-sample --upn UPN --out FILE.pdf"]
    return "\n".join(lines)
