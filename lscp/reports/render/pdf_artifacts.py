"""Page margins as artifacts in the tagged PDF: page numbers and running headers.

PDF/UA (ISO 14289-1, 7.8) wants page furniture marked as /Artifact, so that a screen reader
does not read "Page 3 of 31" and the internal marking in the middle of a sentence. WeasyPrint
(70) marks the text of the page-margin boxes as ordinary marked content with an MCID and
builds structure elements for it that it leaves out of the tree (Kozea/WeasyPrint#1836,
open): nothing reads them in order, but they are not artifacts either.

`install()` changes two of WeasyPrint's functions, once per process:
- drawing a page-margin box's stacking context happens inside one /Artifact marked-content
  sequence, with tagging off for what it draws (no MCIDs, no nested tags);
- the tag tree builder skips page-margin boxes, whose content now has no tags to collect.

Everything else WeasyPrint draws and tags is unchanged. tests/test_report_layout.py reads
the content streams back and fails if the page numbers stop being artifacts, and
`install()` refuses to run on a WeasyPrint whose functions are not the ones patched here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import weasyprint
from weasyprint import draw
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_INSTALLED = "_lscp_margin_artifacts"
_LOCK = threading.Lock()


def install() -> None:
    with _LOCK:
        if not getattr(draw, _INSTALLED, False):
            _install()


def _install() -> None:
    if not (callable(getattr(draw, "draw_stacking_context", None))
            and callable(getattr(tags, "_build_box_tree", None))):
        raise RuntimeError(f"WeasyPrint {weasyprint.__version__}: margin boxes cannot be "
                           "marked as artifacts; see lscp/reports/render/pdf_artifacts.py")
    draw_context = draw.draw_stacking_context
    build_tree = tags._build_box_tree

    def draw_stacking_context(stream: Any, stacking_context: Any) -> None:
        if not isinstance(stacking_context.box, boxes.MarginBox) or stream._tags is None:
            draw_context(stream, stacking_context)
            return
        with stream.artifact():
            tagged, stream._tags = stream._tags, None
            try:
                draw_context(stream, stacking_context)
            finally:
                stream._tags = tagged

    def build_box_tree(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        if isinstance(box, boxes.MarginBox):
            return
        yield from build_tree(box, *args, **kwargs)

    draw.draw_stacking_context = draw_stacking_context
    tags._build_box_tree = build_box_tree
    setattr(draw, _INSTALLED, True)
