"""Documentation that cannot drift: the bundle format doc must describe the code's format, and
the yearly report doc every registered section and document."""

from __future__ import annotations

from pathlib import Path

import pytest

from lscp.partnership.bundle.registry import all_files
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.registry import DOCUMENTS, SECTIONS
from lscp.reports.render import RENDERERS

ROOT = Path(__file__).resolve().parent.parent


def test_every_bundle_file_and_column_is_documented() -> None:
    doc = (ROOT / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    for spec in all_files():
        assert f"### {spec.name}" in doc, spec.name
        section = doc.split(f"### {spec.name}", 1)[1].split("### ", 1)[0]
        for column in spec.columns:
            optional = " *(optional)*" if not column.required else ""
            assert f"| `{column.name}`{optional} |" in section, (spec.name, column.name)
        assert f"Key: {', '.join(spec.key)}." in section


def test_the_readme_gives_the_two_setup_commands_and_every_format() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    for fmt in RENDERERS:
        assert fmt in readme


def _part(doc: str, heading: str) -> str:
    return doc.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_every_registered_section_is_documented() -> None:
    sections = _part((ROOT / "docs" / "yearly-report.md").read_text(encoding="utf-8"), "Sections")
    assert SECTIONS
    for section_id in SECTIONS:
        assert f"| `{section_id}` |" in sections, section_id


@pytest.mark.django_db
def test_every_yearly_report_section_is_documented_with_its_title(demo) -> None:  # type: ignore[no-untyped-def]
    doc = (ROOT / "docs" / "yearly-report.md").read_text(encoding="utf-8")
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    assert len(document.sections) == len(DOCUMENTS["yearly"].sections)
    for section in document.sections:
        assert f"| `{section.id}` | {section.title} |" in doc, section.id


def test_every_document_kind_is_documented_with_its_sections_in_order() -> None:
    documents = _part((ROOT / "docs" / "yearly-report.md").read_text(encoding="utf-8"),
                      "Documents")
    assert DOCUMENTS
    for spec in DOCUMENTS.values():
        sections = ", ".join(f"`{sid}`" for sid in spec.sections)
        row = f"| `{spec.kind}` | `{spec.title}` | {spec.period} | {sections} |"
        assert row in documents, row
