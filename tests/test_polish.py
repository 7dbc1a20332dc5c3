"""Consistency and polish (issue 9, part 8): numbers written one way, errors that name the
field and the fix, one date input, and "Demo data" only on the demo partnership."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.test import Client

from lscp.assurance.models import Action, Challenge
from lscp.audit.wording import _shown
from lscp.dataset.models import ReturnLoad
from lscp.demo.setup import demo_slug, is_demo
from lscp.partnership.models import Meeting, Partnership
from lscp.web.templatetags.formatting import figure

pytestmark = pytest.mark.django_db

TAGS = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.S)


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """What a reader sees: the page without its tags (nor attribute values)."""
    assert response.status_code == 200
    return " ".join(html.unescape(TAGS.sub(" ", response.content.decode())).split())


# Numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "places", "shown"), [
    (3052.0, None, "3,052"), (Decimal("3052.000"), None, "3,052"), ("3052.0", None, "3,052"),
    (87.012, None, "87"), ("87.012", 1, "87.0"), (Decimal("12.5"), None, "12.5"),
    (12.25, 1, "12.3"),  # half up, as the reports round
    (3052, 1, "3,052"),  # a count never grows a ".0"
    (None, None, "–"), ("", 1, "–"), (float("nan"), None, "–"),
    ("2020-21", None, "2020-21"), ("June 2020 to June 2021", 0, "June 2020 to June 2021"),
    ("2867 of 3373", None, "2,867 of 3,373"), ("3 of them", None, "3 of them"),
])
def test_one_filter_writes_every_number(value: object, places: object, shown: str) -> None:
    assert figure(value, places) == shown


def test_the_audit_trail_writes_stored_numbers_as_people_do() -> None:
    assert _shown(None, Decimal("106.000")) == "106"
    assert _shown(None, Decimal("1250.500")) == "1,250.5"  # the stored precision is kept
    assert _shown(None, 3052) == "3,052"


@pytest.mark.parametrize("code", ["camhs-children-seen", "cin", "care-leavers-17-18-eet",
                                  "cla-rate", "adoptions-share-of-ceased"])
def test_indicator_pages_show_no_raw_decimals(manager: Client, code: str) -> None:
    page = text_of(manager.get(f"/dataset/indicators/{code}/"))
    raw = re.findall(r"\b\d+\.\d{3}\b|\b\d+\.0\b(?!%)|\bNone\b", page)
    assert raw == [], raw


def test_counts_over_a_thousand_have_their_comma(manager: Client) -> None:
    page = text_of(manager.get("/dataset/indicators/camhs-children-seen/"))
    assert "1,030" in page and "1030" not in page
    changes = text_of(manager.get("/dataset/indicators/sw-assessments-within-45-days/"))
    assert "2,867 of 3,373" in changes and "2867" not in changes


def test_the_audit_trail_names_targets_and_comparators_by_plain_figures(manager: Client) -> None:
    from lscp.dataset.models import Comparator

    comparator = Comparator.objects.filter(value=Decimal(11)).first()
    assert comparator is not None and str(comparator).endswith(": 11")
    page = text_of(manager.get("/audit/"))
    assert not re.search(r"\b\d+\.000\b", page)


@pytest.mark.parametrize("role", ["manager", "chair", "contributor", "board_member"])
def test_main_pages_never_say_none(role: str, request, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"
    client: Client = request.getfixturevalue(role)
    for url in ("/", "/dataset/", "/learning/actions/", "/learning/challenges/",
                "/learning/reviews/matthew/", "/groups/board/", "/reports/yearly/2020-21/"):
        page = text_of(client.get(url))
        assert not re.search(r"\bNone\b|\bnan\b", page), (url, role)


def test_the_returns_review_names_measures_and_writes_their_figures(manager: Client,
                                                                   demo: Partnership) -> None:
    load = ReturnLoad.objects.create(
        partnership=demo, year="2021-22", report=b"", provenance="test",
        results=[{"measure": "children-in-need", "indicator": "cin", "category": "",
                  "value": "3052.000", "numerator": None, "denominator": None},
                 {"measure": "cin-rate-measure-not-listed", "indicator": None, "category": "",
                  "value": None, "numerator": None, "denominator": None},
                 {"measure": "children-in-need", "indicator": "cin", "category": "x",
                  "value": None, "numerator": 1234, "denominator": 5678}])
    page = text_of(manager.get(f"/dataset/returns/{load.pk}/"))
    assert "Children in need at 31 March Children in need at 31 March 3,052" in page
    assert "children-in-need" not in page  # the code is not what a reader knows it by
    assert "None" not in page and "3052" not in page
    assert "1,234 of 5,678" in page


# Error messages that name the field and the fix --------------------------------------------

def errors_on(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    found = re.findall(r'<p[^>]*class="govuk-error-message"[^>]*>.*?</span>\s*(.*?)</p>',
                       response.content.decode(), re.S)
    return [html.unescape(e.strip()) for e in found]


def test_an_empty_challenge_says_what_to_enter(chair: Client) -> None:
    response = chair.post("/learning/challenges/new/", {"to_agency": ""})
    assert errors_on(response) == [
        "Enter who the challenge is raised on behalf of, like Independent Chair",
        "Enter the date the challenge was raised", "Enter the challenge"]
    # The summary at the top links each message to its field; the date to its day box.
    assert '<a href="#id_raised_on">Enter the date the challenge was raised</a>' in \
        response.content.decode()
    assert not Challenge.objects.filter(challenge="").exists()


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("31", "2", "2021", "Date the challenge was raised must be a real date, like 30 6 2021"),
    ("1", "", "2021", "Date the challenge was raised must include a month"),
    ("one", "6", "2021", "Date the challenge was raised must be a real date, like 30 6 2021"),
])
def test_a_wrong_date_says_how_to_put_it_right(chair: Client, day: str, month: str, year: str,
                                               message: str) -> None:
    response = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "raised_on_day": day, "raised_on_month": month,
        "raised_on_year": year, "challenge": "Why are strategy meetings late?"})
    assert errors_on(response) == [message]


def test_the_challenge_form_asks_for_the_date_in_three_boxes(chair: Client) -> None:
    page = chair.get("/learning/challenges/new/").content.decode()
    for part in ("day", "month", "year"):
        assert f'name="raised_on_{part}"' in page
    assert 'name="raised_on"' not in page and "2021-06-30" not in page  # no typed ISO date
    assert "For example, 30 6 2021" in page


def test_a_challenge_raised_with_the_date_boxes_keeps_its_date(chair: Client,
                                                               demo: Partnership) -> None:
    response = chair.post("/learning/challenges/new/", {
        "raised_by": "Independent Chair", "to_agency": "", "raised_on_day": "1",
        "raised_on_month": "6", "raised_on_year": "2021",
        "challenge": "Why are strategy meetings late?"})
    assert response.status_code == 302
    challenge = demo.challenges.get(challenge="Why are strategy meetings late?")
    assert challenge.raised_on == dt.date(2021, 6, 1)


def test_a_date_posted_whole_is_read_by_the_same_rules(chair: Client, demo: Partnership) -> None:
    """A script, or a page opened before the boxes, posts one ISO date: it is read, and a
    wrong one is refused with the field's own message."""
    data = {"raised_by": "Independent Chair", "to_agency": "", "challenge": "Training take-up?"}
    assert chair.post("/learning/challenges/new/", {**data, "raised_on": "2021-05-02"}
                      ).status_code == 302
    assert demo.challenges.get(challenge="Training take-up?").raised_on == dt.date(2021, 5, 2)
    refused = chair.post("/learning/challenges/new/", {**data, "raised_on": "02/05/2021"})
    assert errors_on(refused) == [
        "Date the challenge was raised must be a real date, like 30 6 2021"]


def test_closing_a_challenge_asks_for_the_date_it_closed(manager: Client,
                                                         demo: Partnership) -> None:
    challenge = demo.challenges.current().filter(status="open").first()
    assert challenge is not None
    url = f"/learning/challenges/{challenge.code}/respond/"
    page = manager.get(url).content.decode()
    assert 'name="closed_on_day"' in page and "2021-09-30" not in page
    data = {"response": "Agreed", "outcome": "", "impact": "", "status": "closed",
            "version": challenge.version}
    assert errors_on(manager.post(url, data)) == ["Enter the date the challenge was closed"]
    assert errors_on(manager.post(url, {**data, "status": ""})) == [
        "Choose the status of the challenge"]
    response = manager.post(url, {**data, "closed_on_day": "30", "closed_on_month": "9",
                                  "closed_on_year": "2021"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.status, challenge.closed_on) == ("closed", dt.date(2021, 9, 30))


def test_an_action_update_without_a_status_says_to_choose_one(contributor: Client) -> None:
    action = Action.objects.filter(owner__code="met-police",
                                   status__in=["not_started", "in_progress"]).first()
    assert action is not None
    response = contributor.post(f"/learning/actions/{action.pk}/edit/",
                                {"status": "", "version": action.version})
    assert errors_on(response) == ["Choose the status of the action"]


def test_a_meeting_without_a_type_says_to_choose_one(manager: Client) -> None:
    response = manager.post("/groups/board/meetings/new/",
                            {"date_day": "1", "date_month": "3", "date_year": "2021"})
    assert "Choose the type of meeting" in errors_on(response)
    assert not Meeting.objects.filter(date="2021-03-01").exists()


# "Demo data" only on the demo partnership ---------------------------------------------------

def test_the_demo_is_known_by_its_bundles_slug(demo: Partnership) -> None:
    assert demo_slug() == "bromley" and is_demo(demo)
    assert not is_demo(Partnership(slug="kent", name="Kent")) and not is_demo(None)


def test_demo_wording_shows_only_on_the_demo(manager: Client, demo: Partnership) -> None:
    assert "Demo data is synthetic" in text_of(manager.get("/"))
    assert "made up for a demonstration" in text_of(manager.get("/dataset/"))
    assert "Demo data is synthetic" in text_of(Client().get("/public/bromley/yearly/2020-21/"))

    demo.slug = "bromley-live"  # the same records, as a real partnership's
    demo.save()
    for url in ("/", "/dataset/", "/learning/reviews/matthew/"):
        page = text_of(manager.get(url))
        assert "Demo data" not in page and "demonstration" not in page, url
        assert "demo " not in page.lower(), url
    public = text_of(Client().get("/public/bromley-live/yearly/2020-21/"))
    assert "Demo data" not in public
    assert "Demo data" not in text_of(Client().get("/sign-in/"))  # no partnership yet
