"""How to report a concern about a child: the local numbers, then the national ones."""

from __future__ import annotations

from lscp.contributions import selectors
from lscp.contributions.glossary import national_contacts
from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE


@section("report-a-concern")
def report_a_concern(ctx: ReportContext) -> Section:
    """How to report a concern: the partnership's local numbers (its front door, out of
    hours), kept in the app, then the police (999 in an emergency), Childline and the NSPCC
    helpline. A local number marked illustrative is marked in the internal edition and left
    out of the public one."""
    local = [c for c in selectors.contacts_of(ctx.partnership.pk)
             if not (ctx.public and c.illustrative)]
    rows = [[c.label, f"{c.phone} {ILLUSTRATIVE}" if c.illustrative else c.phone,
             " ".join(x for x in (c.when, f"Email: {c.email}." if c.email else "") if x)]
            for c in local]
    rows += [list(contact) for contact in national_contacts()]
    blocks: list[object] = [
        Paragraph("If a child is in immediate danger, call the police on 999."),
        Paragraph(f"If you are worried about a child who lives in the {ctx.partnership.area}, "
                  "tell the people below; you do not need to be sure, and you can ask for "
                  "advice first." if local else
                  "If you are worried about a child, tell the people below; you do not need "
                  "to be sure, and you can ask for advice first."),
        Table("Who to contact about a child you are worried about",
              ["Who answers", "Phone", "When"], rows),
    ]
    if not local:
        blocks.insert(2, Paragraph("The partnership's local numbers have not been recorded yet."))
    elif any(c.illustrative for c in local):
        blocks.append(Paragraph(f"{ILLUSTRATIVE} marks a number made up for a demonstration; "
                                "the public edition leaves it out."))
    return Section("report-a-concern", "How to report a concern about a child", blocks)
