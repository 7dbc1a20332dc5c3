"""DfE-definition indicators as SQL: one TOML file each in lscp/returns/sql/, holding the
definition, the SQL and given/expect test rows side by side (tests/test_returns_measures.py
runs every one).

The SQL sees the minimised tables, `calendar(day, wd)` for working days, and the parameters
$year_start, $year_end (the collection year, 1 April to 31 March). It returns either one row
with `value`, or one with `numerator` and `denominator`; with a `category` column, one row
per category (and the total is the sum, or given by a row whose category is NULL).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from lscp.insight.periods import year_bounds

SQL_DIR = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    definition: str
    numerator: str
    denominator: str
    dataset_indicator: str | None  # the catalogue indicator it feeds, if any
    sql: str
    tests: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    measure: str
    dataset_indicator: str | None
    category: str  # "" for the total
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None


def load_measures(folder: Path = SQL_DIR) -> list[Measure]:
    measures = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        measures.append(Measure(
            code=path.stem, title=data["title"], definition=data["definition"].strip(),
            numerator=data.get("numerator", ""), denominator=data.get("denominator", ""),
            dataset_indicator=data.get("dataset_indicator"), sql=data["sql"],
            tests=data.get("test", [])))
    return measures


def run(con: duckdb.DuckDBPyConnection, measure: Measure, year: str) -> list[Result]:
    start, end = year_bounds(year)
    params = {k: v for k, v in {"year_start": start, "year_end": end}.items()
              if f"${k}" in measure.sql}
    cursor = con.execute(measure.sql, params)
    names = [d[0] for d in cursor.description]
    results = []
    for row in cursor.fetchall():
        data = dict(zip(names, row, strict=True))
        value = data.get("value")
        results.append(Result(
            measure.code, measure.dataset_indicator, data.get("category") or "",
            value=None if value is None else Decimal(str(value)),
            numerator=_int(data.get("numerator")), denominator=_int(data.get("denominator"))))
    return results


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def run_all(con: duckdb.DuckDBPyConnection, year: str) -> list[Result]:
    return [r for m in load_measures() for r in run(con, m, year)]
