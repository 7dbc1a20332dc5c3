"""Problems found in a return: where (file, line or row, child, field) and what.

A reader's message may quote the value it found (`'N12' is not a valid code`) for whoever is
at the terminal with the file; the stored validation report never does: `without_values`
takes out every quoted value and date, so a report names the field and row, not a child's
birth date, name or UPN typed in the wrong column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass


class RefusedFile(Exception):
    """The whole file is refused (too big, not what it claims, unsafe XML); nothing is read."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


class FileTooBig(RefusedFile):
    """Refused for its size alone: a caller may offer to raise the limit."""


@dataclass(frozen=True, order=True)
class ReturnProblem:
    file: str
    line: int  # XML line, or CSV row (the header is row 1)
    child: str  # pseudonymised child key, or "" when the problem is not about one child
    field: str
    message: str
    severity: str = "error"  # "error" or "warning" (e.g. an unknown element, reported)

    def __str__(self) -> str:
        who = f" child {self.child}" if self.child else ""
        return f"{self.file}:{self.line}:{self.field}:{who} {self.message}".replace(":  ", ": ")

    def redacted(self) -> ReturnProblem:
        """The same problem, its message without any value from the file."""
        return dataclasses.replace(self, message=without_values(self.message))


# A value as readers quote it (repr, either quote, not an apostrophe inside a word), or a date
# as the returns write it (2019-02-14, 14/02/2019).
_VALUE = (r"(?<!\w)'(?:[^'\\\n]|\\.)*'(?!\w)|(?<!\w)\"(?:[^\"\\\n]|\\.)*\"(?!\w)"
          r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b")
_WITHOUT = re.compile(rf"\s*\((?:{_VALUE})\)|(?:\s+on)?\s*(?:{_VALUE})")


def without_values(message: str) -> str:
    """`message` with every quoted value and date taken out ("'N12' is not a valid code" ->
    "is not a valid code"; "2024-04-02 is after the end of the collection year (2024-03-31)"
    -> "is after the end of the collection year")."""
    return _WITHOUT.sub("", message).strip(" ,;")


def report_csv(problems: Iterable[ReturnProblem]) -> bytes:
    """The validation report as a CSV download: messages without values (it is stored), and
    cells neutralised against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["file", "line", "child", "field", "severity", "message"])
    for p in sorted(problems):
        writer.writerow([_safe(p.file), p.line, _safe(p.child), _safe(p.field), p.severity,
                         _safe(without_values(p.message))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
