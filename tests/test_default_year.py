"""Which year a page opens on when none is asked for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from lscp.partnership.models import Meeting

pytestmark = pytest.mark.django_db


def _shown(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.context["year"].label


@override_settings(LSCP_TODAY="2021-06-30")
def test_a_year_opened_only_for_figures_does_not_replace_the_governance_year(demo, manager):
    assert demo.years.filter(label="2021-22").exists()  # the demo's illustrative figures year
    # The dataset and the registers follow today; governance pages and the report do not
    # open on a year with no meetings, and the report is about the last finished year.
    assert _shown(manager, "/dataset/") == "2021-22"
    assert _shown(manager, "/") == "2020-21"
    assert _shown(manager, "/budget/") == "2020-21"
    assert _shown(manager, "/priorities/") == "2020-21"
    assert _shown(manager, "/reports/yearly/") == "2020-21"
    assert _shown(manager, "/learning/child-deaths/") == "2020-21"  # CDOP reports a finished year

    board = demo.groups.get(code="board")
    Meeting.objects.create(group=board, date=dt.date(2021, 6, 10))
    assert _shown(manager, "/") == "2021-22"
    assert _shown(manager, "/reports/yearly/") == "2020-21"
    assert _shown(manager, "/?year=2020-21") == "2020-21"


@override_settings(LSCP_TODAY="2020-09-01")
def test_the_report_of_a_year_still_running_is_shown_when_no_year_has_ended(demo, manager):
    assert _shown(manager, "/reports/yearly/") == "2020-21"
