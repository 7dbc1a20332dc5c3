"""A cycle's grid as a spreadsheet (CSV or XLSX): one row per respondent and standard, with
its rating, the evidence status, the rating of the last cycle and the change, so it sorts
and filters in any spreadsheet. Cells are neutralised against formulas
(lscp.dataset.exports)."""

from __future__ import annotations

from lscp.dataset.exports import Cell, to_csv, to_xlsx
from lscp.selfassessment.models import AssessmentStatus, EvidenceStatus, Rating
from lscp.selfassessment.selectors import Results

HEADER = ["Respondent code", "Respondent", "Return status", "Standard", "Rating",
          "Evidence", "Last cycle's rating", "Change", "Illustrative"]


def rows(results: Results) -> list[list[Cell]]:
    ratings, evidence = dict(Rating.choices), dict(EvidenceStatus.choices)
    statuses = dict(AssessmentStatus.choices)
    made_up = "yes" if results.cycle.illustrative else "no"  # ratings chosen for a demo
    found: list[list[Cell]] = []
    for row in results.rows:
        for standard, cell in zip(results.standards, row.cells, strict=True):
            found.append([row.code, row.name, statuses.get(row.status, row.status),
                          standard.title, ratings.get(cell.rating, ""),
                          evidence.get(cell.evidence, ""), ratings.get(cell.previous, ""),
                          cell.change, made_up])
    return found


def grid_file(results: Results, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(HEADER, rows(results))
    return to_xlsx(results.cycle.title, HEADER, rows(results))
