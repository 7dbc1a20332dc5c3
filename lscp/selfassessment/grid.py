"""What a cycle's results say, worked out from plain rows: the cross-agency grid, the change
since the last cycle, completion and themes. Plain Python, so the pages, the exports and
the yearly report count the same way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

RATINGS = ("green", "amber", "red")  # best first
CONCERN = ("amber", "red")


@dataclass(frozen=True)
class Cell:
    rating: str  # green, amber, red, or "" when not rated
    evidence: str  # the evidence status's value
    previous: str = ""  # the rating in the last cycle, "" when none

    @property
    def change(self) -> str:
        """better, worse, same; "" with nothing to compare."""
        if not self.rating or not self.previous:
            return ""
        now, before = RATINGS.index(self.rating), RATINGS.index(self.previous)
        return "same" if now == before else "better" if now < before else "worse"


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    status: str  # the assessment status's value
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Tally:
    """How a standard was rated across the respondents."""

    standard: str
    counts: dict[str, int] = field(default_factory=dict)  # rating -> respondents; "" = not rated

    @property
    def concern(self) -> int:
        return sum(self.counts.get(r, 0) for r in CONCERN)


def tallies(standards: Sequence[str], rows: Iterable[Row]) -> list[Tally]:
    """Per standard (in the framework's order), how many rated it green, amber, red or not
    at all; only submitted returns count."""
    counted: list[Counter[str]] = [Counter() for _ in standards]
    for row in rows:
        if row.status != "submitted":
            continue
        for index, cell in enumerate(row.cells):
            counted[index][cell.rating] += 1
    return [Tally(title, dict(c)) for title, c in zip(standards, counted, strict=True)]


def themes(found: Sequence[Tally], limit: int = 3) -> list[Tally]:
    """The standards most often rated amber or red, most first (ties in framework order);
    only those rated so at least once."""
    ranked = sorted(enumerate(found), key=lambda pair: (-pair[1].concern, pair[0]))
    return [t for _, t in ranked if t.concern > 0][:limit]


def completion(rows: Iterable[Row]) -> tuple[int, int]:
    """(submitted, asked)."""
    statuses = [r.status for r in rows]
    return sum(s == "submitted" for s in statuses), len(statuses)


def changes(rows: Iterable[Row]) -> Counter[str]:
    """How many ratings got better, worse or stayed the same since the last cycle."""
    return Counter(c.change for r in rows for c in r.cells if c.change)
