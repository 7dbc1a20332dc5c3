"""The published report's feedback form (issue 10, item 6; docs/publication.md): anyone may
answer it on a published report, nothing personal is required, robots and floods are turned
away, and only the business unit reads the answers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from lscp.audit.models import Event
from lscp.partnership import versioning
from lscp.partnership.models import Partnership
from lscp.reports import publication_views, throttle
from lscp.reports.models import Feedback

PUBLIC = "/public/bromley/yearly/2020-21/"
POST = PUBLIC + "feedback/"
READ = "/reports/yearly/2020-21/feedback/"
ANSWER = {"useful": "partly", "missing": "More about early help in schools, please.",
          "contact": "", "website": ""}

pytestmark = pytest.mark.django_db


def _client(address: str = "192.0.2.10") -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def _token(client: Client) -> str:
    page = client.get(PUBLIC)
    assert page.status_code == 200
    return str(page.cookies["csrftoken"].value)


def _post(client: Client, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(POST, {**data, "csrfmiddlewaretoken": _token(client)})


def test_the_public_page_carries_the_form(demo: Partnership) -> None:
    html = Client().get(PUBLIC).content.decode()
    assert 'action="/public/bromley/yearly/2020-21/feedback/"' in html
    assert "Was this report useful to you?" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "(optional)" in html  # neither the comment nor a contact is required


def test_an_anonymous_reader_answers_and_only_the_business_unit_reads_it(
        demo: Partnership, manager: Client, chair: Client, board_member: Client,
        contributor: Client) -> None:
    response = _post(_client(), ANSWER)
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    saved = Feedback.objects.get()
    assert (saved.useful, saved.missing, saved.contact) == (
        "partly", ANSWER["missing"], "")
    assert saved.year.label == "2020-21"

    page = manager.get(READ)
    assert page.status_code == 200 and ANSWER["missing"] in page.content.decode()
    for other in (chair, board_member, contributor):
        assert other.get(READ).status_code == 403
    assert Client().get(READ).status_code == 302  # sign in first
    assert ANSWER["missing"] not in Client().get(PUBLIC).content.decode()


def test_a_chosen_contact_is_kept_for_the_business_unit_but_not_in_the_audit_trail(
        demo: Partnership, manager: Client) -> None:
    _post(_client(), {**ANSWER, "contact": "reader@example.org"})
    assert "reader@example.org" in manager.get(READ).content.decode()
    row = Feedback.history.get()  # type: ignore[attr-defined]
    assert not hasattr(row, "contact") and not hasattr(row, "missing")
    assert "reader@example.org" not in manager.get("/audit/").content.decode()


def test_an_answer_needs_only_whether_it_was_useful(demo: Partnership) -> None:
    response = _post(_client(), {"useful": "", "missing": "", "contact": "", "website": ""})
    assert response.status_code == 200
    assert "Select whether the report was useful to you" in response.content.decode()
    assert not Feedback.objects.exists()
    assert _post(_client(), {"useful": "yes"}).status_code == 200
    assert Feedback.objects.count() == 1


def test_a_post_without_the_csrf_token_is_refused(demo: Partnership) -> None:
    assert _client().post(POST, ANSWER).status_code == 403
    assert not Feedback.objects.exists()


def test_a_robot_that_fills_the_hidden_field_is_thanked_and_ignored(demo: Partnership) -> None:
    response = _post(_client(), {**ANSWER, "website": "http://spam.example"})
    assert "Thank you" in response.content.decode()
    assert not Feedback.objects.exists()


def test_one_address_may_answer_a_few_times_an_hour(demo: Partnership) -> None:
    cache.clear()
    reader = _client("192.0.2.20")
    for _ in range(publication_views.FEEDBACK_PER_ADDRESS):
        assert _post(reader, ANSWER).status_code == 200
    assert _post(reader, ANSWER).status_code == 429
    assert Feedback.objects.count() == publication_views.FEEDBACK_PER_ADDRESS
    assert _post(_client("192.0.2.21"), ANSWER).status_code == 200  # another reader
    assert not Event.objects.filter(address="192.0.2.20").exists()  # no address kept


def test_a_window_ends_and_counting_starts_again() -> None:
    cache.clear()
    assert throttle.allow("t", "a", limit=1, seconds=60, now=120.0)
    assert not throttle.allow("t", "a", limit=1, seconds=60, now=150.0)
    assert throttle.allow("t", "a", limit=1, seconds=60, now=180.0)


def test_feedback_is_taken_on_published_reports_only(demo: Partnership) -> None:
    year = demo.years.get(label="2020-21")
    year.report_published = False
    year.save()
    assert Client().get(POST).status_code == 404
    assert Client().post(POST, ANSWER).status_code == 404
    assert Client().post("/public/bromley/yearly/2021-22/feedback/", ANSWER).status_code == 404
    assert not Feedback.objects.exists()


def test_an_answer_does_not_make_the_report_pages_rebuild(demo: Partnership) -> None:
    """Anyone may post feedback: it must not throw away the cached report (decision 0010)."""
    before = versioning.version(demo.pk)
    _post(_client(), ANSWER)
    assert versioning.version(demo.pk) == before
