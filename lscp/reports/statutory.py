"""The yearly report's statutory frame, and which of its content a built report covers.

The guidance, the recipients and the requirements (with the sections that meet them) are data
(`statutory.toml`), each entry with the dates it was in force: a 2020-21 report answers to
Working Together 2018 and goes to the What Works Centre for Children's Social Care; a 2023-24
one answers to Working Together 2023 and goes to Foundations. `frame_for(year)` picks what was
in force on the year's last day; `coverage(document)` checks a built document against it, so
a gap shows before the report is approved.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lscp.insight.periods import year_bounds
from lscp.reports.content import Document, Paragraph, Section

# statutory.toml as written: guidance editions, recipients and required content, all dated.
STATUTORY: dict[str, Any] = tomllib.loads(
    (Path(__file__).parent / "statutory.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Frame:
    """What a year's report answers to: the guidance in force, who receives the report, and
    the content it must have (statutory.toml's `[[content]]` items: requirement, sections)."""

    guidance: str
    recipients: tuple[str, ...]
    content: tuple[Mapping[str, Any], ...]


class _Year(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def partnership(self) -> Any: ...


def in_force(entry: Mapping[str, Any], day: dt.date) -> bool:
    """An entry's `from` and `until` dates, both optional and inclusive, cover `day`."""
    start, end = entry.get("from"), entry.get("until")
    return (start is None or start <= day) and (end is None or day <= end)


def frame_on(day: dt.date, region: str = "") -> Frame:
    """The frame in force on `day`, with recipients worded for the partnership's `region`."""
    editions = [g["title"] for g in STATUTORY["guidance"] if in_force(g, day)]
    if len(editions) != 1:
        raise LookupError(f"statutory.toml has {len(editions)} guidance editions in force on "
                          f"{day}: it needs exactly one")
    recipients = tuple(r.get("in_region", {}).get(region, r["name"])
                       for r in STATUTORY["recipient"] if in_force(r, day))
    content = tuple(item for item in STATUTORY["content"] if in_force(item, day))
    return Frame(editions[0], recipients, content)


def frame_for(year: _Year | str, region: str | None = None) -> Frame:
    """The frame of a reporting year (a ReportingYear, or a label such as "2020-21"): what
    was in force on its last day, 31 March. A ReportingYear brings its partnership's region;
    with a bare label, pass `region` for region-specific wording (London's police body)."""
    label = year if isinstance(year, str) else year.label
    if region is None:
        region = "" if isinstance(year, str) else year.partnership.region
    return frame_on(year_bounds(label)[1], region)


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
    """Each requirement in force for the document's year, with the sections that meet it."""
    by_id = {s.id: s for s in every_section(document.sections) if _has_content(s)}
    year = document.meta.get("year")
    items = frame_for(year).content if year else tuple(STATUTORY["content"])
    return [
        Requirement(item["requirement"],
                    tuple(by_id[sid].title for sid in item["sections"] if sid in by_id))
        for item in items
    ]


def section_ids() -> set[str]:
    """Every section id the checklist names, in any edition: a test checks each one is a
    real section."""
    return {sid for item in STATUTORY["content"] for sid in item["sections"]}
