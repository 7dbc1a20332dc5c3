"""Who a portfolio snapshot is for and which themes it covers: a saved portfolio, or themes
chosen on the command line (ctx.portfolio, ctx.themes), else every theme."""

from __future__ import annotations

from dataclasses import dataclass

from lscp.intelligence.selectors import portfolios, theme_titles
from lscp.reports.registry import ReportContext


@dataclass(frozen=True)
class Scope:
    name: str
    audience: str
    themes: dict[str, str]  # code -> title, in the order chosen


def scope(ctx: ReportContext) -> Scope:
    """ValueError, in words, for a portfolio or theme that does not exist."""
    titles = theme_titles()
    name, audience, chosen = "Chosen themes", "", list(ctx.themes)
    if ctx.portfolio:
        portfolio = portfolios(ctx.partnership).filter(code=ctx.portfolio).first()
        if portfolio is None:
            known = ", ".join(portfolios(ctx.partnership).values_list("code", flat=True))
            raise ValueError(f'no portfolio "{ctx.portfolio}"'
                             + (f": known are {known}" if known else ": none is saved yet"))
        name, audience = portfolio.name, portfolio.audience
        chosen = chosen or list(portfolio.themes)
    if not chosen:  # neither: every theme (the command asks for one or the other)
        name, chosen = "Every theme", list(titles)
    unknown = [t for t in chosen if t not in titles]
    if unknown:
        raise ValueError(f"no theme {', '.join(unknown)}: known are {', '.join(titles)}")
    return Scope(name, audience, {t: titles[t] for t in chosen})
