"""Reading a roll exported from the school's MIS (SIMS, Arbor, Bromcom, ScholarPack...).

CSV or Excel .xlsx in, rows of plain strings out, each with the row number a person sees in
Excel (the heading row is row 1 when it is the file's first line). What the columns mean is
decided by domain.roll_import; this module only gets the text out faithfully, and says which
rows it could not read faithfully rather than guess.

Whatever the file holds, the only exception out of here is a UserError in plain words: the
file comes from outside, so a malformed one is a refusal, never a traceback.

Text encodings (CSV): UTF-8 with or without its BOM, UTF-16 with its BOM, or Windows-1252 when
the text is not UTF-8. A file that is mostly one with a few lines of the other (one stray byte,
two exports pasted together) is read as the one most of its lines are in, and the rows with the
other lines are marked `unreadable` (the import refuses them, naming them): read in the wrong
encoding they would be stored garbled ("ZoÃ«").
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..domain.errors import UserError
from ..domain.text_limits import shown

MAX_BYTES = 50_000_000  # a 2,000-pupil roll is well under 2 MB; anything huge is the wrong file
MAX_UNZIPPED = 150_000_000  # an .xlsx unpacks to XML: refused beyond this (a "zip bomb" too)
# The largest schools in England have about 4,000 pupils and an MIS export has 10 to 60
# columns: these bounds are far beyond any roll, and keep a stray cell at XFD1048576 from making
# a million rows of 16,384 cells.
MAX_ROWS = 20_000  # rows of the file, title and heading rows included
MAX_COLUMNS = 200


@dataclass(frozen=True)
class RollRow:
    number: int  # the row number in the spreadsheet, counting the heading row
    cells: list[str]
    # Some of the row's bytes are not in the file's text encoding (or the file already held a
    # replacement character "\ufffd"): its text cannot be trusted, so the import refuses it.
    unreadable: bool = False


@dataclass(frozen=True)
class RollFile:
    name: str  # the file's name, for the report
    headings: list[str]
    rows: list[RollRow]
    encoding: str = ""  # how a CSV was read (utf-8, utf-8 with BOM, utf-16, windows-1252); "" for xlsx
    notes: list[str] = field(default_factory=list)  # things the person should know about the file


def read_roll(path: str | Path) -> RollFile:
    """Read a .csv/.txt/.tsv or .xlsx roll export. Problems -> UserError in plain words."""
    path = Path(path)
    try:
        if not path.is_file():
            raise UserError(f"SENCO desk cannot find the file {path}.")
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"{path.name} is too large to be a roll export.")
        suffix = path.suffix.lower()
        if suffix == ".xls":
            raise UserError(
                f"{path.name} is an old-style Excel file (.xls). Open it in Excel and save it as "
                "'Excel Workbook (.xlsx)' or 'CSV', then import that file."
            )
        if suffix in (".xlsx", ".xlsm") or zipfile.is_zipfile(path):  # a workbook renamed .csv too
            return read_xlsx(path)
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"{path.name} could not be read: {e.strerror or e}.") from e
    return read_csv_bytes(data, name=path.name)


# ---- CSV ------------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the label the report shows
    bad_lines: frozenset[int]  # 1-based physical lines not faithfully read
    notes: tuple[str, ...] = ()


def decode(data: bytes) -> Decoded:
    """Bytes from Windows or anywhere else -> text, the encoding used, and the lines that are not
    in that encoding (decoded with "\ufffd" in place of what could not be read)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _whole(data.decode("utf-16", errors="replace"), "utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _whole(data.decode(utf16, errors="replace"), "utf-16")
    bom = data.startswith(_UTF8_BOM)
    body = data[3:] if bom else data
    lines = body.splitlines(keepends=True)  # bytes split on \n, \r\n and \r only, as csv does
    kinds = [_kind(line) for line in lines]
    # UTF-8 when all of it is, or most of it (the other lines are refused, not guessed at);
    # otherwise Windows-1252, refusing the lines that are UTF-8 all the same (they would come out
    # as "ZoÃ«"). Either way a "\ufffd" in a line (a byte cp1252 leaves undefined, or one the file
    # held already) marks it.
    utf8 = kinds.count("other") <= kinds.count("utf-8") or "other" not in kinds
    codec, wrong = ("utf-8", "other") if utf8 else ("cp1252", "utf-8")
    parts, bad = [], set()
    for number, (line, kind) in enumerate(zip(lines, kinds, strict=True), start=1):
        part = line.decode(codec, errors="replace")
        if kind == wrong or "\ufffd" in part:
            bad.add(number)
        parts.append(part)
    if utf8:
        return Decoded("".join(parts), "utf-8 with BOM" if bom else "utf-8", frozenset(bad))
    notes = ("The file starts with the mark of UTF-8 text but its text is Windows-1252.",) if bom else ()
    return Decoded("".join(parts), "windows-1252", frozenset(bad), notes)


def _kind(line: bytes) -> str:
    """'ascii', 'utf-8' (valid, with letters beyond ASCII) or 'other'."""
    if line.isascii():
        return "ascii"
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return "other"
    return "utf-8"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its BOM shows as a NUL beside every ASCII letter."""
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 3 * even:
        return "utf-16-le"
    if even > 3 * odd:
        return "utf-16-be"
    return None


def _whole(text: str, label: str) -> Decoded:
    lines = io.StringIO(text, newline="").readlines()
    return Decoded(text, label, frozenset(i for i, line in enumerate(lines, 1) if "\ufffd" in line))


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one that splits more of the first lines into two cells or
    more (the heading row and every row; a title line above the headings does not, nor does a
    semicolon inside a name), then the one giving the most usual number of cells."""
    lines = [line for line in text[:200_000].splitlines()[:50] if line.strip()][:10]
    best, best_score = ",", (0, 0)
    for candidate in (",", "\t", ";"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=candidate, skipinitialspace=True)]
        except csv.Error:  # a cell too long: the reading proper refuses the file in words
            continue
        split = [n for n in counts if n >= 2]
        score = (len(split), max(sorted(set(split)), key=split.count) if split else 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _looks_binary(data: bytes) -> str | None:
    """What a file that is not text at all is, for the refusal."""
    if data.startswith(b"%PDF"):
        return "a PDF"
    sample = data[:4000]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))  # a stray NUL or two is text
    if sample and controls > len(sample) // 10:
        return "not a text file"
    return None


def read_csv_bytes(data: bytes, *, name: str = "file") -> RollFile:
    binary = _looks_binary(data) if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    if binary and not _utf16_without_bom(data):
        raise UserError(
            f"{name} is {binary}, not a roll export. Export the roll from the MIS as CSV or Excel (.xlsx)."
        )
    decoded = decode(data)
    text = decoded.text
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), skipinitialspace=True)
    records: list[list[str]] = []
    unreadable: set[int] = set()  # 0-based record indexes
    last_line = 0
    try:
        for record in reader:
            lines = range(last_line + 1, reader.line_num + 1)  # a quoted cell may span lines
            last_line = reader.line_num
            if decoded.bad_lines and any(n in decoded.bad_lines for n in lines):
                unreadable.add(len(records))
            records.append([c.strip() for c in record[: MAX_COLUMNS + 1]])
            if len(records) > MAX_ROWS:
                raise _too_many_rows(name)
    except csv.Error as e:
        raise UserError(
            f"{name} could not be read as a CSV file: line {reader.line_num} has a cell too long for "
            f"a roll ({e}). Export the roll from the MIS again."
        ) from e
    roll = _to_roll(name, records, decoded.encoding, unreadable)
    return RollFile(roll.name, roll.headings, roll.rows, roll.encoding, list(decoded.notes) + roll.notes)


def _too_many_rows(name: str) -> UserError:
    return UserError(
        f"{name} has more than {MAX_ROWS:,} rows, far more than any school roll: it is not a roll "
        "export (or holds something else as well). Export only the pupils on roll."
    )


# ---- Excel ----------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
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


def _cells(values: tuple[object, ...]) -> list[str]:
    """A row's values as text, without the empty cells after the last filled one."""
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return [_cell_text(v) for v in values[:end]]


def read_xlsx(path: Path) -> RollFile:
    # openpyxl parses the workbook's XML with defusedxml when it is installed (it is a
    # dependency): entities and DTDs are refused, which here is a damaged workbook.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNZIPPED:
            raise UserError(f"{path.name} is too large to be a roll export once unpacked.")
        # From an open file, so that a workbook saved under another name (roll.csv) is read too.
        # openpyxl's own warnings (no default style, an odd defined name) mean nothing to the
        # person importing: what matters is said in the notes or the refusal.
        with open(path, "rb") as file, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(file, read_only=True, data_only=True)
            try:
                records, notes = _sheet_records(book)
            finally:
                book.close()
    except UserError:
        raise
    except Exception as e:
        # Rows are read lazily, so a damaged sheet fails while they are read, not when the book
        # opens: the whole reading is in here. Any failure of the parser on a file from outside
        # (truncated XML, an undefined entity, a missing part, a value openpyxl cannot convert)
        # means the same to the person.
        raise UserError(
            f"{path.name} could not be opened as an Excel workbook: it is damaged or not a workbook. "
            "Save it again from Excel as .xlsx or CSV and try again."
        ) from e
    while records and not records[-1]:
        records.pop()  # stop at the last row with data
    if len(records) > MAX_ROWS:
        raise _too_many_rows(path.name)
    roll = _to_roll(path.name, records, "", set())
    return RollFile(roll.name, roll.headings, roll.rows, "", notes + roll.notes)


def _sheet_records(book: Any) -> tuple[list[list[str]], list[str]]:
    """The first sheet's rows as text, bounded on both sides (openpyxl would otherwise pad every
    row out to the sheet's stated dimension, a million rows of 16,384 cells for one stray cell)."""
    sheet = book.active if book.active is not None else book.worksheets[0]
    notes = []
    if len(book.worksheets) > 1:
        notes.append(
            f"The workbook has {len(book.worksheets)} sheets; only the first ('{sheet.title}') was read."
        )
    notes += _beyond_bounds(sheet)
    records = [
        [] if values.count(None) == len(values) else _cells(values)
        for values in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    ]
    return records, notes


def _beyond_bounds(sheet: object) -> list[str]:
    """The sheet's own idea of its size (its dimension, read without reading the cells)."""
    from openpyxl.utils import get_column_letter

    max_row = getattr(sheet, "max_row", None) or 0
    max_col = getattr(sheet, "max_column", None) or 0
    if max_row <= MAX_ROWS and max_col <= MAX_COLUMNS:
        return []
    corner = f"{get_column_letter(min(max(max_col, 1), 16384))}{max_row}"
    return [
        f"The sheet says it reaches cell {corner}, far beyond any roll (usually a stray cell far "
        f"down or across): SENCO desk read no further than row {MAX_ROWS:,} and column "
        f"{get_column_letter(MAX_COLUMNS)} (the {MAX_COLUMNS}th)."
    ]


# ---- both -----------------------------------------------------------------------------------


def _to_roll(name: str, records: list[list[str]], encoding: str, unreadable: set[int]) -> RollFile:
    """The heading row is the first with two or more filled cells (MIS reports may put a title
    line above it); blank rows (Excel's trailing ones) are skipped, numbers kept."""
    start = next((i for i, r in enumerate(records) if sum(1 for c in r if c) >= 2), None)
    if start is None:
        raise UserError(
            f"{name} has no heading row: the first row should name the columns (UPN, Surname, Forename, ...)."
        )
    headings = list(records[start][:MAX_COLUMNS])
    while headings and not headings[-1]:
        headings.pop()
    width = len(headings)
    rows, notes = [], []
    if start in unreadable:
        notes.append(
            f"The heading row (row {start + 1}) has characters that are not in the file's text "
            "encoding: check the columns are matched as you expect."
        )
    for i in range(start + 1, len(records)):
        cells = records[i]
        if not any(cells):
            continue
        extra = [c for c in cells[width:] if c]
        if extra:
            notes.append(
                f"Row {i + 1} has more cells than there are headings; the extra cells "
                f"({', '.join(shown(c, 40) for c in extra[:3])}) have no column and were not read."
            )
        rows.append(RollRow(i + 1, (cells + [""] * width)[:width], unreadable=i in unreadable))
    return RollFile(name, headings, rows, encoding, notes)
