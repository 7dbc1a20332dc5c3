"""What the threat assessment's sections share: the half's threats, worst first, with their
trend since the last assessment and the signals of their indicators in the half."""

from __future__ import annotations

from dataclasses import dataclass

from lscp.dataset import selectors
from lscp.intelligence.models import Threat
from lscp.intelligence.selectors import threats_of, trends
from lscp.intelligence.trend import LEVELS, Trend
from lscp.reports.registry import ReportContext
from lscp.reports.sections._pack import Reading, period_of, reading


@dataclass(frozen=True)
class Assessed:
    threat: Threat
    trend: Trend
    readings: tuple[Reading, ...]  # its indicators as at the half's end

    @property
    def signal_count(self) -> int:
        return sum(len(r.signals) for r in self.readings)


def assessed(ctx: ReportContext) -> list[Assessed]:
    """The half's threats, highest level first, then by title."""
    half = period_of(ctx)
    found = sorted(threats_of(ctx.partnership, half.key),
                   key=lambda t: (-LEVELS.index(t.level), t.title))
    moves = trends(ctx.partnership, half.key, found)
    data = selectors.Data(ctx.partnership)
    return [Assessed(t, moves[t.code], tuple(reading(ctx, i, data)
                                             for i in t.indicators.all())) for t in found]
