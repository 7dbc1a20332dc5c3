"""Findings: what a series of figures says, as plain-English sentences with their evidence.

Every document that interprets figures (the yearly report's themes, the quarterly pack, the
threat assessment, a portfolio snapshot) and every page that lists emerging risks reads its
sentences from here, so one set of words is tested once. Plain Python: no Django (TID251).

- `movement`: a value against last year, the trend, England, region, statistical neighbours
  and target, in words that respect polarity.
- `signals`: statistical process control signals (`lscp.insight.spc`) as sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Tone = Literal["better", "worse", "neutral"]


@dataclass(frozen=True)
class Finding:
    """One sentence about one subject (an indicator code, usually), with the figures behind it.

    `tone` is whether the sentence reports something better or worse for children, as the
    indicator's polarity reads it; `unusual` flags what a reader should look at first.
    """

    subject: str
    text: str
    tone: Tone = "neutral"
    unusual: bool = False
    evidence: tuple[tuple[str, str], ...] = ()  # (label, formatted value) pairs
