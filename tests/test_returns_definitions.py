"""DfE definitions the figures must follow (issue 14, finding 6).

- Children looked after under an agreed series of short-term breaks (legal status V3 or V4)
  are left out of every SSDA903 looked-after figure, as the DfE's are.
- The SSDA903 code lists follow the collection year: SEX is 1/2 up to 2023-24 and M/F/U from
  2024-25 (DfE rule 101); placement type K3 arrives and H5, P2 and Z1 go (DfE rule 146).
- Children who went missing, and children away from placement without authorisation, are
  computed from the Missing table the reader already keeps.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lscp.dataset.catalogue import read_catalogue
from lscp.insight.periods import year_bounds
from lscp.returns.measures import Measure, load_measures, run
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem
from lscp.returns.records import Records
from lscp.returns.ssda903 import read_903
from lscp.returns.store import load_rows, open_store

MINIMISER = Minimiser(b"a test secret of 32 bytes length")
MEASURES = {measure.code: measure for measure in load_measures()}


def figures(measure: Measure, given: dict[str, list[dict[str, Any]]]) -> list[Any]:
    con = open_store()
    load_rows(con, given)
    return [(r.category, r.value, r.numerator, r.denominator) for r in run(con, measure, "2024-25")]


# --- short breaks (V3/V4) ---------------------------------------------------------------------------

SHORT_BREAKS = {
    "lac_header": [{"child": "a", "birth_month": dt.date(2012, 1, 1)},
                   {"child": "b", "birth_month": dt.date(2010, 1, 1)}],
    "lac_episodes": [
        # a: short breaks since 2021, one still open on 31 March, one more starting in the year
        {"child": "a", "start_date": dt.date(2021, 6, 1), "end_date": dt.date(2021, 6, 3),
         "reason_new": "S", "legal_status": "V3", "placement": "R1", "reason_end": "E13"},
        {"child": "a", "start_date": dt.date(2025, 3, 28), "reason_new": "S", "legal_status": "V4",
         "placement": "U4", "provider": "PR1"},
        # b: three short breaks in the year, each a new placement
        {"child": "b", "start_date": dt.date(2024, 5, 1), "end_date": dt.date(2024, 5, 3),
         "reason_new": "S", "legal_status": "V3", "placement": "R1", "reason_end": "E13"},
        {"child": "b", "start_date": dt.date(2024, 8, 1), "end_date": dt.date(2024, 8, 3),
         "reason_new": "S", "legal_status": "V3", "placement": "R1", "reason_end": "E13"},
        {"child": "b", "start_date": dt.date(2025, 3, 30), "reason_new": "S", "legal_status": "V4",
         "placement": "U4", "provider": "PR1"},
    ],
    "lac_missing": [{"child": "b", "kind": "M", "start_date": dt.date(2024, 5, 2),
                     "end_date": dt.date(2024, 5, 2)},
                    {"child": "b", "kind": "A", "start_date": dt.date(2024, 8, 2),
                     "end_date": dt.date(2024, 8, 2)}],
}
LOOKED_AFTER = [m for m in MEASURES.values()
                if "lac_episodes" in m.sql or m.code in ("children-missing", "children-away")]


def test_the_looked_after_measures_are_all_checked() -> None:
    codes = {m.code for m in LOOKED_AFTER}
    assert {"looked-after-at-31-march", "started-to-be-looked-after", "ceased-to-be-looked-after",
            "three-or-more-placements", "long-term-stability", "missing-episodes",
            "children-missing", "children-away"} <= codes


@pytest.mark.parametrize("measure", LOOKED_AFTER, ids=[m.code for m in LOOKED_AFTER])
def test_short_breaks_count_in_no_looked_after_figure(measure: Measure) -> None:
    """Children looked after under an agreed series of short-term breaks only (V3, V4): DfE
    leaves them out of children looked after, starts, ceases, placements and missing."""
    for category, value, numerator, denominator in figures(measure, SHORT_BREAKS):
        assert value in (None, 0) and numerator in (None, 0) and denominator in (None, 0), (
            measure.code, category, value, numerator, denominator)


def test_a_child_in_full_care_still_counts_beside_short_breaks() -> None:
    given = {"lac_episodes": [*SHORT_BREAKS["lac_episodes"],
                              {"child": "c", "start_date": dt.date(2024, 6, 1), "reason_new": "S",
                               "legal_status": "C2", "placement": "U4", "provider": "PR1"}]}
    at_end = figures(MEASURES["looked-after-at-31-march"], given)
    assert ("", 1, None, None) in [(c, v, n, d) for c, v, n, d in at_end]
    assert figures(MEASURES["started-to-be-looked-after"], given) == [("", 1, None, None)]


# --- SSDA903 code lists by collection year ---------------------------------------------------------

def read_header(tmp_path: Path, year: str, sex: str) -> tuple[Records, list[ReturnProblem]]:
    path = tmp_path / "header.csv"
    path.write_text(f"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,{sex},01/06/2010,WBRI,,,\n")
    start, end = year_bounds(year)
    records = Records()
    return records, read_903([path], MINIMISER, records, year_start=start, year_end=end)


NUMERIC_YEARS = ["2017-18", "2021-22", "2022-23", "2023-24"]
LETTER_YEARS = ["2024-25", "2025-26"]


@pytest.mark.parametrize("year", NUMERIC_YEARS)
@pytest.mark.parametrize(("sex", "stored"), [("1", "M"), ("2", "F")])
def test_903_sex_is_1_or_2_up_to_2023_24(tmp_path: Path, year: str, sex: str, stored: str) -> None:
    records, problems = read_header(tmp_path, year, sex)
    assert problems == []
    assert records.data["lac_header"]["sex"] == [stored]


@pytest.mark.parametrize("year", LETTER_YEARS)
@pytest.mark.parametrize("sex", ["M", "F", "U"])
def test_903_sex_is_m_f_or_u_from_2024_25(tmp_path: Path, year: str, sex: str) -> None:
    records, problems = read_header(tmp_path, year, sex)
    assert problems == []
    assert records.data["lac_header"]["sex"] == [sex]


@pytest.mark.parametrize(("year", "sex"), [(y, s) for y in NUMERIC_YEARS for s in ("M", "F", "U")]
                         + [(y, s) for y in LETTER_YEARS for s in ("1", "2", "0")])
def test_a_903_sex_code_of_another_year_is_an_error(tmp_path: Path, year: str, sex: str) -> None:
    records, problems = read_header(tmp_path, year, sex)
    [problem] = problems
    assert (problem.line, problem.field, problem.severity) == (2, "SEX", "error")
    assert f"for the {year} collection" in problem.message and "(DfE rule 101)" in problem.message
    assert records.data["lac_header"]["sex"] == [None]


def read_place(tmp_path: Path, year: str, place: str) -> list[ReturnProblem]:
    path = tmp_path / "episodes.csv"
    start, _ = year_bounds(year)
    path.write_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                    f"HOME_POST,PL_POST,URN\nC1,{start:%d/%m/%Y},S,C2,N1,{place},PR1,,,,,,\n")
    start, end = year_bounds(year)
    return read_903([path], MINIMISER, Records(), year_start=start, year_end=end)


@pytest.mark.parametrize(("year", "place", "valid"), [
    ("2022-23", "H5", True), ("2022-23", "P2", True), ("2022-23", "Z1", True), ("2022-23", "K3", False),
    ("2023-24", "K3", True), ("2024-25", "K3", True), ("2024-25", "H5", True), ("2024-25", "Z11", False),
    ("2025-26", "K3", True), ("2025-26", "Z11", True), ("2025-26", "Z14", True),
    ("2025-26", "H5", False), ("2025-26", "P2", False), ("2025-26", "Z1", False),
])
def test_903_placement_codes_follow_the_collection_year(tmp_path: Path, year: str, place: str,
                                                        valid: bool) -> None:
    problems = [p for p in read_place(tmp_path, year, place) if p.field == "PLACE"]
    assert (problems == []) is valid, problems
    if not valid:
        assert "(DfE rule 146)" in problems[0].message


# --- missing and away from placement -------------------------------------------------------------

def test_children_missing_and_away_are_measures_with_catalogue_indicators() -> None:
    catalogue, _ = read_catalogue()
    for code, indicator in (("children-missing", "cla-missing"), ("children-away", "cla-away")):
        assert code in MEASURES, code
        assert MEASURES[code].dataset_indicator == indicator
        spec = catalogue.get(indicator)
        assert spec is not None and spec.theme == "missing-and-exploitation"


def test_a_child_missing_three_times_counts_once_and_away_is_counted_apart() -> None:
    care = {"child": "a", "start_date": dt.date(2023, 1, 1), "reason_new": "S", "legal_status": "C2"}
    given = {
        "lac_episodes": [care, {**care, "child": "b"}, {**care, "child": "c"}],
        "lac_missing": [
            {"child": "a", "kind": "M", "start_date": dt.date(2024, 5, 1)},
            {"child": "a", "kind": "M", "start_date": dt.date(2024, 6, 1)},
            {"child": "a", "kind": "M", "start_date": dt.date(2024, 7, 1)},
            {"child": "b", "kind": "A", "start_date": dt.date(2024, 5, 1)},
            {"child": "c", "kind": "M", "start_date": dt.date(2024, 3, 30)},  # before the year
        ],
    }
    assert figures(MEASURES["children-missing"], given) == [("", 1, None, None)]
    assert figures(MEASURES["children-away"], given) == [("", 1, None, None)]
