"""The admin refuses to let a second officer's save silently undo the first's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from lscp.assurance.models import Action, CaseReview

pytestmark = pytest.mark.django_db


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


def test_two_officers_edit_the_same_review_in_the_admin(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    review = CaseReview.objects.filter(partnership=demo).first()
    assert review is not None
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


def test_an_action_updated_on_the_web_is_not_undone_from_the_admin(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    action = Action.objects.filter(recommendation__partnership=demo).first()
    assert action is not None
    url = f"/admin/assurance/action/{action.pk}/change/"
    stale = _form_data(manager.get(url).content.decode())
    # Meanwhile the owning agency reports progress on the web.
    Action.objects.filter(pk=action.pk).update(evidence="Reported by the agency", version=action.version + 1)
    stale["evidence"] = "Typed in the admin"
    assert "Someone else changed this record" in manager.post(url, stale).content.decode()
    action.refresh_from_db()
    assert action.evidence == "Reported by the agency"
