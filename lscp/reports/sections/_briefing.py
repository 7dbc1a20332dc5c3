"""What the committee briefing's sections share: the yearly report they present (the same
content tree the report pages keep, decision 0010), its public address, and its sections'
opening sentences, which the briefing quotes rather than rewrites."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from lscp.reports.content import BulletList, Document, Paragraph, Section
from lscp.reports.publication_selectors import yearly_document
from lscp.reports.registry import ReportContext

SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]])\.\s+(?=[A-Z])")


def report_of(ctx: ReportContext) -> Document:
    """The yearly report in the briefing's edition."""
    return yearly_document(ctx.partnership, ctx.year, public=ctx.public)


def public_address(ctx: ReportContext) -> str:
    return settings.LSCP_SITE_URL.rstrip("/") + reverse(
        "reports:public", args=[ctx.partnership.slug, ctx.year.label])


def first_sentence(text: str) -> str:
    """ "In 2020-21 the partnership worked on 6 case reviews (...)." from a paragraph."""
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".") + "."


def opening(section: Section) -> str | None:
    """The first sentence a section says (a paragraph, or the first item of a list), in
    itself or its first subsection with words."""
    for block in section.blocks:
        if isinstance(block, Paragraph) and block.text.strip():
            return first_sentence(block.text)
        if isinstance(block, BulletList) and block.items:
            return first_sentence(block.items[0])
    for sub in section.subsections:
        found = opening(sub)
        if found:
            return found
    return None


def find(document: Document, section_id: str) -> Section | None:
    return next((s for s in document.sections if s.id == section_id), None)
