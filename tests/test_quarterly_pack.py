"""The quarterly performance pack (issue 13, item 3): exceptions first, every theme with its
statistical process control reading, the registers as at the quarter's end (from dates, not
today's statuses), the submissions missing; written by `lscp report quarterly` in HTML, PDF
and DOCX, and shown to the business unit, the chair and the Board only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.template.loader import render_to_string
from django.test import Client
from docx import Document as read_docx
from pypdf import PdfReader

from lscp.assurance.models import OPEN_ACTION_STATUSES, Action, Challenge, Recommendation, Risk
from lscp.audit.models import Event, EventKind
from lscp.dataset.models import Indicator
from lscp.dataset.spc_series import indicator_spc
from lscp.insight import periods
from lscp.intelligence.as_at import completed_by, overdue_on
from lscp.partnership.models import Partnership
from lscp.reports.content import Chart, Document, Paragraph, Section, Table
from lscp.reports.documents.quarterly import QUARTERLY, build_quarterly_pack
from tests import factories as f

pytestmark = pytest.mark.django_db

Q4 = "2020-21-Q4"
DAY = dt.date(2021, 3, 31)
PAGE = "/reports/quarterly/2020-21-Q4/"


@pytest.fixture
def pack(demo: Partnership) -> Document:
    return build_quarterly_pack(demo, Q4)


def section(document: Document | Section, section_id: str) -> Section:
    found = [s for s in (document.sections if isinstance(document, Document)
                         else document.subsections) if s.id == section_id]
    if found:
        return found[0]
    for s in (document.sections if isinstance(document, Document) else document.subsections):
        try:
            return section(s, section_id)
        except LookupError:
            continue
    raise LookupError(section_id)


def blocks(s: Section) -> list[Any]:
    found = list(s.blocks)
    for sub in s.subsections:
        found += blocks(sub)
    return found


def first_column(s: Section) -> list[str]:
    return [row[0] for b in blocks(s) if isinstance(b, Table) for row in b.rows]


def text_of(s: Section) -> str:
    found = [s.title]
    for b in blocks(s):
        found += [getattr(b, "text", "")] + list(getattr(b, "items", []))
        table = b.table if isinstance(b, Chart) else b
        if isinstance(table, Table):
            found += [cell for row in table.rows for cell in row]
    for sub in s.subsections:
        found.append(text_of(sub))
    return "\n".join(found)


# Registers as at 31 March 2021 -----------------------------------------------------------


def _live_actions(p: Partnership) -> Any:
    return Action.objects.filter(recommendation__partnership=p, withdrawn_on__isnull=True,
                                 recommendation__withdrawn_on__isnull=True)


def _not_done_by(day: dt.date) -> Q:
    """Worked out apart from lscp/intelligence/as_at.py: open that day if completed after it,
    or with no completion date and not finished now."""
    return Q(completed_on__gt=day) | Q(completed_on__isnull=True,
                                       status__in=OPEN_ACTION_STATUSES[:2])


def test_the_pack_lists_the_open_and_overdue_actions_as_at_31_march_2021(
        demo: Partnership, pack: Document) -> None:
    registers = section(pack, "pack-registers")
    open_then = _live_actions(demo).filter(_not_done_by(DAY))
    overdue = sorted(a.text for a in open_then.filter(due__lt=DAY))
    others = sorted(a.text for a in open_then.exclude(due__lt=DAY))
    assert sorted(first_column(section(registers, "pack-actions-overdue"))) == overdue
    assert sorted(first_column(section(registers, "pack-actions-open"))) == others
    assert "Share police intelligence on vulnerable adolescents who go missing with the Atlas " \
           "team and the MEGA panel ahead of each panel meeting." in others
    # Done before the quarter ended: not open, whatever its status says today.
    assert not any(t.startswith("Add the table-top review's additional actions") for t in others)
    if not overdue:  # the demo's actions due by then were all done in time
        assert f"No action was overdue at {DAY.day} March 2021." in text_of(registers)


def test_an_action_is_read_from_its_dates_not_from_todays_status(demo: Partnership) -> None:
    """Overdue on 31 March 2021 and done since: overdue in the Q4 pack. One from a review
    finished after the quarter is not in it at all."""
    police = demo.agencies.get(code="met-police")
    rec = Recommendation.objects.get(partnership=demo, code="hannah-escalation")
    late = Action.objects.create(recommendation=rec, position=9, owner=police,
                                 text="Brief the custody suite on exploitation",
                                 due=dt.date(2021, 2, 1), status="evidence_accepted",
                                 evidence="Briefed", completed_on=dt.date(2021, 5, 4))
    review = f.CaseReviewFactory(partnership=demo, completed=dt.date(2021, 6, 1))
    later = Recommendation.objects.create(partnership=demo, code="later-rec", review=review,
                                          text="Later")
    Action.objects.create(recommendation=later, position=1, owner=police,
                          text="Not yet asked for", due=dt.date(2021, 1, 1))
    registers = section(build_quarterly_pack(demo, Q4), "pack-registers")
    table = next(b for b in section(registers, "pack-actions-overdue").blocks
                 if isinstance(b, Table))
    row = next(r for r in table.rows if r[0] == late.text)
    assert row[4] == "58"  # 1 February to 31 March 2021
    assert row[-1] == "Completed 4 May 2021"
    assert "Not yet asked for" not in text_of(registers)
    # The Q3 pack reads the same action on 31 December 2020: open, not yet due.
    q3 = section(build_quarterly_pack(demo, "2020-21-Q3"), "pack-registers")
    assert late.text in first_column(section(q3, "pack-actions-open"))


def test_the_pack_lists_the_challenges_open_at_31_march_2021(
        demo: Partnership, pack: Document) -> None:
    found = first_column(section(pack, "pack-challenges"))
    expected = Challenge.objects.filter(partnership=demo, withdrawn_on__isnull=True,
                                        raised_on__lte=DAY).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=DAY))
    assert sorted(found) == sorted(c.challenge for c in expected)
    assert any(t.startswith("To establish London Ambulance's process") for t in found)
    assert any(t.startswith("To seek assurance that CSC and Health Visiting") for t in found)
    assert not any(t.startswith("A number of escalations between partners") for t in found)


def test_a_challenge_closed_after_the_quarter_is_open_in_its_pack(demo: Partnership) -> None:
    mash = Challenge.objects.get(partnership=demo, code="mash-capacity")  # closed 17 March 2021
    found = first_column(section(build_quarterly_pack(demo, "2020-21-Q3"), "pack-challenges"))
    assert mash.challenge in found


def test_the_pack_lists_the_risks_past_review(demo: Partnership, pack: Document) -> None:
    found = first_column(section(pack, "pack-risks"))
    expected = Risk.objects.filter(partnership=demo, withdrawn_on__isnull=True,
                                   review_date__lt=DAY)
    assert found == [r.title for r in expected]
    assert found == ["National restructuring of partner agencies, including the CCG and "
                     "Probation"]


@pytest.mark.parametrize(("status", "completed", "due", "overdue"), [
    ("in_progress", None, dt.date(2021, 3, 30), True),
    ("in_progress", None, DAY, False),  # due that very day: not yet overdue
    ("evidence_accepted", dt.date(2021, 4, 2), dt.date(2021, 3, 1), True),
    ("done", dt.date(2021, 3, 31), dt.date(2021, 3, 1), False),
    ("done", None, dt.date(2021, 3, 1), False),  # finished, date unknown: not said overdue
    ("not_started", None, None, False),  # no due date: never overdue
])
def test_overdue_on_a_day(status: str, completed: dt.date | None, due: dt.date | None,
                          overdue: bool) -> None:
    assert overdue_on(due, status, completed, DAY) is overdue
    assert completed_by("done", None, DAY) and not completed_by("in_progress", None, DAY)


# Exceptions first ------------------------------------------------------------------------


def test_the_pack_has_its_sections_in_order_exceptions_first(pack: Document) -> None:
    assert [s.id for s in pack.sections] == list(QUARTERLY.sections)
    assert pack.sections[0].id == "pack-exceptions"
    assert pack.title.endswith("quarterly performance pack 2020-21 Q4")
    assert pack.subtitle.startswith("1 January to 31 March 2021")
    html = render_to_string("reports/_document.html", {"document": pack})
    assert html.index(">Exceptions<") < html.index(">Indicators by theme<") \
        < html.index(">Actions, challenges and risks<") < html.index(">Submissions missing<")


def _signals_in_q4(demo: Partnership) -> list[tuple[str, str]]:
    """Every special cause whose last point is in January to March 2021, read as at its end."""
    quarter = periods.parse_period(Q4)
    found = []
    for indicator in Indicator.objects.filter(frequency__in=["monthly", "quarterly"]):
        result = indicator_spc(demo, indicator, as_of=quarter.end)
        for s in result.signals:
            if quarter.start <= periods.parse_period(s.last).start <= quarter.end:
                found.append((indicator.title, s.last))
    return found


def test_exceptions_hold_the_quarters_signals_and_targets_missed(
        demo: Partnership, pack: Document) -> None:
    expected = _signals_in_q4(demo)
    assert expected, "the demo's front-door series signals in March 2021"
    exceptions = section(pack, "pack-exceptions")
    table = next(b for b in section(exceptions, "pack-exceptions-signals").blocks
                 if isinstance(b, Table))
    assert [(r[0], r[1]) for r in table.rows] == [
        (title, periods.parse_period(last).label) for title, last in expected]
    assert "MASH enquiries received in March 2021, 1,023, are above the upper process limit" \
        in text_of(exceptions)
    targets = first_column(section(exceptions, "pack-exceptions-targets"))
    assert "Social work assessments completed within 45 working days" in targets  # 85% v 87%


def test_the_themes_show_variation_and_assurance_in_words_and_charts_with_tables(
        pack: Document) -> None:
    themes = section(pack, "pack-themes")
    front = section(themes, "pack-theme-front-door")
    table = next(b for b in front.blocks if isinstance(b, Table))
    assert table.head[-2:] == ["Variation", "Assurance"]
    mash = next(r for r in table.rows if r[0] == "MASH enquiries received")
    assert mash[1] == "January to March 2021"
    assert mash[6].startswith("Special cause")
    charts = [b for b in blocks(themes) if isinstance(b, Chart)]
    assert charts and all(c.summary and c.table.rows for c in charts)


def test_no_figure_is_typed_into_a_template(pack: Document) -> None:
    """Every number on the laid-out page is one of the content tree's: the templates add
    none (the contents list numbers its entries with an <ol>, not with digits)."""
    strings: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "spec":  # the chart's drawing instructions
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(dataclasses.asdict(pack))
    numbers = set(re.findall(r"\d[\d,.]*", "\n".join(strings)))
    html = render_to_string("reports/_document.html", {"document": pack})
    shown = re.sub(r"<img[^>]*>|<svg.*?</svg>", "", html, flags=re.S)  # drawn from the spec
    shown = re.sub(r"<[^>]+>", " ", shown)
    assert set(re.findall(r"\d[\d,.]*", shown)) <= numbers
    for template in ("reports/internal_document.html", "intelligence/threats.html",
                     "intelligence/index.html", "intelligence/portfolios.html"):
        source = (Path(__file__).resolve().parent.parent / "lscp").glob(f"*/templates/{template}")
        text = re.sub(r"{[%{#].*?[%}#]}", "", next(source).read_text())
        assert not re.search(r">[^<]*\d[^<]*<", text), template


def test_the_submissions_missing_are_the_trackers(demo: Partnership) -> None:
    """An agency whose Q4 figures are a draft is listed, with where its submission stands."""
    police = demo.agencies.get(code="met-police")
    f.SubmissionFactory(partnership=demo, agency=police, period=Q4)
    missing = section(build_quarterly_pack(demo, Q4), "pack-submissions")
    table = next(b for b in missing.blocks if isinstance(b, Table))
    row = next(r for r in table.rows if r[0] == police.name)
    assert row[2].startswith("Draft")
    assert "were due by 30 April 2021" in missing.blocks[0].text  # type: ignore[union-attr]
    others = section(build_quarterly_pack(demo, "2020-21-Q3"), "pack-submissions")
    assert isinstance(others.blocks[0], Paragraph)


# Three formats, from the command ------------------------------------------------------------


def test_lscp_report_quarterly_writes_html_pdf_and_docx(demo: Partnership, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("report", "quarterly", "--period", Q4, "--format", "html,pdf,docx",
                 "--out", str(tmp_path), stdout=out)
    stem = tmp_path / "quarterly-pack-2020-21-Q4"
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    pdf = "\n".join(page.extract_text() for page in PdfReader(stem.with_suffix(".pdf")).pages)
    docx = read_docx(str(stem.with_suffix(".docx")))
    words = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    for text in (html, re.sub(r"\s+", " ", pdf), words):
        assert "Exceptions" in text
        assert "quarterly performance pack 2020-21 Q4" in re.sub(r"\s+", " ", text)
        assert "London Ambulance" in text
        assert "National restructuring of partner agencies" in re.sub(r"\s+", " ", text)
    assert re.sub(r"\s+", " ", pdf).index("Exceptions") < re.sub(r"\s+", " ", pdf).index(
        "Indicators by theme")
    assert re.search(r'(alt|aria-label)="XmR chart of MASH enquiries received', html)
    assert "Wrote" in out.getvalue()


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2020-21-H2"], "is a half, not a quarter"),
    (["--period", "2030-31-Q1"], "has no reporting year 2030-31"),
    ([], "needs --period"),
    (["--period", Q4, "--public"], "internal only"),
])
def test_the_command_says_what_is_wrong(demo: Partnership, tmp_path: Path, args: list[str],
                                        message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", "quarterly", "--format", "html", "--out", str(tmp_path), *args)


def test_the_yearly_report_still_needs_its_year(demo: Partnership, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="needs --year"):
        call_command("report", "yearly", "--format", "html", "--out", str(tmp_path))


# The page --------------------------------------------------------------------------------


def test_the_business_unit_the_chair_and_the_board_read_the_pack(
        manager: Client, chair: Client, board_member: Client) -> None:
    for client in (manager, chair, board_member):
        page = client.get(PAGE)
        assert page.status_code == 200
        text = page.content.decode()
        assert "Exceptions" in text and "Not for publication" in text
        assert f"{PAGE}download.pdf" in text


def test_an_agency_contributor_and_the_public_do_not(contributor: Client) -> None:
    assert contributor.get(PAGE).status_code == 403
    assert contributor.get(f"{PAGE}download.pdf").status_code == 403
    assert Client().get(PAGE).status_code == 302  # to sign in


def test_a_download_is_the_pack_and_is_kept_in_the_audit_trail(demo: Partnership,
                                                               manager: Client) -> None:
    response = manager.get(f"{PAGE}download.docx")
    assert response.status_code == 200
    assert 'filename="quarterly-pack-2020-21-Q4.docx"' in response["Content-Disposition"]
    words = "\n".join(p.text for p in read_docx(io.BytesIO(response.content)).paragraphs)
    assert "Exceptions" in words
    assert Event.objects.filter(kind=EventKind.INTERNAL_DOWNLOAD,
                                subject__contains="Quarterly performance pack").exists()
    assert manager.get(f"{PAGE}download.exe").status_code == 404
    assert manager.get("/reports/quarterly/2020-21-H2/").status_code == 404


def test_the_page_follows_the_records(demo: Partnership, manager: Client) -> None:
    """Cached by data version: a challenge closed since shows at once."""
    assert "London Ambulance" in manager.get(PAGE).content.decode()
    ambulance = Challenge.objects.get(partnership=demo, code="cog-london-ambulance")
    ambulance.status, ambulance.closed_on = "closed", dt.date(2021, 2, 1)
    ambulance.save()
    assert "London Ambulance" not in manager.get(PAGE).content.decode()


# Periods ---------------------------------------------------------------------------------


def test_quarter_and_half_labels() -> None:
    q4, h2 = periods.parse_period("2020-21-Q4"), periods.parse_period("2020-21-H2")
    assert (q4.short_label, h2.short_label) == ("2020-21 Q4", "2020-21 H2")
    assert periods.span_words(q4) == "1 January to 31 March 2021"
    assert periods.span_words(h2) == "1 October 2020 to 31 March 2021"
    assert periods.span_words(periods.parse_period("2020-21-Q1")) == "1 April to 30 June 2020"
    assert [p.key for p in periods.parts_of("2020-21", "quarter")] == [
        "2020-21-Q1", "2020-21-Q2", "2020-21-Q3", "2020-21-Q4"]
    assert [p.key for p in periods.parts_of("2020-21", "half")] == ["2020-21-H1", "2020-21-H2"]
    assert periods.of_kind("2020-21-Q4", "quarter") == q4
    with pytest.raises(ValueError, match='"2020-21" is a year, not a quarter'):
        periods.of_kind("2020-21", "quarter")
