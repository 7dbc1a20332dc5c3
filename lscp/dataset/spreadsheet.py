"""An agency's submission as a spreadsheet: the template to fill in, and reading it back.

Reading checks the whole sheet with the same rules as the web form; any problem is reported
as `sheet!cell: message` and nothing is stored. The template carries the submission's
version, so a stale one is refused like a stale form.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from lscp.dataset.exports import DANGEROUS, Cell, neutralise
from lscp.dataset.models import Submission, Unit, Value
from lscp.dataset.selectors import unit_label
from lscp.dataset.submissions import Entry, Slot
from lscp.partnership.text_limits import limit_of, too_long

SHEET = "Submission"
HEADER = ["Key", "Indicator", "Period", "Category", "Unit", "Value", "Numerator",
          "Denominator", "Comment"]
COLUMN = {name: chr(ord("A") + i) for i, name in enumerate(HEADER)}
# Where each checked field of an entry sits, for `Submission!F7: message`.
FIELD_COLUMN = {"value": COLUMN["Value"], "numerator": COLUMN["Numerator"],
                "denominator": COLUMN["Denominator"], "comment": COLUMN["Comment"]}
FIRST_ROW = 4  # rows 1-2 say what the sheet is; row 3 is the header
VERSION_LABEL, VERSION_CELL = "H1", "I1"  # the submission's version the template was made at
MAX_BYTES = 5 * 1024 * 1024
# An .xlsx is a zip: 5 MB of it can unpack to gigabytes, and openpyxl reads a whole sheet
# that does not state its size before the first row. A filled template unpacks to well
# under 1 MB; this bounds the worst case to well under a second.
MAX_UNZIPPED = 10 * 1024 * 1024
MAX_ROWS = 2000  # far more figures than any submission asks for
MAX_PROBLEMS = 50  # listed on the page; the rest are counted
COMMENT_LIMIT = limit_of(Value, "comment")  # the web form's limit too (forms.SubmissionForm)


def template(submission: Submission, entries: list[Entry]) -> bytes:
    """The submission as a workbook to fill in offline. It carries the submission's version,
    so an upload made from it after a newer save is refused, and every cell is neutralised
    like an export: a comment such as =HYPERLINK(...) stays text."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET
    _put(sheet["A1"], f"{submission.agency.name}: dataset submission for {submission.period}")
    sheet["A1"].font = Font(bold=True, size=14)
    _put(sheet["A2"], "Fill in Value (counts, days) or Numerator and Denominator (percentages). "
                      "Do not change the Key column or the version. Explain big changes in "
                      "Comment.")
    _put(sheet[VERSION_LABEL], "Version")
    _put(sheet[VERSION_CELL], submission.version)
    for i, name in enumerate(HEADER, start=1):
        cell = _put(sheet.cell(row=FIRST_ROW - 1, column=i), name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for row, entry in enumerate(entries, start=FIRST_ROW):
        for col, value in enumerate(_cells(entry), start=1):
            _put(sheet.cell(row=row, column=col), value)
    for letter, width in zip("ABCDEFGHI", (30, 60, 10, 24, 18, 10, 11, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(entry: Entry) -> list[Cell]:
    slot = entry.slot
    pct = slot.indicator.unit == Unit.PERCENTAGE
    return [slot.key, slot.indicator.title, slot.period,
            slot.indicator.category_label(slot.category), unit_label(slot.indicator),
            None if pct else _number(entry.value), _number(entry.numerator) if pct else None,
            _number(entry.denominator) if pct else None, entry.comment or None]


def _put(cell: Any, value: Cell) -> Any:
    cell.value = neutralise(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text stays text, never a formula
    return cell


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


@dataclass
class Upload:
    """What an uploaded template said: its entries, each slot's row, the version it was made
    at (None if it does not say), and what was wrong with its structure."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)
    version: int | None = None


def _refused(message: str, cell: str = "") -> Upload:
    return Upload(problems=[SheetProblem(cell, message)])


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith("'") and text[1:2].startswith(DANGEROUS):
        text = text[1:]  # the apostrophe the template put before a formula-like text
    return text.strip()


def read_upload(upload: IO[bytes], size: int, slots: list[Slot]) -> Upload:
    """The entries of an uploaded template. Its size is checked before a byte is read, and
    no more than MAX_ROWS rows are read: a hostile or mistaken file costs little."""
    if size > MAX_BYTES:
        return _refused("The file is over 5 MB: upload the template you downloaded")
    book = _open(upload)
    if isinstance(book, Upload):
        return book
    if SHEET not in book.sheetnames:
        return _refused(f'The workbook has no sheet called "{SHEET}"')
    try:  # read only, openpyxl parses the sheet's XML now: found by fuzzing, a damaged one was a 500
        rows = iter(list(book[SHEET].iter_rows(max_row=FIRST_ROW + MAX_ROWS, max_col=len(HEADER),
                                               values_only=True)))
    except Exception:
        return _refused(f'The "{SHEET}" sheet is damaged and cannot be read: upload the '
                        "template you downloaded")
    top = [[_text(c) for c in row] + [""] * len(HEADER) for row in islice(rows, FIRST_ROW - 1)]
    if len(top) < FIRST_ROW - 1 or top[FIRST_ROW - 2][: len(HEADER)] != HEADER:
        return _refused(f"The header row has been changed: expected {', '.join(HEADER)}",
                        f"A{FIRST_ROW - 1}")
    found = _read_rows(rows, {s.key: s for s in slots})
    found.version = _version(top[0][ord(VERSION_CELL[0]) - ord("A")])
    return found


def _open(upload: IO[bytes]) -> Any:
    not_xlsx = _refused("The file is not an Excel workbook (.xlsx): upload the template you "
                        "downloaded")
    try:
        with zipfile.ZipFile(upload) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED:
                return _refused("The workbook is too big once unpacked: upload the template "
                                "you downloaded")
        upload.seek(0)
        return load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception):  # noqa: B014
        return not_xlsx


def _version(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _read_rows(rows: Iterator[tuple[Any, ...]], by_key: dict[str, Slot]) -> Upload:
    found = Upload()
    for number, row in enumerate(rows, start=FIRST_ROW):
        if number >= FIRST_ROW + MAX_ROWS:
            found.problems.insert(0, SheetProblem("", f"The sheet has more than {MAX_ROWS:,} "
                                                  "rows of figures: only those were read; upload "
                                                  "the template you downloaded"))
            break
        cells = [_text(c) for c in row] + [""] * len(HEADER)
        key = cells[0]
        if not any(cells[: len(HEADER)]):
            continue
        if key not in by_key:
            found.problems.append(SheetProblem(f"A{number}", f'"{key[:80]}" is not a figure '
                                               "this submission asks for"))
        elif key in found.where:
            found.problems.append(SheetProblem(f"A{number}", f'"{key}" is also on row '
                                               f"{found.where[key]}"))
        else:
            found.where[key] = number
            found.entries.append(Entry(by_key[key], value=cells[5], numerator=cells[6],
                                       denominator=cells[7], comment=cells[8]))
            _check_comment(found, cells[8], number)
    return found


def _check_comment(found: Upload, comment: str, number: int) -> None:
    """A cell holds up to 32,767 characters; the comment is held to the web form's limit."""
    message = too_long("The comment", comment, COMMENT_LIMIT)
    if message:
        found.problems.append(SheetProblem(f"{FIELD_COLUMN['comment']}{number}", message))


def capped(problems: list[str]) -> list[str]:
    """The first MAX_PROBLEMS problems, then how many more: a page someone can read."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], f"… and {more:,} more problems"]
