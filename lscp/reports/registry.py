"""What reports are made of: section specs and document specs, looked up by id.

A section module registers its builder here with `@section("id")`; a document is declared
as an ordered list of section ids. This module imports no section, so sections and documents
can be added without touching it, and nothing here can form an import cycle with them: the
reports app imports every section and document module when Django starts
(`ReportsConfig.ready`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from lscp.insight.periods import parse_period, span_words
from lscp.partnership.http import today
from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports.content import Document, Section
from lscp.reports.cover import build_cover


@dataclass(frozen=True)
class ReportContext:
    """What every section builder is given: whose report, for which period, which edition."""

    partnership: Partnership
    year: ReportingYear
    public: bool = False  # the public edition suppresses small numbers
    # "full"; "summary": the executive summary edition, where a section may give a short
    # form of itself (lscp/reports/documents/summary.py shortens those that do not);
    # "briefing": a committee paper about the report (no contents page either)
    edition: str = "full"
    # A quarter or a half ("2020-21-Q4", "2020-21-H2") for a document that covers one; `year`
    # is then the reporting year it falls in.
    period: str | None = None
    themes: tuple[str, ...] = ()  # the dataset themes a document keeps to; empty: every theme
    portfolio: str = ""  # the code of the saved portfolio a snapshot is for, if any
    # Given only to sections built last (`after=True`): the document's other sections, built.
    built: tuple[Section, ...] = ()


SectionBuilder = Callable[[ReportContext], Section]


@dataclass(frozen=True)
class SectionSpec:
    id: str  # the id of the Section its builder returns, as documents and statutory.toml name it
    build: SectionBuilder
    after: bool = False  # built after the others, which it reads (a glossary of their terms)

    @property
    def description(self) -> str:
        """The builder's docstring: what the section says and where its content comes from."""
        return inspect.getdoc(self.build) or ""


@dataclass(frozen=True)
class DocumentSpec:
    kind: str  # e.g. "yearly"
    title: str  # a pattern with {partnership}, {year} and (a quarter or half) {period}
    slug: str  # the file name stem, a pattern with {year}, {period} and {portfolio}
    # The span a document covers: a reporting year, a quarter or a half of one
    period: Literal["year", "quarter", "half"]
    sections: tuple[str, ...]  # section ids, in the order they appear
    internal: bool = False  # internal only: no public edition, never on a public page


SECTIONS: dict[str, SectionSpec] = {}
DOCUMENTS: dict[str, DocumentSpec] = {}


def _same_builder(a: SectionBuilder, b: SectionBuilder) -> bool:
    """A module imported twice registers again; a second builder under one id is a mistake."""
    return (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def register_section(spec: SectionSpec) -> SectionSpec:
    known = SECTIONS.get(spec.id)
    if known is not None and not _same_builder(known.build, spec.build):
        raise ValueError(f"section {spec.id!r} is already built by {known.build.__qualname__}")
    SECTIONS[spec.id] = spec
    return spec


def section(section_id: str, *, after: bool = False) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register the decorated function as the builder of the section `section_id`; `after`
    builds it once the document's other sections are built, given them as `ctx.built`."""

    def register(builder: SectionBuilder) -> SectionBuilder:
        register_section(SectionSpec(section_id, builder, after))
        return builder

    return register


def register_document(spec: DocumentSpec) -> DocumentSpec:
    DOCUMENTS[spec.kind] = spec
    return spec


def section_spec(section_id: str) -> SectionSpec:
    try:
        return SECTIONS[section_id]
    except KeyError:
        raise LookupError(
            f"no section {section_id!r} is registered: section modules in lscp/reports/sections "
            f"register when the reports app is ready (django.setup())") from None


def document_spec(kind: str) -> DocumentSpec:
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise LookupError(f"no document {kind!r}: known are {', '.join(DOCUMENTS)}") from None


def _period_span(year: ReportingYear) -> str:
    """The subtitle's span; a reporting year runs 1 April to 31 March (DESIGN.md, 4)."""
    return f"1 April {year.start.year} to 31 March {year.end.year}"


def build_document(spec: DocumentSpec, ctx: ReportContext) -> Document:
    """Each listed section's builder, in order, under the document's title."""
    p, y = ctx.partnership, ctx.year
    part = parse_period(ctx.period) if ctx.period else None
    document = Document(
        title=spec.title.format(partnership=p.name, year=y.label,
                                period=part.short_label if part else y.label),
        subtitle=(span_words(part) if part else _period_span(y))
                 + ("" if ctx.public else " (internal edition: true values, not for publication)"),
        slug=spec.slug.format(year=y.label, period=ctx.period or y.label,
                              portfolio=ctx.portfolio or "themes")
             + ("-public" if ctx.public else ""),
        sections=_built(spec, ctx),
        meta={"partnership": p.name, "year": y.label, "language": "en-GB"},
    )
    # The cover (lscp/reports/cover.py): edition, build date, version, contact, logo.
    document.cover = build_cover(document, p, public=ctx.public, built_on=today(),
                                 period=span_words(part) if part else _period_span(y),
                                 full=ctx.edition == "full")
    return document


def _built(spec: DocumentSpec, ctx: ReportContext) -> list[Section]:
    """The sections in order; those marked `after` are built last, from the others."""
    specs = [section_spec(sid) for sid in spec.sections]
    first = {s.id: s.build(ctx) for s in specs if not s.after}
    later = replace(ctx, built=tuple(first.values()))
    return [first[s.id] if s.id in first else s.build(later) for s in specs]
