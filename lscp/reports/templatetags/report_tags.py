"""Template filters of the report templates: pictures drawn from the content tree, and
heading levels. The pictures are SVG, inline, each an image with its text alternative."""

import base64

from django import template
from django.utils.safestring import SafeString, mark_safe

from lscp.reports.render.charts import chart_svg as draw_chart
from lscp.reports.render.charts import labelled
from lscp.reports.render.glance import glance_svg as draw_glance

register = template.Library()


@register.filter
def chart_svg(chart: object) -> SafeString:
    """The chart, its title left to the caption, named by its summary."""
    svg = draw_chart(chart.spec)  # type: ignore[attr-defined]
    return mark_safe(labelled(svg, chart.summary))  # type: ignore[attr-defined]  # noqa: S308 (drawn by vl-convert, text escaped as XML)


@register.filter
def glance_svg(glance: object) -> SafeString:
    svg = draw_glance(glance)  # type: ignore[arg-type]
    return mark_safe(labelled(svg, glance.summary, "lscp-glance"))  # type: ignore[attr-defined]  # noqa: S308 (our own drawing, text escaped)


@register.filter
def logo_uri(logo: object) -> str:
    data = base64.b64encode(logo.data).decode("ascii")  # type: ignore[attr-defined]
    return f"data:{logo.media_type};base64,{data}"  # type: ignore[attr-defined]


@register.filter
def heading_level(depth: int) -> int:
    return min(2 + int(depth), 6)


@register.filter
def plus_one(value: int) -> int:
    return int(value) + 1
