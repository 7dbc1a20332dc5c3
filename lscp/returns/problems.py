"""Problems found in a return: where (file, line or row, child, field) and what."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass


class RefusedFile(Exception):
    """The whole file is refused (too big, not what it claims, unsafe XML); nothing is read."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


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


def report_csv(problems: Iterable[ReturnProblem]) -> bytes:
    """The validation report as a CSV download (cells neutralised against formulas)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["file", "line", "child", "field", "severity", "message"])
    for p in sorted(problems):
        writer.writerow([_safe(p.file), p.line, _safe(p.child), _safe(p.field), p.severity,
                         _safe(p.message)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
