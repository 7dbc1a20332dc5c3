"""The six-monthly strategic threat assessment: each threat with its pathway to harm,
intelligence, data signals for the half, confidence, gaps and recommendations, and its
movement since the last assessment. Internal only: never on a public page."""

from __future__ import annotations

from lscp.partnership.models import Partnership
from lscp.reports.content import Document
from lscp.reports.documents._periods import context_for
from lscp.reports.registry import DocumentSpec, build_document, register_document

THREAT = register_document(DocumentSpec(
    kind="threat",
    title="{partnership}: strategic threat assessment {period}",
    slug="threat-assessment-{period}",
    period="half",
    sections=("threat-summary", "threats"),
    internal=True,
))


def build_threat_assessment(partnership: Partnership, period: str) -> Document:
    return build_document(THREAT, context_for(partnership, THREAT, period))
