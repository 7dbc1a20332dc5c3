"""The quarterly pack's first section: what needs the performance subgroup's attention."""

from __future__ import annotations

from lscp.dataset import selectors
from lscp.insight.compare import Rag
from lscp.insight.findings.signals import MEANING_WORDS, period_words
from lscp.insight.spc_chart import rule_words
from lscp.partnership.models import LIVE, PriorityAction
from lscp.partnership.models import Rag as PlanRag
from lscp.reports.content import BulletList, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._pack import RAG_WORDS, Reading, as_at, period_of, readings
from lscp.reports.wording import plural


def _signals(found: list[Reading]) -> Section:
    rows = [[r.indicator.title, period_words(s.last), rule_words(s), MEANING_WORDS[s.meaning]]
            for r in found for s, _ in r.signals]
    blocks: list[object] = [BulletList([f.text for r in found for _, f in r.signals])]
    blocks.append(Table(caption="Special-cause signals in the quarter",
                        head=["Indicator", "Latest point", "Rule", "Meaning"], rows=rows))
    return Section("pack-exceptions-signals", "Special-cause signals", blocks)


def _why(r: Reading) -> str:
    reasons = []
    if r.missed_target:
        reasons.append("target missed")
    if r.rag == Rag.RED and not r.missed_target:
        reasons.append("red against England")
    if r.spc is not None and r.spc.assurance == "missed":
        reasons.append("consistently misses the target")
    return "; ".join(reasons)


def _targets(found: list[Reading]) -> Section:
    sentences = []
    for r in found:
        against = (f"the target of {r.benchmark_text(r.target)}" if r.target is not None
                   else f"England's {r.benchmark_text(r.national)}")
        sentences.append(f"{r.indicator.title}, {r.covers}: {r.shown} against {against} "
                         f"({RAG_WORDS[r.rag].lower()}).")
    table = Table(caption="Missed targets and red ratings",
                  head=["Indicator", "Period", "Figure", "Target", "England", "RAG", "Why"],
                  rows=[[r.indicator.title, r.covers, r.shown, r.benchmark_text(r.target),
                         r.benchmark_text(r.national), RAG_WORDS[r.rag], _why(r)]
                        for r in found], numeric=(2, 3, 4))
    return Section("pack-exceptions-targets", "Missed targets and red ratings",
                   [BulletList(sentences), table])


def _plan(actions: list[PriorityAction]) -> Section:
    return Section("pack-exceptions-plan", "Business-plan actions rated red", [Table(
        caption="Business-plan actions rated red: off track",
        head=["Priority", "Action", "Status", "Progress"],
        rows=[[a.priority.title, a.text, a.get_status_display(), a.progress or "–"]
              for a in actions])])


@section("pack-exceptions")
def pack_exceptions(ctx: ReportContext) -> Section:
    """Exceptions, first: special-cause signals whose latest point falls in the quarter,
    indicators that missed their target or are rated red against England, and
    business-plan actions rated red."""
    data = selectors.Data(ctx.partnership)
    found = readings(ctx, data)
    signalled = [r for r in found if r.signals]
    flagged = [r for r in found if r.missed_target or r.rag == Rag.RED
               or (r.spc is not None and r.spc.assurance == "missed")]
    red = list(PriorityAction.objects.filter(
        LIVE, priority__year=ctx.year, priority__withdrawn_on__isnull=True,
        rag=PlanRag.RED).select_related("priority").order_by("priority__position", "position"))
    count = sum(len(r.signals) for r in signalled)
    intro = (f"As at {as_at(ctx)}: {plural(count, 'special-cause signal')} in "
             f"{period_words(period_of(ctx).key)}, {plural(len(flagged), 'indicator')} off "
             f"target or rated red, and {plural(len(red), 'business-plan action')} rated red.")
    blocks: list[object] = [Paragraph(intro), Paragraph(
        "A special cause is a point or a run that the indicator's usual variation does not "
        "explain (statistical process control, the NHS Making Data Count rules). Red means "
        "worse than the target, or than England where there is no target, by more than 5%; "
        "amber means worse by up to 5%.")]
    subsections = []
    if signalled:
        subsections.append(_signals(signalled))
    if flagged:
        subsections.append(_targets(flagged))
    if red:
        subsections.append(_plan(red))
    if not subsections:
        blocks.append(Paragraph("There are no exceptions this quarter."))
    return Section("pack-exceptions", "Exceptions", blocks, subsections)
