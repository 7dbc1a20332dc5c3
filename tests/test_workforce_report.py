"""The demo's training, imported from its example exports, in the database and in the
yearly report's training section, in every format and both editions."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from lscp.partnership.models import Partnership, ReportingYear
from lscp.reports import statutory
from lscp.reports.content import Chart, Document, Paragraph, Section, Table
from lscp.reports.documents.yearly import YEARLY
from lscp.reports.registry import ReportContext, section_spec
from lscp.reports.render import render_docx, render_html, render_pdf
from lscp.workforce.models import Booking, ElearningCompletion, TrainingImport, TrainingSession
from lscp.workforce.selectors import reach_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(demo: Partnership) -> ReportingYear:
    return demo.years.get(label="2020-21")


def build(demo: Partnership, year: ReportingYear, public: bool = False) -> Section:
    return section_spec("training").build(ReportContext(demo, year, public))


def blocks(section: Section) -> list[object]:
    found = list(section.blocks)
    for sub in section.subsections:
        found += blocks(sub)
    return found


def words(section: Section) -> str:
    return "\n".join(b.text for b in blocks(section) if isinstance(b, Paragraph))


def tables(section: Section) -> dict[str, Table]:
    found = {}
    for block in blocks(section):
        table = block.table if isinstance(block, Chart) else block
        if isinstance(table, Table):
            found[table.caption] = table
    return found


# The figures the seed report publishes, counted straight from the rows --------------------


def test_the_demo_s_exports_give_the_published_live_training_figures(demo: Partnership) -> None:
    for label, start, end, sessions, attended in (
            ("2020-21", "2020-04-01", "2021-03-31", 40, 604),
            ("2019-20", "2019-04-01", "2020-03-31", 59, 967)):
        places = Booking.objects.filter(session__course__partnership=demo, status="attended",
                                        session__date__range=(start, end))
        assert places.count() == attended, label
        held = TrainingSession.objects.filter(bookings__in=places).distinct()
        assert held.count() == sessions, label
    webinars = TrainingSession.objects.filter(date__range=("2020-04-01", "2021-03-31"),
                                              bookings__status="attended").distinct()
    assert set(webinars.values_list("delivery", flat=True)) == {"live_webinar"}


def test_the_demo_s_exports_give_the_published_e_learning_figures(demo: Partnership) -> None:
    for label, start, end, courses, completed in (
            ("2020-21", "2020-04-01", "2021-03-31", 26, 7831),
            ("2019-20", "2019-04-01", "2020-03-31", 17, 3197)):
        rows = ElearningCompletion.objects.filter(course__partnership=demo,
                                                  month__range=(start, end))
        assert sum(rows.values_list("completions", flat=True)) == completed, label
        assert rows.values("course").distinct().count() == courses, label


def test_about_17_per_cent_of_attendees_are_from_health_both_years(demo: Partnership) -> None:
    for label in ("2020-21", "2019-20"):
        reach = reach_of(demo, label)
        share = reach.sector_share("health")
        assert share is not None and round(share) == 17, (label, share)
    health = Booking.objects.filter(session__date__range=("2020-04-01", "2021-03-31"),
                                    status="attended", sector="health").count()
    assert health == 103  # of 604


def test_every_demo_training_row_came_through_the_importer_and_is_marked(demo: Partnership) -> None:
    imported = TrainingImport.objects.filter(partnership=demo)
    assert sorted(imported.values_list("file_name", flat=True)) == [
        "elearning-completions-2019-20.xlsx", "elearning-completions-2020-21.xlsx",
        "evaluations-2020-21.csv", "lms-bookings-2019-20.csv", "lms-bookings-2020-21.csv"]
    assert all(imported.values_list("illustrative", flat=True))
    assert not Booking.objects.filter(illustrative=False).exists()


# The section -----------------------------------------------------------------------------


def test_the_section_leads_with_impact_then_reach_then_next_year(demo, year) -> None:  # type: ignore[no-untyped-def]
    found = build(demo, year)
    assert found.title == "Training and development"
    assert [s.id for s in found.subsections] == ["training-impact", "training-reach",
                                                 "training-next"]
    assert found.blocks[0].text.startswith("At the follow-up six to eight weeks after a course")


def test_reach_says_the_published_figures_year_on_year(demo, year) -> None:  # type: ignore[no-untyped-def]
    text = words(build(demo, year))
    assert ("In 2020-21 the partnership ran 40 live training sessions (40 live webinars) and "
            "604 people attended. This compares with 59 sessions and 967 people in 2019-20.") \
        in text
    assert ("7,831 e-learning courses were completed, of 26 different courses (3,197 of 17 in "
            "2019-20)") in text
    assert "health (17%)" in text
    delivered = tables(build(demo, year))["Training delivered, 2019-20 and 2020-21"]
    rows = {row[0]: row[1:] for row in delivered.rows}
    assert rows["Live sessions held"] == ["59", "40", "down 32%"]
    assert rows["Places attended"] == ["967", "604", "down 38%"]
    assert rows["E-learning completions"] == ["3,197", "7,831", "up 145%"]


def test_impact_gives_each_course_its_change_in_practice_and_confidence(demo, year) -> None:  # type: ignore[no-untyped-def]
    found = tables(build(demo, year))
    practice = found["Change in practice reported at the follow-up, by course, 2020-21"]
    assert {row[0] for row in practice.rows} == {
        "Domestic abuse and coercive control", "Domestic abuse and the impact on children",
        "Professional curiosity and respectful uncertainty"}
    assert all(re.fullmatch(r"\d+ of \d+ \(\d+\.\d%\) \[i\]", row[4]) for row in practice.rows)
    confidence = found["Confidence in each learning outcome, from 1 (not at all) to 5 (very), "
                       "2020-21"]
    assert len(confidence.rows) == 9  # three outcomes each
    assert all(row[5].startswith("+") for row in confidence.rows)  # confidence rose


def test_the_sector_chart_has_a_summary_and_the_table_it_was_drawn_from(demo, year) -> None:  # type: ignore[no-untyped-def]
    chart = next(b for b in blocks(build(demo, year)) if isinstance(b, Chart))
    assert "Bar chart of the share of places attended by each sector" in chart.summary
    sectors = {row[0]: row for row in chart.table.rows}
    assert sectors["Health"][1:3] == ["103", "17.1%"]
    shares = [v["share"] for v in chart.spec["data"]["values"]
              if v["measure"] == "Share of places attended"]
    assert sorted(shares) == sorted(float(row[2].rstrip("%")) for row in chart.table.rows)


def test_agencies_not_reached_and_made_up_detail_are_marked_internally(demo, year) -> None:  # type: ignore[no-untyped-def]
    found = build(demo, year)
    text = words(found)
    assert ("Not reached: London Community Rehabilitation Company and London Fire Brigade "
            "declared a workforce") in text
    assert "[i] marks an illustrative figure" in text
    by_agency = tables(found)["Reach by agency, 2020-21"]
    police = next(row for row in by_agency.rows if row[0].startswith("Metropolitan Police"))
    assert police[1] == "3 [i]"


def test_next_year_lists_the_courses_scheduled_after_the_year_end(demo, year) -> None:  # type: ignore[no-untyped-def]
    following = next(s for s in build(demo, year).subsections if s.id == "training-next")
    assert following.blocks[0].text == ("7 courses are scheduled for 2021-22, 5 of them new to "
                                        "the programme.")
    rows = following.blocks[1].rows
    assert ["Domestic abuse and coercive control", "Core (level 2)", "No"] in rows
    assert ["Domestic abuse: awareness", "Awareness (level 1)", "Yes"] in rows
    assert len(rows) == 7


def test_the_public_edition_shows_totals_and_publishes_no_made_up_figure(demo, year) -> None:  # type: ignore[no-untyped-def]
    public = build(demo, year, public=True)
    text = words(public)
    assert "604 people attended" in text and "health (17%)" in text
    assert "[x] marks a figure that is not available" in text
    assert "Reach by agency, 2020-21" not in tables(public)
    assert "Examples of changed practice" not in text
    assert ("The results of the 3 evaluated courses are not available ([x]): the partnership "
            "holds only illustrative evaluations for them.") in text
    assert not any(caption.startswith("Change in practice") for caption in tables(public))
    assert public.blocks[0].text.startswith("The partnership ran 40 live training sessions")
    for table in tables(public).values():
        assert not any("[i]" in cell for row in table.rows for cell in row), table.caption
    chart = next(b for b in blocks(public) if isinstance(b, Chart))
    assert {v["measure"] for v in chart.spec["data"]["values"]} == {"Share of places attended"}


def test_the_statutory_training_item_is_met_by_the_section(demo, year) -> None:  # type: ignore[no-untyped-def]
    assert "training" in YEARLY.sections
    assert YEARLY.sections[YEARLY.sections.index("child-deaths") + 1] == "training"
    document = Document("t", "s", "t", [build(demo, year)], meta={"year": "2020-21"})
    checklist = {r.text: r for r in statutory.coverage(document)}
    assert checklist["Training: what was delivered, its reach and its impact"].covered_by == (
        "Training and development",)


def test_a_year_with_no_training_says_so_and_covers_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    found = build(demo, demo.years.get(label="2021-22"))
    assert [b.text for b in found.blocks] == [
        "No training, e-learning or evaluations are recorded for 2021-22."]
    assert not found.subsections


# Three formats ---------------------------------------------------------------------------


@pytest.fixture
def document(demo, year) -> Document:  # type: ignore[no-untyped-def]
    return Document(title="Training", subtitle="2020-21", slug="training-2020-21",
                    sections=[build(demo, year)], meta={"partnership": demo.name,
                                                        "year": "2020-21", "language": "en-GB"})


def test_the_section_renders_in_html_pdf_and_docx_with_its_figures(document: Document,
                                                                    tmp_path: Path) -> None:
    html = render_html(document).decode()
    assert "604 people attended" in html and "Training and development" in html
    assert "<figure" in html and "Attendees by sector against the workforce" in html
    pdf = render_pdf(document)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "604 people attended" in " ".join(text.split())
    assert "7,831" in text
    docx = read_docx(io.BytesIO(render_docx(document)))
    paragraphs = "\n".join(p.text for p in docx.paragraphs)
    assert "604 people attended" in paragraphs
    grids = [[c.text for c in row.cells] for t in docx.tables for row in t.rows]
    assert ["Places attended", "967", "604", "down 38%"] in grids
    if shutil.which("pdftoppm"):  # the pages a reader sees, for a person to look at
        (tmp_path / "training.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / "training.pdf"),
                        str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))
