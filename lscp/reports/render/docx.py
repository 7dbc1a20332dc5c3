"""The report as a Word document, for partners who edit or reuse its text (python-docx)."""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from lscp.insight.charts import to_png
from lscp.reports.content import BulletList, Chart, Document, Paragraph, Section, Table


def render_docx(document: Document) -> bytes:
    docx = DocxDocument()
    styles = docx.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    core = docx.core_properties
    core.title = document.title
    core.author = document.meta.get("partnership", "")
    core.language = document.meta.get("language", "en-GB")
    docx.add_heading(document.title, level=0)
    docx.add_paragraph(document.subtitle)
    for section in document.sections:
        _docx_section(docx, section, level=1)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _docx_section(docx, section: Section, level: int) -> None:  # type: ignore[no-untyped-def]
    docx.add_heading(section.title, level=min(level, 9))
    for block in section.blocks:
        if isinstance(block, Paragraph):
            docx.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                docx.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _docx_table(docx, block)
        elif isinstance(block, Chart):
            _docx_chart(docx, block)
    for sub in section.subsections:
        _docx_section(docx, sub, level + 1)


def _docx_table(docx, table: Table) -> None:  # type: ignore[no-untyped-def]
    caption = docx.add_paragraph(table.caption, style="Caption")
    caption.runs[0].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    grid = docx.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_as_header(header)
    for i, text in enumerate(table.head):
        _fill(header.cells[i], text, bold=True, numeric=table.is_numeric(i))
    for row in [*table.rows, *table.foot]:
        cells = grid.add_row().cells
        bold = row in table.foot
        for i, text in enumerate(row):
            _fill(cells[i], text, bold=bold, numeric=table.is_numeric(i))
    docx.add_paragraph()


def _fill(cell, text: str, bold: bool, numeric: bool) -> None:  # type: ignore[no-untyped-def]
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(row) -> None:  # type: ignore[no-untyped-def]
    """Mark the first row as a header row: repeated on each page, announced by screen readers."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _docx_chart(docx, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    docx.add_picture(io.BytesIO(to_png(chart.spec)), width=Cm(15))
    # The picture's alternative text (Word's "Alt Text"): the chart's summary.
    doc_pr = docx.inline_shapes[-1]._inline.docPr
    doc_pr.set("descr", chart.summary)
    doc_pr.set("title", chart.title)
    docx.add_paragraph(f"{chart.title}. Chart; its data is in the table that follows.",
                       style="Caption")
    _docx_table(docx, chart.table)
