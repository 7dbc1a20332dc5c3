"""The multi-agency dataset: catalogue, rates, submissions and their workflow, uploads, exports,
and the yearly report's safeguarding context with small-number suppression."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client, override_settings
from openpyxl import load_workbook

from lscp.dataset.catalogue import read_catalogue
from lscp.dataset.exports import neutralise, to_csv, to_xlsx
from lscp.dataset.models import Indicator, Submission, Value, ValueChange
from lscp.dataset.selectors import year_point
from lscp.demo.setup import DEMO_PASSWORD, create_demo_users
from lscp.partnership.bundle.importer import import_bundle_folder
from lscp.partnership.models import Membership
from lscp.reports.content import BulletList, Paragraph, Table
from lscp.reports.documents.yearly import build_yearly_report

# Every measure the issue names, as words that must appear in some indicator's title.
MEASURES = [
    "MASH enquiries", "referred on for a social work assessment", "assessments",
    "within 45 working days", "children in need",
    "strategy discussions", "section 47", "initial child protection conference",
    "within 15 working days", "resulting in a plan", "child protection plan at 31 March",
    "category", "two years", "second or subsequent", "looked after at 31 March",
    "three or more placements", "same placement", "placement type", "20 miles",
    "in touch", "suitable accommodation", "education, employment or training",
    "adoptive family", "foster carer households", "first-time entrants", "reoffend",
    "custod", "domestic abuse offences", "domestic abuse incidents", "MARAC",
    "Independent Domestic Violence Advocate", "home educated", "private fostering",
    "education, health and care plan", "Disability Service", "CAMHS", "MAPPA",
    "drug and alcohol", "early help", "families", "missing episodes", "return home interview",
    "72 hours", "MEGA", "National Referral Mechanism", "missing education",
    "remove a pupil from a school roll", "LADO", "allegation",
]


def test_the_catalogue_is_valid_and_covers_every_measure() -> None:
    catalogue, problems = read_catalogue()
    assert problems == []
    text = " | ".join(f"{i.title} {i.definition} {i.breakdown.name if i.breakdown else ''}"
                      for i in catalogue.indicators).lower()
    missing = [m for m in MEASURES if m.lower() not in text]
    assert missing == []


def test_a_broken_catalogue_is_refused_with_file_and_indicator(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        'theme = "bad"\ntitle = "Bad"\n[[indicator]]\ncode = "x"\ntitle = "X"\n'
        'definition = "d"\nunit = "rate"\npolarity = "upwards"\nowner_sector = "police"\n'
        'frequency = "yearly"\nsource = "s"\n', encoding="utf-8")
    _, problems = read_catalogue(tmp_path)
    messages = [str(p) for p in problems]
    assert "bad.toml:indicator 1 (x): polarity 'upwards' is not one of: up_good, down_good, " \
           "neither" in messages
    assert "bad.toml:indicator 1 (x): a rate needs rate_of: the code of the count it is " \
           "computed from" in messages


def context_text(document) -> str:  # type: ignore[no-untyped-def]
    section = next(s for s in document.sections if s.id == "context")
    texts: list[str] = []

    def walk(sec) -> None:  # type: ignore[no-untyped-def]
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                texts.append(block.text)
            elif isinstance(block, BulletList):  # each theme's findings
                texts.extend(block.items)
            elif isinstance(block, Table):
                texts.append(" | ".join(" ".join(r) for r in block.rows))
        for sub in sec.subsections:
            walk(sub)

    walk(section)
    return "\n".join(texts)


def test_the_demo_report_states_the_published_figures(demo) -> None:  # type: ignore[no-untyped-def]
    text = context_text(build_yearly_report(demo, demo.years.get(label="2020-21")))
    expected = [
        # each theme's findings, then one table whose rows read "title unit 2019-20 2020-21"
        "Children subject to a child protection plan at 31 March number – 283",
        "Rate of children subject to a child protection plan at 31 March 2021: 38 per 10,000 "
        "children. That is below England (43).",
        "Children looked after at 31 March number 331 341",
        "Rate of children looked after at 31 March 2021: 45 per 10,000 children",
        "That is below England (67).",
        "Social work assessments completed in 2020-21: 3,373",
        # 85% is published; the counts are worked out from it, so the figure is marked [i].
        "Social work assessments completed within 45 working days in 2020-21: 85% [i]",
        "(2,867 of 3,373 in 2020-21)",
        "Children subject of an initial child protection conference in 2020-21: 370",
        "Initial child protection conferences within 15 working days in 2020-21: 90%",
        "Missing episodes number – 875",
        "(717 of 875 in 2020-21)",
        "(437 of 717 in 2020-21)",
        "Contacts with the LADO number – 228",
        "Referral 116",
        "Consultation 112",
    ]
    for phrase in expected:
        assert phrase in text, phrase


def test_rates_are_computed_from_counts_and_population(demo) -> None:  # type: ignore[no-untyped-def]
    rate = Indicator.objects.get(code="cp-plans-rate")
    assert year_point(demo, rate, "2020-21").figure == Decimal(38)
    demo.populations.filter(year="2020-21").update(under_18=80000)
    assert year_point(demo, rate, "2020-21").figure == Decimal(35)
    assert not Value.objects.filter(indicator=rate).exists()  # never stored


def test_the_public_edition_suppresses_small_counts_the_internal_shows(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    internal = context_text(build_yearly_report(demo, year))
    public = context_text(build_yearly_report(demo, year, public=True))
    # 3 unaccompanied asylum-seeking children at 31 March 2021, and 2 children whose
    # private fostering ended when they turned 16.
    assert "Unaccompanied asylum-seeking children looked after at 31 March number 22 3" in internal
    assert "Unaccompanied asylum-seeking children looked after at 31 March number 22 [c]" in public
    assert "Child turned 16 2 10%" in internal
    assert "Child turned 16 [c] [c]" in public
    # Secondary suppression: 4 arrangements open at 31 March would be 25 in the year less
    # 21 ended, so the 21 is hidden too (and with it every share of its breakdown).
    assert "Private fostering arrangements that ended number – 21" in internal
    assert "Private fostering arrangements that ended number – [c]" in public
    assert "Returned to boarding school 6 [c]" in public
    # A made-up figure is marked inside and refused outside: 4 sexual abuse plans.
    assert "Sexual abuse 4 [i]" in internal
    assert "Sexual abuse [x] [x]" in public
    # True zeros stay zeros; big numbers stay.
    assert "283" in public and "[c]" not in "283"


def test_the_public_pdf_hides_what_the_internal_pdf_shows(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from lscp.reports.render import render_pdf

    year = demo.years.get(label="2020-21")
    texts = {}
    for public in (False, True):
        pdf = render_pdf(build_yearly_report(demo, year, public=public))
        reader = PdfReader(io.BytesIO(pdf))
        texts[public] = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Child turned 16 2 10%" in texts[False]
    assert "Child turned 16 [c] [c]" in texts[True]
    assert "Child turned 16 2" not in texts[True]


# Submissions -------------------------------------------------------------------------


@pytest.fixture
def health(demo, django_user_model) -> Client:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("health", password=DEMO_PASSWORD)
    Membership.objects.create(user=user, partnership=demo, role="agency_contributor",
                              agency=demo.agencies.get(code="selccg"))
    client = Client()
    assert client.login(username="health", password=DEMO_PASSWORD)
    return client


def open_submission(client: Client, period: str) -> Submission:
    response = client.post("/dataset/submissions/start/", {"period": period})
    assert response.status_code == 302
    return Submission.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def form_data(submission: Submission, **values: str) -> dict[str, str]:
    """A police Q1 sent by a contributor who has confirmed any figure marked unusual (100
    offences is far below a quarter of last year's 2,750: tests/test_plausibility.py)."""
    data = {"version": str(submission.version), "action": "submit"}
    codes = ("da-offences", "da-incidents", "sexual-offences", "police-merlin-reports")
    for code in codes:
        data[f"{code}.2021-22-Q1.total.value"] = values.get(code, "100")
    data["unusual_confirmed"] = " ".join(f"{code}.2021-22-Q1.total" for code in codes)
    return data


@pytest.fixture
def year_2021(demo):  # type: ignore[no-untyped-def]
    return demo.years.get_or_create(label="2021-22")[0]


def test_a_contributor_submits_and_the_business_unit_returns_it(  # type: ignore[no-untyped-def]
        contributor: Client, manager: Client, health: Client, year_2021) -> None:
    submission = open_submission(contributor, "2021-22-Q1")
    url = f"/dataset/submissions/{submission.pk}/"
    bad = contributor.post(url, form_data(submission, **{"da-offences": "-4"}))
    html = bad.content.decode()
    assert bad.status_code == 200 and "There is a problem" in html
    assert 'href="#da-offences.2021-22-Q1.total.value"' in html
    assert "must be a whole number, 0 or more" in html
    assert not Value.objects.filter(period="2021-22-Q1").exists()

    good = contributor.post(url, form_data(submission, **{"da-offences": "640"}))
    assert good.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "submitted"
    value = Value.objects.get(indicator__code="da-offences", period="2021-22-Q1")
    assert value.value == 640 and value.changes.count() == 1

    # Another agency sees neither the submission nor its figures on the dashboard.
    assert health.get(url).status_code == 404
    assert "Metropolitan" not in health.get("/dataset/submissions/").content.decode()

    manager.post(f"{url}decide/", {"action": "return", "reason": "Q1 offences look low"})
    submission.refresh_from_db()
    assert submission.status == "returned"
    page = contributor.get(url).content.decode()
    assert "Q1 offences look low" in page


def test_approved_values_change_only_by_reopening(contributor: Client, manager: Client,  # type: ignore[no-untyped-def]
                                                  year_2021) -> None:
    submission = open_submission(contributor, "2021-22-Q1")
    url = f"/dataset/submissions/{submission.pk}/"
    contributor.post(url, form_data(submission))
    manager.post(f"{url}decide/", {"action": "approve", "reason": "Checked with the force"})
    submission.refresh_from_db()
    assert submission.status == "approved"
    response = contributor.post(url, form_data(submission, **{"da-offences": "5"}))
    assert response.status_code == 403
    assert Value.objects.get(indicator__code="da-offences", period="2021-22-Q1").value == 100
    manager.post(f"{url}decide/", {"action": "reopen", "reason": "Police corrected Q1"})
    submission.refresh_from_db()
    contributor.post(url, form_data(submission, **{"da-offences": "105"}))
    value = Value.objects.get(indicator__code="da-offences", period="2021-22-Q1")
    assert value.value == 105
    change = ValueChange.objects.filter(value=value).first()
    assert change is not None and (change.old, change.new) == ("100", "105")
    assert change.changed_by.username == "police"


def test_a_big_change_needs_a_comment(contributor: Client, year_2021, demo) -> None:  # type: ignore[no-untyped-def]
    Value.objects.create(partnership=demo, indicator=Indicator.objects.get(code="da-offences"),
                         period="2020-21-Q4", value=600)
    submission = open_submission(contributor, "2021-22-Q1")
    url = f"/dataset/submissions/{submission.pk}/"
    html = contributor.post(url, form_data(submission, **{"da-offences": "900"})).content.decode()
    assert "changed by 50% from the previous period: add a comment" in html
    data = form_data(submission, **{"da-offences": "900"})
    data["da-offences.2021-22-Q1.total.comment"] = "New recording rules from April"
    assert contributor.post(url, data).status_code == 302


def upload(client: Client, submission: Submission, book_bytes: bytes):  # type: ignore[no-untyped-def]
    return client.post(f"/dataset/submissions/{submission.pk}/upload/",
                       {"file": io.BytesIO(book_bytes)}, format="multipart")


def test_an_uploaded_template_with_errors_imports_nothing(contributor: Client,  # type: ignore[no-untyped-def]
                                                          year_2021) -> None:
    submission = open_submission(contributor, "2021-22-Q1")
    template = contributor.get(f"/dataset/submissions/{submission.pk}/template.xlsx").content
    book = load_workbook(io.BytesIO(template))
    sheet = book["Submission"]
    keys = {sheet.cell(row=r, column=1).value: r for r in range(4, sheet.max_row + 1)}
    sheet.cell(row=keys["da-offences.2021-22-Q1.total"], column=6, value="lots")
    sheet.cell(row=keys["da-incidents.2021-22-Q1.total"], column=6, value=-3)
    sheet.cell(row=keys["sexual-offences.2021-22-Q1.total"], column=6, value=120)
    out = io.BytesIO()
    book.save(out)
    response = upload(contributor, submission, out.getvalue())
    html = response.content.decode()
    assert response.status_code == 400
    row_offences, row_incidents = keys["da-offences.2021-22-Q1.total"], keys[
        "da-incidents.2021-22-Q1.total"]
    assert f"Submission!F{row_offences}: " in html and "must be a whole number" in html
    assert f"Submission!F{row_incidents}: " in html
    assert "Nothing from the spreadsheet was saved" in html
    assert not Value.objects.filter(period="2021-22-Q1").exists()

    sheet.cell(row=row_offences, column=6, value=640)
    sheet.cell(row=row_incidents, column=6, value=1100)
    out = io.BytesIO()
    book.save(out)
    assert upload(contributor, submission, out.getvalue()).status_code == 302
    assert Value.objects.get(indicator__code="sexual-offences", period="2021-22-Q1").value == 120


def test_a_file_that_is_not_a_workbook_is_refused(contributor: Client, year_2021) -> None:  # type: ignore[no-untyped-def]
    submission = open_submission(contributor, "2021-22-Q1")
    response = upload(contributor, submission, b"=HYPERLINK(\"x\")\n1,2,3\n")
    assert "not an Excel workbook" in response.content.decode()


# Exports -------------------------------------------------------------------------------


def test_formula_like_text_is_neutralised_in_exports() -> None:
    rows = [["=1+2", "+44 20", "-5 days", "@SUM(A1)", 42, -3, "plain"]]
    text = to_csv(["h"] * 7, rows).decode("utf-8-sig")
    cells = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert cells == ["'=1+2", "'+44 20", "'-5 days", "'@SUM(A1)", "42", "-3", "plain"]
    sheet = load_workbook(io.BytesIO(to_xlsx("t", ["h"] * 7, rows))).active
    values = [c.value for c in sheet[2]]
    assert values == ["'=1+2", "'+44 20", "'-5 days", "'@SUM(A1)", 42, -3, "plain"]
    assert all(c.data_type != "f" for c in sheet[2])
    assert neutralise("\t=cmd") == "'\t=cmd"


def test_dashboard_exports_download(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = manager.get("/dataset/export.csv?year=2020-21")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "cp-plans" in text and "283" in text
    xlsx = manager.get("/dataset/indicators/cp-plans/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=1, column=1).value == "Period"


def test_indicator_page_has_chart_alternative_and_table(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    html = manager.get("/dataset/indicators/icpcs/").content.decode()
    assert 'alt="Line chart of' in html
    assert "February 2021" in html and "Submission history" in html


def test_an_indicators_own_threshold_changes_what_is_hidden(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    uasc = Indicator.objects.get(code="cla-uasc")
    assert "at 31 March number 22 [c]" in context_text(build_yearly_report(demo, year, public=True))
    uasc.disclosure_threshold = 2  # 3 is no longer small for this indicator
    uasc.save()
    public = context_text(build_yearly_report(demo, year, public=True))
    assert "Unaccompanied asylum-seeking children looked after at 31 March number 22 3" in public
    uasc.disclosure_threshold = 25  # now 22 is small too
    uasc.save()
    public = context_text(build_yearly_report(demo, year, public=True))
    assert "Unaccompanied asylum-seeking children looked after at 31 March number [c] [c]" in public


def test_the_submissions_list_exports_only_what_the_user_may_see(  # type: ignore[no-untyped-def]
        contributor: Client, health: Client, manager: Client, year_2021) -> None:
    submission = open_submission(contributor, "2021-22-Q1")
    contributor.post(f"/dataset/submissions/{submission.pk}/", form_data(submission))
    manager.post(f"/dataset/submissions/{submission.pk}/decide/",
                 {"action": "return", "reason": "=HYPERLINK('http://x')"})
    own = contributor.get("/dataset/submissions/export.csv").content.decode("utf-8-sig")
    assert "Metropolitan Police" in own and "'=HYPERLINK" in own
    other = health.get("/dataset/submissions/export.csv").content.decode("utf-8-sig")
    assert "Metropolitan Police" not in other


@override_settings(LSCP_TODAY="2021-06-30")
def test_only_periods_that_have_ended_can_be_opened(contributor) -> None:  # type: ignore[no-untyped-def]
    page = contributor.get("/dataset/submissions/").content.decode()
    options = re.findall(r'<option value="([^"]+)"', page)
    assert options[:3] == ["2021-22-Q1", "2020-21-Q4", "2020-21"]
    assert "2021-22-Q2" not in options and "2021-22" not in options
    response = contributor.post("/dataset/submissions/start/", {"period": "2021-22-Q2"}, follow=True)
    assert "Choose a period that has ended" in response.content.decode()
    assert not Submission.objects.filter(period="2021-22-Q2").exists()


@pytest.mark.django_db
def test_regional_and_neighbour_comparators_come_from_the_bundle_and_show_in_order(
        bundle_copy: Path) -> None:
    with open(bundle_copy / "comparators.csv", "a", encoding="utf-8") as out:
        out.write('cp-plans-rate,2020-21,statistical_neighbours,36.4,"Synthetic, for this test"\n')
        out.write('cp-plans-rate,2020-21,regional,35.1,"Synthetic, for this test"\n')
    result = import_bundle_folder(bundle_copy)
    assert result.ok, result.problems
    assert result.partnership is not None
    create_demo_users(result.partnership)
    client = Client()
    assert client.login(username="board", password=DEMO_PASSWORD)
    page = client.get("/dataset/indicators/cp-plans-rate/")
    header, rows = page.context["header"], page.context["rows"]
    assert header[-3:] == ["England", "Region", "Statistical neighbours"]
    year = next(row for row in rows if row[0] == "2020-21")
    assert [str(v) for v in year[-3:]] == ["43.0", "35.1", "36.4"]
    exported = client.get("/dataset/indicators/cp-plans-rate/export.csv").content.decode()
    assert "England,Region,Statistical neighbours" in exported.splitlines()[0]
    assert "43.0,35.1,36.4" in exported


@pytest.mark.django_db
def test_a_comparator_of_an_unknown_kind_is_refused_with_its_place(bundle_copy: Path) -> None:
    with open(bundle_copy / "comparators.csv", "a", encoding="utf-8") as out:
        out.write('cp-plans-rate,2020-21,london,35.1,test\n')
    result = import_bundle_folder(bundle_copy)
    assert not result.ok
    assert any(str(p).startswith("comparators.csv:20:kind:") for p in result.problems), result.problems
    assert not Indicator.objects.filter(comparator_values__kind="london").exists()


def test_a_rates_history_is_that_of_the_count_it_is_computed_from(board_member: Client) -> None:
    page = board_member.get("/dataset/indicators/cp-plans-rate/")
    history = list(page.context["history"])
    assert history and {v.indicator.code for v in history} == {"cp-plans"}
    assert "This rate is computed" in page.content.decode()
