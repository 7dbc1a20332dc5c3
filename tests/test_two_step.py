"""Two-step sign-in for the business unit and the chair (issue 8): optional unless required,
asked for on every sign-in once set up, and no page opens without it."""

from __future__ import annotations

import time

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lscp.partnership.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": f.PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def manager():  # type: ignore[no-untyped-def]
    return f.member(f.PartnershipFactory(), Role.BUSINESS_UNIT, username="officer")


def test_setting_up_an_app_then_every_sign_in_asks_for_its_code(manager) -> None:  # type: ignore[no-untyped-def]
    client = _sign_in("officer")
    page = client.get("/account/two-step/").content.decode()
    assert "Turn on two-step sign-in" in page
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    wrong = client.post("/account/two-step/", {"action": "confirm", "code": "000000"
                                               if _code(device) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode()
    time.sleep(1.1)  # django-otp throttles: after a wrong code, the next try waits a second
    client.post("/account/two-step/", {"action": "confirm", "code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed

    later = _sign_in("officer")
    held = later.get("/sign-in-pauses/")
    assert held.status_code == 302 and held["Location"].startswith("/sign-in/code/")
    refused = later.post("/sign-in/code/?next=/sign-in-pauses/", {"code": "12345"})
    assert "Enter the 6-digit code" in refused.content.decode()
    device.refresh_from_db()  # the next step's code: a code already used is not taken again
    passed = later.post("/sign-in/code/?next=/sign-in-pauses/", {"code": _code(device, 1)})
    assert passed.status_code == 302 and passed["Location"] == "/sign-in-pauses/"
    assert later.get("/sign-in-pauses/").status_code == 200


def test_without_an_app_nothing_changes_unless_it_is_required(manager) -> None:  # type: ignore[no-untyped-def]
    client = _sign_in("officer")
    assert client.get("/sign-in-pauses/").status_code == 200
    with override_settings(LSCP_TWO_STEP_REQUIRED=True):
        response = client.get("/sign-in-pauses/")
        assert response.status_code == 302 and response["Location"] == "/account/two-step/"


def test_two_step_is_offered_to_the_business_unit_and_chair_only() -> None:
    p = f.PartnershipFactory()
    f.member(p, Role.AGENCY_CONTRIBUTOR, f.AgencyFactory(partnership=p), username="lead")
    f.member(p, Role.CHAIR, username="chair1")
    assert _sign_in("lead").get("/account/two-step/").status_code == 403
    assert _sign_in("chair1").get("/account/two-step/").status_code == 200
