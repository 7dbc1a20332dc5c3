"""Which year a page opens on when none is asked for.

A partnership made with factories (tests/factories.py), not the demo bundle: 2020-21 with a
Board meeting, and 2021-22 opened for figures only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from lscp.partnership.models import Group, GroupKind, Meeting, Role
from tests.factories import GroupFactory, MeetingFactory, ReportingYearFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def board() -> Group:
    year = ReportingYearFactory(label="2020-21")
    ReportingYearFactory(partnership=year.partnership, label="2021-22")  # figures only, so far
    group = GroupFactory(partnership=year.partnership, code="board", kind=GroupKind.BOARD)
    MeetingFactory(group=group, date=dt.date(2020, 6, 10))
    return group


@pytest.fixture
def manager(board: Group) -> Client:
    client = Client()
    client.force_login(member(board.partnership, Role.BUSINESS_UNIT))
    return client


def _shown(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.context["year"].label


@override_settings(LSCP_TODAY="2021-06-30")
def test_every_page_opens_on_the_last_finished_year(board: Group, manager: Client) -> None:
    # Issue 9: a year opened early for figures, or one meeting in the new year, does not move
    # anyone's pages onto a year with almost nothing in it.
    pages = ["/", "/dataset/", "/budget/", "/priorities/", "/reports/yearly/",
             "/learning/child-deaths/"]
    assert {url: _shown(manager, url) for url in pages} == dict.fromkeys(pages, "2020-21")

    Meeting.objects.create(group=board, date=dt.date(2021, 6, 10))
    assert {url: _shown(manager, url) for url in pages} == dict.fromkeys(pages, "2020-21")
    assert _shown(manager, "/?year=2021-22") == "2021-22"
    assert _shown(manager, "/dataset/?year=2021-22") == "2021-22"
    assert manager.get("/?year=2019-20").status_code == 404


@override_settings(LSCP_TODAY="2020-09-01")
def test_the_year_still_running_is_shown_when_no_year_has_ended(manager: Client) -> None:
    assert _shown(manager, "/reports/yearly/") == "2020-21"
    assert _shown(manager, "/dataset/") == "2020-21"
