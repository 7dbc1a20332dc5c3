"""How one figure is written in a report: its value, its marker and the period it covers.

Two markers, each explained in the report wherever it appears:
- [i] (internal edition): an illustrative figure, made up for a demonstration because its
  source publishes no exact one. The internal edition shows it, marked.
- [x] (public edition, GSS shorthand for "not available"): the same figure, refused. A public
  report never publishes a made-up figure.
Small numbers about children are [c] (lscp.insight.suppression).
"""

from __future__ import annotations

from lscp.dataset import selectors
from lscp.dataset.models import Indicator
from lscp.insight.periods import previous_year
from lscp.insight.suppression import SUPPRESSED

ILLUSTRATIVE = "[i]"
NOT_AVAILABLE = "[x]"

ILLUSTRATIVE_NOTE = (
    f"{ILLUSTRATIVE} marks an illustrative figure: one made up for a demonstration because "
    "its source publishes no exact figure (for a percentage, the counts it is worked out "
    "from; for a rate, its count). The public edition does not publish it.")
NOT_AVAILABLE_NOTE = (
    f"{NOT_AVAILABLE} marks a figure that is not available: the partnership holds only an "
    "illustrative value for it, made up for a demonstration, and a public report does not "
    "publish one.")
SUPPRESSED_NOTE = (
    f"To protect children's privacy, counts from 1 to 5 (or an indicator's own threshold) are "
    f"shown as {SUPPRESSED}. So is any figure from which one could be worked out: another "
    "row or the total of the same table or population, a rate of the count, or a share "
    "where the children not counted number 1 to 5.")


def figure_text(indicator: Indicator, point: selectors.Point | None,
                symbol: str | None = None) -> str:
    """1,234 / 85% / [c] / [x], and "[i]" after an illustrative figure on show."""
    if point is None or point.figure is None:
        return "–"
    if symbol:
        return symbol
    return marked(selectors.display(indicator, point.figure), point.illustrative)


def marked(text: str, illustrative: bool) -> str:
    return f"{text} {ILLUSTRATIVE}" if illustrative else text


def period_notes(year: str, summaries: list[selectors.Summary]) -> list[str]:
    """A line for each indicator of a table whose figures cover another period."""
    lines = []
    for s in summaries:
        periods = [f"the {label} figure covers {p.reference_period}" for label, p in (
            (year, s.current), (previous_year(year), s.previous)) if p and p.reference_period]
        if periods:
            lines.append(f"{s.indicator.title}: {'; '.join(periods)}")
    return lines
