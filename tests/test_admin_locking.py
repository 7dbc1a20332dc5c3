"""The admin refuses to let a second officer's save silently undo the first's.

On a review and an action made with factories (tests/factories.py), not the demo bundle.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from lscp.assurance.models import Action
from lscp.partnership.models import Partnership, Role
from tests.factories import ActionFactory, CaseReviewFactory, PartnershipFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership() -> Partnership:
    return PartnershipFactory()


@pytest.fixture
def manager(partnership: Partnership) -> Client:
    """A business-unit officer with a staff account, as the admin needs."""
    client = Client()
    client.force_login(member(partnership, Role.BUSINESS_UNIT, is_staff=True, is_superuser=True))
    return client


def _form_data(page: str) -> dict[str, str]:
    """The admin change form's fields as the browser would post them back."""
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data.setdefault(name, value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = body.strip()
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        if chosen:
            data[name] = chosen[0]
    data.pop("_addanother", None)
    data.pop("_continue", None)
    return data


def test_two_officers_edit_the_same_review_in_the_admin(manager: Client,
                                                        partnership: Partnership) -> None:
    review = CaseReviewFactory(partnership=partnership, summary="As imported")
    url = f"/admin/assurance/casereview/{review.pk}/change/"
    first = _form_data(manager.get(url).content.decode())
    second = dict(first)
    assert first["seen_version"] == str(review.version)

    first["summary"] = "Saved by the first officer"
    assert manager.post(url, first).status_code == 302
    second["summary"] = "Saved by the second officer"
    refused = manager.post(url, second)
    assert refused.status_code == 200
    assert "Someone else changed this record" in refused.content.decode()
    review.refresh_from_db()
    assert review.summary == "Saved by the first officer"


def test_an_action_updated_on_the_web_is_not_undone_from_the_admin(manager: Client,
                                                                   partnership: Partnership) -> None:
    action = ActionFactory(recommendation__partnership=partnership)
    url = f"/admin/assurance/action/{action.pk}/change/"
    stale = _form_data(manager.get(url).content.decode())
    # Meanwhile the owning agency reports progress on the web.
    Action.objects.filter(pk=action.pk).update(evidence="Reported by the agency",
                                               version=action.version + 1)
    stale["evidence"] = "Typed in the admin"
    assert "Someone else changed this record" in manager.post(url, stale).content.decode()
    action.refresh_from_db()
    assert action.evidence == "Reported by the agency"


def test_an_admin_edit_without_its_version_is_refused(manager: Client,
                                                      partnership: Partnership) -> None:
    """Leaving `seen_version` out of the POST once skipped the check altogether."""
    review = CaseReviewFactory(partnership=partnership, summary="As imported")
    url = f"/admin/assurance/casereview/{review.pk}/change/"
    data = _form_data(manager.get(url).content.decode())
    data.pop("seen_version")
    data["summary"] = "Saved without a version"
    refused = manager.post(url, data)
    assert refused.status_code == 200
    assert "did not say which version of the record it was opened at" in refused.content.decode()
    review.refresh_from_db()
    assert review.summary == "As imported"
