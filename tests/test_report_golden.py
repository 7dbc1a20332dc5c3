"""The demo yearly report, byte for byte: a refactoring of the report code must not change it.

The files in tests/golden/ are the report as it stood when they were written: the HTML
exactly (charts included, as PNG data URIs) and the DOCX as its text, paragraphs and table
cells in document order (the DOCX zip itself carries timestamps, so its bytes differ on
every save). When an issue changes the report's content on purpose, regenerate them and
review the diff like any other change:

    LSCP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py

Charts are drawn by vl-convert with the fonts installed on the machine, so the HTML's PNGs
are only stable for one set of fonts (Liberation Sans here); a machine with other fonts
gets other PNG bytes and should compare the DOCX text only.
"""

from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.table import Table as DocxTable

from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import render_docx, render_html

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("LSCP_UPDATE_GOLDEN") == "1"
HOW_TO_UPDATE = ("If the change is deliberate, regenerate with "
                 "LSCP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py and review "
                 "the diff of tests/golden/.")


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell, in document order, one per line."""
    lines = []
    for item in read_docx(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, DocxTable):
            lines += [f"| {' | '.join(cell.text for cell in row.cells)} |" for row in item.rows]
        else:
            lines.append(item.text)
    return "\n".join(lines) + "\n"


def _compare(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual)
        return
    assert path.exists(), f"{path} is missing. {HOW_TO_UPDATE}"
    expected = path.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines(),
            f"golden/{name}", "built now", lineterm="", n=1)
        shown = "\n".join(line[:300] for line in list(diff)[:40])
        pytest.fail(f"The yearly report differs from tests/golden/{name}.\n{shown}\n"
                    f"{HOW_TO_UPDATE}", pytrace=False)


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_the_yearly_report_matches_its_golden_copy(demo, public: bool, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"  # the cover says the day it was built
    document = build_yearly_report(demo, demo.years.get(label="2020-21"), public=public)
    stem = "yearly-2020-21" + ("-public" if public else "")
    html = render_html(document)
    assert render_html(document) == html, "rendering the same document twice differs"
    _compare(f"{stem}.html", html)
    _compare(f"{stem}.docx.txt", docx_text(render_docx(document)).encode("utf-8"))
