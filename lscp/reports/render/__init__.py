"""Renderers: one content tree in, one file format out. They lay out; they never compute.

Each format is a module here; RENDERERS maps a format to its content type and renderer.
The report cache (lscp/reports/cache.py) hashes every module of this package.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lscp.reports.content import Document
from lscp.reports.render.docx import render_docx
from lscp.reports.render.html import render_html
from lscp.reports.render.pdf import render_pdf

__all__ = ["RENDERERS", "render_docx", "render_html", "render_pdf", "write_document"]

RENDERERS: dict[str, tuple[str, Callable[[Document], bytes]]] = {
    "html": ("text/html; charset=utf-8", render_html),
    "pdf": ("application/pdf", render_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             render_docx),
}


def write_document(document: Document, formats: list[str], folder: Path) -> list[Path]:
    """Each format of one content tree, built once; the PDF is laid out from the HTML
    edition, so that is rendered once for both."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    html: bytes | None = None
    for fmt in formats:
        path = folder / f"{document.slug}.{fmt}"
        if fmt in ("html", "pdf"):
            html = html or render_html(document)
            data = html if fmt == "html" else render_pdf(document, html)
        else:
            data = RENDERERS[fmt][1](document)
        path.write_bytes(data)
        written.append(path)
    return written
