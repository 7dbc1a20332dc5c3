"""The committee briefing (seeds 001 and 004): a short paper that carries the yearly report
to a council committee, built from the same records and the same report content.

A briefing is a public committee paper, so it is always built from the public edition: the
small numbers it quotes are suppressed as the published report's are.
"""

from __future__ import annotations

from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports.content import Document
from lscp.reports.registry import DocumentSpec, ReportContext, build_document, register_document

BRIEFING = register_document(DocumentSpec(
    kind="briefing",
    title="Briefing for committee: {partnership} yearly report {year}",
    slug="briefing-{year}",
    period="year",
    sections=("briefing-purpose", "briefing-summary", "briefing-findings",
              "briefing-requirements", "briefing-recommendation", "briefing-papers",
              "briefing-contact"),
))


def build_briefing(partnership: Partnership, year: ReportingYear) -> Document:
    document = build_document(BRIEFING, ReportContext(partnership, year, public=True,
                                                      edition="briefing"))
    document.slug = BRIEFING.slug.format(year=year.label)  # one edition: no "-public"
    return document
