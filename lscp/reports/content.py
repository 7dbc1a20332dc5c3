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
class Headline:
    """One figure of the at-a-glance page: as published in this edition (a hidden figure
    arrives here already as [c] or [x]) and what it is set against."""

    label: str  # what is counted, e.g. "Referrals to children's social care"
    value: str  # "2,345", "23%", "[c]"
    note: str = ""  # e.g. "2,512 in 2019-20; England 23%"


@dataclass
class Glance:
    """The year's headline figures as one picture (drawn as SVG by the renderers), with its
    text alternative and the table it is drawn from."""

    kind: ClassVar[str] = "glance"

    title: str
    summary: str  # the picture's text alternative
    headlines: list[Headline]
    table: Table


@dataclass
class Section:
    kind: ClassVar[str] = "section"
    id: str
    title: str
    blocks: list[Any] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


@dataclass
class Logo:
    """The partnership's logo, as its business unit uploaded it (PNG or JPEG)."""

    data: bytes
    media_type: str  # "image/png" or "image/jpeg"
    description: str  # its text alternative, e.g. "Logo of the ... Partnership"


@dataclass
class Cover:
    """What the first page says about the document: whose, which period, which edition,
    when built and from which content (version), and whom to contact."""

    partnership: str
    period: str  # e.g. "1 April 2020 to 31 March 2021"
    edition: str  # "internal" or "public"
    built: str  # the day it was built, in words: "30 June 2021"
    built_on: str  # the same day, ISO 8601: for file metadata
    version: str  # a short digest of the sections: the same content, the same version
    contact: list[str] = field(default_factory=list)  # lines: the business unit's contact
    logo: Logo | None = None
    contents: bool = True  # a contents page follows the cover

    @property
    def internal(self) -> bool:
        return self.edition == "internal"

    @property
    def marking(self) -> str:
        """The words every page of the internal edition carries; none on the public one."""
        return "Internal edition: true values, not for publication" if self.internal else ""

    @property
    def edition_label(self) -> str:
        return ("Internal: true values, not for publication" if self.internal
                else "Public: small numbers about children are suppressed")


@dataclass
class Document:
    title: str
    subtitle: str
    slug: str  # the file name stem, e.g. yearly-report-2020-21
    sections: list[Section]
    meta: dict[str, str] = field(default_factory=dict)
    cover: Cover | None = None  # set by the registry when the document is built

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
