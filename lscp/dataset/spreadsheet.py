"""An agency's submission as a spreadsheet: the template to fill in, and reading it back.

Reading checks the whole sheet with the same rules as the web form; any problem is reported
as `sheet!cell: message` and nothing is stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from lscp.dataset.models import Submission, Unit
from lscp.dataset.selectors import unit_label
from lscp.dataset.submissions import Entry, Slot

SHEET = "Submission"
HEADER = ["Key", "Indicator", "Period", "Category", "Unit", "Value", "Numerator",
          "Denominator", "Comment"]
COLUMN = {name: chr(ord("A") + i) for i, name in enumerate(HEADER)}
# Where each checked field of an entry sits, for `Submission!F7: message`.
FIELD_COLUMN = {"value": COLUMN["Value"], "numerator": COLUMN["Numerator"],
                "denominator": COLUMN["Denominator"], "comment": COLUMN["Comment"]}
FIRST_ROW = 4  # rows 1-2 say what the sheet is; row 3 is the header
MAX_BYTES = 5 * 1024 * 1024


def template(submission: Submission, entries: list[Entry]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET
    sheet["A1"] = f"{submission.agency.name}: dataset submission for {submission.period}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = ("Fill in Value (counts, days) or Numerator and Denominator (percentages). "
                   "Do not change the Key column. Explain big changes in Comment.")
    for i, name in enumerate(HEADER, start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=i, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for row, entry in enumerate(entries, start=FIRST_ROW):
        slot = entry.slot
        pct = slot.indicator.unit == Unit.PERCENTAGE
        cells = [slot.key, slot.indicator.title, slot.period,
                 slot.indicator.category_label(slot.category), unit_label(slot.indicator),
                 None if pct else _number(entry.value), _number(entry.numerator) if pct else None,
                 _number(entry.denominator) if pct else None, entry.comment or None]
        for col, value in enumerate(cells, start=1):
            sheet.cell(row=row, column=col, value=value)
    for letter, width in zip("ABCDEFGHI", (30, 60, 10, 24, 18, 10, 11, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(text: str) -> int | float | None:
    text = text.strip()
    if not text:
        return None
    number = float(text)
    return int(number) if number.is_integer() else number


@dataclass(frozen=True)
class SheetProblem:
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{SHEET}!{self.cell}: {self.message}" if self.cell else self.message


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_upload(data: bytes, slots: list[Slot]) -> tuple[list[Entry], list[SheetProblem],
                                                          dict[str, int]]:
    """Entries from an uploaded template, problems with its structure, and each slot's row."""
    if len(data) > MAX_BYTES:
        return [], [SheetProblem("", "The file is over 5 MB: upload the template you downloaded")], {}
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception):  # noqa: B014
        return [], [SheetProblem("", "The file is not an Excel workbook (.xlsx): upload the "
                                     "template you downloaded")], {}
    if SHEET not in book.sheetnames:
        return [], [SheetProblem("", f'The workbook has no sheet called "{SHEET}"')], {}
    rows = list(book[SHEET].iter_rows(values_only=True))
    header = [_text(c) for c in (rows[FIRST_ROW - 2] if len(rows) >= FIRST_ROW - 1 else [])]
    if header[: len(HEADER)] != HEADER:
        return [], [SheetProblem(f"A{FIRST_ROW - 1}", "The header row has been changed: "
                                 f"expected {', '.join(HEADER)}")], {}
    by_key = {s.key: s for s in slots}
    entries: list[Entry] = []
    problems: list[SheetProblem] = []
    where: dict[str, int] = {}
    for number, row in enumerate(rows[FIRST_ROW - 1:], start=FIRST_ROW):
        cells = [_text(c) for c in row] + [""] * len(HEADER)
        key = cells[0]
        if not any(cells[: len(HEADER)]):
            continue
        if key not in by_key:
            problems.append(SheetProblem(f"A{number}", f'"{key}" is not a figure this '
                                         "submission asks for"))
            continue
        if key in where:
            problems.append(SheetProblem(f"A{number}", f'"{key}" is also on row {where[key]}'))
            continue
        where[key] = number
        entries.append(Entry(by_key[key], value=cells[5], numerator=cells[6],
                             denominator=cells[7], comment=cells[8]))
    return entries, problems, where
