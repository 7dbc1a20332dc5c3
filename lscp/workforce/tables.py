"""An export as a table: its header and its rows, from CSV or XLSX bytes held in memory.

Row numbers are the file's own (the header is row 1), so a problem can name the line a
person opens the file at. Nothing is written to disk: an upload is read from memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lscp.partnership.bundle.reader import Problem

MAX_BYTES = 20 * 1024 * 1024  # a year's bookings of a large partnership is a few megabytes
MAX_UNZIPPED = 60 * 1024 * 1024  # an .xlsx is a zip: a small one can unpack to gigabytes
MAX_ROWS = 200_000

Cell = str | dt.date


@dataclass
class TableRow:
    number: int
    cells: dict[str, Cell]

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Table:
    name: str
    header: list[str] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)


def read_table(name: str, data: bytes, sheet: str = "") -> tuple[Table, list[Problem]]:
    """The table in `data`: an Excel workbook if it is one (by its bytes), else CSV."""
    if len(data) > MAX_BYTES:
        return Table(name), [Problem(name, 0, "-", f"the file is over {MAX_BYTES // 2**20} MB")]
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(name, data, sheet)
    return _read_csv(name, data)


def _read_csv(name: str, data: bytes) -> tuple[Table, list[Problem]]:
    table = Table(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return table, [Problem(name, line, "-", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                                                "save the file as CSV UTF-8")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        table.header = [h.strip() for h in next(reader, [])]
        for cells in reader:
            if reader.line_num > MAX_ROWS:
                return table, [Problem(name, reader.line_num, "-",
                                       f"more than {MAX_ROWS:,} rows: split the export")]
            if any(c.strip() for c in cells):
                table.rows.append(TableRow(reader.line_num, _named(table.header, cells)))
    except csv.Error as exc:
        return table, [Problem(name, reader.line_num, "-", f"not readable as CSV: {exc}")]
    return table, _header_problems(table)


def _read_xlsx(name: str, data: bytes, sheet: str) -> tuple[Table, list[Problem]]:
    from openpyxl import load_workbook

    table = Table(name)
    refused = [Problem(name, 0, "-", "not a readable Excel workbook (.xlsx)")]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED:
                return table, [Problem(name, 0, "-", "the workbook is too big once unpacked")]
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        return table, refused
    if sheet and sheet not in book.sheetnames:
        return table, [Problem(name, 0, "-", f'the workbook has no sheet called "{sheet}"')]
    try:
        rows = book[sheet] if sheet else book.worksheets[0]
        for number, values in enumerate(rows.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                return table, [Problem(name, number, "-", f"more than {MAX_ROWS:,} rows")]
            cells = [_cell(v) for v in values]
            if number == 1:
                table.header = [str(c).strip() for c in cells]
            elif any(c if isinstance(c, dt.date) else c.strip() for c in cells):
                table.rows.append(TableRow(number, _named(table.header, cells)))
    except Exception:
        return table, refused
    finally:
        book.close()
    return table, _header_problems(table)


def _cell(value: Any) -> Cell:
    """A spreadsheet cell as text, or as a date when the spreadsheet holds a real date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _named(header: list[str], cells: list[Any]) -> dict[str, Cell]:
    return {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}


def _header_problems(table: Table) -> list[Problem]:
    if not any(table.header):
        return [Problem(table.name, 1, "-", "the file is empty: the first row must name the "
                                            "columns")]
    seen: set[str] = set()
    found = []
    for name in table.header:
        if name and name in seen:
            found.append(Problem(table.name, 1, name, f'the column "{name}" appears twice'))
        seen.add(name)
    return found
