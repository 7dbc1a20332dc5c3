"""Statistical process control: XmR charts read with the NHS "Making Data Count" rules.

An XmR chart tells signal from noise. Its mean and process limits (mean ± 2.66 × the mean
moving range, three sigma) describe what the process usually does; a point is "special
cause" when one of four rules says it is unlikely to be chance:

- beyond_limit  a point above the upper or below the lower process limit;
- shift         7 or more points in a row on one side of the mean;
- trend         7 or more points in a row each higher (or each lower) than the one before;
- two_of_three  two of three points in a row beyond two sigma (the outer third of the
                distance from the mean to a limit) on the same side, at least one of them
                inside the limit (two points beyond it are already two signals).

Choices made here, each pinned by a test (tests/test_spc.py) and explained in docs/spc.md:

- Limits need `minimum` points (15, as Making Data Count advises) in a segment. With fewer,
  no limits are drawn and no rule is read at all, not even the shift and trend, because the
  mean of a dozen points is not yet a process's mean and seven-point runs come by chance
  in short series more often than the rule allows for. The result says so in `note`.
- A gap (None) keeps its place on the chart but is skipped by every rule: the moving range
  and the runs join the values either side of it.
- A point exactly on the mean breaks a shift; two equal points in a row break a trend.
- A constant segment has a mean moving range of 0: its limits equal its mean, nothing is
  beyond them, and no rule fires (comparisons allow for floating-point noise).
- A recorded step change starts a new segment at the first point at or after its label
  (labels sort as periods do: "2021-03", "2020-21-Q4"); each segment has its own mean and
  limits, and no run crosses a step.
- Variation is what the most recent point says, as the NHS icons do: special cause
  (improving, concerning, or neither where no direction is better) when a signal includes
  it, else common cause.
- Assurance compares a target with the latest segment's limits: outside them the target is
  consistently met or missed, inside them hit and miss. A target is not judged where neither
  direction is better.

Plain Python: no Django (TID251).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

Rule = Literal["beyond_limit", "shift", "trend", "two_of_three"]
Direction = Literal["high", "low"]
Meaning = Literal["improving", "concerning", "neither"]
Variation = Literal["common_cause", "improving", "concerning", "neither", "not_enough"]
Assurance = Literal["met", "missed", "hit_and_miss", "no_target", "not_enough"]

SCALE = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two: three sigma from the mean mR
RUN = 7  # points in a row that make a shift or a trend
NEAR = 2 / 3  # two sigma of three: where the "near a limit" band begins
MINIMUM = 15
RULE_ORDER: tuple[Rule, ...] = ("beyond_limit", "two_of_three", "shift", "trend")


@dataclass(frozen=True)
class Point:
    label: str  # a period key such as "2021-03" or "2020-21-Q4"
    value: float | None  # None: a gap


@dataclass(frozen=True)
class Limits:
    """A segment's mean and process limits (mean ± 2.66 × mean moving range)."""

    mean: float
    lower: float
    upper: float

    @property
    def near_upper(self) -> float:
        """Two sigma above the mean: the "near the upper limit" band starts here."""
        return self.mean + NEAR * (self.upper - self.mean)

    @property
    def near_lower(self) -> float:
        return self.mean - NEAR * (self.mean - self.lower)


@dataclass(frozen=True)
class Signal:
    rule: Rule
    labels: tuple[str, ...]  # the points that make the signal, oldest first
    direction: Direction  # high: above or rising; low: below or falling
    meaning: Meaning  # by polarity

    @property
    def last(self) -> str:
        """The signal's newest point: a signal is as recent as its last point."""
        return self.labels[-1]


@dataclass(frozen=True)
class SpcResult:
    points: tuple[Point, ...]
    limits: tuple[Limits | None, ...]  # per point (None where not computed)
    signals: tuple[Signal, ...]
    variation: Variation
    assurance: Assurance
    enough: bool  # False when the latest segment has fewer than `minimum` points
    note: str  # plain words for "not enough points", a constant series, step changes
    polarity: str = "neither"
    target: float | None = None
    steps: tuple[str, ...] = ()  # the first label of each segment after the first
    minimum: int = MINIMUM

    def value_of(self, label: str) -> float | None:
        return next((p.value for p in self.points if p.label == label), None)

    def limits_at(self, label: str) -> Limits | None:
        return next((lim for p, lim in zip(self.points, self.limits, strict=True)
                     if p.label == label), None)

    def signals_at(self, label: str) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if label in s.labels)

    @property
    def latest_limits(self) -> Limits | None:
        return self.limits[-1] if self.limits else None

    @property
    def latest_count(self) -> int:
        """Values in the latest segment (since the last step change, or all of them)."""
        start = self.steps[-1] if self.steps else None
        return sum(1 for p in self.points if p.value is not None
                   and (start is None or p.label >= start))


def meaning_of(direction: Direction, polarity: str) -> Meaning:
    """High is improving where up is good, concerning where down is good; else neither."""
    if polarity == "up_good":
        return "improving" if direction == "high" else "concerning"
    if polarity == "down_good":
        return "concerning" if direction == "high" else "improving"
    return "neither"


def analyse(points: Sequence[Point], polarity: str, target: float | None = None,
            steps: Sequence[str] = (), minimum: int = MINIMUM) -> SpcResult:
    """The XmR chart of `points` (in period order), its signals, variation and assurance."""
    if minimum < 2:
        raise ValueError("an XmR chart needs at least 2 points for a moving range")
    points = tuple(points)
    segments = _segments(points, steps)
    limits: list[Limits | None] = []
    signals: list[Signal] = []
    for segment in segments:
        found = _segment_limits(segment, minimum)
        limits += [found] * len(segment)
        if found is not None:
            signals += _segment_signals(segment, found, polarity)
    index = {p.label: i for i, p in enumerate(points)}
    signals.sort(key=lambda s: (index[s.last], RULE_ORDER.index(s.rule)))
    latest = limits[-1] if limits else None
    starts = tuple(seg[0].label for seg in segments[1:])
    result = SpcResult(points, tuple(limits), tuple(signals), "not_enough", "not_enough",
                       latest is not None, "", polarity, target, starts, minimum)
    return _judged(result)


def _judged(result: SpcResult) -> SpcResult:
    return replace(result, variation=_variation(result), assurance=_assurance(result),
                   note=_note(result))


def _segments(points: tuple[Point, ...], steps: Sequence[str]) -> list[tuple[Point, ...]]:
    """Split at each step: a segment starts at the first point at or after a step's label."""
    cuts = sorted({next((i for i, p in enumerate(points) if p.label >= step), len(points))
                   for step in steps} - {0, len(points)})
    bounds = [0, *cuts, len(points)]
    return [points[a:b] for a, b in pairwise(bounds) if b > a]


def _values(segment: tuple[Point, ...]) -> list[tuple[str, float]]:
    return [(p.label, float(p.value)) for p in segment if p.value is not None]


def _segment_limits(segment: tuple[Point, ...], minimum: int) -> Limits | None:
    values = [v for _, v in _values(segment)]
    if len(values) < minimum:
        return None
    if all(v == values[0] for v in values):
        return Limits(values[0], values[0], values[0])  # mR = 0: said in the note
    mean = math.fsum(values) / len(values)
    moving = math.fsum(abs(b - a) for a, b in pairwise(values)) / (len(values) - 1)
    return Limits(mean, mean - SCALE * moving, mean + SCALE * moving)


def _tolerance(limits: Limits) -> float:
    """Floating-point noise: a value this close to a line is on it."""
    return 1e-9 * max(1.0, abs(limits.mean), abs(limits.upper), abs(limits.lower))


def _segment_signals(segment: tuple[Point, ...], limits: Limits,
                     polarity: str) -> list[Signal]:
    values = _values(segment)
    tol = _tolerance(limits)
    found = _beyond(values, limits, tol) + _two_of_three(values, limits, tol)
    found += _shifts(values, limits.mean, tol) + _trends(values, tol)
    return [Signal(rule, labels, direction, meaning_of(direction, polarity))
            for rule, labels, direction in found]


Found = tuple[Rule, tuple[str, ...], Direction]


def _side(value: float, line: float, tol: float) -> int:
    """+1 above the line, -1 below, 0 on it."""
    return 1 if value - line > tol else -1 if line - value > tol else 0


def _direction(side: int) -> Direction:
    return "high" if side > 0 else "low"


def _beyond(values: list[tuple[str, float]], limits: Limits, tol: float) -> list[Found]:
    found: list[Found] = []
    for label, v in values:
        if _side(v, limits.upper, tol) > 0:
            found.append(("beyond_limit", (label,), "high"))
        elif _side(v, limits.lower, tol) < 0:
            found.append(("beyond_limit", (label,), "low"))
    return found


def _runs(sides: list[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of the same non-zero side: (start, end exclusive, side)."""
    runs, start = [], 0
    for i in range(1, len(sides) + 1):
        if i == len(sides) or sides[i] != sides[start]:
            if sides[start] != 0:
                runs.append((start, i, sides[start]))
            start = i
    return runs


def _shifts(values: list[tuple[str, float]], mean: float, tol: float) -> list[Found]:
    sides = [_side(v, mean, tol) for _, v in values]
    return [("shift", tuple(label for label, _ in values[a:b]), _direction(side))
            for a, b, side in _runs(sides) if b - a >= RUN]


def _trends(values: list[tuple[str, float]], tol: float) -> list[Found]:
    """Runs of rises (or falls): a run of k steps joins k + 1 points."""
    steps = [_side(b, a, tol) for (_, a), (_, b) in pairwise(values)]
    return [("trend", tuple(label for label, _ in values[a:b + 1]), _direction(side))
            for a, b, side in _runs(steps) if b - a + 1 >= RUN]


def _two_of_three(values: list[tuple[str, float]], limits: Limits, tol: float) -> list[Found]:
    found: list[Found] = []
    for side, near, limit in ((1, limits.near_upper, limits.upper),
                              (-1, limits.near_lower, limits.lower)):
        outer = [_side(v, near, tol) == side for _, v in values]
        inside = [_side(v, limit, tol) != side for _, v in values]
        groups: list[list[int]] = []
        for start in range(len(values) - 2):
            window = [i for i in range(start, start + 3) if outer[i]]
            if len(window) < 2 or not any(inside[i] for i in window):
                continue
            if groups and groups[-1][-1] >= start:
                groups[-1] += [i for i in window if i not in groups[-1]]
            else:
                groups.append(window)
        found += [("two_of_three", tuple(values[i][0] for i in g), _direction(side))
                  for g in groups]
    return found


def _variation(result: SpcResult) -> Variation:
    if not result.enough:
        return "not_enough"
    last = next((p.label for p in reversed(result.points) if p.value is not None), None)
    meanings = {s.meaning for s in result.signals if last in s.labels}
    for meaning in ("concerning", "improving", "neither"):
        if meaning in meanings:
            return meaning  # type: ignore[return-value]
    return "common_cause"


def _assurance(result: SpcResult) -> Assurance:
    limits, target = result.latest_limits, result.target
    if target is None or result.polarity not in ("up_good", "down_good"):
        return "no_target"
    if limits is None:
        return "not_enough"
    if limits.lower <= target <= limits.upper and limits.upper > limits.lower:
        return "hit_and_miss"
    if result.polarity == "up_good":
        return "met" if target <= limits.lower else "missed"
    return "met" if target >= limits.upper else "missed"


def _note(result: SpcResult) -> str:
    notes = []
    if result.steps:
        notes.append(f"The limits are recalculated from each of the {len(result.steps)} "
                     "recorded step changes." if len(result.steps) > 1 else
                     "The limits are recalculated from the recorded step change.")
    count = result.latest_count
    if not result.enough:
        since = " since the step change" if result.steps else ""
        notes.append(f"{_points(count)}{since}: process limits need at least {result.minimum}, "
                     "so none are drawn and no signal is read yet.")
    elif (lim := result.latest_limits) is not None and lim.upper == lim.lower:
        notes.append("Every value is the same, so the moving range is 0: the limits equal the "
                     "mean and no point can signal.")
    if result.target is not None and result.polarity == "neither":
        notes.append("The target is not judged: neither a higher nor a lower value is better.")
    return " ".join(notes)


def _points(count: int) -> str:
    return "No values" if count == 0 else "1 value" if count == 1 else f"{count} values"


VARIATION_WORDS = {"common_cause": "Common cause", "improving": "Special cause, improving",
                   "concerning": "Special cause, concerning",
                   "neither": "Special cause, neither improving nor concerning",
                   "not_enough": "Not enough points for process limits"}
ASSURANCE_WORDS = {"met": "Consistently meets the target",
                   "missed": "Consistently misses the target",
                   "hit_and_miss": "Hit and miss", "no_target": "No target",
                   "not_enough": "Not enough points to judge the target"}


def variation_label(result: SpcResult) -> str:
    """The variation icon's text alternative: "Special cause, concerning: high"."""
    words = VARIATION_WORDS[result.variation]
    if result.variation in ("improving", "concerning", "neither"):
        last = next(p.label for p in reversed(result.points) if p.value is not None)
        direction = next(s.direction for s in result.signals
                         if last in s.labels and s.meaning == result.variation)
        return f"{words}: {direction}"
    return words


def assurance_label(result: SpcResult) -> str:
    """The assurance icon's text alternative: "Hit and miss"."""
    return ASSURANCE_WORDS[result.assurance]
