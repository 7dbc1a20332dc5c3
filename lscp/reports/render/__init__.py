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
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        _, render = RENDERERS[fmt]
        path = folder / f"{document.slug}.{fmt}"
        path.write_bytes(render(document))
        written.append(path)
    return written
