"""Fuzzing the ways files come in (issue 8, "Fuzzing"): the bundle importer, the submission
spreadsheet and both returns readers get random and mutated input.

Each must answer with its documented result (problems by file, row and field, or a refusal
of the whole file) and never an unhandled exception; and nothing half-read may be kept: a
bundle with a problem imports nothing, a refused return stages no rows. The examples are
derandomized and bounded, so CI sees the same inputs every run and the file stays quick;
a crash found once is kept as an @example.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import functools
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import Workbook

from lscp.dataset.models import Unit
from lscp.dataset.spreadsheet import FIRST_ROW, HEADER, SHEET, VERSION_CELL, Upload, read_upload
from lscp.dataset.submissions import Slot, check
from lscp.demo.setup import DEMO_BUNDLE
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.returns.cin import read_cin
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import RefusedFile, ReturnProblem
from lscp.returns.records import Records
from lscp.returns.ssda903 import read_903
from lscp.returns.synth import CSV_FILES, generate
from tests.factories import IndicatorFactory

# CI runs the same few examples every time; LSCP_FUZZ_EXAMPLES=5000 explores afresh locally.
DEEPER = int(os.environ.get("LSCP_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=DEEPER or 80, deadline=None, derandomize=not DEEPER, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Cells a person or a broken export might leave: empty, signed, huge, impossible dates,
# formulas, separators, quotes, other scripts' digits, a control character.
NASTY = ["", " ", "0", "-1", "1e309", "NaN", "inf", "9" * 40, "2021-02-30", "30/02/2021",
         "31/12/9999", "0000-00-00", "=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "a,b", '"', "\n",
         "\x00", "é", "２０２１", "yes", "none", ";", "a;b", " lbb-csc ", "x" * 10_001]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
XML_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=24)
VALUE = st.one_of(st.sampled_from(NASTY), TEXT)
INDEX = st.integers(min_value=0, max_value=10_000)  # taken modulo whatever it indexes
PLACE = st.floats(min_value=0, max_value=1, exclude_max=True)  # where in a file, as a share


# Mutations shared by every format ------------------------------------------------------------


def mutate_bytes(data: bytes, op: str, place: float, junk: bytes) -> bytes:
    """Cut the file short, splice junk into it, or flip one of its bytes."""
    at = int(place * (len(data) + 1))
    if op == "truncate":
        return data[:at]
    if op == "insert":
        return data[:at] + junk + data[at:]
    if not data:
        return data
    at = min(at, len(data) - 1)
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


BYTE_MUTATION = st.tuples(st.sampled_from(["truncate", "insert", "flip"]), PLACE,
                          st.binary(max_size=12))


def mutate_rows(rows: list[list[str]], op: str, i: int, j: int, value: str) -> list[list[str]]:
    """A table's rows (the header first) with one cell, row or column changed."""
    rows = [list(r) for r in rows] or [[]]
    r = i % len(rows)
    width = max(len(row) for row in rows) or 1
    c = j % width
    if op == "cell":
        rows[r] += [""] * (c + 1 - len(rows[r]))
        rows[r][c] = value
    elif op == "drop_row":
        del rows[r]
    elif op == "dup_row":
        rows.insert(r, list(rows[r]))
    elif op == "drop_column":
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif op == "swap_rows":
        rows[r], rows[0] = rows[0], rows[r]
    elif op == "extra_cell":
        rows[r].append(value)
    elif op == "short_row":
        rows[r] = rows[r][: c]
    return rows


ROW_OPS = ["cell", "cell", "cell", "drop_row", "dup_row", "drop_column", "swap_rows",
           "extra_cell", "short_row"]
ROW_MUTATION = st.tuples(st.sampled_from(ROW_OPS), INDEX, INDEX, VALUE)


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# The bundle importer --------------------------------------------------------------------------

BUNDLE_FILES = sorted(p.name for p in DEMO_BUNDLE.glob("*.csv"))
MANIFEST_VALUES = ["123", '"x"', '""', "[1, 2]", "{ a = 1 }", "true", '"' + "s" * 300 + '"',
                   "1979-05-27", '"Ünïcode"', '"has spaces"', '"-"', "2", '"a\\u0000b"']


def mutate_manifest(text: str, op: str, i: int, value: str) -> str:
    lines = text.splitlines()
    r = i % len(lines)
    if op == "value" and "=" in lines[r]:
        lines[r] = lines[r].split("=", 1)[0] + "= " + value
    elif op == "drop":
        del lines[r]
    elif op == "dup":
        lines.insert(r, lines[r])
    return "\n".join(lines) + "\n"


BUNDLE_MUTATION = st.one_of(
    st.tuples(st.just("csv"), st.sampled_from(BUNDLE_FILES), ROW_MUTATION),
    st.tuples(st.just("bytes"), st.sampled_from(BUNDLE_FILES), BYTE_MUTATION),
    st.tuples(st.just("manifest"), st.just("manifest.toml"),
              st.tuples(st.sampled_from(["value", "value", "drop", "dup"]), INDEX,
                        st.sampled_from(MANIFEST_VALUES))),
    st.tuples(st.just("remove"), st.sampled_from(BUNDLE_FILES), st.just(())),
)


def apply_bundle_mutation(folder: Path, mutation: tuple[str, str, Any]) -> None:
    kind, name, how = mutation
    path = folder / name
    if not path.exists():  # removed by an earlier mutation
        return
    # Bytes an earlier mutation made undecodable travel through as they are.
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    if kind == "csv":
        text = csv_text(mutate_rows(csv_rows(text), *how))
    elif kind == "set":  # a named cell of the first row, for the examples kept below
        rows = csv_rows(text)
        rows[1][rows[0].index(how[0])] = how[1]
        text = csv_text(rows)
    elif kind == "manifest":
        text = mutate_manifest(text, *how)
    if kind in ("csv", "set", "manifest"):
        path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    elif kind == "bytes":
        path.write_bytes(mutate_bytes(path.read_bytes(), *how))
    else:
        path.unlink()


def counts() -> dict[str, int]:
    """Rows of every lscp model, by the name the importer's counters use."""
    return {str(m._meta.verbose_name_plural): m._default_manager.count()
            for m in apps.get_models() if m.__module__.startswith("lscp.")}


@pytest.fixture
def demo_imported(db: None) -> None:
    """The demo already in the database, as in use: a mutated bundle then mostly updates it,
    which is both the common case and quick enough to try many."""
    assert import_bundle_folder(DEMO_BUNDLE).ok


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the same database: whatever it imported is undone after, so
    a failing example fails alone and shrinks to what made it fail."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


LONG_NAME = ("manifest", "manifest.toml", ("value", 5, '"' + "s" * 300 + '"'))


# Found by fuzzing. Crashed the import on SQLite: an amount of "1E100" pence, a population of
# "9" * 40, a position of "²" (str.isdigit() but not int()). Imported on SQLite, so the
# whole import would fail on PostgreSQL: a 300-character name, a NUL, a comparator of 1E100.
@FUZZ
@given(mutations=st.lists(BUNDLE_MUTATION, min_size=1, max_size=3))
@example(mutations=[("set", "budget.csv", ("amount", "1E100"))])
@example(mutations=[("set", "population.csv", ("under_18", "9" * 40))])
@example(mutations=[("set", "actions.csv", ("position", "²"))])
@example(mutations=[LONG_NAME])
@example(mutations=[("manifest", "manifest.toml", ("value", 5, '"a\\u0000b"'))])
@example(mutations=[("set", "challenges.csv", ("challenge", "a\x00b"))])
@example(mutations=[("set", "comparators.csv", ("value", "1E100"))])
def test_a_mutated_bundle_imports_whole_or_not_at_all(demo_imported: None,
                                                      mutations: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp, rolled_back():
        folder = Path(tmp) / "bundle"
        shutil.copytree(DEMO_BUNDLE, folder)
        for mutation in mutations:
            apply_bundle_mutation(folder, mutation)
        before = counts()
        result = import_bundle_folder(folder)
        after = counts()
        unstorable = postgresql_would_refuse()
    event(f"problem: {result.problems[0].message[:30]}" if result.problems else "imported")
    if not result.ok:
        assert after == before, "a bundle with problems changed the database"
        assert all(p.file and p.message for p in result.problems)
        return
    for name, created in result.created.items():
        assert after[name] - before[name] == created, name  # everything it said, no more
    assert unstorable == []


def postgresql_would_refuse() -> list[str]:
    """What SQLite keeps and PostgreSQL refuses (failing the whole import): text longer than
    its column or with a NUL in it, a number too big for its column. Checked in Python:
    SQLite's LIKE and length() stop at a NUL."""
    found = set()
    for model in apps.get_models():
        fields = model._meta.concrete_fields if model.__module__.startswith("lscp.") else ()
        try:
            rows = list(model._default_manager.values_list(*(f.attname for f in fields)))
        except decimal.InvalidOperation:  # a decimal SQLite kept that its column cannot hold
            found.add(f"{model.__name__}: unreadable")
            continue
        for row in rows if fields else ():
            found |= {f"{model.__name__}.{f.name}" for f, value in zip(fields, row, strict=True)
                      if value is not None and not _fits(f, value)}
    return sorted(found)


def _fits(field: Any, value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" not in value and len(value) <= (field.max_length or len(value))
    if isinstance(field, models.DecimalField):
        return bool(abs(value) < 10 ** (field.max_digits - field.decimal_places))
    if isinstance(field, models.IntegerField) and not isinstance(field, models.BigIntegerField):
        return bool(value <= 2_147_483_647)
    return True


# The submission spreadsheet -------------------------------------------------------------------


def _slots() -> list[Slot]:
    count = IndicatorFactory.build(code="fuzz-count", unit=Unit.COUNT)
    share = IndicatorFactory.build(code="fuzz-share", unit=Unit.PERCENTAGE)
    days = IndicatorFactory.build(code="fuzz-days", unit=Unit.DAYS)
    return [Slot(count, "2021-22-Q1"), Slot(share, "2021-22-Q1"), Slot(days, "2021-22-Q1")]


SLOTS = _slots()
CELL = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), st.dates(),
                 st.sampled_from([n for n in NASTY if n.isprintable() or n == ""]),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
KEY = st.integers(0, 9).flatmap(
    lambda n: XML_TEXT if n == 0 else st.sampled_from([s.key for s in SLOTS]))
ROW = st.tuples(KEY, *[CELL] * (len(HEADER) - 1))


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """A workbook shaped like the template, with any header, version and rows in it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET if draw(st.integers(0, 9)) else "Sheet1"
    sheet[VERSION_CELL] = draw(CELL)
    header = HEADER if draw(st.integers(0, 5)) else draw(st.lists(st.sampled_from(HEADER)))
    for column, name in enumerate(header, start=1):
        sheet.cell(row=FIRST_ROW - 1, column=column, value=name)
    for number, row in enumerate(draw(st.lists(ROW, max_size=6)), start=FIRST_ROW):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_sheet(data: bytes) -> Upload:
    """What the upload view does with a file: read it, then check its entries."""
    found = read_upload(io.BytesIO(data), len(data), SLOTS)
    assert isinstance(found, Upload)
    event(f"problem: {found.problems[0].message[:40]}" if found.problems else
          f"{len(found.entries)} entries read")
    assert all(str(p) for p in found.problems)
    if not found.problems:
        check(found.entries, {}, complete=False)
    return found


@FUZZ
@given(workbooks())
def test_any_workbook_is_read_or_refused_plainly(data: bytes) -> None:
    read_sheet(data)


@functools.cache
def template_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet[VERSION_CELL] = 3
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(row=FIRST_ROW - 1, column=column, value=name)
    for number, slot in enumerate(SLOTS, start=FIRST_ROW):
        sheet.cell(row=number, column=1, value=slot.key)
        sheet.cell(row=number, column=6, value=12)
        sheet.cell(row=number, column=9, value="A comment")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mutate_inside(data: bytes, member: int, mutation: tuple[str, float, bytes]) -> bytes:
    """The workbook with one of the files in its zip mutated, and the zip still valid: this
    reaches openpyxl's XML parsing, which mutating the zip's own bytes mostly does not."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    # Mostly the sheet itself: openpyxl reads it only as rows are asked for.
    target = SHEET_XML if member % 3 else names[member % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            content = source.read(name)
            archive.writestr(name, mutate_bytes(content, *mutation) if name == target else content)
    return out.getvalue()


SHEET_XML = "xl/worksheets/sheet1.xml"


@FUZZ
@given(INDEX, BYTE_MUTATION, st.booleans())
@example(1, ("insert", 0.5, b"\x00"), True)  # found by fuzzing: a damaged sheet was a 500
@example(1, ("truncate", 0.5, b""), True)  # and so was a sheet cut short
def test_a_mutated_template_is_read_or_refused_plainly(member: int, mutation: Any,
                                                       inside: bool) -> None:
    data = template_bytes()
    read_sheet(mutate_inside(data, member, mutation) if inside else mutate_bytes(data, *mutation))


# The returns readers --------------------------------------------------------------------------

YEAR: dict[str, Any] = {"year_start": dt.date(2023, 4, 1), "year_end": dt.date(2024, 3, 31)}
MINIMISER = Minimiser(b"a fuzzing secret of 32 bytes len")


@functools.cache
def synthetic_return() -> dict[str, bytes]:
    """A small generated return (CIN XML and the 903 CSVs), made once, as bytes by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(40, 7, "2023-24", Path(tmp), workers=1)
        return {p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir()) if p.is_file()}


def read_return(reader: Callable[[Records], list[ReturnProblem]]) -> None:
    """Read into fresh Records: the problems, or a refusal with nothing staged; and whatever
    is staged is whole rows (every column of a table the same length)."""
    records = Records()
    try:
        problems = reader(records)
    except RefusedFile as refused:
        event(f"refused: {refused.message[:30]}")
        assert refused.message
        assert all(not values for table in records.data.values() for values in table.values())
        return
    assert all(isinstance(p, ReturnProblem) and p.message for p in problems)
    event(f"read with {'some' if problems else 'no'} problems")
    for table, columns in records.data.items():
        assert len({len(values) for values in columns.values()}) == 1, table


XML_OPS = ["drop", "dup", "text", "text", "rename", "tail", "move", "empty"]
XML_MUTATION = st.tuples(st.sampled_from(XML_OPS), INDEX, INDEX,
                         st.one_of(XML_TEXT, st.sampled_from(
                             [n for n in NASTY if n != "\x00"] + ["Child", "CINdetails", "Message"])))


def mutate_xml(data: bytes, op: str, i: int, j: int, value: str) -> bytes:
    """The CIN file with one element dropped, doubled, emptied, renamed, moved, or its text
    or tail changed."""
    root = etree.fromstring(data)
    elements = list(root.iter())
    element = elements[i % len(elements)]
    parent = element.getparent()
    if op == "text":
        element.text = value
    elif op == "tail":
        element.tail = value
    elif op == "empty":
        element[:] = []
    elif op == "rename" and re.fullmatch(r"[A-Za-z_][\w.-]*", value):
        element.tag = value
    elif parent is not None and op == "drop":
        parent.remove(element)
    elif parent is not None and op == "dup":
        parent.insert(parent.index(element), etree.fromstring(etree.tostring(element)))
    elif parent is not None and op == "move":
        elements[j % len(elements)].append(element)  # may be its own child: lxml refuses
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@FUZZ
@given(st.lists(st.one_of(*[st.tuples(st.just("xml"), XML_MUTATION)] * 3,  # mostly well-formed
                          st.tuples(st.just("bytes"), BYTE_MUTATION)), min_size=1, max_size=3))
def test_a_mutated_cin_census_is_read_or_refused_whole(mutations: list[Any]) -> None:
    name = next(n for n in synthetic_return() if n.endswith(".xml"))
    data = synthetic_return()[name]
    for kind, how in mutations:
        if kind == "bytes":
            data = mutate_bytes(data, *how)
            continue
        # An earlier byte mutation broke it, or lxml refused the move: keep it as it is.
        with contextlib.suppress(etree.XMLSyntaxError, ValueError):
            data = mutate_xml(data, *how)
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), name, data)
        read_return(lambda records: read_cin(path, MINIMISER, records, **YEAR))


CSV_NAMES = sorted(f"{stem}.csv" for stem in CSV_FILES)


@FUZZ
@given(st.lists(st.one_of(
    st.tuples(st.sampled_from(CSV_NAMES), st.just("rows"), ROW_MUTATION),
    st.tuples(st.sampled_from(CSV_NAMES), st.just("bytes"), BYTE_MUTATION),
    st.tuples(st.sampled_from(CSV_NAMES), st.just("copy"), st.just(())),
    st.tuples(st.sampled_from(CSV_NAMES), st.just("remove"), st.just(()))), min_size=1, max_size=3))
def test_a_mutated_903_return_is_read_or_refused_whole(mutations: list[Any]) -> None:
    files = {n: synthetic_return()[n] for n in CSV_NAMES}
    for name, kind, how in mutations:
        if name not in files:
            continue
        if kind == "rows":
            text = files[name].decode("utf-8", errors="replace")
            files[name] = csv_text(mutate_rows(csv_rows(text), *how)).encode("utf-8")
        elif kind == "bytes":
            files[name] = mutate_bytes(files[name], *how)
        elif kind == "copy":
            files["copy-" + name] = files[name]
        else:
            del files[name]
    with tempfile.TemporaryDirectory() as tmp:
        paths = [write(Path(tmp), name, data) for name, data in sorted(files.items())]
        read_return(lambda records: read_903(paths, MINIMISER, records, **YEAR))
