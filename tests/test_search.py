"""Site search: one box across the registers a person may read, in their own partnership."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from lscp.partnership.models import Role
from lscp.search import registry
from tests import factories as f

D = dt.date
pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _registers(html: str) -> list[str]:
    """The register headings of a results page, without their counts."""
    return re.findall(r'<h3 class="govuk-heading-s" id="register-[a-z]+">([^(<]+) \(', html)


def test_one_word_finds_records_in_every_register_with_their_links() -> None:
    p = f.PartnershipFactory()
    year = f.ReportingYearFactory(partnership=p, label="2020-21")
    police = f.AgencyFactory(partnership=p, name="Synthetic Police")
    review = f.CaseReviewFactory(partnership=p, code="rr-kestrel", summary="Kestrel house move")
    rec = f.RecommendationFactory(partnership=p, review=review, text="Kestrel information sharing")
    action = f.ActionFactory(recommendation=rec, owner=police, text="Kestrel protocol refresh",
                             due=D(2021, 9, 30))
    f.ChallengeFactory(partnership=p, challenge="Kestrel escalation", to_agency=police)
    f.RiskFactory(partnership=p, title="Kestrel staffing")
    f.PriorityFactory(year=year, title="Kestrel neighbourhoods")
    f.BudgetLineFactory(year=year, line="Kestrel fund")
    f.ActionFactory(recommendation=rec, owner=police, text="Unrelated work")

    html = _signed_in(f.member(p)).get("/search/", {"q": "kestrel"}).content.decode()
    assert _registers(html) == ["Case reviews", "Recommendations", "Actions", "Challenge log",
                                "Risk register", "Priorities", "Budget"]
    assert f'href="/learning/actions/{action.pk}/"' in html
    assert 'href="/learning/reviews/rr-kestrel/"' in html
    assert "Synthetic Police, not started, due 30 September 2021" in html
    assert 'href="/priorities/?year=2020-21"' in html
    assert "Unrelated work" not in html
    assert "7 results for “kestrel”" in html


def test_every_word_must_match_somewhere_in_the_record() -> None:
    p = f.PartnershipFactory()
    police = f.AgencyFactory(partnership=p, name="Synthetic Police")
    rec = f.RecommendationFactory(partnership=p)
    f.ActionFactory(recommendation=rec, owner=police, text="Refresh the escalation protocol")
    f.ActionFactory(recommendation=rec, text="Refresh the training offer")
    client = _signed_in(f.member(p))
    html = client.get("/search/", {"q": "refresh police"}).content.decode()
    assert "escalation protocol" in html and "training offer" not in html


def test_another_partnerships_records_are_never_found() -> None:
    ours, theirs = f.PartnershipFactory(), f.PartnershipFactory()
    f.RiskFactory(partnership=theirs, title="Heron flooding")
    assert "Heron flooding" not in _signed_in(f.member(ours)).get(
        "/search/", {"q": "heron"}).content.decode()
    html = _signed_in(f.member(theirs)).get("/search/", {"q": "heron"}).content.decode()
    assert "Heron flooding" in html


def test_agency_contributors_never_see_the_budget(demo, contributor: Client,  # type: ignore[no-untyped-def]
                                                  manager: Client, chair: Client) -> None:
    assert "Budget" in _registers(manager.get("/search/", {"q": "bromley"}).content.decode())
    assert "Budget" in _registers(chair.get("/search/", {"q": "bromley"}).content.decode())
    html = contributor.get("/search/", {"q": "bromley"}).content.decode()
    assert _registers(html) and "Budget" not in _registers(html)
    assert 'href="/budget/' not in html and "and the budget" not in html


def test_each_register_shows_its_first_ten_and_says_how_many() -> None:
    p = f.PartnershipFactory()
    rec = f.RecommendationFactory(partnership=p)
    for n in range(registry.PER_REGISTER + 2):
        f.ActionFactory(recommendation=rec, text=f"Osprey task {n}")
    html = _signed_in(f.member(p)).get("/search/", {"q": "osprey"}).content.decode()
    assert html.count("Osprey task") == registry.PER_REGISTER
    assert "Actions (12)" in html and "The first 10 of 12 are shown" in html


def test_withdrawn_records_leave_search_where_a_register_withdraws_them() -> None:
    p = f.PartnershipFactory()
    risk = f.RiskFactory(partnership=p, title="Plover review")
    if not hasattr(risk, "withdrawn_on"):
        pytest.skip("the risk register cannot withdraw records yet")
    client = _signed_in(f.member(p))
    assert "Plover review" in client.get("/search/", {"q": "plover"}).content.decode()
    type(risk).objects.filter(pk=risk.pk).update(withdrawn_on=D(2021, 6, 1))
    assert "Plover review" not in client.get("/search/", {"q": "plover"}).content.decode()


def test_a_search_too_short_is_refused_with_the_fix() -> None:
    client = _signed_in(f.member(f.PartnershipFactory()))
    html = client.get("/search/", {"q": " a "}).content.decode()
    assert "There is a problem" in html and 'href="#id_q"' in html
    assert "Enter at least 2 letters or numbers to search for" in html
    assert "<title>Search – error" in html
    empty = client.get("/search/").content.decode()
    assert "There is a problem" not in empty and "results for" not in empty
    assert "No results for “zzzq”" in client.get("/search/", {"q": "zzzq"}).content.decode()


@pytest.mark.parametrize("role", [Role.BUSINESS_UNIT, Role.CHAIR, Role.BOARD_MEMBER])
def test_every_member_may_search_and_the_menu_offers_it(role: str) -> None:
    p = f.PartnershipFactory()
    user = f.member(p, role)
    response = _signed_in(user).get("/search/", {"q": "x1"})
    assert response.status_code == 200 and 'href="/search/"' in response.content.decode()


def test_visitors_are_sent_to_sign_in_and_strangers_refused() -> None:
    assert Client().get("/search/?q=risk").status_code == 302
    assert _signed_in(f.UserFactory()).get("/search/?q=risk").status_code == 403
