"""The executive summary edition of the yearly report (4 to 6 pages): the same sections,
built by the same builders with `ctx.edition == "summary"`, each shortened.

A builder may give a short form of itself when it sees the summary edition. Whatever it
returns is then shortened here: by the section's own short form in SHORT_FORMS where one is
kept (a list of the year's reviews instead of each review), and held to the summary's
limits (`abridge`): a few opening sentences and one small table per section, each
subsection's opening sentence, no charts. A short form is within the limits already, so the
limits change nothing in it. Every sentence and figure is the full report's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from lscp.partnership.models import Partnership, ReportingYear
from lscp.partnership.selectors import priorities_for
from lscp.reports.content import BulletList, Chart, Document, Paragraph, Section, Table
from lscp.reports.registry import DocumentSpec, ReportContext, build_document, register_document

SUMMARY = register_document(DocumentSpec(
    kind="summary",
    title="{partnership}: yearly report {year}, executive summary",
    slug="yearly-report-{year}-summary",
    period="year",
    sections=("at-a-glance", "summary-intro", "key-messages", "foreword", "context",
              "learning", "impact", "priorities", "ahead"),
))

# What a section keeps in the summary: (paragraphs, list items, table rows, subsections).
SECTION_LIMITS = (2, 8, 12, 12)
OPENING_ITEMS = 1  # a subsection's opening list (a theme's findings): its first items


def build_summary(partnership: Partnership, year: ReportingYear,
                  public: bool = False) -> Document:
    ctx = ReportContext(partnership, year, public, edition="summary")
    document = build_document(SUMMARY, ctx)
    document.sections = [abridge(SHORT_FORMS.get(s.id, _as_is)(ctx, s))
                         for s in document.sections]
    return document


def abridge(section: Section) -> Section:
    """The section held to the summary's limits: its opening paragraphs, its first list
    (shortened) and its first table if small, and each subsection's opening paragraph.
    Charts go (the full report has them with their tables); blocks of other kinds (an
    at-a-glance panel) stay. A sentence that introduces a list or table ("What we will do:")
    goes with it."""
    paragraphs, items, rows, subsections = SECTION_LIMITS
    kept: list[Any] = []
    counts = {"paragraph": 0, "list": 0, "table": 0}
    for index, block in enumerate(section.blocks):
        following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
        if isinstance(block, Paragraph):
            counts["paragraph"] += 1
            introduces = block.text.rstrip().endswith(":")
            if counts["paragraph"] <= paragraphs and (
                    not introduces or _kept_after(following, counts, rows)):
                kept.append(block)
        elif isinstance(block, BulletList):
            counts["list"] += 1
            if counts["list"] == 1:
                kept.append(BulletList(block.items[:items]))
        elif isinstance(block, Table):
            counts["table"] += 1
            if counts["table"] == 1 and len(block.rows) <= rows:
                kept.append(block)
        elif not isinstance(block, Chart):
            kept.append(block)
    return replace(section, blocks=kept,
                   subsections=[_opening(s) for s in section.subsections[:subsections]])


def _kept_after(block: Any, counts: dict[str, int], rows: int) -> bool:
    """Whether the block after an introducing sentence will be kept."""
    if isinstance(block, BulletList):
        return counts["list"] == 0
    if isinstance(block, Table):
        return counts["table"] == 0 and len(block.rows) <= rows
    return False


def _opening(section: Section) -> Section:
    """A subsection's opening: its first sentence, or the first items of its opening list
    (a theme's findings) with the sentence that introduces it, if any."""
    kept: list[Any] = []
    for block in section.blocks:
        if isinstance(block, Table | Chart):
            break
        if isinstance(block, BulletList):
            kept.append(BulletList(block.items[:OPENING_ITEMS]))
            break
        if isinstance(block, Paragraph):
            kept = [block]
            if not block.text.rstrip().endswith(":"):
                break
    if kept and isinstance(kept[-1], Paragraph) and kept[-1].text.rstrip().endswith(":"):
        kept = []  # it introduced a table, or nothing
    return replace(section, blocks=kept, subsections=[])


# Short forms of sections whose builders give none -------------------------------------------

ShortForm = Callable[[ReportContext, Section], Section]
MARKS = ("[c]", "[x]", "[i]")  # the marks whose notes a summary keeps where they appear


def _as_is(ctx: ReportContext, section: Section) -> Section:
    return section


def _intro(section: Section) -> list[Any]:
    return [b for b in section.blocks if isinstance(b, Paragraph)][:1]


def _context(ctx: ReportContext, section: Section) -> Section:
    """Each theme's top findings (the list it opens with); themes with none yet are named
    at the end, and the notes on [c] and [x] are kept only where those marks appear."""
    themes = [_opening(s) for s in section.subsections]
    found = [t for t in themes if any(isinstance(b, BulletList) for b in t.blocks)]
    shown = " ".join(item for t in found for b in t.blocks for item in b.items)
    notes = [b for b in section.blocks[1:] if isinstance(b, Paragraph)
             and any(mark in b.text and mark in shown for mark in MARKS)]
    blocks = [*_intro(section), *notes]
    rest = [s.title for s in section.subsections if s.id not in {t.id for t in found}]
    if rest:
        blocks.append(Paragraph("The full report gives the figures for "
                                + ", ".join(rest[:-1]) + (" and " if len(rest) > 1 else "")
                                + rest[-1] + "."))
    return replace(section, blocks=blocks, subsections=found)


def _learning(ctx: ReportContext, section: Section) -> Section:
    """The year's reviews by name, and how far earlier reviews' action plans have got
    (their tables' captions: "Learning review Leo: 5 of 6 actions achieved")."""
    reviews = [s.title for s in section.subsections if s.id.startswith("review-")]
    plans = [b.caption for s in section.subsections if s.id == "previous-reviews"
             for b in s.blocks if isinstance(b, Table)]
    blocks = _intro(section)
    if reviews:
        blocks.append(BulletList(reviews))
    if plans:
        blocks += [Paragraph("Action plans of earlier reviews:"), BulletList(plans)]
    return replace(section, blocks=blocks, subsections=[])


def _impact(ctx: ReportContext, section: Section) -> Section:
    """What each challenge closed in the year changed: its "Impact:" sentence."""
    said = [b.text for s in section.subsections for b in s.blocks
            if isinstance(b, Paragraph) and b.text.startswith("Impact:")]
    blocks = _intro(section)
    if said:
        blocks.append(BulletList([t.removeprefix("Impact:").strip() for t in said]))
    return replace(section, blocks=blocks, subsections=[])


def _priorities(ctx: ReportContext, section: Section) -> Section:
    """Each priority with the share of its actions completed (the business plan's records,
    as the full section counts them)."""
    rows = []
    for priority in priorities_for(ctx.year):
        actions = list(priority.actions.all())
        done = sum(1 for a in actions if a.status == "done")
        rows.append([priority.title, f"{done} of {len(actions)}"])
    blocks = _intro(section)
    if rows:
        blocks.append(Table(caption=f"Progress against priorities, {ctx.year.label}",
                            head=["Priority", "Actions completed"], rows=rows, numeric=(1,)))
    return replace(section, blocks=blocks, subsections=[])


def _ahead(ctx: ReportContext, section: Section) -> Section:
    """The following year's priorities by name."""
    blocks = _intro(section)
    if section.subsections:
        blocks.append(BulletList([s.title for s in section.subsections]))
    return replace(section, blocks=blocks, subsections=[])


SHORT_FORMS: dict[str, ShortForm] = {
    "context": _context, "learning": _learning, "impact": _impact, "priorities": _priorities, "ahead": _ahead}
