"""A document's context from a period key: the quarter or half checked against the
document's period kind, and the partnership's reporting year it falls in."""

from __future__ import annotations

from typing import Any

from lscp.insight.periods import of_kind
from lscp.partnership.models import Partnership
from lscp.reports.registry import DocumentSpec, ReportContext


def context_for(partnership: Partnership, spec: DocumentSpec, period: str,
                **extra: Any) -> ReportContext:
    """ValueError, in words, for a period of the wrong kind or outside every reporting year
    the partnership has recorded."""
    found = of_kind(period, spec.period)
    year = partnership.years.filter(label=found.year_key).first()
    if year is None:
        raise ValueError(f"{partnership} has no reporting year {found.year_key}")
    if spec.period == "year":
        return ReportContext(partnership, year, **extra)
    return ReportContext(partnership, year, period=found.key, **extra)
