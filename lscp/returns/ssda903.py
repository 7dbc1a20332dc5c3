"""The SSDA903 (children looked after) CSV return: identify, validate, minimise, stage lac_*.

Each file's table is recognised by its header row, not its name (a UTF-8 byte order mark is
allowed). Cells are stripped; dates are dd/mm/YYYY with a four-digit year; a cell that starts
with = + - or @ looks like a spreadsheet formula and is reported, never stored. CHILD becomes a
keyed hash, DOB a birth month, PL_POST its outward code; UPN, HOME_POST, MC_DOB, SW_ID and URN
are dropped. OC2, PrevPerm, SWEpisodes and DoLo are recognised and checked, but not stored
(schema.py has no table for them). Codes are checked against the collection year's lists (SEX
and PLACE change by year), and once every file is read the rules across a child's rows run
(lac_rules.py: episodes in sequence, age at the start of care, missing within care). See
docs/returns.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, cast

from lscp.returns import codes
from lscp.returns.lac_rules import Episode, Facts, Missing, check, cite
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import RefusedFile, ReturnProblem
from lscp.returns.records import Records
from lscp.returns.safety import GuardedReader, StagedRows, check_file, not_utf8_message

LAC_COLUMNS: dict[str, tuple[str, ...]] = {
    "lac_header": ("child", "sex", "birth_month", "ethnicity"),
    "lac_episodes": ("child", "start_date", "reason_new", "legal_status", "cin_category", "placement",
                     "provider", "end_date", "reason_end", "reason_place_change", "placement_district"),
    "lac_reviews": ("child", "review_date", "participation"),
    "lac_missing": ("child", "kind", "start_date", "end_date"),
    "lac_care_leavers": ("child", "in_touch", "activity", "accommodation"),
    "lac_adoption": ("child", "date_should_be_placed", "date_matched", "foster_care", "adopters"),
    "lac_placed_for_adoption": ("child", "date_placed", "date_ceased", "reason_ceased"),
    "lac_uasc": ("child", "date_uasc_ceased"),
}

FORMULA_START = ("=", "+", "-", "@")
_DMY = re.compile(r"(\d{2})/(\d{2})/(\d{4})", re.ASCII)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # "child", "date", "code", "int", "text" (checked only), "drop" (never read)
    codes: frozenset[str] | None = None
    needed: bool = False  # the cell must not be blank
    optional: bool = False  # the column itself may be absent from the file
    future_ok: bool = False  # a date after the collection year is allowed
    rule: str = ""  # the DfE rule whose code list changes with the collection year


@dataclass(frozen=True)
class Table:
    name: str  # the DfE table name
    columns: tuple[Column, ...]
    store: str | None  # the lscp table it feeds, or None (checked, not stored)
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(column.name for column in self.columns))


_CHILD = Column("CHILD", "child", needed=True)


def _dob(optional: bool = True) -> Column:
    return Column("DOB", "date", needed=not optional, optional=optional)


TABLES: tuple[Table, ...] = (
    Table("Header", (
        _CHILD,
        Column("SEX", "code", codes.LAC_SEX, needed=True),
        _dob(optional=False),
        Column("ETHNIC", "code", codes.ETHNICITY, needed=True),
        Column("UPN", "drop", optional=True),
        Column("MOTHER", "drop", optional=True),
        Column("MC_DOB", "drop", optional=True),
    ), "lac_header"),
    Table("Episodes", (
        _CHILD,
        Column("DECOM", "date", needed=True),
        Column("RNE", "code", codes.REASON_NEW_EPISODE, needed=True),
        Column("LS", "code", codes.LEGAL_STATUS, needed=True),
        Column("CIN", "code", codes.LAC_NEED, needed=True),
        Column("PLACE", "code", codes.PLACEMENT, needed=True),
        Column("PLACE_PROVIDER", "code", codes.PLACEMENT_PROVIDER),
        Column("DEC", "date"),
        Column("REC", "code", codes.REASON_EPISODE_CEASED),
        Column("REASON_PLACE_CHANGE", "code", codes.REASON_PLACE_CHANGE),
        Column("HOME_POST", "drop", optional=True),
        Column("PL_POST", "text", optional=True),
        Column("URN", "drop", optional=True),
    ), "lac_episodes"),
    Table("Reviews", (
        _CHILD, _dob(),
        Column("REVIEW", "date", needed=True),
        Column("REVIEW_CODE", "code", codes.REVIEW_PARTICIPATION),
    ), "lac_reviews"),
    Table("UASC", (
        _CHILD,
        Column("SEX", "code", codes.LAC_SEX, optional=True),
        _dob(),
        Column("DUC", "date", needed=True, future_ok=True),
    ), "lac_uasc"),
    Table("OC2", (
        _CHILD, _dob(),
        Column("SDQ_SCORE", "int"),
        Column("SDQ_REASON", "code", codes.SDQ_REASON),
        *(Column(flag, "code", codes.FLAG) for flag in (
            "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")),
    ), None),
    Table("OC3", (
        _CHILD, _dob(),
        Column("IN_TOUCH", "code", codes.IN_TOUCH, needed=True),
        Column("ACTIV", "code", codes.ACTIVITY),
        Column("ACCOM", "code", codes.ACCOMMODATION),
    ), "lac_care_leavers"),
    Table("AD1", (
        _CHILD, _dob(),
        Column("DATE_INT", "date"),
        Column("DATE_MATCH", "date"),
        Column("FOSTER_CARE", "code", codes.FOSTER_CARE),
        Column("NB_ADOPTR", "code", codes.NUMBER_OF_ADOPTERS),
        Column("SEX_ADOPTR", "code", codes.SEX_OF_ADOPTERS),
        Column("LS_ADOPTR", "code", codes.LEGAL_STATUS_OF_ADOPTERS),
    ), "lac_adoption"),
    Table("PlacedAdoption", (
        _CHILD, _dob(),
        Column("DATE_PLACED", "date", needed=True),
        Column("DATE_PLACED_CEASED", "date"),
        Column("REASON_PLACED_CEASED", "code", codes.REASON_PLACED_CEASED),
    ), "lac_placed_for_adoption"),
    Table("PrevPerm", (
        _CHILD, _dob(),
        Column("PREV_PERM", "code", codes.PREVIOUS_PERMANENCE),
        Column("LA_PERM", "text"),
        Column("DATE_PERM", "text"),  # may be partial ("zz/zz/2015"): checked for formulas only
    ), None),
    Table("Missing", (
        _CHILD, _dob(),
        Column("MISSING", "code", codes.MISSING, needed=True),
        Column("MIS_START", "date", needed=True),
        Column("MIS_END", "date"),
    ), "lac_missing"),
    Table("SWEpisodes", (
        _CHILD, _dob(),
        Column("SW_ID", "drop"),
        Column("SW_DECOM", "date", needed=True),
        Column("SW_DEC", "date"),
        Column("SW_REASON", "text"),
    ), None),
    Table("DoLo", (
        _CHILD, _dob(),
        Column("DOLO_START", "date", needed=True),
        Column("DOLO_END", "date"),
    ), None),
)
TABLES_BY_NAME = {table.name: table for table in TABLES}


def tables_for(year_end: dt.date) -> dict[str, Table]:
    """The tables with the code lists of the collection year ending on `year_end`: SEX and
    PLACE change by year (DfE rules 101 and 146), and a return is checked against its own."""
    year_codes = codes.lac_year_codes(year_end)
    tables = {}
    for table in TABLES:
        columns = tuple(
            replace(column, codes=year_codes[column.name][1], rule=year_codes[column.name][0])
            if column.name in year_codes else column for column in table.columns)
        tables[table.name] = Table(table.name, columns, table.store)
    return tables


def read_903(paths: list[Path], minimiser: Minimiser, records: Records, *, year_start: dt.date,
             year_end: dt.date, max_bytes: int = 200_000_000) -> list[ReturnProblem]:
    """Read the SSDA903 CSV files into `records`; return their problems (errors and warnings).

    Every file is checked before any is read: one that is too big or not UTF-8 CSV text raises
    RefusedFile and nothing from any of the files is stored.
    """
    if year_end < year_start:
        raise ValueError("year_end is before year_start")
    for path in paths:
        check_file(path, "csv", max_bytes)
    staged = StagedRows(records, LAC_COLUMNS)
    reader = _Reader(minimiser, year_start, year_end, staged)
    try:
        for path in paths:
            reader.read(path, max_bytes)
            staged.flush()
    except BaseException:
        staged.rollback()
        raise
    return reader.problems + check(reader.facts)


_GENERIC = frozenset({"CHILD", "DOB", "SEX"})


def identify(header: list[str]) -> Table | None:
    """The table a header row belongs to, or None.

    A table is a candidate when the header has at least one of its own columns (not CHILD, DOB
    or SEX) and at least half the header's columns are the table's; the candidate with the
    largest share of its own columns present wins (then the one with most columns in common).
    """
    names = {name for name in header if name}
    best: tuple[float, int, Table] | None = None
    for table in TABLES:
        expected = set(table.names)
        own = expected - _GENERIC
        found = len(names & own)
        common = len(names & expected)
        if not found or common * 2 < len(names):
            continue
        score = (found / len(own), common, table)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def _show(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:30] + "...")


class _Reader:
    def __init__(self, minimiser: Minimiser, year_start: dt.date, year_end: dt.date,
                 staged: StagedRows) -> None:
        self.minimiser = minimiser
        self.year_start = year_start
        self.year_end = year_end
        self.staged = staged
        self.problems: list[ReturnProblem] = []
        self._dates: dict[str, dt.date] = {}
        self._tables_seen: dict[str, str] = {}
        self._header_children: set[str] = set()
        self.file = ""
        self.tables = tables_for(year_end)
        self.year = codes.collection_label(year_end)
        self.facts = Facts()

    def problem(self, row: int, child: str, column: str, message: str, severity: str = "error") -> None:
        self.problems.append(ReturnProblem(self.file, row, child, column, message, severity))

    # --- a file -------------------------------------------------------------------------------

    def read(self, path: Path, max_bytes: int) -> None:
        self.file = path.name
        with path.open("rb") as handle:
            guarded = GuardedReader(handle, path.name, max_bytes, xml=False)
            text = io.TextIOWrapper(cast(BinaryIO, guarded), encoding="utf-8-sig", newline="")
            rows = csv.reader(text)
            row_number = 1
            try:
                header = next(rows, None)
                if header is None or not any(cell.strip() for cell in header):
                    self.problem(1, "", "header", "the file has no header row")
                    return
                table, positions = self._header(header)
                if table is None:
                    return
                for row_number, row in enumerate(rows, 2):
                    self._row(table, positions, row, row_number, len(header))
            except UnicodeDecodeError as exc:
                message = not_utf8_message(exc) + f" (near row {row_number + 1})"
                raise RefusedFile(path.name, message) from None
            except csv.Error as exc:
                raise RefusedFile(path.name, f"is not readable CSV (row {row_number + 1}): {exc}") from None

    def _header(self, header: list[str]) -> tuple[Table | None, dict[str, int]]:
        names = [cell.strip().upper() for cell in header]
        found = identify(names)
        table = None if found is None else self.tables[found.name]
        if table is None:
            expected = "; ".join(f"{t.name}: {','.join(t.names)}" for t in TABLES)
            self.problem(1, "", "header", "the header row matches no SSDA903 table, so the file was "
                                          f"not read. Expected one of: {expected}")
            return None, {}
        positions: dict[str, int] = {}
        for index, name in enumerate(names):
            if not name:
                continue
            if name in positions:
                self.problem(1, "", name, f"the column {name} appears twice; the {table.name} "
                                          "table was not read")
                return None, {}
            positions[name] = index
        missing = [c for c in table.columns if c.name not in positions]
        required = [c.name for c in missing if not c.optional]
        if required:
            for name in required:
                self.problem(1, "", name, f"the {table.name} table needs the column {name}; "
                                          "the table was not read")
            return None, {}
        for column in missing:
            self.problem(1, "", column.name, f"the column {column.name} is missing from the "
                                             f"{table.name} table (it is not needed)", "warning")
        for name in positions:
            if name not in table.names:
                self.problem(1, "", name, f"{name} is not a column of the {table.name} table; "
                                          "it was not read", "warning")
        if table.name in self._tables_seen:
            self.problem(1, "", "header", f"a second {table.name} table (the first was "
                                          f"{self._tables_seen[table.name]}); both were read", "warning")
        else:
            self._tables_seen[table.name] = self.file
        if table.store is None:
            self.problem(1, "", "header", f"the {table.name} table was checked but is not stored",
                         "warning")
        self.facts.episodes_read |= table.name == "Episodes"
        return table, {c.name: positions[c.name] for c in table.columns if c.name in positions}

    # --- a row --------------------------------------------------------------------------------

    def _row(self, table: Table, positions: dict[str, int], row: list[str], number: int,
             width: int) -> None:
        if not row or not any(cell.strip() for cell in row):
            return
        if len(row) != width:
            self.problem(number, "", "row", f"the row has {len(row)} cells but the header has {width}; "
                                            "the row was not read")
            return
        raw_child = row[positions["CHILD"]].strip()
        if not raw_child:
            self.problem(number, "", "CHILD", "is empty; the row was not read")
            return
        if raw_child.startswith(FORMULA_START):
            self.problem(number, "", "CHILD", "looks like a spreadsheet formula; the row was not read")
            return
        key = self.minimiser.child(raw_child)
        values: dict[str, Any] = {"CHILD": key}
        for column in table.columns[1:]:
            index = positions.get(column.name)
            if index is None:
                values[column.name] = None
                continue
            values[column.name] = self._cell(row[index].strip(), column, number, key)
        check = _CHECKS.get(table.name)
        if check is not None and not check(self, values, number, key):
            return
        if table.store is not None:
            self.staged.rows[table.store].append(_ROWS[table.name](self, values))

    def _cell(self, text: str, column: Column, number: int, key: str) -> Any:
        if not text:
            if column.needed:
                self.problem(number, key, column.name, "is empty")
            return None
        if text.startswith(FORMULA_START):
            self.problem(number, key, column.name, "looks like a spreadsheet formula; it was not stored")
            return None
        kind = column.kind
        if kind == "code":
            assert column.codes is not None
            if text in column.codes:
                return text
            self.problem(number, key, column.name, self._not_a_code(text, column))
            return None
        if kind == "date":
            day = self._date(text)
            if day is None:
                self.problem(number, key, column.name, f"{_show(text)} is not a date (dd/mm/YYYY)")
                return None
            if day > self.year_end and not column.future_ok:
                self.problem(number, key, column.name, f"{text} is after the end of the collection "
                                                       f"year ({self.year_end:%d/%m/%Y})")
            return day
        if kind == "int":
            if text.isascii() and text.isdigit():
                return int(text)
            self.problem(number, key, column.name, f"{_show(text)} is not a whole number")
            return None
        if kind == "drop":
            return None
        return text

    def _not_a_code(self, text: str, column: Column) -> str:
        """A code list that changes by year says which year's list it used, not the value."""
        if not column.rule:
            return f"{_show(text)} is not a valid code"
        assert column.codes is not None
        listed = sorted(column.codes)
        shown = f" ({', '.join(listed[:-1])} or {listed[-1]})" if len(listed) <= 5 else ""
        return cite(column.rule, f"is not a valid code for the {self.year} collection{shown}")

    def _date(self, text: str) -> dt.date | None:
        day = self._dates.get(text)
        if day is None:
            match = _DMY.fullmatch(text)
            if match is None:
                return None
            try:
                day = dt.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                return None
            if len(self._dates) < 200_000:
                self._dates[text] = day
        return day

    def order(self, earlier: dt.date | None, later: dt.date | None, number: int, key: str,
              column: str, message: str) -> None:
        if earlier is not None and later is not None and later < earlier:
            self.problem(number, key, column, f"{later:%d/%m/%Y} is before {message} ({earlier:%d/%m/%Y})")


# --- table-specific checks (False: the row is not stored) and rows ------------------------------

def _check_header(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    if key in reader._header_children:
        reader.problem(number, key, "CHILD", "appears twice in the Header table; the second row was "
                                             "not read")
        return False
    reader._header_children.add(key)
    if v["DOB"] is not None:
        reader.facts.births[key] = v["DOB"]
    return True


def _check_episode(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    if v["DECOM"] is not None and v["DEC"] is not None and v["DEC"] < v["DECOM"]:
        reader.problem(number, key, "DEC", cite("356", "The date the episode ceased is before the "
                                                       "date the same episode started."))
    reader.facts.episodes[key].append(
        Episode(reader.file, number, v["DECOM"], v["DEC"], v["RNE"], v["REC"]))
    if v["DEC"] is not None and v["REC"] is None:
        reader.problem(number, key, "REC", "is missing for an episode that ended (DEC given)")
    if v["DEC"] is None and v["REC"] is not None:
        reader.problem(number, key, "DEC", "is missing for an episode with a reason it ended (REC)")
    if v["DEC"] is not None and v["DEC"] < reader.year_start:
        reader.problem(number, key, "DEC", f"the episode ended before the collection year began "
                                           f"({reader.year_start:%d/%m/%Y})", "warning")
    return True


def _check_adoption(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    reader.order(v["DATE_INT"], v["DATE_MATCH"], number, key, "DATE_MATCH",
                 "the decision that the child should be placed for adoption DATE_INT")
    return True


def _check_placed(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    reader.order(v["DATE_PLACED"], v["DATE_PLACED_CEASED"], number, key, "DATE_PLACED_CEASED",
                 "DATE_PLACED")
    if v["DATE_PLACED_CEASED"] is not None and v["REASON_PLACED_CEASED"] is None:
        reader.problem(number, key, "REASON_PLACED_CEASED", "is missing though DATE_PLACED_CEASED is given")
    return True


def _check_missing(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    if v["MIS_START"] is not None and v["MIS_END"] is not None and v["MIS_END"] < v["MIS_START"]:
        reader.problem(number, key, "MIS_END", cite(
            "567", "The date that the missing episode or episode that the child was away from "
                   "placement without authorisation ended is before the date that it started."))
    reader.facts.missing[key].append(Missing(reader.file, number, v["MIS_START"], v["MIS_END"]))
    return True


def _check_sw(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    reader.order(v["SW_DECOM"], v["SW_DEC"], number, key, "SW_DEC", "SW_DECOM")
    return True


def _check_dolo(reader: _Reader, v: dict[str, Any], number: int, key: str) -> bool:
    reader.order(v["DOLO_START"], v["DOLO_END"], number, key, "DOLO_END", "DOLO_START")
    return True


_CHECKS: dict[str, Callable[[_Reader, dict[str, Any], int, str], bool]] = {
    "Header": _check_header, "Episodes": _check_episode, "AD1": _check_adoption,
    "PlacedAdoption": _check_placed, "Missing": _check_missing, "SWEpisodes": _check_sw,
    "DoLo": _check_dolo,
}

_ROWS: dict[str, Callable[[_Reader, dict[str, Any]], tuple[Any, ...]]] = {
    "Header": lambda r, v: (v["CHILD"], codes.SEX_STORED.get(v["SEX"] or ""),
                            r.minimiser.birth_month(v["DOB"]), v["ETHNIC"]),
    "Episodes": lambda r, v: (v["CHILD"], v["DECOM"], v["RNE"], v["LS"], v["CIN"], v["PLACE"],
                              v["PLACE_PROVIDER"], v["DEC"], v["REC"], v["REASON_PLACE_CHANGE"],
                              r.minimiser.outward(v["PL_POST"])),
    "Reviews": lambda r, v: (v["CHILD"], v["REVIEW"], v["REVIEW_CODE"]),
    "UASC": lambda r, v: (v["CHILD"], v["DUC"]),
    "OC3": lambda r, v: (v["CHILD"], v["IN_TOUCH"], v["ACTIV"], v["ACCOM"]),
    "AD1": lambda r, v: (v["CHILD"], v["DATE_INT"], v["DATE_MATCH"], v["FOSTER_CARE"],
                         None if v["NB_ADOPTR"] is None else int(v["NB_ADOPTR"])),
    "PlacedAdoption": lambda r, v: (v["CHILD"], v["DATE_PLACED"], v["DATE_PLACED_CEASED"],
                                    v["REASON_PLACED_CEASED"]),
    "Missing": lambda r, v: (v["CHILD"], v["MISSING"], v["MIS_START"], v["MIS_END"]),
}
