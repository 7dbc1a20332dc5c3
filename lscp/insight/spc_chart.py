"""An XmR chart as data: the Vega-Lite spec, its text alternative and the table it was drawn from.

The spec draws the values, each segment's mean (solid) and process limits (dashed), and
marks special-cause points by what they mean for children: blue improving, orange
concerning, purple where neither direction is better, grey common cause. Shape repeats
what colour says (a triangle up for high, down for low), so colour is never the only
cue; every colour has at least 3:1 contrast on white. The summary sentence and the table
carry everything the picture shows (WCAG 2.2 AA), as `lscp.reports.content.Chart` expects.

Plain Python: no Django (TID251). Rendered offline by `lscp.insight.charts.to_png`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt

from lscp.insight.charts import FONT
from lscp.insight.findings.signals import Format, period_words, span_words, unit_words
from lscp.insight.spc import Signal, SpcResult, variation_label

COLOURS = {"Improving": "#1d70b8", "Concerning": "#b94a00",
           "Neither improving nor concerning": "#4c2c92", "Common cause": "#505a5f"}
SHAPES = {"high": "triangle-up", "low": "triangle-down", "none": "circle"}
LINES = ("Mean", "Upper process limit", "Lower process limit")
HEAD = ["Period", "Value", "Mean", "Lower process limit", "Upper process limit", "Signal"]


@dataclass(frozen=True)
class SpcChart:
    title: str
    summary: str  # the text alternative
    spec: dict[str, Any]  # Vega-Lite
    head: list[str]
    rows: list[list[str]]


def lower_first(title: str) -> str:
    """"MASH enquiries" stays as it is; "Referrals to..." becomes "referrals to..."."""
    word = title.split(" ", 1)[0]
    return title if word.isupper() or not title else title[0].lower() + title[1:]


def rule_words(signal: Signal) -> str:
    high = signal.direction == "high"
    return {"beyond_limit": f"{'Above the upper' if high else 'Below the lower'} process limit",
            "two_of_three": f"Two of three near the {'upper' if high else 'lower'} process limit",
            "shift": f"Shift {'above' if high else 'below'} the mean",
            "trend": f"{'Rising' if high else 'Falling'} trend"}[signal.rule]


def _marked(result: SpcResult, label: str) -> tuple[str, str]:
    """A point's colour key and shape: by the signals it belongs to, concerning first."""
    signals = result.signals_at(label)
    for meaning, key in (("concerning", "Concerning"), ("improving", "Improving"),
                         ("neither", "Neither improving nor concerning")):
        chosen = [s for s in signals if s.meaning == meaning]
        if chosen:
            return key, chosen[0].direction
    return "Common cause", "none"


def signal_cell(result: SpcResult, label: str) -> str:
    """The table's Signal column: what each rule found at this point, and what it means."""
    signals = result.signals_at(label)
    if signals:
        meaning = signals[0].meaning
        words = "; ".join(rule_words(s) for s in signals)
        return f"{words} ({'neither improving nor concerning' if meaning == 'neither' else meaning})"
    return "Common cause" if result.limits_at(label) is not None else "–"


def spc_rows(result: SpcResult, fmt: Format,
             label_of: Callable[[str], str] = period_words) -> list[list[str]]:
    rows = []
    for point, limits in zip(result.points, result.limits, strict=True):
        figures = ([fmt(limits.mean), fmt(limits.lower), fmt(limits.upper)] if limits
                   else ["–", "–", "–"])
        rows.append([label_of(point.label), "–" if point.value is None else fmt(point.value),
                     *figures, signal_cell(result, point.label)])
    return rows


def spc_summary(title: str, result: SpcResult, fmt: Format) -> str:
    """The chart in one paragraph: span, mean and limits, the signals, and the latest point."""
    shown = [p for p in result.points if p.value is not None]
    if not shown:
        return f"No figures yet for {lower_first(title)}."
    span = (f"XmR chart of {lower_first(title)}: {unit_words(shown[-1].label, len(shown))}, "
            f"{span_words(shown[0].label, shown[-1].label)}.")
    limits = result.latest_limits
    if limits is None:
        return (f"{span} Too few points for process limits ({result.latest_count}; at least "
                f"{result.minimum} are needed). The table below gives every value.")
    lead = f"Since {period_words(result.steps[-1])}: mean" if result.steps else "Mean"
    text = (f"{span} {lead} {fmt(limits.mean)}, process limits {fmt(limits.lower)} to "
            f"{fmt(limits.upper)}.")
    if result.signals:
        count = len(result.signals)
        text += (f" {count} special-cause signal{'s' if count > 1 else ''}: "
                 + "; ".join(f"{rule_words(s).lower()} ({_when(s)})" for s in result.signals)
                 + ".")
    else:
        text += " No special-cause signal."
    return (f"{text} Latest point: {variation_label(result).lower()}. The table below gives "
            "every point with its mean, limits and signal.")


def _when(signal: Signal) -> str:
    if len(signal.labels) == 1:
        return period_words(signal.last)
    return span_words(signal.labels[0], signal.last)


def _data(result: SpcResult, label_of: Callable[[str], str]) -> list[dict[str, Any]]:
    rows, segment = [], 0
    for i, (point, limits) in enumerate(zip(result.points, result.limits, strict=True)):
        if point.label in result.steps:
            segment += 1
        colour, shape = _marked(result, point.label)
        row: dict[str, Any] = {"order": i, "period": label_of(point.label),
                               "value": point.value, "segment": segment, "signal": colour,
                               "shape": SHAPES[shape]}
        if limits is not None:
            row.update(zip(LINES, (limits.mean, limits.upper, limits.lower), strict=True))
        rows.append(row)
    return rows


def spc_spec(title: str, unit: str, result: SpcResult,
             label_of: Callable[[str], str] = period_words) -> dict[str, Any]:
    rows = _data(result, label_of)
    order = [row["period"] for row in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40)))
    lines = base.transform_fold(list(LINES), as_=["line", "level"]).transform_filter(
        "isValid(datum.level)").transform_calculate(
        kind="datum.line === 'Mean' ? 'Mean' : 'Process limits'",
        part="datum.line + ' ' + datum.segment").mark_line(
        color="#6f777b", strokeWidth=1.5).encode(
        y=alt.Y("level:Q", title=unit),
        strokeDash=alt.StrokeDash("kind:N", scale=alt.Scale(
            domain=["Mean", "Process limits"], range=[[1, 0], [6, 3]]),
            legend=alt.Legend(title=None, orient="bottom")),
        detail="part:N")
    values = base.mark_line(color="#0b0c0c", strokeWidth=1.5).encode(
        y=alt.Y("value:Q", title=unit), detail="segment:N")
    points = base.transform_filter("isValid(datum.value)").mark_point(
        filled=True, size=70, opacity=1).encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.Color("signal:N", scale=alt.Scale(domain=list(COLOURS),
                                                    range=list(COLOURS.values())),
                        legend=alt.Legend(title=None, orient="bottom")),
        shape=alt.Shape("shape:N", scale=None),
        tooltip=["period:N", "value:Q", "signal:N"])
    chart = (alt.layer(lines, values, points)
             .properties(width=520, height=240, title=title)
             .configure_axis(labelFont=FONT, titleFont=FONT, labelColor="#0b0c0c")
             .configure_legend(labelFont=FONT)
             .configure_title(font=FONT, fontSize=13))
    return chart.to_dict()


def spc_chart(title: str, unit: str, result: SpcResult, fmt: Format,
              label_of: Callable[[str], str] = period_words) -> SpcChart:
    """The chart with its text alternative and table, ready for a page or a document."""
    caption = f"{title}: statistical process control (XmR) chart"
    return SpcChart(caption, spc_summary(title, result, fmt),
                    spc_spec(caption, unit, result, label_of), list(HEAD),
                    spc_rows(result, fmt, label_of))
