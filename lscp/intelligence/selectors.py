"""Reading threats, portfolios and the work linked to themes."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from lscp.dataset.models import Indicator
from lscp.insight.periods import Period, parse_period, parts_of, previous
from lscp.intelligence.models import Portfolio, ThemeLink, Threat
from lscp.intelligence.trend import Trend, trend
from lscp.partnership.models import LIVE, Partnership


def threats_of(partnership: Partnership, period: str) -> QuerySet[Threat]:
    """The threats assessed for a half, withdrawn ones left out, by title."""
    return (partnership.threats.filter(LIVE, period=period)
            .prefetch_related(Prefetch("indicators",
                                       queryset=Indicator.objects.order_by("position"))))


def halves(partnership: Partnership) -> list[Period]:
    """Every half of the partnership's reporting years, newest first."""
    found = [h for year in partnership.years.values_list("label", flat=True)
             for h in parts_of(year, "half")]
    return sorted(found, reverse=True)


def trends(partnership: Partnership, period: str,
           threats: list[Threat]) -> dict[str, Trend]:
    """Each threat's movement since the previous half's assessment, by code."""
    before_period = previous(parse_period(period))
    before = {t.code: (t.level, t.confidence)
              for t in partnership.threats.filter(LIVE, period=before_period.key)}
    return {t.code: trend(t.level, t.confidence, before.get(t.code), before_period.short_label)
            for t in threats}


def portfolios(partnership: Partnership) -> QuerySet[Portfolio]:
    return partnership.portfolios.filter(LIVE)


def theme_titles() -> dict[str, str]:
    """Every dataset theme's title by code, in catalogue order."""
    found: dict[str, str] = {}
    for theme, title in Indicator.objects.order_by("position").values_list("theme",
                                                                           "theme_title"):
        found.setdefault(theme, title)
    return found


def links_of(partnership: Partnership, themes: list[str]) -> dict[str, list[ThemeLink]]:
    """What is being done about each theme: its linked priorities and live actions."""
    found: dict[str, list[ThemeLink]] = {theme: [] for theme in themes}
    links = (partnership.theme_links.filter(theme__in=themes)
             .select_related("priority__year", "action__owner", "action__recommendation")
             .prefetch_related("priority__actions"))
    for link in links:
        if _live(link):
            found[link.theme].append(link)
    return found


def _live(link: ThemeLink) -> bool:
    """A withdrawn priority or action leaves the snapshot; an action leaves with its
    recommendation too (assurance.selectors.LIVE_ACTION)."""
    if link.priority is not None:
        return link.priority.withdrawn_on is None
    return (link.action is not None and link.action.withdrawn_on is None
            and link.action.recommendation.withdrawn_on is None)
