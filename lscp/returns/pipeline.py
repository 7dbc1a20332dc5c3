"""One year's returns from files to indicator values: read safely, minimise, store, compute.

Plain Python; the dataset app calls it from its command and its upload page, and stores the
values with the provenance recorded here.

Two gates stand between a file and a figure. A load with any error is a validation report
only: nothing is stored and nothing computed, since a table not read or rows left out would
make a wrong figure. And a measure is computed only when every table its SQL reads was in the
load: a 903-only load says nothing about children in need, so it must not say 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import lscp
from lscp.insight.periods import year_bounds
from lscp.returns.cin import CIN_COLUMNS, read_cin
from lscp.returns.measures import Measure, Result, load_measures, run
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem
from lscp.returns.records import Records
from lscp.returns.schema import TABLES
from lscp.returns.ssda903 import identify, read_903
from lscp.returns.store import load, open_store

Progress = Callable[[str, float], None]  # (stage, share done 0..1)
CIN_MAX_BYTES = 500_000_000  # the default size limits: a national census needs more
LAC_MAX_BYTES = 200_000_000


@dataclass(frozen=True)
class FileInfo:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Skipped:
    """A measure not computed: `needs` are the tables it reads that the load did not have."""
    measure: str
    title: str
    needs: tuple[str, ...]


@dataclass
class Outcome:
    year: str
    files: list[FileInfo] = field(default_factory=list)
    problems: list[ReturnProblem] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # the tables the load's files feed
    rows: dict[str, int] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    software: str = f"LSCP Insight {lscp.__version__}"
    at: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def provenance(self) -> str:
        """What a value carries: the files (by hash), rows read, software and when."""
        files = ", ".join(f"{f.name} sha256:{f.sha256}" for f in self.files)
        rows = ", ".join(f"{table} {count}" for table, count in self.rows.items() if count)
        return f"returns {self.year}: {files}; rows: {rows}; {self.software}; {self.at}"


def _hash(path: Path) -> FileInfo:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return FileInfo(path.name, digest.hexdigest(), path.stat().st_size)


def tables_read(measure: Measure) -> frozenset[str]:
    """The minimised tables a measure's SQL reads (CIN census `cin_*`, SSDA903 `lac_*`)."""
    return frozenset(re.findall(r"\b(?:cin|lac)_\w+", measure.sql)) & TABLES.keys()


def tables_given(cin: Path | None, lac: list[Path]) -> frozenset[str]:
    """The tables a load's files feed: every CIN table for a census file (a census with no
    plans has none to report), and for the SSDA903 the table each file's header row names."""
    given = set(CIN_COLUMNS) if cin is not None else set()
    for path in lac:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
        table = identify([cell.strip().upper() for cell in header])
        if table is not None and table.store is not None:
            given.add(table.store)
    return frozenset(given)


def process(year: str, cin: Path | None, lac: list[Path], secret: bytes, *,
            store_path: Path | None = None, progress: Progress | None = None,
            now: dt.datetime | None = None, cin_max_bytes: int = CIN_MAX_BYTES,
            lac_max_bytes: int = LAC_MAX_BYTES, work_dir: Path | None = None) -> Outcome:
    """Read, validate, minimise, then, only if there is no error, store and compute.

    RefusedFile propagates: nothing is kept. `work_dir` takes DuckDB's spill files.
    """
    say = progress or (lambda stage, share: None)
    outcome = Outcome(year, at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"))
    clock = time.perf_counter()
    records = _read(outcome, cin, lac, secret, say, cin_max_bytes, lac_max_bytes)
    outcome.seconds["read"] = time.perf_counter() - clock
    if outcome.errors:
        say("Errors found: a validation report only", 1.0)
        return outcome
    outcome.tables = sorted(tables_given(cin, lac))
    say("Storing", 0.6)
    clock = time.perf_counter()
    con = open_store(store_path, temp_dir=work_dir)
    counts = load(con, records)
    del records
    outcome.rows = {table: counts[table] for table in outcome.tables}
    outcome.seconds["store"] = time.perf_counter() - clock
    say("Computing indicators", 0.8)
    clock = time.perf_counter()
    _compute(con, outcome)
    outcome.seconds["indicators"] = time.perf_counter() - clock
    con.close()
    say("Done", 1.0)
    return outcome


def _read(outcome: Outcome, cin: Path | None, lac: list[Path], secret: bytes, say: Progress,
          cin_max_bytes: int, lac_max_bytes: int) -> Records:
    start, end = year_bounds(outcome.year)
    minimiser = Minimiser(secret)
    records = Records()
    if cin is not None:
        say("Reading the CIN census", 0.1)
        outcome.problems += read_cin(cin, minimiser, records, year_start=start, year_end=end,
                                     max_bytes=cin_max_bytes)
        outcome.files.append(_hash(cin))
    if lac:
        say("Reading the SSDA903 return", 0.4)
        outcome.problems += read_903(lac, minimiser, records, year_start=start, year_end=end,
                                     max_bytes=lac_max_bytes)
        outcome.files += [_hash(p) for p in lac]
    return records


def _compute(con: duckdb.DuckDBPyConnection, outcome: Outcome) -> None:
    """Every measure whose tables were all in the load; the others are listed as skipped."""
    given = set(outcome.tables)
    for measure in load_measures():
        missing = tables_read(measure) - given
        if missing:
            outcome.skipped.append(Skipped(measure.code, measure.title, tuple(sorted(missing))))
        else:
            outcome.results += run(con, measure, outcome.year)
