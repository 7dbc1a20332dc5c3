"""Small-number suppression for public outputs, after DfE practice.

Counts of 1 to the threshold (5 by default) about children are shown as [c]; true zeros stay
0. Secondary suppression treats together every figure that adds up with another: a table's
rows and its total, or one population counted two ways (children privately fostered in the
year are those open at the start plus the new ones, and also those whose arrangement ended
plus those still open). More cells are hidden, smallest first, until no hidden count can be
worked out from the cells on show: not by subtraction, not by solving several relations
together, and not by squeezing (two hidden cells that add up to 2 are both 1, since [c] is
never 0). A share gives its numerator away with its denominator, and the children *not*
counted with it: 57 of 58 care leavers in touch says that 1 was not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

SUPPRESSED = "[c]"

Key = Any  # any hashable name for a cell: "total", 3, ("cla", "2020-21", "adoption")
Terms = dict[Key, Fraction]


@dataclass(frozen=True)
class Relation:
    """total = the sum of parts."""

    total: Key
    parts: tuple[Key, ...]


def is_disclosive(count: int | None, threshold: int) -> bool:
    return count is not None and 0 < count <= threshold


def share_is_disclosive(numerator: int | None, denominator: int | None, threshold: int) -> bool:
    """A share is as disclosive as its numerator and as the rest of its denominator."""
    if numerator is None or denominator is None:
        return False
    return is_disclosive(numerator, threshold) or is_disclosive(denominator - numerator,
                                                                 threshold)


def suppress_group(total: int | None, parts: Sequence[int | None],
                   threshold: int) -> tuple[bool, list[bool]]:
    """(total hidden, each part hidden) such that nothing hidden can be worked out."""
    values: dict[Key, int | None] = {**dict(enumerate(parts)), "total": total}
    sensitive = {key for key, value in values.items() if is_disclosive(value, threshold)}
    hidden = protect(values, [Relation("total", tuple(range(len(parts))))], sensitive)
    return "total" in hidden, [i in hidden for i in range(len(parts))]


def protect(values: Mapping[Key, int | None], relations: Sequence[Relation],
            sensitive: Iterable[Key], unknown: Iterable[Key] = ()) -> set[Key]:
    """The cells to hide: every sensitive one, and as few more (smallest first) as it takes
    for none of them to be worked out. `unknown` cells are not shown for another reason (a
    made-up figure, say): they hide nothing away but may be 0. A cell with no value is never
    shown. Zeros are never hidden, so a reader knows every hidden cell is at least 1."""
    hidden, unknown = set(sensitive), set(unknown)
    cells = {key for r in relations for key in (r.total, *r.parts)}
    unknown |= {key for key in cells if values.get(key) is None}
    while exposed := sorted(recoverable(values, relations, hidden, unknown) & set(sensitive),
                            key=repr):
        cover = _cover(values, relations, hidden | unknown, exposed[0])
        if cover is None:
            break
        hidden.add(cover)
    return hidden


def _cover(values: Mapping[Key, int | None], relations: Sequence[Relation], blind: set[Key],
           exposed: Key) -> Key | None:
    """The smallest cell on show beside an exposed one (or beside any hidden one)."""
    for near in (lambda r: exposed in (r.total, *r.parts),
                 lambda r: bool(blind & {r.total, *r.parts})):
        shown = [(values[key], repr(key), key) for r in relations if near(r)
                 for key in (r.total, *r.parts) if key not in blind and values.get(key)]
        if shown:
            return min(shown, key=lambda c: (c[0], c[1]))[2]
    return None


def recoverable(values: Mapping[Key, int | None], relations: Sequence[Relation],
                hidden: Iterable[Key], unknown: Iterable[Key] = ()) -> set[Key]:
    """The hidden cells a reader can work out from the cells on show and the relations."""
    hidden, unknown = set(hidden), set(unknown)
    cells = {key for r in relations for key in (r.total, *r.parts)} | hidden
    known = {key: Fraction(values[key]) for key in cells  # type: ignore[arg-type]
             if key not in hidden | unknown and values.get(key) is not None}
    low = {key: Fraction(0 if key in unknown else 1) for key in cells if key not in known}
    equations = [({**dict.fromkeys(r.parts, Fraction(1)), r.total: Fraction(-1)}, Fraction(0))
                 for r in relations]
    while True:
        found = _solved(_reduce(equations, known))
        found.update(_squeezed(_reduce(equations, known), low))
        if not found:
            return {key for key in hidden if key in known}
        known.update(found)


def _reduce(equations: list[tuple[Terms, Fraction]],
            known: dict[Key, Fraction]) -> list[tuple[Terms, Fraction]]:
    """Each equation with the known cells moved to the right-hand side."""
    reduced = []
    for terms, rest in equations:
        rest -= sum((c * known[key] for key, c in terms.items() if key in known), Fraction(0))
        left = {key: c for key, c in terms.items() if key not in known}
        if left:
            reduced.append((left, rest))
    return reduced


def _solved(equations: list[tuple[Terms, Fraction]]) -> dict[Key, Fraction]:
    """Gauss-Jordan elimination: an unknown left alone in a row has one possible value."""
    rows: list[tuple[Key, Terms, Fraction]] = []
    for terms, rest in equations:
        for pivot, row, value in rows:
            terms, rest = _minus(terms, rest, terms.get(pivot, Fraction(0)), row, value)
        if not terms:
            continue
        pivot = min(terms, key=repr)
        scale = terms[pivot]
        row, value = {k: c / scale for k, c in terms.items()}, rest / scale
        rows = [(p, *_minus(r, v, r.get(pivot, Fraction(0)), row, value)) for p, r, v in rows]
        rows.append((pivot, row, value))
    return {pivot: value for pivot, row, value in rows if len(row) == 1}


def _minus(terms: Terms, rest: Fraction, factor: Fraction, row: Terms,
           value: Fraction) -> tuple[Terms, Fraction]:
    if not factor:
        return terms, rest
    merged = {k: terms.get(k, Fraction(0)) - factor * row.get(k, Fraction(0))
              for k in terms.keys() | row.keys()}
    return {k: c for k, c in merged.items() if c}, rest - factor * value


def _squeezed(equations: list[tuple[Terms, Fraction]],
              low: dict[Key, Fraction]) -> dict[Key, Fraction]:
    """Bounds: each unknown is at least its floor, and at most what the others leave."""
    high: dict[Key, Fraction] = {}
    for _ in range(50):
        changed = False
        for terms, rest in equations:
            for key, c in terms.items():
                changed |= _tighten(key, c, terms, rest, low, high)
        if not changed:
            break
    return {key: high[key] for key in high if high[key] == low.get(key)}


def _tighten(key: Key, c: Fraction, terms: Terms, rest: Fraction, low: dict[Key, Fraction],
             high: dict[Key, Fraction]) -> bool:
    """c * key = rest - (the others): narrow key's bounds from the others' bounds."""
    most: Fraction | None = rest
    least: Fraction | None = rest
    for other, d in terms.items():
        if other == key:
            continue
        small, big = (low.get(other), high.get(other)) if d > 0 else (high.get(other),
                                                                       low.get(other))
        most = None if most is None or small is None else most - d * small
        least = None if least is None or big is None else least - d * big
    if c < 0:
        most, least = (None if least is None else -least), (None if most is None else -most)
    changed = False
    if most is not None:
        top = Fraction(math.floor(most / abs(c)))
        if key not in high or top < high[key]:
            high[key], changed = top, True
    if least is not None:
        bottom = Fraction(math.ceil(least / abs(c)))
        if bottom > low.get(key, bottom - 1):
            low[key], changed = bottom, True
    return changed
