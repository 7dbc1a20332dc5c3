"""A document as plain data: what the builders return and every renderer reads.

Numbers are computed once by a builder and arrive here as text; renderers only lay them out,
so the HTML, PDF and DOCX editions cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass
class BulletList:
    kind: ClassVar[str] = "list"
    items: list[str]


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    head: list[str]
    rows: list[list[str]]
    foot: list[list[str]] = field(default_factory=list)
    numeric: tuple[int, ...] = ()  # columns aligned right

    def is_numeric(self, index: int) -> bool:
        return index in self.numeric

    def _cells(self, rows: list[list[str]]) -> list[list[tuple[str, bool]]]:
        return [[(text, i in self.numeric) for i, text in enumerate(row)] for row in rows]

    @property
    def head_cells(self) -> list[tuple[str, bool]]:
        return self._cells([self.head])[0]

    @property
    def body_cells(self) -> list[list[tuple[str, bool]]]:
        return self._cells(self.rows)

    @property
    def foot_cells(self) -> list[list[tuple[str, bool]]]:
        return self._cells(self.foot)


@dataclass
class Chart:
    """A chart with its text alternative: a summary sentence and the table it was drawn from."""

    kind: ClassVar[str] = "chart"

    title: str
    summary: str
    spec: dict[str, Any]  # Vega-Lite
    table: Table


@dataclass
class Section:
    kind: ClassVar[str] = "section"
    id: str
    title: str
    blocks: list[Any] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    slug: str  # the file name stem, e.g. yearly-report-2020-21
    sections: list[Section]
    meta: dict[str, str] = field(default_factory=dict)

    def blocks(self) -> list[Any]:
        """Every block, depth first: for tests and for tracing figures."""
        found: list[Any] = []

        def walk(section: Section) -> None:
            found.extend(section.blocks)
            for sub in section.subsections:
                walk(sub)

        for s in self.sections:
            walk(s)
        return found
