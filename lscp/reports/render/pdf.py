"""The report as a tagged PDF, laid out by WeasyPrint from the HTML edition.

The HTML edition's print rules (print.css) give A4 pages, the cover, contents with page
numbers (target-counter), the internal marking as a running header, tables whose header row
repeats and whose rows and captions are not split from what follows. Page margins are marked
as artifacts (render/pdf_artifacts.py). The file's metadata (title, author, subject,
keywords, dates) comes from the HTML's <meta> elements.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint import HTML

from lscp.reports.content import Document
from lscp.reports.render import pdf_artifacts
from lscp.reports.render.html import TEMPLATES, render_html

_pausing = threading.Lock()
_paused = {"renders": 0, "was_enabled": True}  # renders under way; the collector before them


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """WeasyPrint makes millions of short-lived objects, few of them in cycles: Python's
    cyclic collector ran hundreds of times during one report, scanning the whole heap each
    time, for a quarter of the PDF's time and nearly nothing freed (the demo report's peak
    memory is 7 MB higher without it). Reference counting frees everything else as usual;
    the collector comes back, as it was, when the last render in the process ends."""
    with _pausing:
        if _paused["renders"] == 0:
            _paused["was_enabled"] = gc.isenabled()
            gc.disable()
        _paused["renders"] += 1
    try:
        yield
    finally:
        with _pausing:
            _paused["renders"] -= 1
            if _paused["renders"] == 0 and _paused["was_enabled"]:
                gc.enable()


def render_pdf(document: Document, html: bytes | None = None) -> bytes:
    """A tagged PDF/UA-1 file: headings, tables and image alternatives survive for screen
    readers. `html` is the document's HTML edition when the caller has it already."""
    pdf_artifacts.install()
    source = (html or render_html(document)).decode("utf-8")
    with cyclic_gc_paused():
        return bytes(HTML(string=source, base_url=str(TEMPLATES)).write_pdf(
            pdf_variant="pdf/ua-1"))
