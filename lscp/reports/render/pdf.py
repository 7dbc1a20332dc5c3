"""The report as a tagged PDF, laid out by WeasyPrint from the HTML edition."""

from __future__ import annotations

from weasyprint import HTML

from lscp.reports.content import Document
from lscp.reports.render.html import TEMPLATES, render_html


def render_pdf(document: Document) -> bytes:
    """A tagged PDF/UA-1 file: headings, tables and image alternatives survive for screen readers."""
    html = render_html(document).decode("utf-8")
    return bytes(HTML(string=html, base_url=str(TEMPLATES)).write_pdf(pdf_variant="pdf/ua-1"))
