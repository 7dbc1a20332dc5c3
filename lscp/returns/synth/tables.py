"""Weighted code tables: (codes, cumulative shares), drawn from with `Draws.pick`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Table = tuple[tuple[Any, ...], tuple[float, ...]]


def weighted(pairs: Sequence[tuple[Any, float]]) -> Table:
    """A table from (code, weight) pairs; the weights need not add up to anything."""
    total = sum(weight for _, weight in pairs)
    cumulative, running = [], 0.0
    for _, weight in pairs:
        running += weight / total
        cumulative.append(running)
    cumulative[-1] = 1.0
    return tuple(code for code, _ in pairs), tuple(cumulative)
