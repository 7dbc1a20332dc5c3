"""What the report says about how it came to be published: the chair's overrides of the
readiness checklist, each with its reason (lscp/reports/publication.py), stated in About."""

from __future__ import annotations

from lscp.partnership.models import ReportingYear
from lscp.reports.content import BulletList, Paragraph
from lscp.reports.models import ReadinessOverride
from lscp.reports.wording import long_date


def override_statement(year: ReportingYear) -> list[Paragraph | BulletList]:
    """Nothing when the chair let nothing through."""
    found = list(ReadinessOverride.objects.filter(year=year).order_by("made_on", "pk"))
    if not found:
        return []
    return [
        Paragraph("The chair agreed that this report could be published without the "
                  "following, for the reasons given:"),
        BulletList([f"{o.item_text}: {o.reason} (the chair's decision of "
                    f"{long_date(o.made_on)})" for o in found]),
    ]
