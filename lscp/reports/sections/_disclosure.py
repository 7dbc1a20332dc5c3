"""What the public edition hides in one theme of the dataset, decided for the theme as a whole.

A theme's section publishes, for each indicator, the year and the year before, the year's
breakdown and (in a chart) its months, in sentences and in tables. A reader can set any of
these against the others, so every count about children in the theme goes into one set of
relations: each breakdown adds up to its total, and IDENTITIES add populations that the
catalogue counts two ways. lscp.insight.suppression then hides the small counts and as few
others as it takes for none to be worked out. Shares whose numerator or whose rest is small,
rates of a hidden count, and made-up (illustrative) figures are hidden too.
"""

from __future__ import annotations

from dataclasses import dataclass

from lscp.dataset import selectors
from lscp.dataset.models import Indicator, Unit
from lscp.insight.periods import previous_year
from lscp.insight.suppression import (
    SUPPRESSED,
    Relation,
    is_disclosive,
    protect,
    share_is_disclosive,
)
from lscp.reports.sections._figures import NOT_AVAILABLE

Key = tuple[str, str, str]  # indicator code, period, category ("" for the total)

# Populations counted two ways: (total, years after the report's year) = the sum of the parts.
# A reader who knows what the figures mean can subtract one way from the other.
IDENTITIES: tuple[tuple[tuple[str, int], tuple[tuple[str, int], ...]], ...] = (
    # Children privately fostered in the year: those open at the start, and the new ones...
    (("pf-children-in-year", 0), (("pf-arrangements", -1), ("pf-notifications", 0))),
    # ...and also those whose arrangement ended, and those still open at 31 March.
    (("pf-children-in-year", 0), (("pf-arrangements-ended", 0), ("pf-arrangements", 0))),
)


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    point: selectors.Point | None


@dataclass(frozen=True)
class Plan:
    """The symbol each hidden figure takes in this edition: [c], [x], or none (on show)."""

    symbols: dict[Key, str]

    def symbol(self, indicator: Indicator, period: str, category: str = "") -> str | None:
        return self.symbols.get((indicator.code, period, category))


def plan(public: bool, year: str, figures: dict[Key, Figure]) -> Plan:
    """Nothing is hidden in the internal edition."""
    if not public:
        return Plan({})
    made_up = {key for key, f in figures.items() if f.point and f.point.illustrative}
    counts = {key: int(f.point.figure) for key, f in figures.items()
              if _counts_children(f) and f.point and f.point.figure is not None}
    sensitive = {key for key, count in counts.items()
                 if is_disclosive(count, figures[key].indicator.disclosure_threshold)}
    hidden = protect(counts, relations(year, figures), sensitive, made_up)
    symbols = dict.fromkeys(hidden | {k for k, f in figures.items() if _share_tells(f)},
                            SUPPRESSED)
    symbols.update(dict.fromkeys(made_up, NOT_AVAILABLE))
    for key, f in figures.items():  # a rate is as disclosive as its count
        if f.indicator.rate_of is not None:
            base = symbols.get((f.indicator.rate_of.code, key[1], key[2]))
            if base and key not in symbols:
                symbols[key] = base
    return Plan(symbols)


def relations(year: str, figures: dict[Key, Figure]) -> list[Relation]:
    """Each breakdown of the year with its total, and the identities the theme holds."""
    found = []
    for code in sorted({key[0] for key in figures}):
        parts = tuple(key for key in figures if key[0] == code and key[1] == year and key[2])
        if parts:
            found.append(Relation((code, year, ""), parts))
    shift = {0: year, -1: previous_year(year)}
    for whole, pieces in IDENTITIES:
        keys = [(code, shift[offset], "") for code, offset in (whole, *pieces)]
        if all(key in figures for key in keys):
            found.append(Relation(keys[0], tuple(keys[1:])))
    return found


def _counts_children(f: Figure) -> bool:
    return f.indicator.unit == Unit.COUNT and f.indicator.about_children


def _share_tells(f: Figure) -> bool:
    """57 of 58 in touch says 1 was not: the share goes, with its counts."""
    return (f.indicator.unit == Unit.PERCENTAGE and f.indicator.about_children
            and f.point is not None and share_is_disclosive(
                f.point.numerator, f.point.denominator, f.indicator.disclosure_threshold))
