"""Small inline trend lines for the overview (the figures are in the row beside them, so the
line is decorative for screen readers beyond its one-sentence label), and a flag on a stored
value that the plausibility checks would refuse today."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from lscp.dataset.models import Value
from lscp.dataset.plausibility import hard_problems
from lscp.dataset.selectors import Summary, display

register = template.Library()


@register.simple_tag
def sparkline(summary: Summary, width: int = 100, height: int = 24) -> str:
    points = [p for p in summary.trend if p.figure is not None]
    if len(points) < 2:
        return ""
    values = [float(p.figure) for p in points if p.figure is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    coords = " ".join(f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
                      for i, v in enumerate(values))
    label = (f"Trend over {len(points)} periods, from {display(summary.indicator, points[0].figure)}"
             f" to {display(summary.indicator, points[-1].figure)}")
    return format_html(
        '<svg class="lscp-sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}"><polyline fill="none" stroke="#1d70b8" stroke-width="2" '
        'points="{}"/></svg>', width, height, width, height, label, coords)


@register.filter
def field_error(errors: dict[str, str], field: str) -> str:
    return errors.get(field, "")


@register.filter
def impossible(value: Value) -> str:
    """Why a stored value could not be entered now: it was stored before the checks were,
    and a reader of its history must see it is not to be trusted."""
    return "; ".join(f"the {'figure' if field == 'value' else field} {phrase}"
                     for field, phrase in hard_problems(
                         value.indicator, value=value.value, numerator=value.numerator,
                         denominator=value.denominator))
