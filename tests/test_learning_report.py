"""The demo yearly report's learning sections reproduce the published report, from records."""

from __future__ import annotations

import re

import pytest

from lscp.assurance.models import Action, LearningPoint
from lscp.reports.content import BulletList, Paragraph, Table
from lscp.reports.documents.yearly import build_yearly_report

# From the published report's "Reviews of Practice", "Actions from previous learning reviews",
# "Auditing" and "The Child Death Overview Panel" (seed 002), as published.
MATTHEW = [
    "the importance of keeping fathers and siblings in mind throughout the course of our work;",
    "clarity regarding timeliness for the transfer of Child In Need cases between local "
    "authority areas where there is shared care.",
]
CHILD_K = [
    "Regular multi-agency training on professional curiosity added to BSCP training programme.",
    "Domestic Abuse training strengthened with additional information about MARAC and Clare's "
    "Law (DVDS). New course on impact on children of DA added to BSCP Training programme.",
    "Multi-agency audit of Strategy Discussions/Meetings and subsequent revision of local "
    "protocol for Strategy Discussions.",
]
HANNAH = [
    "Regular multi-agency training on chronologies and the importance of recording added to "
    "BSCP training programme.",
    "BSCP Escalation Procedure revised and relaunched.",
    "CSC reviewed role of CP Conference Chairs in 2019 and subsequently revised the role.",
    "Was Not Brought (to appointments) policies reviewed and republished across the health "
    "economy.",
]
AUDIT = [
    "but we need to make sure that health representatives are always included.",
    "The majority of Strategy Discussions take place within 3 working days in line with London "
    "Child Protection Procedures.",
]


def section_text(document, section_id: str) -> str:  # type: ignore[no-untyped-def]
    section = next(s for s in document.sections if s.id == section_id)
    texts: list[str] = []

    def walk(sec) -> None:  # type: ignore[no-untyped-def]
        texts.append(sec.title)
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, BulletList):
                texts.extend(block.items)
            elif isinstance(block, Table):
                texts.append(block.caption)
                texts.extend(cell for row in block.rows for cell in row)
        for sub in sec.subsections:
            walk(sub)

    walk(section)
    return re.sub(r"\s+", " ", " \n ".join(texts))


@pytest.fixture
def report(demo):  # type: ignore[no-untyped-def]
    return build_yearly_report(demo, demo.years.get(label="2020-21"))


def test_learning_points_of_the_year_are_reproduced(report) -> None:  # type: ignore[no-untyped-def]
    text = section_text(report, "learning")
    for point in MATTHEW:
        assert point in text
    assert "Learning review: Matthew" in text and "Learning review: George" in text
    assert "Table-top review" in text


def test_actions_from_previous_reviews_are_reproduced(report) -> None:  # type: ignore[no-untyped-def]
    text = section_text(report, "learning")
    for achieved in CHILD_K + HANNAH:
        assert achieved in text
    assert "Hannah: 8 of 8 actions achieved" in text


def test_the_learning_section_follows_the_records(demo) -> None:  # type: ignore[no-untyped-def]
    LearningPoint.objects.filter(review__code="matthew", position=1).update(text="Changed point")
    Action.objects.filter(recommendation__review__code="scr-hannah").update(status="in_progress")
    text = section_text(build_yearly_report(demo, demo.years.get(label="2020-21")), "learning")
    assert "Changed point" in text
    assert "Hannah: 0 of 8 actions achieved" in text


def test_audit_and_child_death_sections(report) -> None:  # type: ignore[no-untyped-def]
    audit = section_text(report, "auditing")
    for finding in AUDIT:
        assert finding in audit
    deaths = section_text(report, "child-deaths")
    assert "7 neonatal (NDOP) meetings and 4 child death overview (CDOP) meetings" in deaths
    assert "Deaths in the first month of life 7" in deaths.replace(" \n ", " ")
    assert "Refining prescribing processes when shared care arrangements in place" in deaths
    assert "Training for GPs by palliative care team" in deaths


def test_impact_boxes_come_from_closed_challenges(report, demo) -> None:  # type: ignore[no-untyped-def]
    text = section_text(report, "impact")
    closed = demo.challenges.filter(status="closed", closed_on__year__in=[2020, 2021]).exclude(
        impact="")
    assert closed.count() >= 3
    for challenge in closed:
        assert challenge.impact in text
    for challenge in demo.challenges.filter(status="open"):
        assert challenge.challenge not in text
