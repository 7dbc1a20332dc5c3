"""A meeting's pack as one PDF: a cover with the agenda (WeasyPrint), then every PDF paper
in agenda order (pypdf). Word, Excel and image papers are listed on the agenda as supplied
separately; a PDF that cannot be read is listed as such rather than failing the pack."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from weasyprint import HTML

from lscp.attachments import files
from lscp.attachments.models import Attachment, FileKind
from lscp.meetings import selectors
from lscp.meetings.models import AgendaItem
from lscp.partnership.models import Meeting


@dataclass
class Paper:
    attachment: Attachment
    reader: PdfReader | None = None
    note: str = ""


def _paper(attachment: Attachment) -> Paper:
    if attachment.kind != FileKind.PDF:
        return Paper(attachment, note="supplied separately")
    try:
        reader = PdfReader(io.BytesIO(files.read(attachment.stored_name)))
        pages = len(reader.pages)
    except (PyPdfError, OSError, ValueError):
        return Paper(attachment, note="could not be read: supplied separately")
    return Paper(attachment, reader, note=f"in this pack, {pages} page{'s' if pages != 1 else ''}")


def _papers(items: list[AgendaItem], meeting: Meeting) -> list[tuple[AgendaItem | None, list[Paper]]]:
    """The meeting's own papers first, then each item's, in agenda order."""
    own = Attachment.objects.current().filter(meeting=meeting)
    by_item = Attachment.objects.current().filter(agenda_item__in=items)
    grouped: list[tuple[AgendaItem | None, list[Paper]]] = [(None, [_paper(a) for a in own])]
    for item in items:
        grouped.append((item, [_paper(a) for a in by_item if a.agenda_item_id == item.pk]))
    return grouped


def build_pack(meeting: Meeting) -> bytes:
    items = list(selectors.agenda(meeting))
    grouped = _papers(items, meeting)
    cover = render_to_string("meetings/pack.html", {
        "meeting": meeting, "general": grouped[0][1], "items": grouped[1:],
        "quorum": selectors.quorum(meeting)})
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(HTML(string=cover).write_pdf())))
    for _, papers in grouped:
        for paper in papers:
            if paper.reader is not None:
                writer.append(paper.reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
