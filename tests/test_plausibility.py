"""Plausibility checks (issue 14, finding 3): hard bounds refuse a value wherever values enter;
soft checks flag one that is far from what came before, to the contributor before they
submit and to the approver, who must say why a flagged figure is accepted."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from lscp.dataset.catalogue import OPTIONAL, REQUIRED, read_catalogue
from lscp.dataset.models import Indicator, ReturnLoad, Submission, Unit, Value
from lscp.dataset.services import record_value
from lscp.dataset.submissions import Entry, Slot, check
from lscp.partnership.workflow import WorkflowError
from tests.factories import IndicatorFactory, PartnershipFactory

ROOT = Path(__file__).resolve().parent.parent
Q1 = "2021-22-Q1"
OFFENCES = f"da-offences.{Q1}.total"


# The catalogue ---------------------------------------------------------------------------


def test_every_catalogue_key_is_documented() -> None:
    from lscp.dataset.catalogue import PLAUSIBILITY_KEYS

    doc = (ROOT / "docs" / "indicator-catalogue.md").read_text(encoding="utf-8")
    example = doc.split("```toml", 1)[1].split("```", 1)[0]
    for key in REQUIRED + OPTIONAL:
        assert re.search(rf"^{key} = ", example, re.M), key
    for key in PLAUSIBILITY_KEYS:
        assert f"`{key}`" in doc, key


def _catalogue(tmp_path: Path, line: str) -> list[str]:
    (tmp_path / "t.toml").write_text(
        'theme = "t"\ntitle = "T"\n[[indicator]]\ncode = "x"\ntitle = "X"\n'
        'definition = "d"\nunit = "days"\npolarity = "neither"\nowner_sector = "police"\n'
        f'frequency = "yearly"\nsource = "s"\n{line}\n', encoding="utf-8")
    catalogue, problems = read_catalogue(tmp_path)
    return [str(p) for p in problems] if problems else [repr(catalogue.indicators[0])]


def test_the_catalogue_reads_plausibility_checks_and_refuses_wrong_ones(tmp_path: Path) -> None:
    catalogue, problems = read_catalogue()
    assert problems == []
    spec = catalogue.get("adoption-days-authority-to-match")
    assert spec is not None and spec.maximum is not None and spec.warn_factor == 3
    assert catalogue.get("cla-3-plus-placements").warn_deviation is not None  # type: ignore[union-attr]
    assert "maximum=Decimal('100')" in _catalogue(tmp_path, "plausibility = { maximum = 100 }")[0]
    for wrong in ("plausibility = { most = 3 }", "plausibility = { maximum = -1 }",
                  "plausibility = { factor = 0.5 }", 'plausibility = { deviation = "x" }',
                  "plausibility = 3"):
        assert any("plausibility" in p for p in _catalogue(tmp_path, wrong)), wrong


# Hard bounds: refused wherever a value enters ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "fields"), [
    (Unit.DAYS, {"value": Decimal("-12.2")}),
    (Unit.COUNT, {"value": Decimal(-1)}),
    (Unit.COUNT, {"value": Decimal("2.5")}),
    (Unit.PERCENTAGE, {"numerator": 5, "denominator": 4}),
    (Unit.PERCENTAGE, {"numerator": 5, "denominator": None}),
])
def test_record_value_refuses_an_impossible_value(unit: str, fields: dict) -> None:  # type: ignore[type-arg]
    indicator = IndicatorFactory(unit=unit)
    with pytest.raises(WorkflowError):
        record_value(PartnershipFactory(), indicator, "2021-22", "", **fields)
    assert not Value.objects.filter(indicator=indicator).exists()


@pytest.mark.django_db
def test_record_value_refuses_a_value_above_the_indicators_maximum() -> None:
    indicator = IndicatorFactory(unit=Unit.DAYS, maximum=Decimal(6575))
    partnership = PartnershipFactory()
    with pytest.raises(WorkflowError, match="more than 6,575"):
        record_value(partnership, indicator, "2021-22", "", value=Decimal(7000))
    record_value(partnership, indicator, "2021-22", "", value=Decimal(6575))


def test_the_form_refuses_a_value_above_the_maximum() -> None:
    indicator = IndicatorFactory.build(unit=Unit.COUNT, maximum=Decimal(500))
    _, errors = check([Entry(Slot(indicator, "2020-21-Q1"), value="501")], {}, complete=False)
    assert list(errors) == [(Slot(indicator, "2020-21-Q1").key, "value")]
    assert "more than 500" in next(iter(errors.values()))


@pytest.mark.django_db
def test_a_returns_submit_with_negative_days_is_a_plain_refusal(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    load = ReturnLoad.objects.create(
        partnership=demo, year="2021-22", report=b"", provenance="returns 2021-22: test",
        results=[{"measure": "adoption_days", "indicator": "adoption-days-authority-to-match",
                  "category": "", "value": "-12.2", "numerator": None, "denominator": None},
                 {"measure": "cla", "indicator": "cla", "category": "", "value": "400",
                  "numerator": None, "denominator": None}])
    response = manager.post(f"/dataset/returns/{load.pk}/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "never negative" in html
    assert not Value.objects.filter(period="2021-22").exists()  # nothing of the load stored
    assert not Submission.objects.filter(period="2021-22", status="submitted").exists()


@pytest.mark.django_db
def test_an_impossible_value_already_stored_is_flagged_on_its_page(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    indicator = Indicator.objects.get(code="adoption-days-authority-to-match")
    value = Value.objects.create(partnership=demo, indicator=indicator, period="2021-22",
                                 value=Decimal("-12.2"))
    value.changes.create(old="", new="-12.2", note="stored before the checks")
    html = manager.get("/dataset/indicators/adoption-days-authority-to-match/").content.decode()
    assert "Impossible value" in html and "never negative" in html


# Soft checks: a warning, not a refusal ------------------------------------------------------


def _indicator(**fields):  # type: ignore[no-untyped-def]
    return IndicatorFactory.build(**{"unit": Unit.COUNT, "warn_factor": 3.0, **fields})


def test_a_figure_far_above_or_below_what_came_before_is_unusual() -> None:
    from lscp.dataset.plausibility import Reference, unusual

    indicator = _indicator()
    before = [Reference("the average quarter of 2020-21", Decimal("687.5"))]
    assert "more than 3 times" in unusual(indicator, Decimal(70000), before)
    assert "less than a third of" in unusual(indicator, Decimal(100), before)
    assert unusual(indicator, Decimal(900), before) == ""
    assert unusual(indicator, Decimal(70000), []) == ""  # nothing to compare with
    assert unusual(_indicator(warn_factor=None), Decimal(70000), before) == ""


def test_a_percentage_is_unusual_when_it_moves_by_more_than_its_deviation() -> None:
    from lscp.dataset.plausibility import Reference, unusual

    indicator = _indicator(unit=Unit.PERCENTAGE, warn_factor=None, warn_deviation=20.0)
    before = [Reference("the same quarter last year (2020-21 Q1)", Decimal(80))]
    assert "more than 20 points" in unusual(indicator, Decimal(55), before)
    assert unusual(indicator, Decimal(65), before) == ""


@pytest.mark.django_db
def test_references_are_the_previous_periods_the_same_period_last_year_and_last_year(
        demo) -> None:  # type: ignore[no-untyped-def]
    from lscp.dataset.plausibility import references
    from lscp.dataset.submissions import slots

    indicator = Indicator.objects.get(code="da-offences")
    police = demo.agencies.get(code="met-police")
    for period, value in (("2020-21-Q1", 600), ("2020-21-Q3", 650), ("2020-21-Q4", 700)):
        Value.objects.create(partnership=demo, indicator=indicator, period=period, value=value)
    unsettled = Submission.objects.create(partnership=demo, period="2020-21-Q2", agency=police)
    Value.objects.create(partnership=demo, indicator=indicator, period="2020-21-Q2", value=1,
                         submission=unsettled)  # a draft: not something to compare with
    submission = Submission.objects.create(partnership=demo, period=Q1, agency=police)
    found = references(submission, slots(submission))[OFFENCES]
    text = {r.label: r.figure for r in found}
    assert text == {"the average of 2020-21-Q3 and 2020-21-Q4": Decimal(675),
                    "the same quarter last year (2020-21-Q1)": Decimal(600),
                    "a quarter of 2020-21 (2,750 ÷ 4)": Decimal("687.5")}


@pytest.fixture
def police_q1(contributor: Client, demo) -> Submission:  # type: ignore[no-untyped-def]
    demo.years.get_or_create(label="2021-22")
    response = contributor.post("/dataset/submissions/start/", {"period": Q1})
    return Submission.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def _figures(submission: Submission, **values: str) -> dict[str, str]:
    submission.refresh_from_db()
    data = {"version": str(submission.version), "action": "submit"}
    usual = {"da-offences": "700", "da-incidents": "1100", "sexual-offences": "130",
             "police-merlin-reports": "1500"}
    for code, typed in {**usual, **values}.items():
        data[f"{code}.{Q1}.total.value"] = typed
    return data


@pytest.mark.django_db
def test_seventy_thousand_offences_warn_the_contributor_before_submitting(
        contributor: Client, police_q1: Submission) -> None:
    url = f"/dataset/submissions/{police_q1.pk}/"
    first = contributor.post(url, _figures(police_q1, **{"da-offences": "70000"}))
    html = first.content.decode()
    assert first.status_code == 200 and "There is a problem" in html
    assert "Unusual" in html and "more than 3 times a quarter of 2020-21 (2,750 ÷ 4)" in html
    assert 'href="#unusual.confirmed"' in html
    police_q1.refresh_from_db()
    assert police_q1.status == "draft"
    assert not Value.objects.filter(period=Q1).exists()

    data = _figures(police_q1, **{"da-offences": "70000"})
    data["unusual_confirmed"] = OFFENCES
    assert contributor.post(url, data).status_code == 302
    police_q1.refresh_from_db()
    assert police_q1.status == "submitted"


@pytest.mark.django_db
def test_a_draft_may_be_saved_with_an_unusual_figure_and_is_flagged_on_the_page(
        contributor: Client, police_q1: Submission) -> None:
    url = f"/dataset/submissions/{police_q1.pk}/"
    data = {**_figures(police_q1, **{"da-offences": "70000"}), "action": "save"}
    assert contributor.post(url, data).status_code == 302
    page = contributor.get(url).content.decode()
    assert "Unusual" in page and "more than 3 times" in page
    assert f'aria-describedby="{OFFENCES}-unusual"' in page


@pytest.mark.django_db
def test_the_approver_must_say_why_an_unusual_figure_is_accepted(
        contributor: Client, manager: Client, police_q1: Submission) -> None:
    url = f"/dataset/submissions/{police_q1.pk}/"
    data = _figures(police_q1, **{"da-offences": "70000"})
    data["unusual_confirmed"] = OFFENCES
    contributor.post(url, data)
    page = manager.get(url).content.decode()
    assert "more than 3 times" in page and "Why the figures marked unusual are accepted" in page

    refused = manager.post(f"{url}decide/", {"action": "approve"}, follow=True)
    assert "say why the figures marked unusual are accepted" in refused.content.decode().lower()
    police_q1.refresh_from_db()
    assert police_q1.status == "submitted"

    manager.post(f"{url}decide/", {"action": "approve",
                                   "reason": "Confirmed with the force: a recording change"})
    police_q1.refresh_from_db()
    assert police_q1.status == "approved"
    event = police_q1.events.get(action="approved")
    assert "Confirmed with the force: a recording change" in event.note
    assert "Domestic abuse offences" in event.note and "70,000" in event.note


@pytest.mark.django_db
def test_an_upload_with_an_unusual_figure_is_saved_and_flagged(
        contributor: Client, police_q1: Submission) -> None:
    import io

    from openpyxl import load_workbook

    data = contributor.get(f"/dataset/submissions/{police_q1.pk}/template.xlsx").content
    book = load_workbook(io.BytesIO(data))
    sheet = book["Submission"]
    row = next(r for r in range(4, sheet.max_row + 1)
               if sheet.cell(row=r, column=1).value == OFFENCES)
    sheet.cell(row=row, column=6, value=70000)
    out = io.BytesIO()
    book.save(out)
    response = contributor.post(f"/dataset/submissions/{police_q1.pk}/upload/",
                                {"file": io.BytesIO(out.getvalue())}, follow=True)
    html = response.content.decode()
    assert "Spreadsheet uploaded" in html and "more than 3 times" in html
