"""Committee briefing: the report's key findings, quoted from the report itself."""

from __future__ import annotations

import re

from lscp.partnership.selectors import priorities_for
from lscp.reports.content import BulletList, Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._briefing import find, opening, report_of
from lscp.reports.wording import join_names, plural

THEMES_SHOWN = 6  # a committee reads a page, not the dataset
A_FIGURE = re.compile(r":\s*[\d\[£]")  # "Missing episodes in 2020-21: 875"
COMPARES = re.compile(r"\b(better|worse|England|than in|than at|target)\b")


@section("briefing-findings")
def briefing_findings(ctx: ReportContext) -> Section:
    """Key findings: for each theme of the safeguarding context, the first finding that
    compares a figure with last year, England or a target (else its first); progress against
    the year's priorities from the business plan; the opening of learning and of impact."""
    report = report_of(ctx)
    found = _data_findings(find(report, "context"))
    found.append(_priorities(ctx))
    for section_id in ("learning", "impact"):
        said = find(report, section_id)
        text = opening(said) if said else None
        if text:
            found.append(text)
    return Section("briefing-findings", "Key findings", [
        Paragraph("The report's main findings, in its own words:"),
        BulletList([f for f in found if f]),
    ])


def _data_findings(context: Section | None) -> list[str]:
    """One finding per theme: the first that compares the figure with an earlier year,
    England or a target, else the theme's first. A theme opens with its findings, as a list
    or as sentences; a theme with no finding yet is left out."""
    if context is None:
        return []
    picked = []
    for theme in context.subsections:
        said = _opening_sentences(theme)
        chosen = [t for t in said if COMPARES.search(t)][:1] or said[:1]
        picked += [f"{theme.title}: {t}" for t in chosen]
        if len(picked) == THEMES_SHOWN:
            break
    return picked


def _opening_sentences(theme: Section) -> list[str]:
    """What a theme says before its table."""
    said: list[str] = []
    for block in theme.blocks:
        if isinstance(block, BulletList):
            said += block.items
        elif isinstance(block, Paragraph) and not block.text.rstrip().endswith(":"):
            said.append(block.text)
        else:
            break
    return [t for t in said if A_FIGURE.search(t)]


def _priorities(ctx: ReportContext) -> str:
    priorities = list(priorities_for(ctx.year))
    if not priorities:
        return f"No priorities were recorded for {ctx.year.label}."
    actions = [(p, list(p.actions.all())) for p in priorities]
    done = sum(1 for _, acts in actions for a in acts if a.status == "done")
    total = sum(len(acts) for _, acts in actions)
    stalled = [p.title for p, acts in actions if acts and not any(a.status == "done"
                                                                    for a in acts)]
    count = len(priorities)
    text = (f"Priorities: {done} of {plural(total, 'action')} under the {count} "
            f"{'priority' if count == 1 else 'priorities'} for {ctx.year.label} "
            f"{'was' if done == 1 else 'were'} completed.")
    if stalled:
        text += f" No action was completed under {join_names(stalled)}."
    return text
