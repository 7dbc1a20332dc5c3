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
