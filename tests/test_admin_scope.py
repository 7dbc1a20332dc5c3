"""The admin shows a business-unit account only its own partnership (issue 8): several
partnerships may share one installation."""

from __future__ import annotations

import pytest
from django.test import Client

from lscp.partnership.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two() -> dict[str, object]:
    ours, theirs = f.PartnershipFactory(name="Ours"), f.PartnershipFactory(name="Theirs")
    return {
        "ours": ours, "theirs": theirs,
        "our_agency": f.AgencyFactory(partnership=ours, name="Our Police"),
        "their_agency": f.AgencyFactory(partnership=theirs, name="Their Police"),
        "their_action": f.ActionFactory(recommendation__partnership=theirs, text="Their action"),
    }


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_demo_business_unit_keeps_its_registers_in_the_app_not_the_admin(demo) -> None:  # type: ignore[no-untyped-def]
    """Issue 9: every register is edited in the app; the admin is superuser housekeeping (a
    superuser may still make a business-unit account staff, scoped as the tests below show)."""
    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.get(username="manager")
    assert not manager.is_staff and not manager.is_superuser
    client = Client()
    client.force_login(manager)
    assert client.get("/admin/").status_code == 302
    assert "Admin" not in client.get("/").content.decode().split("</nav>")[0]


def test_lists_show_only_the_partnerships_own_records(two) -> None:  # type: ignore[no-untyped-def]
    manager = _signed_in(f.member(two["ours"], is_staff=True))
    page = manager.get("/admin/partnership/agency/").content.decode()
    assert "Our Police" in page and "Their Police" not in page
    actions = manager.get("/admin/assurance/action/").content.decode()
    assert "Their action" not in actions and "Their Police" not in actions  # no owner filter


def test_another_partnerships_record_cannot_be_opened_or_changed(two) -> None:  # type: ignore[no-untyped-def]
    manager = _signed_in(f.member(two["ours"], is_staff=True))
    agency = two["their_agency"]
    url = f"/admin/partnership/agency/{agency.pk}/change/"
    assert "Their Police" not in manager.get(url, follow=True).content.decode()
    manager.post(url, {"name": "Renamed", "code": agency.code, "sector": "police",
                       "partnership": two["ours"].pk})
    agency.refresh_from_db()
    assert agency.name == "Their Police"


def test_choices_for_related_records_come_from_the_partnership(two) -> None:  # type: ignore[no-untyped-def]
    manager = _signed_in(f.member(two["ours"], is_staff=True))
    form = manager.get("/admin/partnership/agency/add/").content.decode()
    assert "Ours" in form and "Theirs" not in form  # the partnership to add it to
    action = f.ActionFactory(recommendation__partnership=two["ours"], owner=two["our_agency"])
    page = manager.get(f"/admin/assurance/action/{action.pk}/change/").content.decode()
    assert "Our Police" in page and "Their Police" not in page


def test_other_roles_and_non_staff_stay_out(two) -> None:  # type: ignore[no-untyped-def]
    for user in (f.member(two["ours"], Role.CHAIR, is_staff=True),
                 f.member(two["ours"], is_staff=False)):
        response = _signed_in(user).get("/admin/partnership/agency/")
        assert response.status_code in (302, 403)


def test_a_superuser_keeps_the_whole_admin(two) -> None:  # type: ignore[no-untyped-def]
    admin = _signed_in(f.UserFactory(is_staff=True, is_superuser=True))
    page = admin.get("/admin/partnership/agency/").content.decode()
    assert "Our Police" in page and "Their Police" in page
    assert admin.get("/admin/partnership/membership/").status_code == 200
