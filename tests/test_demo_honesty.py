"""Demo honesty: the demo says what the seed report says, says which period each figure
covers, and marks every figure we made up wherever it appears, never publishing one.

The seed is the published *Bromley Safeguarding Children Partnership Annual Report
2020 - 2021*; lscp/demo/bundle/NOTES.md explains each figure. The quotations below are the
report's own words, so a change to the bundle that drifts from them fails here.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Value
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.reports.content import BulletList, Chart, Paragraph, Section, Table
from lscp.reports.documents.yearly import build_yearly_report

pytestmark = pytest.mark.django_db

# (indicator, period, category, as shown, the seed's words)
PUBLISHED = [
    ("icpc-rate", "2020-21", "", "55",
     "Per 10,000 children in Bromley, 55 children had an ICPC"),
    ("cin-rate", "2020-21", "", "315", "This is 315 per 10,000 children"),
    ("cp-plans-rate", "2020-21", "", "38", "This represents 38 per 10,000 population"),
    ("cla-rate", "2020-21", "", "45", "This amounts to 45 per 10,000 population"),
    ("placed-for-adoption", "2020-21", "", "8",
     "At the end of 2020-21 there were 8 children placed for adoption"),
    ("cla", "2020-21", "adoption", "8", "2% in adoptive placements (the same 8 children)"),
    ("cla", "2020-21", "", "341", "there were 341 Children Looked After"),
    ("icpcs", "2020-21", "", "370", "370 children were the subject of Initial Child "
                                    "Protection Conferences"),
    ("mappa-offenders", "2020-21", "category-3", "2", "2 Category 3"),
    ("yj-first-time-entrants", "2020-21", "", "48", "48 young people became first time "
                                                    "entrants"),
    ("da-offences", "2020-21", "", "2,750", "2750 domestic abuse offences"),
]

# (indicator, period, the period the figure really covers)
REFERENCE_PERIODS = [
    ("da-offences", "2020-21", "June 2020 to June 2021"),
    ("da-incidents", "2020-21", "June 2020 to June 2021"),
    ("sexual-offences", "2020-21", "June 2020 to June 2021"),
    ("mappa-offenders", "2020-21", "August 2021"),
    ("disability-service-children", "2020-21", "September 2021"),
    ("yj-first-time-entrants", "2020-21", "January to December 2020"),
    ("yj-first-time-entrants", "2019-20", "January to December 2019"),
    ("yj-reoffending", "2020-21", "the cohort sentenced October 2018 to September 2019"),
]


def point(demo, code: str, period: str, category: str = "") -> selectors.Point:  # type: ignore[no-untyped-def]
    found = selectors.year_point(demo, Indicator.objects.get(code=code), period, category)
    assert found is not None, (code, period, category)
    return found


def context(document) -> Section:  # type: ignore[no-untyped-def]
    return next(s for s in document.sections if s.id == "context")


def blocks(section: Section) -> list[object]:
    found = list(section.blocks)
    for sub in section.subsections:
        found += blocks(sub)
    return found


def tables(section: Section) -> dict[str, Table]:
    found = {}
    for block in blocks(section):
        table = block.table if isinstance(block, Chart) else block
        if isinstance(table, Table):
            found[table.caption] = table
    return found


def text(section: Section) -> str:
    """Its words: paragraphs, and the lists a theme's findings and notes are written as."""
    return "\n".join(b.text if isinstance(b, Paragraph) else "\n".join(b.items)
                     for b in blocks(section) if isinstance(b, Paragraph | BulletList))


@pytest.fixture
def year(demo):  # type: ignore[no-untyped-def]
    return demo.years.get(label="2020-21")


@pytest.mark.parametrize(("code", "period", "category", "shown", "seed"), PUBLISHED,
                         ids=[f"{c}-{p}-{g or 'total'}" for c, p, g, _, _ in PUBLISHED])
def test_the_demo_shows_the_figures_the_seed_publishes(  # type: ignore[no-untyped-def]
        demo, code: str, period: str, category: str, shown: str, seed: str) -> None:
    indicator = Indicator.objects.get(code=code)
    assert selectors.display(indicator, point(demo, code, period, category).figure) == shown


def test_placements_take_the_published_shares(demo, year) -> None:  # type: ignore[no-untyped-def]
    """20% residential, 0% independent living, 2% adoptive (8 children), 5% at home."""
    table = tables(context(build_yearly_report(demo, year)))[
        "Children looked after at 31 March by placement type, 2020-21"]
    shares = {row[0].split(" (")[0]: row[2] for row in table.rows}
    assert shares["Residential"] == "20%"
    assert shares["Independent living"] == "0%"
    assert shares["Placed for adoption"] == "2%"
    assert shares["Placed with parents"] == "5%"
    counts = {row[0].split(" (")[0]: row[1] for row in table.rows}
    assert counts["Placed for adoption"] == "8"  # as "8 children placed for adoption"
    # The rows of the table and the indicator of its own agree.
    assert point(demo, "cla", "2020-21", "adoption").figure == point(
        demo, "placed-for-adoption", "2020-21").figure


def test_the_published_conference_rate_is_shown_with_the_computed_one(  # type: ignore[no-untyped-def]
        demo, year) -> None:
    rate = point(demo, "icpc-rate", "2020-21")
    assert rate.figure == 55 and rate.count == 370 and rate.computed == 49
    words = text(context(build_yearly_report(demo, year)))
    assert ("Rate of children subject of an initial child protection conference: 55 as "
            "published; the count and population give 49") in words


@pytest.mark.parametrize(("code", "period", "covers"), REFERENCE_PERIODS)
def test_each_value_carries_the_period_it_covers(  # type: ignore[no-untyped-def]
        demo, code: str, period: str, covers: str) -> None:
    value = Value.objects.get(indicator__code=code, period=period, category="")
    assert covers in value.reference_period
    assert covers in point(demo, code, period).reference_period


def test_a_figure_recorded_for_another_period_is_not_therefore_illustrative(demo) -> None:  # type: ignore[no-untyped-def]
    for code in ("mappa-offenders", "disability-service-children", "da-offences"):
        assert not Value.objects.filter(indicator__code=code, period="2020-21",
                                        illustrative=True).exists(), code


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_the_report_says_which_period_a_figure_covers(demo, year, public: bool) -> None:  # type: ignore[no-untyped-def]
    section = context(build_yearly_report(demo, year, public=public))
    words = text(section)
    # In the findings that open a theme...
    assert ("Domestic abuse offences recorded by the police in June 2020 to June 2021: "
            "2,750") in words
    assert ("First-time entrants to the youth justice system in January to December 2020: "
            "48, 2% fewer than in January to December 2019 (49)") in words
    notes = "\n".join(" ".join(b.items) for b in blocks(section) if hasattr(b, "items"))
    # ...and in the notes under the table, for its cells (MAPPA has no finding: nothing to
    # set its figure against).
    assert ("Domestic abuse offences recorded by the police: the 2020-21 figure covers "
            "June 2020 to June 2021") in notes
    assert ("Offenders managed under MAPPA in the community: the 2020-21 figure covers "
            "August 2021") in notes


def illustrative_cells(demo) -> list[tuple[Indicator, str, str]]:  # type: ignore[no-untyped-def]
    return [(v.indicator, v.period, v.category) for v in Value.objects.filter(
        partnership=demo, illustrative=True, period__in=["2019-20", "2020-21"]).select_related(
        "indicator")]


def theme_cell(section: Section, indicator: Indicator, period: str) -> str:
    for table in tables(section).values():
        if table.head[:2] == ["Indicator", "Unit"] and period in table.head:
            for row in table.rows:  # a percentage's title names its counts: "(57 of 58 ...)"
                if row[0] == indicator.title or row[0].startswith(f"{indicator.title} ("):
                    return row[table.head.index(period)]
    raise AssertionError(f"{indicator.code} {period} not in any table")


def breakdown_cell(section: Section, indicator: Indicator, category: str) -> str | None:
    """The category's count, or None where the edition leaves its whole table out."""
    table = next((t for c, t in tables(section).items()
                  if c.startswith(f"{indicator.title} by ")), None)
    label = indicator.category_label(category)
    return None if table is None else next(row[1] for row in table.rows if row[0] == label)


def test_the_internal_report_marks_every_illustrative_figure(demo, year) -> None:  # type: ignore[no-untyped-def]
    section = context(build_yearly_report(demo, year))
    assert "[i] marks an illustrative figure" in text(section)
    cells = illustrative_cells(demo)
    assert len(cells) > 40
    for indicator, period, category in cells:
        cell = (breakdown_cell(section, indicator, category) if category
                else theme_cell(section, indicator, period))
        assert cell and cell.endswith("[i]"), (indicator.code, period, category, cell)
    months = tables(section)["MASH enquiries received, month by month, 2020-21"]
    assert months.rows[0][1] == "610 [i]" and months.rows[-1][1] == "1,023"
    assert "MASH enquiries received in 2020-21: 9,143 [i]" in text(section)


def test_the_public_edition_publishes_no_illustrative_figure(demo, year) -> None:  # type: ignore[no-untyped-def]
    internal = build_yearly_report(demo, year)
    section = context(build_yearly_report(demo, year, public=True))
    words = text(section)
    assert "[x]" in words and "not available" in words
    assert "[i]" not in words
    for indicator, period, category in illustrative_cells(demo):
        cell = (breakdown_cell(section, indicator, category) if category
                else theme_cell(section, indicator, period))
        assert cell in ("[x]", None), (indicator.code, period, category, cell)
    assert "MASH enquiries received in 2020-21" not in words
    for caption in tables(context(internal)):
        if "month by month" in caption:  # every month chart of the demo has made-up months
            assert caption not in tables(section), caption
    for table in tables(section).values():
        assert not any("[i]" in cell for row in table.rows + table.foot for cell in row)


def test_dataset_pages_and_exports_flag_illustrative_values(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    overview = manager.get("/dataset/?year=2020-21").content.decode()
    mash = re.search(r"MASH enquiries received</a></th>(.*?)</tr>", overview, re.S)
    assert mash and "Illustrative" in mash.group(1)
    offences = re.search(r"Domestic abuse offences recorded by the police</a></th>(.*?)</tr>",
                         overview, re.S)
    assert offences and "Illustrative" not in offences.group(1)

    rows = list(csv.DictReader(io.StringIO(
        manager.get("/dataset/export.csv?year=2020-21").content.decode("utf-8-sig"))))
    by_code = {row["Code"]: row for row in rows}
    assert by_code["mash-enquiries"]["Illustrative"] == "yes"
    assert by_code["sw-assessments"]["Illustrative"] == ""
    assert by_code["da-offences"]["Reference period"] == "June 2020 to June 2021"

    page = manager.get("/dataset/indicators/da-offences/").content.decode()
    assert "June 2020 to June 2021" in page
    rows = list(csv.DictReader(io.StringIO(manager.get(
        "/dataset/indicators/mash-enquiries/export.csv").content.decode("utf-8-sig"))))
    assert {row["Period"]: row["Illustrative"] for row in rows}["April 2020"] == "yes"
    assert {row["Period"]: row["Illustrative"] for row in rows}["March 2021"] == ""


def test_the_bundle_round_trips_reference_periods(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export_bundle(demo, tmp_path / "out")
    rows = list(csv.DictReader((tmp_path / "out" / "dataset_values.csv").open(encoding="utf-8")))
    offences = next(r for r in rows if r["indicator"] == "da-offences" and r["period"] == "2020-21")
    assert offences["reference_period"] == "June 2020 to June 2021"
    Value.objects.filter(indicator__code="da-offences").update(reference_period="")
    assert import_bundle_folder(tmp_path / "out").ok
    assert Value.objects.get(indicator__code="da-offences", period="2020-21").reference_period
