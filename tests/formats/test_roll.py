"""Reading MIS roll exports: the encodings, separators and quirks of files from Windows."""

from datetime import date, datetime

import pytest

from sencodesk.domain.errors import UserError
from sencodesk.formats.roll import read_csv_bytes, read_roll


def test_utf8_with_bom_reads_first_heading_cleanly():
    roll = read_csv_bytes("\ufeffUPN,Surname\nA1,Smith\n".encode("utf-8"))
    assert roll.headings == ["UPN", "Surname"]
    assert roll.encoding == "utf-8 with BOM"
    assert roll.rows[0].cells == ["A1", "Smith"]


def test_utf8_without_bom():
    roll = read_csv_bytes("UPN,Forename\nA1,Zoë\n".encode())
    assert roll.rows[0].cells == ["A1", "Zoë"] and roll.encoding == "utf-8"


def test_windows_1252_names_survive():
    roll = read_csv_bytes("UPN,Forename\r\nA1,Seán\r\nA2,Zoë\r\n".encode("cp1252"))
    assert [r.cells[1] for r in roll.rows] == ["Seán", "Zoë"]
    assert roll.encoding == "windows-1252"


def test_tab_separated():
    roll = read_csv_bytes(b"UPN\tSurname\tForename\nA1\tSmith\tAmy\n")
    assert roll.headings == ["UPN", "Surname", "Forename"]
    assert roll.rows[0].cells == ["A1", "Smith", "Amy"]


def test_quoted_fields_with_commas_and_stray_spaces():
    data = (
        b'UPN , Surname ,Primary Need\n A1 , "Smith, Jr" ,"SLCN - Speech, Language and Communication Needs"\n'
    )
    roll = read_csv_bytes(data)
    assert roll.headings == ["UPN", "Surname", "Primary Need"]
    assert roll.rows[0].cells == ["A1", "Smith, Jr", "SLCN - Speech, Language and Communication Needs"]


def test_blank_trailing_rows_are_skipped_and_row_numbers_kept():
    roll = read_csv_bytes(b"UPN,Surname\nA1,Smith\n,\nA2,Jones\n,,\n\n,\n")
    assert [(r.number, r.cells[0]) for r in roll.rows] == [(2, "A1"), (4, "A2")]


def test_tab_file_with_a_title_line_and_commas_in_values():
    roll = read_csv_bytes(b"Student List, Autumn\n\nUPN\tSurname\tNeed\nA1\tSmith\tSLCN, ASD\n")
    assert roll.headings == ["UPN", "Surname", "Need"]
    assert roll.rows[0].cells == ["A1", "Smith", "SLCN, ASD"]


def test_semicolon_separated():
    assert read_csv_bytes(b"UPN;Surname\nA1;Smith\n").rows[0].cells == ["A1", "Smith"]


def test_title_line_above_the_headings():
    roll = read_csv_bytes(b"Student List\n\nUPN,Surname\nA1,Smith\n")
    assert roll.headings == ["UPN", "Surname"]
    assert roll.rows[0].number == 4


def test_extra_cells_are_reported_not_silently_dropped():
    roll = read_csv_bytes(b"UPN,Surname\nA1,Smith,surprise\n")
    assert roll.rows[0].cells == ["A1", "Smith"]
    assert any("surprise" in n for n in roll.notes)


def test_short_rows_are_padded():
    roll = read_csv_bytes(b"UPN,Surname,Forename\nA1,Smith\n")
    assert roll.rows[0].cells == ["A1", "Smith", ""]


def test_file_without_headings_is_refused():
    with pytest.raises(UserError, match="no heading row"):
        read_csv_bytes(b"\n\n")


def test_missing_file_and_old_excel(tmp_path):
    with pytest.raises(UserError, match="cannot find"):
        read_roll(tmp_path / "nope.csv")
    old = tmp_path / "roll.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError, match="old-style Excel"):
        read_roll(old)


def test_xlsx_with_date_cells_numbers_and_blank_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["UPN", "Surname", "DOB", "Year", "Admission Date"])
    sheet.append(["A1", "Smith", datetime(2018, 4, 3), 3, date(2022, 9, 5)])
    sheet.append([None, None, None, None, None])
    sheet.append(["A2", "Jones", datetime(2017, 9, 1, 0, 0), 4.0, None])
    path = tmp_path / "roll.xlsx"
    book.save(path)
    roll = read_roll(path)
    assert roll.headings == ["UPN", "Surname", "DOB", "Year", "Admission Date"]
    assert roll.rows[0].cells == ["A1", "Smith", "2018-04-03", "3", "2022-09-05"]
    assert roll.rows[1].number == 4 and roll.rows[1].cells[2:4] == ["2017-09-01", "4"]


def test_broken_xlsx_gets_a_plain_message(tmp_path):
    path = tmp_path / "roll.xlsx"
    path.write_bytes(b"this is not a zip")
    with pytest.raises(UserError, match="could not be opened as an Excel workbook"):
        read_roll(path)
