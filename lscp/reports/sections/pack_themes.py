"""The quarterly pack's themes: every indicator with a figure, theme by theme, with its
statistical process control reading in words, and the XmR chart of each monthly or quarterly
series that has enough points for process limits."""

from __future__ import annotations

from lscp.dataset import selectors
from lscp.reports.content import BulletList, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE_NOTE
from lscp.reports.sections._pack import RAG_WORDS, Reading, as_at, readings, spc_block

HEAD = ["Indicator", "Period", "Figure", "Target", "England", "RAG", "Variation", "Assurance"]


def theme_table(caption: str, found: list[Reading]) -> Table:
    """One row an indicator: its latest figure, benchmarks and SPC reading, in words."""
    return Table(caption=caption, head=HEAD, rows=[
        [r.indicator.title, r.covers, r.shown, r.benchmark_text(r.target),
         r.benchmark_text(r.national), RAG_WORDS[r.rag], r.variation, r.assurance]
        for r in found], numeric=(2, 3, 4))


def _theme(ctx: ReportContext, title: str, found: list[Reading]) -> Section:
    shown = [r for r in found if r.point is not None]
    missing = [r.indicator.title for r in found if r.point is None]
    blocks: list[object] = [theme_table(f"{title}: as at {as_at(ctx)}", shown)]
    sentences = [f.text for r in shown for _, f in r.signals]
    if sentences:
        blocks += [Paragraph("Signals this quarter:"), BulletList(sentences)]
    for r in shown:
        chart = spc_block(r)
        if chart is not None:
            blocks.append(chart)
    if missing:
        blocks.append(Paragraph("No figure on record yet for: " + "; ".join(missing) + "."))
    slug = "pack-theme-" + found[0].indicator.theme
    return Section(slug, title, blocks)


@section("pack-themes")
def pack_themes(ctx: ReportContext) -> Section:
    """Indicators by theme: each one's latest figure by the quarter's end against its target
    and England, its variation and assurance (statistical process control) in words, and
    the XmR chart, with its data table, of each series with process limits."""
    data = selectors.Data(ctx.partnership)
    themes: dict[str, list[Reading]] = {}
    for r in readings(ctx, data):
        themes.setdefault(r.indicator.theme_title, []).append(r)
    subsections = [_theme(ctx, title, found) for title, found in themes.items()
                   if any(r.point is not None for r in found)]
    blocks: list[object] = [Paragraph(
        "Variation says whether the latest point is ordinary (common cause) or a special "
        "cause, improving or concerning; assurance says whether the process will reliably "
        "meet its target. Both need at least 15 points for process limits.")]
    if any(r.point is not None and r.point.illustrative
           for found in themes.values() for r in found):
        blocks.append(Paragraph(ILLUSTRATIVE_NOTE))
    if not subsections:
        blocks.append(Paragraph(f"No dataset figures are on record by {as_at(ctx)}."))
    return Section("pack-themes", "Indicators by theme", blocks, subsections)
