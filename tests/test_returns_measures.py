"""Every DfE-definition indicator's given/expect tests, read from its own file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from lscp.dataset.catalogue import read_catalogue
from lscp.returns.measures import Measure, load_measures, run
from lscp.returns.store import load_rows, open_store

MEASURES = load_measures()
CASES = [(m, t) for m in MEASURES for t in m.tests]


def normalise(row: dict[str, Any]) -> tuple[str, dict[str, Decimal]]:
    numbers = {k: Decimal(str(v)) for k, v in row.items() if k != "category" and v is not None}
    return row.get("category") or "", numbers


@pytest.mark.parametrize(("measure", "case"), CASES,
                         ids=[f"{m.code}: {t['name']}" for m, t in CASES])
def test_given_expect(measure: Measure, case: dict[str, Any]) -> None:
    con = open_store()
    load_rows(con, case.get("given", {}))
    results = run(con, measure, case["year"])
    got = sorted(normalise({"category": r.category, "value": r.value, "numerator": r.numerator,
                            "denominator": r.denominator}) for r in results)
    expected = sorted(normalise(row) for row in case["expect"])
    assert got == expected


def test_every_measure_is_defined_tested_and_maps_to_the_catalogue() -> None:
    catalogue, _ = read_catalogue()
    assert len(MEASURES) >= 20
    for measure in MEASURES:
        assert len(measure.definition) > 40, measure.code
        assert measure.tests, f"{measure.code} has no given/expect test"
        if measure.dataset_indicator:
            assert catalogue.get(measure.dataset_indicator) is not None, measure.code
