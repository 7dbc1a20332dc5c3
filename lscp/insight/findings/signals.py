"""Statistical process control signals as sentences: what a reader should look at, and why.

Each signal of an XmR chart (lscp/insight/spc.py) becomes one sentence with its evidence:
"MASH enquiries received in March 2021, 1,023, are above the upper process limit (925):
special cause, neither improving nor concerning." A chart with too few points says so in
a sentence too, so a page or a pack never goes quiet about a series it could not read.

Period keys are written as people say them: "2021-03" is March 2021, "2020-21-Q4" is
January to March 2021. Plain Python: no Django (TID251).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lscp.insight.findings import Finding, Tone
from lscp.insight.periods import parse_period
from lscp.insight.spc import Limits, Signal, SpcResult

Format = Callable[[float], str]

MEANING_WORDS = {"improving": "special cause, improving", "concerning": "special cause, concerning",
                 "neither": "special cause, neither improving nor concerning"}
TONES: dict[str, Tone] = {"improving": "better", "concerning": "worse", "neither": "neutral"}
# Titles that name one thing ("Rate of ...") take "is"; the rest name many ("Referrals ...").
_SINGULAR = {"rate", "average", "percentage", "proportion", "share", "number", "median", "total",
             "time", "timeliness"}


def period_words(label: str) -> str:
    """"2021-03" -> "March 2021"; "2020-21-Q4" -> "January to March 2021"; other labels as
    they are."""
    try:
        period = parse_period(label)
    except ValueError:
        return label
    if period.kind == "month":
        return f"{period.start:%B %Y}"
    if period.kind in ("quarter", "half"):
        start = f"{period.start:%B}" if period.start.year == period.end.year else \
            f"{period.start:%B %Y}"
        return f"{start} to {period.end:%B %Y}"
    return period.key


def span_words(first: str, last: str) -> str:
    """"April to October 2020", "November 2020 to February 2021"; quarters from the first
    one's first month to the last one's last: "April 2020 to March 2021"."""
    try:
        a, b = parse_period(first), parse_period(last)
    except ValueError:
        return f"{first} to {last}"
    if a.kind == "year" or b.kind == "year":
        return f"{a.key} to {b.key}"
    start = f"{a.start:%B}" if a.start.year == b.end.year else f"{a.start:%B %Y}"
    return f"{start} to {b.end:%B %Y}"


def unit_words(label: str, count: int) -> str:
    """"7 months", "8 quarters", "7 points": the kind of period the series is in."""
    try:
        kind = parse_period(label).kind
    except ValueError:
        kind = "point"
    kind = {"month": "month", "quarter": "quarter", "half": "half-year", "year": "year"}.get(
        kind, "point")
    return f"{count} {kind}{'' if count == 1 else 's'}"


def _are(title: str, present: bool = True) -> str:
    singular = title.split(" ", 1)[0].lower() in _SINGULAR
    if present:
        return "is" if singular else "are"
    return "was" if singular else "were"


def _values(result: SpcResult, labels: Sequence[str], fmt: Format) -> list[str]:
    return [fmt(v) if (v := result.value_of(label)) is not None else "–" for label in labels]


def _joined(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def signal_sentence(title: str, result: SpcResult, signal: Signal, fmt: Format) -> str:
    """One signal in words, ending with what it means for children by the polarity."""
    limits = result.limits_at(signal.last)
    assert limits is not None  # a signal is only read against limits
    builder = {"beyond_limit": _beyond, "shift": _shift, "trend": _trend,
               "two_of_three": _two_of_three}[signal.rule]
    return builder(title, result, signal, limits, fmt) + MEANING_WORDS[signal.meaning] + "."


def _side(signal: Signal) -> str:
    return "upper" if signal.direction == "high" else "lower"


def _beyond(title: str, result: SpcResult, signal: Signal, limits: Limits, fmt: Format) -> str:
    (value,) = _values(result, signal.labels, fmt)
    line = limits.upper if signal.direction == "high" else limits.lower
    where = "above" if signal.direction == "high" else "below"
    return (f"{title} in {period_words(signal.last)}, {value}, {_are(title)} {where} the "
            f"{_side(signal)} process limit ({fmt(line)}): ")


def _shift(title: str, result: SpcResult, signal: Signal, limits: Limits, fmt: Format) -> str:
    where = "above" if signal.direction == "high" else "below"
    return (f"{title} {_are(title, present=False)} {where} the mean ({fmt(limits.mean)}) for "
            f"{unit_words(signal.last, len(signal.labels))} in a row, "
            f"{span_words(signal.labels[0], signal.last)}: a shift, ")


def _trend(title: str, result: SpcResult, signal: Signal, limits: Limits, fmt: Format) -> str:
    first, last = _values(result, (signal.labels[0], signal.last), fmt)
    moved = "rose" if signal.direction == "high" else "fell"
    count = unit_words(signal.last, len(signal.labels))
    each = count.split(" ", 1)[1].removesuffix("s")
    return (f"{title} {moved} {each} after {each} for {count}, from {first} in "
            f"{period_words(signal.labels[0])} to {last} in {period_words(signal.last)}: "
            "a trend, ")


def _two_of_three(title: str, result: SpcResult, signal: Signal, limits: Limits,
                  fmt: Format) -> str:
    values = _values(result, signal.labels, fmt)
    when = _joined([period_words(label) for label in signal.labels])
    line = limits.upper if signal.direction == "high" else limits.lower
    beyond = any((v := result.value_of(label)) is not None and (
        v > line if signal.direction == "high" else v < line) for label in signal.labels)
    near = "close to or beyond" if beyond else "close to"
    return (f"{title} in {when}, {_joined(values)}, {_are(title)} {near} the {_side(signal)} "
            f"process limit ({fmt(line)}), two of three "
            f"{unit_words(signal.last, 3).split(' ', 1)[1]} in a row: ")


def _evidence(result: SpcResult, signal: Signal, fmt: Format) -> tuple[tuple[str, str], ...]:
    limits = result.limits_at(signal.last)
    assert limits is not None
    shown = [(period_words(label), value) for label, value in
             zip(signal.labels, _values(result, signal.labels, fmt), strict=True)]
    return (*shown, ("Mean", fmt(limits.mean)), ("Lower process limit", fmt(limits.lower)),
            ("Upper process limit", fmt(limits.upper)))


def not_enough_sentence(title: str, result: SpcResult) -> str:
    """"MASH enquiries received: 12 months on record; process limits need at least 15..." """
    label = result.points[-1].label if result.points else ""
    count = unit_words(label, result.latest_count)
    since = (f" since the recorded step change in {period_words(result.steps[-1])}"
             if result.steps else " on record")
    return (f"{title}: {count}{since}; statistical process control needs at least "
            f"{result.minimum} to draw process limits, so no signal is read yet.")


def signal_findings(subject: str, title: str, result: SpcResult, fmt: Format) -> list[Finding]:
    """One finding per signal, oldest first, then one saying there are too few points to
    read, when there are."""
    found = [Finding(subject, signal_sentence(title, result, s, fmt), TONES[s.meaning],
                     unusual=True, evidence=_evidence(result, s, fmt))
             for s in result.signals]
    if not result.enough:
        found.append(Finding(subject, not_enough_sentence(title, result)))
    return found
