"""Reading a roll exported from the school's MIS (SIMS, Arbor, Bromcom, ScholarPack...).

CSV or Excel .xlsx in, rows of plain strings out, each with the row number a person sees in
Excel (the heading row is row 1 when it is the file's first line). What the columns mean is
decided by domain.roll_import; this module only gets the text out faithfully.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from ..domain.errors import UserError

MAX_BYTES = 50_000_000  # a 2,000-pupil roll is well under 2 MB; anything huge is the wrong file


@dataclass(frozen=True)
class RollRow:
    number: int  # the row number in the spreadsheet, counting the heading row
    cells: list[str]


@dataclass(frozen=True)
class RollFile:
    name: str  # the file's name, for the report
    headings: list[str]
    rows: list[RollRow]
    encoding: str = ""  # how a CSV was read (utf-8, utf-8 with BOM, windows-1252); "" for xlsx
    notes: list[str] = field(default_factory=list)  # things the person should know about the file


def read_roll(path: str | Path) -> RollFile:
    """Read a .csv/.txt/.tsv or .xlsx roll export. Problems -> UserError in plain words."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"SENCO desk cannot find the file {path}.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".xls":
        raise UserError(
            f"{path.name} is an old-style Excel file (.xls). Open it in Excel and save it as "
            "'Excel Workbook (.xlsx)' or 'CSV', then import that file."
        )
    if path.stat().st_size > MAX_BYTES:
        raise UserError(f"{path.name} is too large to be a roll export.")
    return read_csv_bytes(path.read_bytes(), name=path.name)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes from Windows or anywhere else -> (text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    # UTF-8 first (it rejects what is not UTF-8), then the Windows code page; latin-1 last keeps
    # every byte of the five cp1252 leaves undefined rather than guessing.
    for encoding, label in (("utf-8", "utf-8"), ("cp1252", "windows-1252")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first lines use most outside quotes (a title line
    above the headings has none, so several lines are looked at)."""
    counts = {",": 0, "\t": 0, ";": 0}
    lines = [line for line in text.splitlines()[:50] if line.strip()][:10]
    for line in lines:
        quoted = False
        for ch in line:
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch in counts:
                counts[ch] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def read_csv_bytes(data: bytes, *, name: str = "file") -> RollFile:
    text, encoding = decode(data)
    delimiter = _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True))
    except csv.Error as e:
        raise UserError(f"{name} could not be read as a CSV file ({e}).") from e
    return _to_roll(name, [[c.strip() for c in r] for r in records], encoding)


def _cell_text(value) -> str:
    """An Excel cell as the text a person would type: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx(path: Path) -> RollFile:
    # openpyxl parses the workbook's XML with defusedxml when it is installed (it is a dependency).
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as e:
        raise UserError(
            f"{path.name} could not be opened as an Excel workbook. Save it again from "
            "Excel as .xlsx or CSV and try again."
        ) from e
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        notes = []
        if len(book.worksheets) > 1:
            notes.append(
                f"The workbook has {len(book.worksheets)} sheets; only the first ('{sheet.title}') was read."
            )
    finally:
        book.close()
    roll = _to_roll(path.name, records, "")
    return RollFile(roll.name, roll.headings, roll.rows, "", notes + roll.notes)


def _to_roll(name: str, records: list[list[str]], encoding: str) -> RollFile:
    """The heading row is the first with two or more filled cells (MIS reports may put a title
    line above it); blank rows (Excel's trailing ones) are skipped, numbers kept."""
    start = next((i for i, r in enumerate(records) if sum(1 for c in r if c) >= 2), None)
    if start is None:
        raise UserError(
            f"{name} has no heading row: the first row should name the columns (UPN, Surname, Forename, ...)."
        )
    headings = list(records[start])
    while headings and not headings[-1]:
        headings.pop()
    width = len(headings)
    rows, notes = [], []
    for i in range(start + 1, len(records)):
        cells = records[i]
        if not any(cells):
            continue
        extra = [c for c in cells[width:] if c]
        if extra:
            notes.append(
                f"Row {i + 1} has more cells than there are headings; the extra cells "
                f"({', '.join(extra[:3])}) have no column and were not read."
            )
        rows.append(RollRow(i + 1, (cells + [""] * width)[:width]))
    return RollFile(name, headings, rows, encoding, notes)
