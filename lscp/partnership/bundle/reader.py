"""Read a bundle folder into typed rows, collecting every problem instead of stopping at one.

Reading touches no database: a bundle is checked whole before anything is imported.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from lscp.partnership.bundle.registry import all_files, file_spec
from lscp.partnership.bundle.schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    CellError,
    FileSpec,
)
from lscp.partnership.models import Partnership, Region
from lscp.partnership.text_limits import limit_of, too_long


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


@dataclass
class Row:
    number: int  # the line in the file; the header is row 1
    values: dict[str, Any]


@dataclass
class Bundle:
    manifest: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    folder: Path | None = None  # where files that travel beside the tables are (reports)

    def of(self, file: str) -> list[Row]:
        return self.rows.get(file, [])


def read_bundle(folder: Path) -> tuple[Bundle, list[Problem]]:
    problems: list[Problem] = []
    bundle = Bundle(folder=folder)
    if not folder.is_dir():
        return bundle, [Problem(str(folder), 0, "-", "not a folder")]
    bundle.manifest = _read_manifest(folder / MANIFEST, problems)
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST and file_spec(path.name) is None and path.is_file():
            if path.name.startswith(".") or path.suffix.lower() in (".md", ".txt"):
                continue  # notes and hidden files travel with a bundle harmlessly
            problems.append(Problem(path.name, 0, "-", "unknown file in bundle"))
    for spec in all_files():
        path = folder / spec.name
        if path.exists():
            bundle.rows[spec.name] = _read_csv(path, spec, problems)
    return bundle, problems


def _read_manifest(path: Path, problems: list[Problem]) -> dict[str, Any]:
    if not path.exists():
        problems.append(Problem(MANIFEST, 0, "-", "missing: a bundle needs a manifest.toml"))
        return {}
    try:
        manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(MANIFEST, 0, "-", "not UTF-8 text"))
        return {}
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(MANIFEST, 0, "-", f"not valid TOML: {exc}"))
        return {}
    if manifest.get("format") != FORMAT_NAME:
        problems.append(Problem(MANIFEST, 0, "format", f'format must be "{FORMAT_NAME}"'))
    if manifest.get("version") != FORMAT_VERSION:
        problems.append(
            Problem(MANIFEST, 0, "version",
                    f"version {manifest.get('version')!r} is not supported (this is {FORMAT_VERSION})")
        )
    partnership = manifest.get("partnership")
    if not isinstance(partnership, dict):
        problems.append(Problem(MANIFEST, 0, "partnership", "missing [partnership] table"))
        return manifest
    for key in ("slug", "name", "area"):
        if not str(partnership.get(key, "")).strip():
            problems.append(Problem(MANIFEST, 0, f"partnership.{key}", "a value is required"))
    problems.extend(_too_long(partnership))
    region = partnership.get("region", "")
    if region and region not in Region.values:
        problems.append(Problem(MANIFEST, 0, "partnership.region",
                                f"{region!r} is not one of: {', '.join(Region.values)}"))
    problems.extend(_contact_problems(partnership))
    return manifest


# The contact printed on report covers (optional): key -> how a wrong value is refused.
CONTACT_KEYS = ("contact_team", "contact_email", "contact_phone", "contact_address", "website")
_CONTACT_CHECKS: dict[str, tuple[Callable[[str], None], str]] = {
    "contact_email": (EmailValidator(), "an email address, like name@example.org"),
    "website": (URLValidator(schemes=["http", "https"]),
                "a web address, like https://www.example.org")}


def _contact_problems(partnership: dict[str, Any]) -> list[Problem]:
    found = []
    for key, (check, wanted) in _CONTACT_CHECKS.items():
        value = str(partnership.get(key, ""))
        try:
            if value:
                check(value)
        except ValidationError:
            found.append(Problem(MANIFEST, 0, f"partnership.{key}", f"{value!r} is not {wanted}"))
    return found


def _too_long(partnership: dict[str, Any]) -> list[Problem]:
    """Found by fuzzing: a name longer than the Partnership's field, or with a NUL in it
    ("\u0000" in TOML), was imported on SQLite and would fail the import on PostgreSQL."""
    found = []
    for key in ("slug", "name", "short_name", "area", *CONTACT_KEYS):
        text = str(partnership.get(key, ""))  # as the importer stores it
        message = too_long("the text", text, limit_of(Partnership, key))
        if "\x00" in text:
            message = "the text has a NUL character (byte 0) in it"
        if message:
            found.append(Problem(MANIFEST, 0, f"partnership.{key}", message))
    return found


def _decode(path: Path, spec: FileSpec, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = _column_of_bad_byte(data, exc.start, spec)
        problems.append(
            Problem(spec.name, line, column,
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as CSV UTF-8")
        )
        return None


def _column_of_bad_byte(data: bytes, offset: int, spec: FileSpec) -> str:
    """Name the column holding the first undecodable byte, so the user can find it."""
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines()
    header = next(csv.reader(lines[:1]), [])
    line_no = data[:offset].count(b"\n")
    if line_no == 0 or line_no >= len(lines):
        return "-"
    cells = next(csv.reader([lines[line_no]]), [])
    for index, cell in enumerate(cells):
        if "\ufffd" in cell and index < len(header):
            return header[index].strip()
    return "-"


def _read_csv(path: Path, spec: FileSpec, problems: list[Problem]) -> list[Row]:
    text = _decode(path, spec, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        problems.append(Problem(spec.name, 1, "-", f"not readable as CSV: {exc}"))
        return []
    expected = spec.column_names
    header_ok = True
    for name in expected:
        if name not in header and spec.column(name).required:
            problems.append(Problem(spec.name, 1, name, f'missing column "{name}"'))
            header_ok = False
    for name in header:
        if name not in expected:
            problems.append(
                Problem(spec.name, 1, name or "-",
                        f'unknown column "{name}" (expected: {", ".join(expected)})')
            )
            header_ok = False
    if not header_ok:
        return []
    try:
        return _read_rows(reader, header, spec, problems)
    except csv.Error as exc:  # a cell beyond the csv module's limit, a NUL byte
        problems.append(Problem(spec.name, reader.line_num, "-", f"not readable as CSV: {exc}"))
        return []


def _read_rows(reader: Any, header: list[str], spec: FileSpec,
               problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(spec.name, number, "-",
                                    f"{len(cells)} cells but {len(header)} columns"))
            continue
        raw = dict(zip(header, cells, strict=False))
        rows.append(Row(number, _parse_row(spec, raw, number, problems)))
    return rows


def _parse_row(spec: FileSpec, raw: dict[str, str], number: int,
               problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in spec.columns:
        cell = raw.get(column.name, "")
        if not cell.strip():
            if column.required:
                problems.append(Problem(spec.name, number, column.name, "a value is required"))
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(cell)
        except CellError as exc:
            problems.append(Problem(spec.name, number, column.name, str(exc)))
            values[column.name] = None
    return values
