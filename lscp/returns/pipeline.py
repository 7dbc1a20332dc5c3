"""One year's returns from files to indicator values: read safely, minimise, store, compute.

Plain Python; the dataset app calls it from its command and its upload page, and stores the
values with the provenance recorded here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lscp
from lscp.insight.periods import year_bounds
from lscp.returns.cin import read_cin
from lscp.returns.measures import Result, run_all
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem
from lscp.returns.records import Records
from lscp.returns.ssda903 import read_903
from lscp.returns.store import load, open_store

Progress = Callable[[str, float], None]  # (stage, share done 0..1)


@dataclass(frozen=True)
class FileInfo:
    name: str
    sha256: str
    size: int


@dataclass
class Outcome:
    year: str
    files: list[FileInfo] = field(default_factory=list)
    problems: list[ReturnProblem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
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


def process(year: str, cin: Path | None, lac: list[Path], secret: bytes, *,
            store_path: Path | None = None, progress: Progress | None = None,
            now: dt.datetime | None = None, cin_max_bytes: int = 500_000_000) -> Outcome:
    """Read, validate, minimise, store and compute. RefusedFile propagates: nothing is kept."""
    say = progress or (lambda stage, share: None)
    start, end = year_bounds(year)
    outcome = Outcome(year, at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"))
    minimiser = Minimiser(secret)
    records = Records()
    clock = time.perf_counter()
    if cin is not None:
        say("Reading the CIN census", 0.1)
        outcome.problems += read_cin(cin, minimiser, records, year_start=start, year_end=end,
                                     max_bytes=cin_max_bytes)
        outcome.files.append(_hash(cin))
    if lac:
        say("Reading the SSDA903 return", 0.4)
        outcome.problems += read_903(lac, minimiser, records, year_start=start, year_end=end)
        outcome.files += [_hash(p) for p in lac]
    outcome.seconds["read"] = time.perf_counter() - clock
    say("Storing", 0.6)
    clock = time.perf_counter()
    con = open_store(store_path)
    outcome.rows = load(con, records)
    del records
    outcome.seconds["store"] = time.perf_counter() - clock
    say("Computing indicators", 0.8)
    clock = time.perf_counter()
    outcome.results = run_all(con, year)
    outcome.seconds["indicators"] = time.perf_counter() - clock
    con.close()
    say("Done", 1.0)
    return outcome
