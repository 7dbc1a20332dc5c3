"""Chart specifications (Vega-Lite, built with Altair) and their offline rendering.

Charts are data in the content tree; each renderer asks here for a PNG. vl-convert
renders without a browser or network.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import altair as alt
import vl_convert as vlc

# GOV.UK palette blue: contrast 8.6:1 on white (WCAG 2.2 AA needs 3:1 for graphics).
BAR_COLOUR = "#1d70b8"
FONT = "Liberation Sans, Arial, sans-serif"


def attendance_chart(rows: list[tuple[str, Decimal | None]]) -> dict[str, Any]:
    data = alt.Data(values=[
        {"organisation": name, "attendance": float(value) if value is not None else None}
        for name, value in rows
    ])
    chart = (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOUR)
        .encode(
            y=alt.Y("organisation:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X("attendance:Q", title="Attendance (%)",
                    scale=alt.Scale(domain=[0, 100])),
            tooltip=["organisation:N", "attendance:Q"],
        )
        .properties(width=320, height=alt.Step(16))
        .configure_axis(labelFontSize=11, titleFontSize=12, labelColor="#0b0c0c",
                        titleColor="#0b0c0c", labelFont=FONT, titleFont=FONT)
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def to_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    return bytes(vlc.vegalite_to_png(spec, scale=scale))


def series_chart(title: str, unit: str, points: list[tuple[str, float | None]],
                 comparators: dict[str, list[tuple[str, float]]]) -> dict[str, Any]:
    """A time series with comparator lines; periods are ordered as given."""
    order = [label for label, _ in points]
    rows = [{"period": label, "series": "Partnership", "value": value}
            for label, value in points if value is not None]
    for name, values in comparators.items():
        rows += [{"period": label, "series": name, "value": value} for label, value in values
                 if label in order]
    colours = ["#1d70b8", "#d4351c", "#00703c", "#6f72af"]
    names = ["Partnership", *comparators]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40)),
            y=alt.Y("value:Q", title=unit),
            color=alt.Color("series:N", scale=alt.Scale(domain=names, range=colours[:len(names)]),
                            legend=alt.Legend(title=None, orient="bottom")),
            strokeDash=alt.StrokeDash("series:N", legend=None),
        )
        .properties(width=520, height=220, title=title)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelColor="#0b0c0c")
        .configure_legend(labelFont=FONT)
        .configure_title(font=FONT, fontSize=13)
    )
    return chart.to_dict()
