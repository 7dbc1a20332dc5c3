"""The report as one self-contained HTML page: stylesheet inline, charts as PNG data URIs."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from lscp.reports.content import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "reports"
STYLESHEET = TEMPLATES / "standalone.css"


def render_html(document: Document) -> bytes:
    html = render_to_string("reports/standalone.html", {
        "document": document, "css": STYLESHEET.read_text(encoding="utf-8")})
    return html.encode("utf-8")
