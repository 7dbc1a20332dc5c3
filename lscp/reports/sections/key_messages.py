"""The executive summary: the year's key messages, approved by the chair."""

from __future__ import annotations

from lscp.contributions.models import StatementKind
from lscp.contributions.selectors import approved_text
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._markdown import markdown_section


@section("key-messages")
def key_messages(ctx: ReportContext) -> Section:
    """Key messages: the executive summary drafted in the app and approved by the chair.
    Until they are approved the section says so in one sentence."""
    text = approved_text(ctx.year, StatementKind.KEY_MESSAGES)
    if not text:
        return Section("key-messages", "Key messages", [Paragraph(
            f"The key messages for {ctx.year.label} have not been approved yet.")])
    return markdown_section("key-messages", "Key messages", text)
