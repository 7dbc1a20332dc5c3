"""The columnar store: minimised records as typed DuckDB tables, plus a working-day calendar.

Loading goes through Arrow, column by column, so a national year (hundreds of thousands of
children) loads in seconds without a row-by-row insert.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

from lscp.insight.working_days import is_working_day
from lscp.returns.records import Records
from lscp.returns.schema import TABLES

_ARROW = {"VARCHAR": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(),
          "BOOLEAN": pa.bool_()}


def open_store(path: Path | None = None, *, temp_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An empty store, in memory or in a file (replaced if it exists).

    DuckDB spills to disk when memory runs short, by default into `.tmp` in the current
    folder; `temp_dir` (a load's private workspace) keeps those child-level rows private too.
    """
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {}
    if temp_dir is not None:
        config["temp_directory"] = str(temp_dir)
    con = duckdb.connect(str(path) if path else ":memory:", config=config)
    for table, cols in TABLES.items():
        body = ", ".join(f"{name} {kind}" for name, kind in cols)
        con.execute(f"CREATE TABLE {table} ({body})")
    _calendar(con)
    return con


def _calendar(con: duckdb.DuckDBPyConnection, first: int = 2000, last: int = 2035) -> None:
    """calendar(day, wd): wd counts England working days from the start, so the working
    days from a to b are wd(b) - wd(a), weekends and bank holidays excluded."""
    days, index, count = [], [], 0
    day = dt.date(first, 1, 1)
    while day.year <= last:
        count += is_working_day(day)
        days.append(day)
        index.append(count)
        day += dt.timedelta(days=1)
    con.register("calendar_arrow", pa.table({"day": pa.array(days, pa.date32()),
                                             "wd": pa.array(index, pa.int32())}))
    con.execute("CREATE TABLE calendar AS SELECT * FROM calendar_arrow")
    con.unregister("calendar_arrow")


def load(con: duckdb.DuckDBPyConnection, records: Records) -> dict[str, int]:
    counts = {}
    for table, cols in TABLES.items():
        data = records.data[table]
        arrow = pa.table({name: pa.array(data[name], _ARROW[kind]) for name, kind in cols})
        con.register("incoming", arrow)
        con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
        con.unregister("incoming")
        counts[table] = arrow.num_rows
    return counts


def load_rows(con: duckdb.DuckDBPyConnection, given: dict[str, list[dict[str, object]]]) -> None:
    """Rows for a test: each a dict of some columns; the rest are NULL."""
    records = Records()
    for table, rows in given.items():
        names = [name for name, _ in TABLES[table]]
        for row in rows:
            unknown = set(row) - set(names)
            if unknown:
                raise KeyError(f"{table} has no column {sorted(unknown)}")
            records.add(table, **{name: row.get(name) for name in names})
    load(con, records)
