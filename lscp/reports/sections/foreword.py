"""The chair's foreword, in the chair's words, as approved in the app."""

from __future__ import annotations

from lscp.contributions.models import StatementKind
from lscp.contributions.selectors import approved_text
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._markdown import markdown_section


@section("foreword")
def foreword(ctx: ReportContext) -> Section:
    """Foreword by the chair: the text drafted in the app (Report contributions) and approved
    by the chair. Until it is approved the section says so in one sentence."""
    text = approved_text(ctx.year, StatementKind.FOREWORD)
    if not text:
        return Section("foreword", "Foreword by the chair", [Paragraph(
            f"The chair's foreword for {ctx.year.label} has not been approved yet.")])
    return markdown_section("foreword", "Foreword by the chair", text)
