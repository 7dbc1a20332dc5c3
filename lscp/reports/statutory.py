"""Which of the yearly report's statutory content a built report covers, and what is missing.

The requirements and the sections that meet them are data (`statutory.toml`); this module
only checks them against a built document, so a gap shows before the report is approved.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lscp.reports.content import Document, Paragraph, Section

# The frame the report answers to: its guidance, recipients and required content.
STATUTORY: dict[str, Any] = tomllib.loads(
    (Path(__file__).parent / "statutory.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Requirement:
    text: str
    covered_by: tuple[str, ...]  # titles of the sections in this report that cover it

    @property
    def met(self) -> bool:
        return bool(self.covered_by)


def _has_content(section: Section) -> bool:
    """Builders with nothing on record write a single sentence saying so ("No audits were
    completed"); a section with substance has subsections, tables, charts or lists."""
    return bool(section.subsections) or any(not isinstance(b, Paragraph) for b in section.blocks)


def every_section(sections: list[Section]) -> list[Section]:
    return [found for s in sections for found in (s, *every_section(s.subsections))]


def coverage(document: Document) -> list[Requirement]:
    by_id = {s.id: s for s in every_section(document.sections) if _has_content(s)}
    return [
        Requirement(item["requirement"],
                    tuple(by_id[sid].title for sid in item["sections"] if sid in by_id))
        for item in STATUTORY["content"]
    ]


def section_ids() -> set[str]:
    """Every section id the checklist names: a test checks each one is a real section."""
    return {sid for item in STATUTORY["content"] for sid in item["sections"]}
