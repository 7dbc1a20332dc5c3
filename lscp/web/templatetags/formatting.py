"""How any page writes a number, and whether it may call its data a demo's.

One filter for numbers so that no page prints `3052.0`, `87.012` or `None`: the rounding is
`lscp.insight.figures.format_number` (half up, thousands separated), the same rule the
reports and the dataset overview use."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from lscp.demo.setup import is_demo as demo_partnership
from lscp.insight.figures import format_number

register = template.Library()

NOTHING = "–"


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return None
    return None


@register.filter
def figure(value: Any, places: Any = None) -> str:
    """3,052 for 3052.0; 87 for 87.012 (or 87.0 with `figure:1`); – for None or "".

    Without `places`, a figure keeps one decimal place only when it has one (12.5), as
    people write it; with `places` (an indicator's decimals), every figure of a column
    shows the same number of places, but whole counts (ints) never grow a ".0". Text that
    is not a number (a period label, "Illustrative") is returned unchanged, but for a share
    written "2867 of 3373", which becomes "2,867 of 3,373"."""
    if value is None or value == "":
        return NOTHING
    number = _number(value)
    if number is None:
        return _share(str(value), places)
    if not number.is_finite():
        return NOTHING
    if places in (None, "") or isinstance(value, int):
        shown = format_number(number, 0 if isinstance(value, int) else 1)
        return shown[:-2] if shown.endswith(".0") else shown
    return format_number(number, int(places))


def _share(text: str, places: Any) -> str:
    """"2867 of 3373" (a percentage's counts, as a change records them) as "2,867 of 3,373"."""
    parts = text.split(" of ")
    if len(parts) == 2 and all(_number(part) is not None for part in parts):
        return " of ".join(figure(part.strip(), places) for part in parts)
    return text


@register.filter
def is_demo(partnership: Any) -> bool:
    """Only the demo partnership's pages say "Demo data" or "Illustrative" of their data."""
    return demo_partnership(partnership)
