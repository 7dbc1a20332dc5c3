"""The glossary: the terms the rest of the report uses, and only those."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from lscp.contributions.glossary import used
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section


@section("glossary", after=True)
def glossary(ctx: ReportContext) -> Section:
    """Glossary: of the terms kept in lscp/contributions/glossary.toml (term, what it stands
    for, what it means in plain words), those that appear in the rest of this report as
    built, in either edition. It is built after the other sections, from their text."""
    found = used(texts(ctx.built))
    if not found:
        return Section("glossary", "Glossary", [Paragraph(
            "This report uses no term that needs explaining.")])
    return Section("glossary", "Glossary", [
        Paragraph("What the abbreviations and terms used in this report mean."),
        Table("Terms used in this report", ["Term", "What it means"],
              [[t.term, t.explained] for t in found]),
    ])


def texts(found: Any) -> Iterator[str]:
    """Every string in the content (titles, paragraphs, list items, table cells, chart
    titles and summaries), whatever the block; a chart's drawing instructions are skipped."""
    if isinstance(found, str):
        yield found
    elif isinstance(found, list | tuple):
        for item in found:
            yield from texts(item)
    elif dataclasses.is_dataclass(found) and not isinstance(found, type):
        for field in dataclasses.fields(found):
            yield from texts(getattr(found, field.name))
