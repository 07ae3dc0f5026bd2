"""The subject access export on paper: everything held about one pupil, table by table, every
field of every row, then the audit trail. Built from the same data as the JSON export."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from . import theme

# Bookkeeping columns shown once per table rather than as facts about the child.
TABLE_TITLES = {"pupils": "The pupil's record", "contacts": "Contacts", "sen_history": "SEN status history"}


def build(data: dict, path: Path | str, *, printed_on: date, invariant: bool = False) -> Path:
    title = f"Subject access: everything held about {data['pupil']['name']}"
    info = theme.PageInfo(data.get("school") or "", title, printed_on)
    return theme.build_pdf(path, story(data, title), info, subject="Subject access export",
                           invariant=invariant)


def _title(table: str) -> str:
    return TABLE_TITLES.get(table, table.replace("_", " ").capitalize())


def _shown(value) -> str:
    return "" if value is None else str(value)


def story(data: dict, title: str) -> list[Flowable]:
    s = theme.make_styles()
    out: list[Flowable] = [
        theme.para(title, s["title"]),
        theme.para(data["about"], s["note"]),
        theme.facts([("Produced", data["produced_at"]), ("Produced by", data["produced_by"]),
                     ("Legal name", data["pupil"]["legal_name"]), ("UPN", data["pupil"]["upn"]),
                     ("Date of birth", data["pupil"]["date_of_birth"])], s),
    ]
    for table, rows in data["records"].items():
        head = theme.heading(f"{_title(table)} ({len(rows)} row(s))", s)
        if not rows:
            out += theme.with_heading(head, [theme.para("Nothing held.", s["missing"])])
            continue
        blocks: list[Flowable] = []
        for row in rows:
            blocks.append(theme.facts([(k.replace("_", " ").capitalize(), _shown(v)) for k, v in row.items() if _shown(v) != ""], s))
            blocks.append(theme.para("", s["body"]))
        out += theme.with_heading(head, blocks)
    audit = data["audit"]
    head = theme.heading(f"Who added, changed or exported this record ({len(audit)} entr(ies))", s)
    if audit:
        out += theme.with_heading(head, [theme.table(
            ["When", "Who", "What"], [[a["at"][:16].replace("T", " "), a["username"], a["summary"]] for a in audit],
            s, widths=[2.4, 2.4, 7])])
    else:
        out += theme.with_heading(head, [theme.para("Nothing recorded.", s["missing"])])
    return out
