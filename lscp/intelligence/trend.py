"""How a threat has moved since the last assessment: plain Python, no Django.

Levels and confidence are ordered words; a threat missing from the previous half's
assessment is new. The sentence is the one the assessment prints beside each threat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LEVELS = ("low", "moderate", "high", "very_high")
CONFIDENCES = ("low", "medium", "high")

Move = Literal["new", "up", "down", "same"]


@dataclass(frozen=True)
class Trend:
    level: Move
    confidence: Move
    text: str


def _move(order: tuple[str, ...], now: str, before: str | None) -> Move:
    if before is None:
        return "new"
    gap = order.index(now) - order.index(before)
    return "up" if gap > 0 else "down" if gap < 0 else "same"


def _words(value: str) -> str:
    return value.replace("_", " ")


def trend(level: str, confidence: str, before: tuple[str, str] | None,
          previous_label: str) -> Trend:
    """`before` is the (level, confidence) of the previous assessment, None if it had none."""
    if before is None:
        return Trend("new", "new", f"New since the {previous_label} assessment.")
    level_move = _move(LEVELS, level, before[0])
    confidence_move = _move(CONFIDENCES, confidence, before[1])
    said = {"up": "raised", "down": "lowered"}
    if level_move == "same":
        level_text = f"Level unchanged ({_words(level)})"
    else:
        level_text = f"Level {said[level_move]} from {_words(before[0])} to {_words(level)}"
    if confidence_move == "same":
        confidence_text = f"confidence unchanged ({confidence})"
    else:
        confidence_text = f"confidence {said[confidence_move]} from {before[1]} to {confidence}"
    return Trend(level_move, confidence_move,
                 f"{level_text} since {previous_label}; {confidence_text}.")


def lines(text: str) -> list[str]:
    """A text field kept one item a line, as a list: blank lines and bullets dropped."""
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines()
            if line.strip().lstrip("-•*").strip()]
