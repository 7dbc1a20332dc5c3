"""Committee briefing: whom to contact about the report."""

from __future__ import annotations

from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section


@section("briefing-contact")
def briefing_contact(ctx: ReportContext) -> Section:
    """Contact: the partnership's business unit, with the contact recorded for the
    partnership (team, address, phone, email, website: the report's cover shows the same)."""
    p = ctx.partnership
    lines = p.contact_lines()
    if not lines:
        return Section("briefing-contact", "Contact", [Paragraph(
            f"The business unit of the {p.name}. No contact details have been recorded.")])
    return Section("briefing-contact", "Contact", [
        Paragraph(f"For the {p.name}:"), BulletList(lines)])
