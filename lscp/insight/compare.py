"""Direction of travel, RAG status and comparison sentences that respect polarity.

"Below the national average of 43" is good news for an indicator where lower is better and
bad news where higher is better; where neither is better, it is just a difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

UP_GOOD, DOWN_GOOD, NEITHER = "up_good", "down_good", "neither"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


class Judgement(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SIMILAR = "similar"
    NOT_JUDGED = "not judged"  # polarity neither


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NONE = "none"


@dataclass(frozen=True)
class Movement:
    direction: Direction
    judgement: Judgement


def movement(current: Decimal, previous: Decimal, polarity: str,
             tolerance: Decimal = Decimal("0.02")) -> Movement:
    """How `current` moved from `previous`; changes within `tolerance` (a share) are the same."""
    if previous == 0:
        direction = Direction.SAME if current == 0 else Direction.UP
    else:
        change = (current - previous) / abs(previous)
        direction = (Direction.SAME if abs(change) <= tolerance
                     else Direction.UP if change > 0 else Direction.DOWN)
    return Movement(direction, _judge(direction, polarity))


def _judge(direction: Direction, polarity: str) -> Judgement:
    if polarity == NEITHER:
        return Judgement.NOT_JUDGED
    if direction == Direction.SAME:
        return Judgement.SIMILAR
    good = (direction == Direction.UP) == (polarity == UP_GOOD)
    return Judgement.BETTER if good else Judgement.WORSE


def rag(value: Decimal, benchmark: Decimal, polarity: str,
        amber_band: Decimal = Decimal("0.05")) -> Rag:
    """Green on the good side of the benchmark (a target, or else a comparator), amber within
    `amber_band` of it on the bad side, red beyond. No RAG where neither direction is better."""
    if polarity == NEITHER:
        return Rag.NONE
    better = value >= benchmark if polarity == UP_GOOD else value <= benchmark
    if better:
        return Rag.GREEN
    gap = abs(value - benchmark) / abs(benchmark) if benchmark else Decimal(1)
    return Rag.AMBER if gap <= amber_band else Rag.RED


def against(value: Decimal, benchmark: Decimal, polarity: str, name: str, shown: str) -> str:
    """A clause such as "below the national rate of 43", judged where polarity allows."""
    position = "in line with" if value == benchmark else "above" if value > benchmark else "below"
    clause = f"{position} the {name} of {shown}"
    if polarity == NEITHER or value == benchmark:
        return clause
    good = (value > benchmark) == (polarity == UP_GOOD)
    return f"{clause} ({'better' if good else 'worse'})"
