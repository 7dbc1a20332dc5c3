"""Sections and documents are looked up by id: a new document is one spec, not new code."""

from __future__ import annotations

import pytest

from lscp.reports import registry
from lscp.reports.documents.yearly import YEARLY
from lscp.reports.registry import (
    DOCUMENTS,
    SECTIONS,
    DocumentSpec,
    ReportContext,
    SectionSpec,
    build_document,
    register_document,
)


@pytest.fixture
def briefing(monkeypatch):  # type: ignore[no-untyped-def]
    """A two-section document, registered in a copy of the registry for this test only."""
    monkeypatch.setattr(registry, "DOCUMENTS", dict(DOCUMENTS))
    return register_document(DocumentSpec(
        kind="briefing", title="{partnership}: briefing {year}", slug="briefing-{year}",
        period="year", sections=("about", "finance")))


@pytest.mark.django_db
def test_a_document_is_its_listed_sections_in_order(demo, briefing) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    document = build_document(registry.document_spec("briefing"), ReportContext(demo, year))
    assert [s.id for s in document.sections] == ["about", "finance"]
    assert [s.title for s in document.sections] == ["About this report", "Financial arrangements"]
    assert document.title == "Bromley Safeguarding Children Partnership: briefing 2020-21"
    assert document.slug == "briefing-2020-21"


@pytest.mark.django_db
def test_each_builder_returns_the_section_it_is_registered_as(demo) -> None:  # type: ignore[no-untyped-def]
    ctx = ReportContext(demo, demo.years.get(label="2020-21"))
    for section_id, spec in SECTIONS.items():
        assert spec.build(ctx).id == section_id


def test_every_section_a_document_names_is_registered() -> None:
    assert DOCUMENTS["yearly"] is YEARLY
    for spec in DOCUMENTS.values():
        for section_id in spec.sections:
            assert registry.section_spec(section_id).id == section_id, (spec.kind, section_id)


def test_an_unknown_id_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match="no section 'nonesuch' is registered"):
        registry.section_spec("nonesuch")
    with pytest.raises(LookupError, match="no document 'nonesuch'"):
        registry.document_spec("nonesuch")


def test_a_second_builder_cannot_take_a_registered_id() -> None:
    def about(ctx):  # type: ignore[no-untyped-def]
        """Another section that claims the id "about"."""

    with pytest.raises(ValueError, match="section 'about' is already built by about"):
        registry.register_section(SectionSpec("about", about))
    assert SECTIONS["about"].build.__module__ == "lscp.reports.sections.about"
