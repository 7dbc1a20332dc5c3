"""At a glance: headline figures chosen as data, written as the safeguarding context writes
them, hidden where it hides them, first in the yearly report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lscp.dataset.catalogue import read_catalogue
from lscp.dataset.models import Indicator, Value
from lscp.insight.periods import previous_year
from lscp.partnership.models import Partnership
from lscp.reports.content import Glance, Section, Table
from lscp.reports.documents.yearly import YEARLY, build_yearly_report
from lscp.reports.registry import ReportContext
from lscp.reports.sections import at_a_glance
from lscp.reports.sections.at_a_glance import MOST, RECORD_SOURCES, headline_specs

YEAR = "2020-21"


def test_every_headline_names_a_known_indicator_or_register() -> None:
    catalogue, problems = read_catalogue()
    assert not problems
    specs = headline_specs()
    assert len(specs) >= MOST
    for spec in specs:
        assert spec.get("label"), spec
        assert ("indicator" in spec) != ("records" in spec), spec
        if "records" in spec:
            assert spec["records"] in RECORD_SOURCES, spec
            continue
        indicator = catalogue.get(spec["indicator"])
        assert indicator is not None, spec
        if "rate" in spec:
            rate = catalogue.get(spec["rate"])
            assert rate is not None and rate.unit == "rate" and rate.rate_of == indicator.code


def test_the_yearly_report_opens_with_it() -> None:
    assert YEARLY.sections[0] == "at-a-glance"


def glance_of(partnership: Partnership, public: bool) -> tuple[Glance, list[Section]]:
    document = build_yearly_report(partnership, partnership.years.get(label=YEAR), public=public)
    first = document.sections[0]
    assert first.id == "at-a-glance"
    glance = first.blocks[0]
    assert isinstance(glance, Glance)
    return glance, document.sections


def context_cells(sections: list[Section]) -> dict[str, dict[str, str]]:
    """Each indicator's row of the context section's theme tables, by column heading."""
    context = next(s for s in sections if s.id == "context")
    found: dict[str, dict[str, str]] = {}
    for theme in context.subsections:
        for block in theme.blocks:
            if isinstance(block, Table) and block.caption.endswith(f" and {YEAR}"):
                for row in block.rows:
                    found[row[0]] = dict(zip(block.head, row, strict=True))
    return found


def row_of(cells: dict[str, dict[str, str]], title: str) -> dict[str, str]:
    return next(row for name, row in cells.items() if name.startswith(title))


@pytest.mark.django_db
@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_each_figure_is_the_one_the_context_section_publishes(demo: Partnership,
                                                              public: bool) -> None:
    glance, sections = glance_of(demo, public)
    cells = context_cells(sections)
    prior = previous_year(YEAR)
    checked = 0
    by_label = {row[0]: row for row in glance.table.rows}
    for spec in headline_specs():
        if "indicator" not in spec:
            continue
        label = spec["label"][:1].upper() + spec["label"][1:]
        if label not in by_label:
            continue
        shown = by_label[label]
        context = row_of(cells, Indicator.objects.get(code=spec["indicator"]).title)
        assert shown[1] == context[YEAR], label
        assert shown[2] == context[prior], label
        if "rate" in spec and shown[3] != "–":
            assert shown[3] == row_of(cells, Indicator.objects.get(code=spec["rate"]).title)[
                YEAR], label
        checked += 1
    assert checked >= 5


@pytest.mark.django_db
def test_a_small_count_is_hidden_here_as_in_the_context_section(demo: Partnership) -> None:
    """Four children on a plan: [c] in the public edition, with the rate that would give
    them away; the picture's words say nothing of them either."""
    Value.objects.filter(partnership=demo, indicator__code="cp-plans", period=YEAR,
                         category="").update(value=Decimal(4))
    glance, sections = glance_of(demo, public=True)
    row = next(r for r in glance.table.rows if r[0].startswith("Children on a child protection"))
    assert row[1] == "[c]" and row[3] == "[c]" and row[4] == "–"
    context = row_of(context_cells(sections), "Children subject to a child protection plan")
    assert context[YEAR] == "[c]"
    tile = next(h for h in glance.headlines if h.label.startswith("Children on a child"))
    assert tile.value == "[c]" and "4" not in tile.note
    assert "child protection plan at 31 March: [c]" in glance.summary
    assert any("[c]" in b.text for b in sections[0].blocks[1:])  # the marker is explained

    internal, _ = glance_of(demo, public=False)
    assert next(h for h in internal.headlines if h.label.startswith(
        "Children on a child")).value == "4"


@pytest.mark.django_db
def test_the_page_has_at_most_nine_tiles_with_a_figure_each(demo: Partnership) -> None:
    glance, sections = glance_of(demo, public=False)
    assert 1 <= len(glance.headlines) <= MOST
    assert len(glance.table.rows) == len(glance.headlines)
    assert all(h.value and h.value != "–" for h in glance.headlines)
    labels = [h.label for h in glance.headlines]
    # The demo has no referrals figure for the year: the headline is left out, not shown empty.
    assert "Referrals to children's social care" not in labels
    assert "Case reviews under way" in labels
    assert any(label.startswith("Places taken at the partnership's training") for label in labels)
    assert glance.summary.startswith(f"Headline figures for {YEAR}.")
    for headline in glance.headlines:
        assert f"{headline.label}: {headline.value}" in glance.summary
    # The demo's MASH figures are illustrative: marked, and the marker explained.
    assert glance.headlines[0].value.endswith("[i]")
    assert any("[i] marks an illustrative figure" in b.text for b in sections[0].blocks[1:])


@pytest.mark.django_db
def test_the_public_edition_refuses_made_up_figures(demo: Partnership) -> None:
    """The demo's MASH figures are illustrative: no tile of "[x]", the next headline instead."""
    glance, _ = glance_of(demo, public=True)
    internal, _ = glance_of(demo, public=False)
    assert internal.headlines[0].label == "MASH enquiries received"
    assert "MASH enquiries received" not in [h.label for h in glance.headlines]
    assert len(glance.headlines) == len(internal.headlines)
    assert all(h.value != "[x]" for h in glance.headlines)
    assert "[i]" not in glance.summary and "[i]" not in str(glance.table.rows)


@pytest.mark.django_db
def test_a_year_without_figures_says_so(demo: Partnership) -> None:
    year = demo.years.create(label="2031-32")
    section = at_a_glance.at_a_glance(ReportContext(demo, year))
    assert [b.text for b in section.blocks] == ["No headline figures are recorded for 2031-32 "
                                                "yet."]
