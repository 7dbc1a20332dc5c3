"""At a glance: the year's headline figures on one page, first in the report.

Which figures are headlines is data (lscp/reports/headlines.toml): indicators of the
catalogue, and counts from the registers. Each is written as the safeguarding context
section writes it, from the same records: in the public edition a figure that section hides
([c], [x]) is hidden here too, because each theme's disclosure plan is worked out by the same
function over the same figures (lscp/reports/sections/_disclosure.py). The renderers draw the
tiles as a picture (SVG; PNG in Word) whose text alternative and table come with it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lscp.assurance import selectors as assurance
from lscp.dataset import selectors
from lscp.dataset.models import Unit
from lscp.insight.periods import previous_year
from lscp.insight.suppression import SUPPRESSED
from lscp.reports.content import Glance, Headline, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._disclosure import Plan, plan
from lscp.reports.sections._figures import (
    ILLUSTRATIVE,
    ILLUSTRATIVE_NOTE,
    NOT_AVAILABLE,
    NOT_AVAILABLE_NOTE,
    SUPPRESSED_NOTE,
    figure_text,
)
from lscp.reports.sections.safeguarding_context import _figures as theme_figures
from lscp.reports.wording import sentence_case
from lscp.workforce import selectors as workforce

HEADLINES = Path(__file__).resolve().parent.parent / "headlines.toml"
MOST = 9  # three rows of three tiles: with its table, one A4 page


@dataclass(frozen=True)
class Row:
    """One headline as the table gives it; the tile is drawn from the same words."""

    label: str
    value: str
    previous: str = "–"
    rate: str = "–"
    england: str = "–"

    def note(self, prior: str) -> str:
        parts = [f"{self.previous} in {prior}"] if self.previous != "–" else []
        if self.rate != "–":
            parts.append(f"{self.rate} per 10,000 children"
                         + (f", England {self.england}" if self.england != "–" else ""))
        elif self.england != "–":
            parts.append(f"England {self.england}")
        return "; ".join(parts)


@lru_cache(maxsize=1)
def headline_specs() -> tuple[dict[str, Any], ...]:
    return tuple(tomllib.loads(HEADLINES.read_text(encoding="utf-8"))["headline"])


class Figures:
    """The dataset as the context section sees it: summaries by indicator code, and the
    public edition's disclosure plan of each indicator's theme."""

    def __init__(self, ctx: ReportContext) -> None:
        self.data = selectors.Data(ctx.partnership)
        self.summaries: dict[str, selectors.Summary] = {}
        self.plans: dict[str, Plan] = {}
        for _, items in selectors.themes(ctx.partnership, ctx.year.label, self.data):
            shown = plan(ctx.public, ctx.year.label, theme_figures(ctx, items, self.data))
            for s in items:
                self.summaries[s.indicator.code] = s
                self.plans[s.indicator.code] = shown

    def text(self, code: str, current: bool = True) -> str:
        s = self.summaries[code]
        point = s.current if current else s.previous
        period = s.year if current else previous_year(s.year)
        return figure_text(s.indicator, point, self.plans[code].symbol(s.indicator, period))

    def england(self, code: str) -> str:
        """England's figure, unless ours is hidden: set beside a hidden one it says nothing
        of it, but a reader should not have to wonder."""
        s = self.summaries[code]
        return s.national_shown if self.text(code) not in (SUPPRESSED, NOT_AVAILABLE) else "–"


def _indicator_row(spec: dict[str, Any], figures: Figures) -> Row | None:
    code = spec["indicator"]
    s = figures.summaries.get(code)
    if s is None or s.current is None or s.current.figure is None:
        return None
    rate = str(spec.get("rate", ""))
    has_rate = rate in figures.summaries and figures.summaries[rate].current is not None
    own_england = s.indicator.unit != Unit.COUNT
    return Row(
        label=spec.get("label") or s.indicator.title, value=figures.text(code),
        previous=figures.text(code, current=False),
        rate=figures.text(rate) if has_rate else "–",
        england=(figures.england(rate) if has_rate
                 else figures.england(code) if own_england else "–"))


def _case_reviews(ctx: ReportContext) -> Row | None:
    """Case reviews under way in the year, as the learning section counts them."""
    reviews = len(list(assurance.reviews_of_year(ctx.partnership, ctx.year)))
    return Row(label="case reviews under way", value=f"{reviews:,}") if reviews else None


def _training(ctx: ReportContext) -> Row | None:
    """Places taken at the partnership's live sessions, as the training section counts them
    (staff, not children: nothing to suppress, lscp/reports/sections/training.py)."""
    now, before = workforce.reach_with_previous(ctx.partnership, ctx.year.label)
    if not now.attendees:
        return None
    return Row(label="training places taken", value=f"{now.attendees:,}",
               previous=f"{before.attendees:,}" if before.attendees else "–")


# Counts from the registers a headline may name with `records = "..."`.
RECORD_SOURCES: dict[str, Callable[[ReportContext], Row | None]] = {
    "case-reviews": _case_reviews,
    "training": _training,
}


def headline_rows(ctx: ReportContext) -> list[Row]:
    """The first MOST headlines of headlines.toml that have a figure for the year. A figure
    the public edition refuses ([x], illustrative) is no figure: the next headline shows."""
    figures = Figures(ctx)
    rows = []
    for spec in headline_specs():
        if "records" in spec:
            row = RECORD_SOURCES[spec["records"]](ctx)
            if row is not None and spec.get("label"):
                row = Row(spec["label"], row.value, row.previous, row.rate, row.england)
        else:
            row = _indicator_row(spec, figures)
        if row is not None and row.value != NOT_AVAILABLE:
            rows.append(row)
    return rows[:MOST]


def _summary(year: str, prior: str, rows: list[Row]) -> str:
    """The picture's text alternative: every tile in words."""
    parts = [f"{sentence_case(r.label)}: {r.value}"
             + (f" ({r.note(prior)})" if r.note(prior) else "") for r in rows]
    return f"Headline figures for {year}. " + ". ".join(parts) + "."


def _markers(ctx: ReportContext, rows: list[Row]) -> list[Paragraph]:
    """The notes for whichever markers the page shows: [c], [x], [i]."""
    cells = " ".join(f"{r.value} {r.previous} {r.rate}" for r in rows)
    notes = [(SUPPRESSED, SUPPRESSED_NOTE), (NOT_AVAILABLE, NOT_AVAILABLE_NOTE),
             (ILLUSTRATIVE, ILLUSTRATIVE_NOTE)]
    return [Paragraph(text) for marker, text in notes if marker in cells]


@section("at-a-glance")
def at_a_glance(ctx: ReportContext) -> Section:
    """At a glance: the year's headline figures (chosen in lscp/reports/headlines.toml) as
    one picture with its text alternative and table, hidden where the safeguarding context
    hides them."""
    year, prior = ctx.year.label, previous_year(ctx.year.label)
    rows = headline_rows(ctx)
    if not rows:
        return Section("at-a-glance", "At a glance", [
            Paragraph(f"No headline figures are recorded for {year} yet.")])
    table = Table(
        caption=f"Headline figures, {year}",
        head=["Headline", year, prior, "Rate per 10,000 children", "England"],
        rows=[[sentence_case(r.label), r.value, r.previous, r.rate, r.england] for r in rows],
        numeric=(1, 2, 3, 4))
    glance = Glance(
        title=f"At a glance: {year}", summary=_summary(year, prior, rows),
        headlines=[Headline(sentence_case(r.label), r.value, r.note(prior)) for r in rows],
        table=table)
    return Section("at-a-glance", "At a glance", [glance, *_markers(ctx, rows)])
