"""A portfolio snapshot: the chosen themes' headline signals, and what is being done about
each (the priorities and actions linked to the theme), in a page or two."""

from __future__ import annotations

from lscp.dataset import selectors
from lscp.dataset.models import Indicator
from lscp.insight.compare import Rag
from lscp.intelligence.models import ThemeLink
from lscp.intelligence.selectors import links_of
from lscp.reports.content import BulletList, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE_NOTE
from lscp.reports.sections._pack import RAG_WORDS, Reading, as_at, day_words, readings
from lscp.reports.sections._snapshot import scope
from lscp.reports.wording import plural

KEY_FIGURES = 4


def _headlines(found: list[Reading]) -> list[str]:
    """Signals first, then figures off target or red, each once."""
    lines = [f.text for r in found for _, f in r.signals]
    for r in found:
        if r.missed_target or r.rag == Rag.RED:
            against = (f"the target of {r.benchmark_text(r.target)}" if r.target is not None
                       else f"England's {r.benchmark_text(r.national)}")
            lines.append(f"{r.indicator.title}, {r.covers}: {r.shown} against {against} "
                         f"({RAG_WORDS[r.rag].lower()}).")
    return lines


def _work(link: ThemeLink) -> str:
    if link.priority is not None:
        actions = [a for a in link.priority.actions.all() if a.withdrawn_on is None]
        done = sum(a.status == "done" for a in actions)
        return (f"Priority for {link.priority.year.label}: {link.priority.title} "
                f"({done} of {plural(len(actions), 'action')} done)")
    a = link.action
    assert a is not None
    return (f"Action: {a.text.rstrip('.')} ({a.owner.name}; due {day_words(a.due)}; "
            f"{a.get_status_display().lower()})")


def _key(found: list[Reading]) -> list[Reading]:
    """The figures worth a member's page: those with a signal, a target or an England
    figure to be read against, or a chart of their own, at most KEY_FIGURES of them."""
    chosen = [r for r in found if r.point is not None and (
        r.signals or r.target is not None or r.national is not None
        or (r.spc is not None and r.spc.enough))]
    first = [r for r in chosen if r.signals or r.missed_target or r.rag == Rag.RED]
    return (first + [r for r in chosen if r not in first])[:KEY_FIGURES]


def _theme(ctx: ReportContext, code: str, title: str, found: list[Reading],
           links: list[ThemeLink]) -> Section:
    shown = _key(found)
    headlines = _headlines([r for r in found if r.point is not None])
    others = sum(r.point is not None for r in found) - len(shown)
    blocks: list[object] = [
        BulletList(headlines) if headlines else Paragraph(
            f"No special-cause signal, missed target or red rating by {as_at(ctx)}."),
        Table(caption=f"{title}: key figures as at {as_at(ctx)}",
              head=["Indicator", "Period", "Figure", "Variation"],
              rows=[[r.indicator.title, r.covers, r.shown, r.variation] for r in shown],
              numeric=(2,)) if shown else Paragraph(
            "No figure with a signal, a target or an England comparison yet."),
        *([Paragraph(f"The quarterly pack gives {plural(others, 'more figure')} for "
                     f"{title}.")] if others else []),
        Paragraph("What is being done:"),
        BulletList([_work(x) for x in links]) if links else Paragraph(
            "No priority or action is linked to this theme yet.")]
    return Section(f"snapshot-{code}", title, blocks)


@section("snapshot")
def snapshot(ctx: ReportContext) -> Section:
    """Portfolio snapshot: for each theme the portfolio covers (and only those), its
    special-cause signals in the quarter and figures off target or rated red, its key
    figures, and what is being done about it (linked priorities and actions)."""
    chosen = scope(ctx)
    data = selectors.Data(ctx.partnership)
    indicators = list(Indicator.objects.filter(theme__in=chosen.themes)
                      .select_related("rate_of").order_by("position"))
    by_theme: dict[str, list[Reading]] = {code: [] for code in chosen.themes}
    for r in readings(ctx, data, indicators):
        by_theme[r.indicator.theme].append(r)
    links = links_of(ctx.partnership, list(chosen.themes))
    who = f" for {chosen.audience}" if chosen.audience else ""
    blocks: list[object] = [Paragraph(
        f"{chosen.name}: a snapshot{who} of {plural(len(chosen.themes), 'theme')} "
        f"({', '.join(chosen.themes.values())}) as at {as_at(ctx)}. Signals are special "
        "causes found by statistical process control; internal to the partnership.")]
    if any(r.point is not None and r.point.illustrative for rs in by_theme.values()
           for r in rs):
        blocks.append(Paragraph(ILLUSTRATIVE_NOTE))
    return Section("snapshot", f"Snapshot: {chosen.name}", blocks, [
        _theme(ctx, code, title, by_theme[code], links[code])
        for code, title in chosen.themes.items()])
