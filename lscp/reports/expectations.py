"""What the yearly report expects: the last finished year's report approved for publication,
and the statutory content it still lacks (statutory.toml), both the business unit's to do.

Registered in the expectations registry so the home pages never import this app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.insight.periods import year_label_for
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.versioning import cached
from lscp.reports import statutory
from lscp.reports.documents.yearly import build_yearly_report

# Working Together asks for the report within a year's reporting cycle; we ask for it by the
# end of September, six months after the year ends (most partnerships publish by then).
MONTHS_AFTER_YEAR_END = 6


def report_year(partnership: Partnership, today: dt.date) -> ReportingYear | None:
    """The latest year that has ended: the one whose report is being written."""
    return partnership.years.filter(label__lt=year_label_for(today)).order_by("-label").first()


def _due(year: ReportingYear) -> dt.date:
    return dt.date(year.end.year, 3 + MONTHS_AFTER_YEAR_END, 30)


def report_awaiting_approval(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """The report of the last finished year, until it is approved and published."""
    year = report_year(partnership, today)
    if year is None or year.report_published:
        return
    due = _due(year)
    yield Expected(kind="report", what=f"Yearly report {year.label}", agency=None, due=due,
                   state="awaiting approval", overdue=due < today,
                   url=reverse("reports:yearly_year", args=[year.label]))


def report_gaps(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    """Each statutory item the last finished year's report does not yet cover. The content
    tree is the one the report page keeps (decision 0010), so this rarely builds it."""
    year = report_year(partnership, today)
    if year is None:
        return
    document = cached(partnership.pk, "yearly-report", year.label, "internal",
                      build=lambda: build_yearly_report(partnership, year))
    url = reverse("reports:yearly_year", args=[year.label])
    for requirement in statutory.coverage(document):
        if not requirement.met:
            yield Expected(kind="report gap", what=requirement.text, agency=None, due=None,
                           state="not covered", url=url,
                           note=f"Yearly report {year.label}")
