"""The strategic threat assessment (issue 13, item 4): threats recorded each half by the
business unit's analyst, assembled with their indicators' signals for the half and their
movement since the last assessment; internal only, never on a public page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from docx import Document as read_docx
from pypdf import PdfReader

from lscp.dataset.models import Indicator
from lscp.dataset.spc_series import indicator_spc
from lscp.demo.setup import DEMO_BUNDLE
from lscp.insight import periods
from lscp.intelligence.models import Threat
from lscp.intelligence.trend import lines, trend
from lscp.partnership.bundle.exporter import export_bundle
from lscp.partnership.models import Partnership
from lscp.reports import pack_views
from lscp.reports.content import BulletList, Document, Paragraph, Section, Table
from lscp.reports.documents.threat import build_threat_assessment

pytestmark = pytest.mark.django_db

H2 = "2020-21-H2"
PAGE = "/reports/threat/2020-21-H2/"
REGISTER = "/intelligence/threats/2020-21-H2/"


@pytest.fixture
def assessment(demo: Partnership) -> Document:
    return build_threat_assessment(demo, H2)


def threat_sections(document: Document) -> dict[str, Section]:
    body = next(s for s in document.sections if s.id == "threats")
    return {s.title.removesuffix(" [i]"): s for s in body.subsections}


def summary_rows(document: Document) -> dict[str, list[str]]:
    table = next(b for b in document.sections[0].blocks if isinstance(b, Table))
    return {row[0].removesuffix(" [i]"): row for row in table.rows}


def test_the_demo_assessment_has_its_three_threats_with_their_movement(
        demo: Partnership, assessment: Document) -> None:
    expected = set(Threat.objects.filter(partnership=demo, period=H2,
                                         withdrawn_on__isnull=True).values_list("title",
                                                                                flat=True))
    assert expected == {"Child exploitation", "Domestic abuse in lockdown", "Online harm"}
    assert set(threat_sections(assessment)) == expected
    rows = summary_rows(assessment)
    # Level, confidence, then their movement since H1.
    assert rows["Child exploitation"][1:5] == ["High", "Medium", "New", "New"]
    assert rows["Domestic abuse in lockdown"][1:5] == ["High", "High", "Same", "Up"]
    assert rows["Online harm"][1:5] == ["High", "Medium", "Up", "Up"]
    abuse = threat_sections(assessment)["Domestic abuse in lockdown"]
    assert "Level unchanged (high) since 2020-21 H1; confidence raised from medium to high." \
        in abuse.blocks[0].text  # type: ignore[attr-defined]
    assert [s.title for s in abuse.subsections] == [
        "Pathway to harm", "Intelligence", "Data signals", "Intelligence gaps",
        "Recommendations"]


def test_each_threat_carries_its_indicators_signals_for_the_half(
        demo: Partnership, assessment: Document) -> None:
    """Worked out apart: every special cause of a linked indicator whose last point is in
    October 2020 to March 2021, read as at 31 March 2021."""
    half = periods.parse_period(H2)
    threat = Threat.objects.get(partnership=demo, period=H2, code="domestic-abuse-lockdown")
    expected = 0
    for indicator in threat.indicators.filter(frequency__in=["monthly", "quarterly"]):
        result = indicator_spc(demo, indicator, as_of=half.end)
        expected += sum(half.start <= periods.parse_period(s.last).start <= half.end
                        for s in result.signals)
    assert expected >= 1, "MASH enquiries, linked to the threat, signal in March 2021"
    signals = next(s for s in threat_sections(assessment)["Domestic abuse in lockdown"]
                   .subsections if s.title == "Data signals")
    sentences = next(b for b in signals.blocks if isinstance(b, BulletList)).items
    assert len(sentences) == expected
    assert any(s.startswith("MASH enquiries received in March 2021, 1,023") for s in sentences)
    assert summary_rows(assessment)["Domestic abuse in lockdown"][5] == str(expected)
    table = next(b for b in signals.blocks if isinstance(b, Table))
    assert {row[0] for row in table.rows} == {i.title for i in threat.indicators.all()}
    online = next(s for s in threat_sections(assessment)["Online harm"].subsections
                  if s.title == "Data signals")
    assert isinstance(online.blocks[0], Paragraph)  # no indicator: said, not left blank


def test_the_threat_assessment_writes_html_pdf_and_docx(demo: Partnership,
                                                         tmp_path: Path) -> None:
    call_command("report", "threat", "--half", H2, "--format", "html,pdf,docx",
                 "--out", str(tmp_path), stdout=io.StringIO())
    stem = tmp_path / "threat-assessment-2020-21-H2"
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    pdf = re.sub(r"\s+", " ", "\n".join(p.extract_text()
                                       for p in PdfReader(stem.with_suffix(".pdf")).pages))
    words = "\n".join(p.text for p in read_docx(str(stem.with_suffix(".docx"))).paragraphs)
    for text in (html, pdf, words):
        assert "strategic threat assessment 2020-21 H2" in text
        assert "Pathway to harm" in text and "Child exploitation" in text
        assert "Intelligence gaps" in text and "Recommendations" in text


# Internal only -----------------------------------------------------------------------------


def test_the_assessment_is_refused_to_anyone_not_internal(
        contributor: Client, manager: Client, chair: Client, board_member: Client) -> None:
    for url in (PAGE, f"{PAGE}download.pdf", REGISTER):
        assert contributor.get(url).status_code == 403, url
        assert Client().get(url).status_code == 302, url  # sent to sign in
    for client in (manager, chair, board_member):
        page = client.get(PAGE)
        assert page.status_code == 200
        assert "Child exploitation" in page.content.decode()
        assert client.get(REGISTER).status_code == 200


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            found += _patterns(item, prefix + str(item.pattern))
        elif isinstance(item, URLPattern):
            found.append((prefix + str(item.pattern), item.callback))
    return found


def test_no_public_address_reaches_an_internal_document(demo: Partnership) -> None:
    internal = {pack_views.threat, pack_views.threat_file, pack_views.quarterly,
                pack_views.quarterly_file, pack_views.snapshot, pack_views.snapshot_file,
                pack_views.snapshot_latest}
    names = {getattr(v, "__wrapped__", v).__name__ for v in internal}
    public = [(route, view) for route, view in _patterns(get_resolver())
              if route.startswith("public/")]
    assert public, "the published report has public addresses"
    for route, view in public:
        assert getattr(view, "__module__", "") != "lscp.intelligence.views", route
        assert getattr(getattr(view, "__wrapped__", view), "__name__", "") not in names, route
    anyone = Client()
    for url in ("/public/bromley/threat/2020-21-H2/", "/public/bromley/yearly/2020-21-H2/",
                "/public/bromley/quarterly/2020-21-Q4/"):
        assert anyone.get(url).status_code == 404, url
    published = anyone.get("/public/bromley/yearly/2020-21/")
    assert published.status_code == 200
    text = published.content.decode()
    for threat in Threat.objects.filter(partnership=demo):
        assert threat.pathway[:60] not in text


# Recording threats --------------------------------------------------------------------------


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Serious youth violence", "level": "high", "confidence": "low",
        "pathway": "Young people carrying knives after the lockdowns ended.",
        "intelligence": "Police and YOS report more weapons seized.",
        "gaps": "Hospital data on knife injuries\nSchools' exclusions for weapons",
        "recommendations": "Share A&E data monthly",
        "indicators": [Indicator.objects.get(code="yj-first-time-entrants").pk]}
    data.update(changes)
    return data


def test_the_analyst_records_a_threat_and_it_joins_the_assessment(demo: Partnership,
                                                                  manager: Client) -> None:
    response = manager.post(f"{REGISTER}new/", _form())
    assert response.status_code == 302
    threat = Threat.objects.get(partnership=demo, period=H2, code="serious-youth-violence")
    assert [i.code for i in threat.indicators.all()] == ["yj-first-time-entrants"]
    assert lines(threat.gaps) == ["Hospital data on knife injuries",
                                  "Schools' exclusions for weapons"]
    assert threat.history.first().history_user.username == "manager"  # type: ignore[attr-defined]
    assert "Serious youth violence" in manager.get(REGISTER).content.decode()
    rows = summary_rows(build_threat_assessment(demo, H2))
    assert rows["Serious youth violence"][1:5] == ["High", "Low", "New", "New"]
    assert "Serious youth violence" in manager.get(PAGE).content.decode()  # the cache follows


def test_a_threat_carried_on_from_the_last_half_keeps_its_code(demo: Partnership,
                                                                manager: Client) -> None:
    """2021-22 H1: the domestic abuse threat chosen from before, its title kept, is compared
    with 2020-21 H2's."""
    form = manager.get("/intelligence/threats/2021-22-H1/new/").content.decode()
    assert "Domestic abuse in lockdown (assessed 2020-21 H2)" in form
    response = manager.post("/intelligence/threats/2021-22-H1/new/", _form(
        code="domestic-abuse-lockdown", title="", level="moderate", confidence="high"))
    assert response.status_code == 302
    threat = Threat.objects.get(partnership=demo, period="2021-22-H1",
                                code="domestic-abuse-lockdown")
    assert threat.title == "Domestic abuse in lockdown"
    rows = summary_rows(build_threat_assessment(demo, "2021-22-H1"))
    assert rows["Domestic abuse in lockdown"][3:5] == ["Down", "Same"]


def test_a_new_threat_needs_a_title_and_the_form_says_so(manager: Client) -> None:
    response = manager.post(f"{REGISTER}new/", _form(title="", pathway=""))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the threat, or choose one assessed before" in text
    assert "Enter the pathway to harm" in text


def test_an_edit_made_meanwhile_is_not_overwritten(demo: Partnership, manager: Client) -> None:
    threat = Threat.objects.get(partnership=demo, period=H2, code="online-harm")
    url = f"{REGISTER}online-harm/edit/"
    seen = threat.version
    first = manager.post(url, _form(title="Online harm", version=seen, level="very_high"))
    assert first.status_code == 302
    second = manager.post(url, _form(title="Online harm", version=seen, level="low"))
    assert second.status_code == 400
    assert "Someone else changed this threat while you were editing" in \
        second.content.decode()
    threat.refresh_from_db()
    assert threat.level == "very_high"


def test_only_the_business_unit_records_threats(board_member: Client, chair: Client) -> None:
    for client in (board_member, chair):
        assert client.get(f"{REGISTER}new/").status_code == 403
        assert client.post(f"{REGISTER}new/", _form()).status_code == 403
        assert client.get(f"{REGISTER}online-harm/edit/").status_code == 403


def test_a_withdrawn_threat_leaves_the_assessment(demo: Partnership, manager: Client) -> None:
    threat = Threat.objects.get(partnership=demo, period=H2, code="online-harm")
    response = manager.post(f"{REGISTER}online-harm/withdraw/", {
        "reason": "Merged into child exploitation", "version": threat.version})
    assert response.status_code == 302
    assert "Online harm" not in threat_sections(build_threat_assessment(demo, H2))


# The trend and the bundle ----------------------------------------------------------------


@pytest.mark.parametrize(("now", "before", "moves"), [
    (("high", "high"), None, ("new", "new")),
    (("very_high", "low"), ("high", "medium"), ("up", "down")),
    (("low", "medium"), ("moderate", "medium"), ("down", "same")),
])
def test_trend_since_the_last_assessment(now: tuple[str, str], before: tuple[str, str] | None,
                                         moves: tuple[str, str]) -> None:
    found = trend(now[0], now[1], before, "2020-21 H1")
    assert (found.level, found.confidence) == moves
    assert found.text.endswith(".") and "2020-21 H1" in found.text


def test_the_intelligence_part_of_the_bundle_round_trips(demo: Partnership,
                                                         tmp_path: Path) -> None:
    export_bundle(demo, tmp_path)
    for name in ("threats.csv", "portfolios.csv", "theme_links.csv"):
        def rows(folder: Path) -> list[dict[str, str]]:
            found = list(csv.DictReader((folder / name).open(encoding="utf-8")))  # noqa: B023
            return sorted(found, key=lambda r: sorted(r.items()))
        assert rows(tmp_path) == rows(DEMO_BUNDLE), name
