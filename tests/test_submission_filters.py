"""The submissions list filters by words, status and agency (issue 9 § 7), for the readers
who may see each submission, and the export follows the same filters."""

from __future__ import annotations

import pytest
from django.test import Client

from lscp.dataset.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(demo) -> dict[str, Submission]:  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    csc = demo.agencies.get(code="lbb-csc")
    return {
        "police-q4": Submission.objects.create(partnership=demo, agency=police,
                                               period="2020-21-Q4", status="returned",
                                               return_reason="Q4 arrests do not add up"),
        "police-q1": Submission.objects.create(partnership=demo, agency=police,
                                               period="2021-22-Q1", status="draft"),
        "csc-q4": Submission.objects.create(partnership=demo, agency=csc,
                                            period="2020-21-Q4", status="submitted"),
    }


def _shown(client: Client, query: str) -> set[int]:
    response = client.get(f"/dataset/submissions/?{query}")
    assert response.status_code == 200
    return {s.pk for s in response.context["submissions"]}


def test_the_business_unit_filters_by_status_agency_and_words(manager: Client, listed) -> None:  # type: ignore[no-untyped-def]
    every = {s.pk for s in listed.values()}
    assert _shown(manager, "") == every
    assert _shown(manager, "status=returned") == {listed["police-q4"].pk}
    assert _shown(manager, "agency=lbb-csc") == {listed["csc-q4"].pk}
    assert _shown(manager, "q=2020-21-Q4") == {listed["police-q4"].pk, listed["csc-q4"].pk}
    assert _shown(manager, "q=metropolitan&status=draft") == {listed["police-q1"].pk}
    page = manager.get("/dataset/submissions/?status=returned").content.decode()
    assert 'name="status"' in page and "Filter" in page
    export = manager.get("/dataset/submissions/export.csv?agency=lbb-csc").content.decode()
    assert "Children's Social Care" in export and "Metropolitan" not in export


def test_filters_never_show_an_agency_what_it_may_not_see(contributor: Client, listed) -> None:  # type: ignore[no-untyped-def]
    assert _shown(contributor, "agency=lbb-csc") == set()
    assert _shown(contributor, "") == {listed["police-q4"].pk, listed["police-q1"].pk}


def test_an_unknown_choice_is_ignored_not_an_error(manager: Client, listed) -> None:  # type: ignore[no-untyped-def]
    assert _shown(manager, "status=nonsense") == {s.pk for s in listed.values()}
