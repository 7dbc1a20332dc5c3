"""Movement: an indicator's figure against last year, the years on record, England, the
region, statistical neighbours and a target, in sentences that respect polarity.

"Re-referrals in 2020-21: 18%, 3 percentage points lower than in 2019-20 (21%), which is
better. That is below England (22%), which is better." The caller passes plain values (a
`Measure`, `Reading`s, comparator values by kind, a target) and gets `Finding`s back, so the
yearly report, the quarterly pack and the threat assessment say the same things in the same
words, tested once here.

Two rules keep a sentence from telling more than the table beside it:
- Arithmetic is done on the figures as shown, rounded to the indicator's decimals: a change
  of "2 percentage points" between 85% and 87% is the one a reader can check.
- A hidden figure ([c] or [x] in a public edition, `Reading.hidden`) is never described nor
  compared. "Fewer than last year" about a hidden count bounds it; "more than last year's
  [c]" bounds the hidden one. So: nothing is said about an indicator whose figure this year
  is hidden, no movement is said when last year's is hidden, and no trend when any year on
  record is hidden.

A finding is `unusual` when the change from last year is larger than the indicator's
`change_alert` (a share of last year's figure; any change from 0), or when the figure is
more than `FAR_FROM_ENGLAND` (a quarter) away from England's. Unusual is not bad: 33% fewer
days waiting for adoption is unusual and better.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from lscp.insight.compare import NEITHER, UP_GOOD, Direction, Judgement
from lscp.insight.compare import movement as direction_of
from lscp.insight.figures import format_number, round_to
from lscp.insight.findings import Finding, Tone

FAR_FROM_ENGLAND = Decimal("0.25")  # a figure this share or more away from England's
KINDS = ("national", "regional", "statistical_neighbours")  # the order comparators are named
UNITS = ("count", "percentage", "rate", "days")


@dataclass(frozen=True)
class Measure:
    """What an indicator is, as the catalogue says: its title, unit and which way is good."""

    code: str
    title: str  # how a sentence names it: "Children in need" (no "at 31 March")
    unit: str  # count | percentage | rate | days
    polarity: str = NEITHER  # up_good | down_good | neither
    decimals: int = 0
    change_alert: float = 0.25  # a change beyond this share of last year's figure is unusual

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {', '.join(UNITS)}")


@dataclass(frozen=True)
class Reading:
    """One figure of the measure, with how a sentence says when it was."""

    figure: Decimal | None
    when: str  # after "than": "in 2020-21", "at 31 March 2021", "in January to December 2020"
    label: str = ""  # short, for evidence and trends: "2020-21"
    mark: str = ""  # written after the figure wherever it is shown, e.g. "[i]"
    hidden: bool = False  # not on show in this edition: never described nor compared

    @property
    def usable(self) -> bool:
        return self.figure is not None and not self.hidden


@dataclass(frozen=True)
class _Part:
    words: str
    judged: str = ""  # ", which is better"
    tones: frozenset[Tone] = frozenset()  # every judgement the words make
    unusual: bool = False
    evidence: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return self.words + self.judged

    @property
    def tone(self) -> Tone:
        return _one_tone(self.tones)


# Figures as written ------------------------------------------------------------------------


def shown(measure: Measure, figure: Decimal) -> Decimal:
    """The figure as a reader sees it, rounded to the measure's decimals."""
    return round_to(Decimal(figure), measure.decimals)


def figure_text(measure: Measure, figure: Decimal, mark: str = "", full: bool = True) -> str:
    """ "85%", "1,234", "38 per 10,000 children", "287 days"; `full=False` drops the words
    after a rate or a number of days, for a figure in brackets after a sentence has said them."""
    text = format_number(figure, measure.decimals)
    if measure.unit == "percentage":
        text += "%"
    elif full and measure.unit == "rate":
        text += " per 10,000 children"
    elif full and measure.unit == "days":
        text += " day" if shown(measure, figure) == 1 else " days"
    return f"{text} {mark}" if mark else text


def _amount(measure: Measure, difference: Decimal) -> str:
    """A difference between two figures in the measure's unit: "3.2 percentage points"."""
    size = format_number(abs(difference), measure.decimals)
    one = abs(difference) == 1
    if measure.unit == "percentage":
        return f"{size} percentage point" + ("" if one else "s")
    if measure.unit == "rate":
        return f"{size} per 10,000"
    if measure.unit == "days":
        return f"{size} day" + ("" if one else "s")
    return size


def _judged(judgement: Judgement) -> tuple[str, Tone]:
    if judgement == Judgement.BETTER:
        return ", which is better", "better"
    if judgement == Judgement.WORSE:
        return ", which is worse", "worse"
    return "", "neutral"


def _judgement(measure: Measure, up: bool) -> Judgement:
    if measure.polarity == NEITHER:
        return Judgement.NOT_JUDGED
    return Judgement.BETTER if up == (measure.polarity == UP_GOOD) else Judgement.WORSE


# Against last year ---------------------------------------------------------------------------


def _movement(measure: Measure, this: Reading, last: Reading | None) -> _Part | None:
    if last is None or not (this.usable and last.usable):
        return None
    assert this.figure is not None and last.figure is not None
    now, before = shown(measure, this.figure), shown(measure, last.figure)
    before_text = figure_text(measure, before, last.mark, full=False)
    evidence = ((last.label or last.when, figure_text(measure, before, last.mark)),)
    if now == before:
        return _Part(f"the same as {last.when}", evidence=evidence)
    move = direction_of(now, before, measure.polarity)
    if move.direction == Direction.SAME:
        return _Part(f"about the same as {last.when} ({before_text})", evidence=evidence)
    up = move.direction == Direction.UP
    if before == 0:
        text = f"up from 0 {last.when}"
    elif measure.unit == "count" and now >= 2 * before:
        text = f"{_times(now / before)} as many as {last.when} ({before_text})"
    else:
        text = f"{_change(measure, now, before, up)} than {last.when} ({before_text})"
    suffix, tone = _judged(move.judgement)
    unusual = before == 0 or abs(now - before) / abs(before) > Decimal(str(measure.change_alert))
    return _Part(text, suffix, frozenset({tone}), unusual, evidence)


def _times(ratio: Decimal) -> str:
    """ "twice", "more than twice", "more than 3 times": a count that doubled or more."""
    whole = int(ratio)
    words = "twice" if whole == 2 else f"{whole} times"
    return words if ratio == whole else f"more than {words}"


def _change(measure: Measure, now: Decimal, before: Decimal, up: bool) -> str:
    """ "52% fewer", "2 percentage points lower", "20 days shorter"."""
    if measure.unit == "count":
        share = format_number(abs(now - before) * 100 / abs(before))
        return f"{share}% {'more' if up else 'fewer'}"
    if measure.unit == "days":
        return f"{_amount(measure, now - before)} {'longer' if up else 'shorter'}"
    return f"{_amount(measure, now - before)} {'higher' if up else 'lower'}"


# Over the years on record ------------------------------------------------------------------


def _trend(measure: Measure, this: Reading, earlier: Sequence[Reading]) -> _Part | None:
    """The highest or lowest of three or more years, or a run of rises or falls."""
    readings = [*earlier, this]
    if len(readings) < 3 or not all(r.usable for r in readings):
        return None
    figures = [shown(measure, r.figure) for r in readings if r.figure is not None]
    now, before = figures[-1], figures[:-1]
    if now > max(before) or now < min(before):
        up = now > max(before)
        word = "highest" if up else "lowest"
        text = f"the {word} of the {len(figures)} years on record"
    else:
        run = _run(figures)
        if run < 2:
            return None
        up = figures[-1] > figures[-2]
        start = readings[-1 - run]
        text = f"{'rising' if up else 'falling'} every year since {start.label or start.when}"
    suffix, tone = _judged(_judgement(measure, up))
    return _Part(text, suffix, frozenset({tone}))


def _run(figures: list[Decimal]) -> int:
    """How many changes in a row, ending with the latest, went the same way."""
    run, step = 0, 0
    for before, after in zip(reversed(figures[:-1]), reversed(figures[1:]), strict=True):
        sign = (after > before) - (after < before)
        if sign == 0 or (step and sign != step):
            break
        step, run = sign, run + 1
    return run


# Against England, the region and statistical neighbours ------------------------------------


def comparator_name(kind: str, region: str = "") -> str:
    return {"national": "England", "regional": region or "the regional average",
            "statistical_neighbours": "statistical neighbours"}[kind]


def _comparators(measure: Measure, this: Reading, comparators: Mapping[str, Decimal | None],
                 region: str) -> _Part | None:
    if not this.usable:
        return None
    assert this.figure is not None
    now = shown(measure, this.figure)
    groups: dict[tuple[str, Judgement], list[str]] = {}
    evidence, unusual = [], False
    for kind in KINDS:
        value = comparators.get(kind)
        if value is None:
            continue
        other = shown(measure, value)
        name = comparator_name(kind, region)
        position = "in line with" if now == other else "above" if now > other else "below"
        judgement = (Judgement.SIMILAR if now == other
                     else _judgement(measure, now > other))
        groups.setdefault((position, judgement), []).append(
            f"{name} ({figure_text(measure, other, full=False)})")
        evidence.append((name, figure_text(measure, other)))
        if kind == "national" and other and abs(now - other) / abs(other) >= FAR_FROM_ENGLAND:
            unusual = True
    if not groups:
        return None
    clauses, tones = [], set[Tone]()
    for (position, judgement), names in groups.items():
        suffix, tone = _judged(judgement)
        clauses.append(f"{position} {_and(names)}{suffix}")
        tones.add(tone)
    return _Part("That is " + ", but ".join(clauses), "", frozenset(tones), unusual,
                 tuple(evidence))


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Against a target ----------------------------------------------------------------------------


def _target(measure: Measure, this: Reading, target: Decimal | None) -> _Part | None:
    if target is None or not this.usable:
        return None
    assert this.figure is not None
    now, goal = shown(measure, this.figure), shown(measure, target)
    goal_text = figure_text(measure, goal)
    evidence = (("Target", goal_text),)
    if measure.polarity == NEITHER:
        return _Part(f"The target was {goal_text}", evidence=evidence)
    met = now >= goal if measure.polarity == UP_GOOD else now <= goal
    if met:
        return _Part(f"The target of {goal_text} was met", tones=frozenset({"better"}),
                     evidence=evidence)
    return _Part(f"The target of {goal_text} was missed by {_amount(measure, now - goal)}",
                 tones=frozenset({"worse"}), evidence=evidence)


# Findings ------------------------------------------------------------------------------------


def _one_tone(tones: set[Tone] | frozenset[Tone]) -> Tone:
    judged = sorted(tones - {"neutral"})
    return judged[0] if len(judged) == 1 else "neutral"


def _opening(measure: Measure, this: Reading) -> str:
    assert this.figure is not None
    return f"{measure.title} {this.when}: {figure_text(measure, shown(measure, this.figure), this.mark)}"


def _parts(measure: Measure, this: Reading, last: Reading | None, earlier: Sequence[Reading],
           comparators: Mapping[str, Decimal | None], target: Decimal | None,
           region: str) -> dict[str, _Part]:
    found = {
        "movement": _movement(measure, this, last),
        "trend": _trend(measure, this, [*earlier, *([last] if last else [])]),
        "comparators": _comparators(measure, this, comparators, region),
        "target": _target(measure, this, target),
    }
    return {name: part for name, part in found.items() if part is not None}


def describe(measure: Measure, this: Reading, last: Reading | None = None,
             earlier: Sequence[Reading] = (), comparators: Mapping[str, Decimal | None] | None
             = None, target: Decimal | None = None, region: str = "") -> Finding | None:
    """One finding saying all there is to say about the figure, or None when there is nothing
    to set it against (or it is hidden). `earlier` are the years before `last`, oldest first;
    `comparators` are values by kind (national, regional, statistical_neighbours); `region`
    names the regional one ("London")."""
    if not this.usable:
        return None
    parts = _parts(measure, this, last, earlier, comparators or {}, target, region)
    if not parts:
        return None
    text = _opening(measure, this)
    if "movement" in parts:
        text += ", " + parts["movement"].text
    if "trend" in parts:
        trend = parts["trend"]
        said = "movement" in parts and parts["movement"].judged == trend.judged
        text += ("; " if "movement" in parts else ", ") + (trend.words if said else trend.text)
    text += "."
    for name in ("comparators", "target"):
        if name in parts:
            text += " " + parts[name].text + "."
    return Finding(
        subject=measure.code, text=text,
        tone=_one_tone({tone for p in parts.values() for tone in p.tones}),
        unusual=any(p.unusual for p in parts.values()),
        evidence=_evidence(measure, this, parts.values()))


def findings(measure: Measure, this: Reading, last: Reading | None = None,
             earlier: Sequence[Reading] = (), comparators: Mapping[str, Decimal | None] | None
             = None, target: Decimal | None = None, region: str = "") -> list[Finding]:
    """The same as `describe`, one finding per comparison (last year, trend, comparators,
    target), each a sentence of its own: for lists that pick out what is unusual."""
    if not this.usable:
        return []
    found = []
    for name, part in _parts(measure, this, last, earlier, comparators or {}, target,
                             region).items():
        if name in ("movement", "trend"):
            text = f"{_opening(measure, this)}, {part.text}."
        else:
            text = f"{_opening(measure, this)}. {part.text}."
        found.append(Finding(measure.code, text, part.tone, part.unusual,
                             _evidence(measure, this, [part])))
    return found


def _evidence(measure: Measure, this: Reading,
              parts: Iterable[_Part]) -> tuple[tuple[str, str], ...]:
    assert this.figure is not None
    first = ((this.label or this.when, figure_text(measure, shown(measure, this.figure),
                                                   this.mark)),)
    return first + tuple(pair for part in parts for pair in part.evidence)


def most_telling(found: Sequence[Finding], limit: int = 5) -> list[Finding]:
    """The first `limit` findings, unusual first, then those judged better or worse, in the
    order given otherwise (the catalogue's)."""
    ranked = sorted(enumerate(found), key=lambda pair: (
        not pair[1].unusual, pair[1].tone == "neutral", pair[0]))
    return [finding for _, finding in ranked[:limit]]
