"""A portfolio snapshot: one or two pages for an elected member's portfolio or a partner's
executive, limited to the portfolio's themes. Internal only."""

from __future__ import annotations

from lscp.partnership.models import Partnership
from lscp.reports.content import Document
from lscp.reports.documents._periods import context_for
from lscp.reports.registry import DocumentSpec, build_document, register_document

SNAPSHOT = register_document(DocumentSpec(
    kind="snapshot",
    title="{partnership}: portfolio snapshot {period}",
    slug="snapshot-{portfolio}-{period}",
    period="quarter",
    sections=("snapshot",),
    internal=True,
))


def build_snapshot(partnership: Partnership, period: str, *, portfolio: str = "",
                   themes: tuple[str, ...] = ()) -> Document:
    """ValueError, in words, for an unknown portfolio or theme, or for neither."""
    if not portfolio and not themes:
        raise ValueError("a snapshot needs a portfolio (--portfolio) or themes (--themes)")
    return build_document(SNAPSHOT, context_for(partnership, SNAPSHOT, period,
                                                portfolio=portfolio, themes=themes))
