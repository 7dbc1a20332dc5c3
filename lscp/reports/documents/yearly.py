"""The statutory yearly report: which sections it has, in which order, under which title.

The public edition is the same document built with public=True: small numbers suppressed.
"""

from __future__ import annotations

from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports.content import Document
from lscp.reports.registry import DocumentSpec, ReportContext, build_document, register_document

YEARLY = register_document(DocumentSpec(
    kind="yearly",
    title="{partnership}: yearly report {year}",
    slug="yearly-report-{year}",
    period="year",
    sections=("at-a-glance", "foreword", "key-messages", "about", "governance", "finance",
              "context", "partners", "case-stories", "learning", "auditing", "child-deaths",
              "training", "self-assessment", "childs-voice", "impact", "priorities", "ahead",
              "need-to-know", "report-a-concern", "glossary"),
))


def build_yearly_report(partnership: Partnership, year: ReportingYear,
                        public: bool = False) -> Document:
    return build_document(YEARLY, ReportContext(partnership, year, public))
