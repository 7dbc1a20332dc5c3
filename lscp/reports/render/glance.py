"""The at-a-glance page's picture: the year's headline figures as tiles, in SVG.

Drawn here from the content tree's `Glance` block, by the same code for every format: the
HTML and PDF editions embed the SVG; Word gets it as PNG (render/charts.svg_png), beside the
same text alternative and table. Plain string building, no layout engine: the tiles have a
fixed size and the words are wrapped by an estimate of their width that errs on the wide
side (Liberation Sans averages about half an em a character).
"""

from __future__ import annotations

import textwrap
from html import escape

from lscp.reports.content import Glance, Headline

COLUMNS = 3
TILE_WIDTH, TILE_HEIGHT, GAP, PAD = 200, 140, 14, 12
WIDTH = COLUMNS * TILE_WIDTH + (COLUMNS - 1) * GAP
FONT = "Liberation Sans, Arial, sans-serif"
BLUE, INK, GREY_INK, TILE = "#1d70b8", "#0b0c0c", "#505a5f", "#f3f2f1"
VALUE_SIZE, LABEL_SIZE, NOTE_SIZE = 30, 13, 11.5
LABEL_LINES, NOTE_LINES = 3, 2


def _lines(text: str, size: float, most: int) -> list[str]:
    """Wrapped to the tile, at most `most` lines; a longer text ends with an ellipsis."""
    width = int((TILE_WIDTH - 2 * PAD) / (size * 0.52))
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _text(x: float, y: float, lines: list[str], size: float, colour: str,
          bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x}" y="{y + i * size * 1.25:.1f}">{escape(line, quote=False)}</tspan>'
        for i, line in enumerate(lines))
    return (f'<text font-family="{FONT}" font-size="{size}" fill="{colour}"{weight}>'
            f"{spans}</text>")


def _tile(index: int, headline: Headline) -> str:
    x = (index % COLUMNS) * (TILE_WIDTH + GAP)
    y = (index // COLUMNS) * (TILE_HEIGHT + GAP)
    left = x + PAD
    label = _lines(headline.label, LABEL_SIZE, LABEL_LINES)
    parts = [
        f'<rect x="{x}" y="{y}" width="{TILE_WIDTH}" height="{TILE_HEIGHT}" fill="{TILE}"/>',
        f'<rect x="{x}" y="{y}" width="{TILE_WIDTH}" height="5" fill="{BLUE}"/>',
        _text(left, y + 42, [headline.value], VALUE_SIZE, INK, bold=True),
        _text(left, y + 64, label, LABEL_SIZE, INK),
    ]
    if headline.note:  # below the label, however many lines it took
        parts.append(_text(left, y + 64 + len(label) * LABEL_SIZE * 1.25 + 4,
                           _lines(headline.note, NOTE_SIZE, NOTE_LINES), NOTE_SIZE, GREY_INK))
    return "".join(parts)


def glance_svg(glance: Glance) -> str:
    """The tiles, three to a row, as an SVG document sized to its rows."""
    rows = max(1, -(-len(glance.headlines) // COLUMNS))
    height = rows * TILE_HEIGHT + (rows - 1) * GAP
    tiles = "".join(_tile(i, h) for i, h in enumerate(glance.headlines))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}">{tiles}</svg>')
