import base64
import json
from functools import lru_cache

from django import template

from lscp.insight.charts import to_png

register = template.Library()


@lru_cache(maxsize=64)
def _png_uri(spec_json: str) -> str:
    """PNG, not SVG: the chart's text is laid out once, by the renderer that measured it."""
    png = to_png(json.loads(spec_json))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@register.filter
def chart_uri(chart: object) -> str:
    return _png_uri(json.dumps(chart.spec, sort_keys=True))  # type: ignore[attr-defined]


@register.filter
def heading_level(depth: int) -> int:
    return min(2 + int(depth), 6)


@register.filter
def plus_one(value: int) -> int:
    return int(value) + 1
