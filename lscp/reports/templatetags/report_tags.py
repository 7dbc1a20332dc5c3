import base64
import json
from functools import lru_cache

from django import template

from lscp.reports.charts import to_svg

register = template.Library()


@lru_cache(maxsize=64)
def _svg_uri(spec_json: str) -> str:
    svg = to_svg(json.loads(spec_json)).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@register.filter
def chart_uri(chart: object) -> str:
    return _svg_uri(json.dumps(chart.spec, sort_keys=True))  # type: ignore[attr-defined]


@register.filter
def heading_level(depth: int) -> int:
    return min(2 + int(depth), 6)


@register.filter
def plus_one(value: int) -> int:
    return int(value) + 1
