"""Charts of the content tree as pictures: SVG for the HTML and PDF editions, PNG for Word.

A chart is drawn once per process for each spec (keyed by a digest of the spec), whichever
format asks first: building the three formats of a report draws each chart once, not three
times, and the PNG is made from that same SVG rather than by running Vega again. vl-convert
draws offline, with the fonts installed on the machine (Liberation Sans here), which are
the fonts WeasyPrint lays the PDF out with, so the text measured for the SVG is the text
drawn.

The title is taken out of the spec: the renderers show a chart's title once, as its caption,
never a second time inside the picture.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from html import escape
from typing import Any

import vl_convert as vlc

PNG_SCALE = 2.0  # Word shows the picture at about 15 cm: twice the pixels keep it sharp


def spec_key(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def untitled(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec without its own title: the caption carries it."""
    return {key: value for key, value in spec.items() if key != "title"}


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (no text alternative yet: see `labelled`)."""
    plain = untitled(spec)
    return _svg(spec_key(plain), json.dumps(plain, sort_keys=True, default=str))


@lru_cache(maxsize=128)
def _svg(key: str, spec_json: str) -> str:
    return str(vlc.vegalite_to_svg(json.loads(spec_json)))


def svg_png(svg: str, scale: float = PNG_SCALE) -> bytes:
    """An SVG drawn as PNG (Word's picture), kept by the SVG's digest."""
    return _png(hashlib.sha256(svg.encode()).hexdigest(), svg, scale)


@lru_cache(maxsize=128)
def _png(key: str, svg: str, scale: float) -> bytes:
    return bytes(vlc.svg_to_png(svg, scale=scale))


def chart_png(spec: dict[str, Any]) -> bytes:
    return svg_png(chart_svg(spec))


_ROOT = re.compile(r"<svg\b([^>]*)>", re.S)
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+|class)="[^"]*"')


def labelled(svg: str, name: str, css_class: str = "lscp-chart") -> str:
    """The SVG as an image with a text alternative: role="img", the name as aria-label and
    as its <title> (which WeasyPrint uses as the tagged PDF figure's /Alt), and a class to
    size it by. The marks' own ARIA (Vega describes each axis) is dropped: inside an image
    a screen reader reads only the name."""
    match = _ROOT.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    attributes = _ARIA.sub("", match.group(1))
    root = (f'<svg{attributes} class="{css_class}" role="img" '
            f'aria-label="{escape(name)}" focusable="false">'
            f"<title>{escape(name, quote=False)}</title>")
    inner = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "",
                   svg[match.end():])
    return svg[:match.start()] + root + inner
