"""The quarterly performance pack for the performance subgroup: exceptions first, then every
theme's indicators with their statistical process control readings, the registers as at the
quarter's end, and the submissions still missing. Internal only: true values throughout."""

from __future__ import annotations

from lscp.partnership.models import Partnership
from lscp.reports.content import Document
from lscp.reports.documents._periods import context_for
from lscp.reports.registry import DocumentSpec, build_document, register_document

QUARTERLY = register_document(DocumentSpec(
    kind="quarterly",
    title="{partnership}: quarterly performance pack {period}",
    slug="quarterly-pack-{period}",
    period="quarter",
    sections=("pack-exceptions", "pack-themes", "pack-registers", "pack-submissions"),
    internal=True,
))


def build_quarterly_pack(partnership: Partnership, period: str) -> Document:
    return build_document(QUARTERLY, context_for(partnership, QUARTERLY, period))
