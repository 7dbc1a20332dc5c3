"""The report as one self-contained HTML page: stylesheet inline, pictures as inline SVG.

The stylesheet is standalone.css, then print.css inside `@media print`: the same file prints
from a browser with the cover, contents and page breaks that WeasyPrint lays the PDF out
with (render/pdf.py). Browsers ignore what only WeasyPrint knows (leaders, target-counter).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string

from lscp.reports.content import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "reports"
STYLESHEET = TEMPLATES / "standalone.css"
PRINT_STYLESHEET = TEMPLATES / "print.css"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """Read once per process: the stylesheets change only with a deployment."""
    screen = STYLESHEET.read_text(encoding="utf-8")
    return f"{screen}\n@media print {{\n{PRINT_STYLESHEET.read_text(encoding='utf-8')}}}\n"


def render_html(document: Document) -> bytes:
    html = render_to_string("reports/standalone.html", {"document": document,
                                                        "css": stylesheet()})
    return html.encode("utf-8")
