"""Issue 9, part 3: people in the app.

The business unit invites someone by email with a role (and an agency for a contributor);
the invitation's one-time link lets them choose a password, checked by every validator,
and signs them in. The business unit changes roles and disables leavers, whose sessions end
at once; it cannot reach superusers, another partnership's people, or disable itself.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from lscp.demo.setup import DEMO_PASSWORD
from lscp.partnership.models import Membership
from tests import factories as f

User = get_user_model()
GOOD_PASSWORD = "correct-horse-battery-staple"


def invite(manager: Client, demo, **data: str):  # type: ignore[no-untyped-def]
    police = demo.agencies.get(code="met-police")
    fields = {"first_name": "Sam", "last_name": "Synthetic", "email": "Sam@Example.org",
              "role": "agency_contributor", "agency": str(police.pk), **data}
    return manager.post("/people/invite/", fields)


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/welcome/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_an_invited_person_sets_their_password_and_is_signed_in(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    response = invite(manager, demo)
    assert response.status_code == 302 and response["Location"] == "/people/"
    user = User.objects.get(username="sam@example.org")
    membership = Membership.objects.get(user=user)
    assert (membership.partnership, membership.role, membership.agency.code) == (
        demo, "agency_contributor", "met-police")
    assert not user.is_superuser and not user.is_staff and not user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert "Bromley Safeguarding Children Partnership" in message.subject
    link = link_in(message)

    newcomer = Client()
    assert "Choose your password" in newcomer.get(link).content.decode()
    weak = newcomer.post(link, {"password1": "12345678", "password2": "12345678"})
    html = weak.content.decode()
    assert "This password is too short" in html and "This password is too common" in html
    assert "This password is entirely numeric" in html
    similar = newcomer.post(link, {"password1": "sam@example.org1", "password2": "sam@example.org1"})
    assert "too similar" in similar.content.decode()
    differ = newcomer.post(link, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"})
    assert "The two passwords do not match" in differ.content.decode()

    done = newcomer.post(link, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/"
    assert newcomer.get("/").status_code == 200  # signed in, with the police's view
    assert Client().login(username="sam@example.org", password=GOOD_PASSWORD)
    # The link works once.
    assert Client().get(link).status_code == 400
    again = Client().post(link, {"password1": "another-long-passphrase",
                                 "password2": "another-long-passphrase"})
    assert again.status_code == 400
    assert Client().login(username="sam@example.org", password=GOOD_PASSWORD)


def test_an_expired_or_forged_link_is_refused(manager: Client, demo, settings) -> None:  # type: ignore[no-untyped-def]
    invite(manager, demo)
    link = link_in(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "has expired" in Client().get(link).content.decode()
    settings.PASSWORD_RESET_TIMEOUT = 3600
    assert Client().get(link[:-3] + "xx/").status_code == 400
    assert Client().get("/welcome/bm9wZQ/abc-def/").status_code == 400


@pytest.mark.parametrize(("data", "message"), [
    ({"role": "agency_contributor", "agency": ""},
     "Select the agency whose data an agency contributor edits"),
    ({"email": "not-an-address"}, "Enter an email address in the correct format"),
    ({"email": ""}, "Enter the person&#x27;s email address"),
    ({"role": ""}, "Select a role"),
    ({"email": "police@example.org"}, "police@example.org already has an account"),
])
def test_an_invitation_names_what_is_wrong(manager: Client, demo, data, message) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(username="police").update(email="police@example.org")
    response = invite(manager, demo, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert mail.outbox == []


def test_nobody_can_invite_a_superuser_or_into_another_partnership(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    other = f.AgencyFactory(partnership=f.PartnershipFactory(slug="elsewhere"))
    response = invite(manager, demo, is_superuser="on", is_staff="on", agency=str(other.pk))
    assert response.status_code == 200  # their agency is not one of the choices
    assert not User.objects.filter(username="sam@example.org").exists()
    invite(manager, demo, is_superuser="on", is_staff="on", partnership=str(other.partnership.pk))
    user = User.objects.get(username="sam@example.org")
    assert not user.is_superuser and not user.is_staff
    assert user.membership.partnership == demo


def test_the_business_unit_changes_a_role_and_a_stale_change_is_refused(manager: Client,
                                                                       demo) -> None:  # type: ignore[no-untyped-def]
    membership = Membership.objects.get(user__username="police")
    url = f"/people/{membership.pk}/"
    assert "Change role or agency" in manager.get(url).content.decode()
    response = manager.post(url, {"role": "board_member", "agency": "",
                                  "version": membership.version})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.agency, membership.version) == ("board_member", None, 1)
    stale = manager.post(url, {"role": "chair", "version": 0})
    assert "Someone else changed this person&#x27;s role" in stale.content.decode()
    own = Membership.objects.get(user__username="manager")
    refused = manager.post(f"/people/{own.pk}/", {"role": "chair", "version": own.version})
    assert "You cannot change your own role" in refused.content.decode()


def test_a_disabled_leaver_is_signed_out_and_cannot_sign_in(manager: Client, contributor: Client,
                                                           demo) -> None:  # type: ignore[no-untyped-def]
    assert contributor.get("/groups/").status_code == 200
    membership = Membership.objects.get(user__username="police")
    response = manager.post(f"/people/{membership.pk}/active/")
    assert response.status_code == 302
    membership.user.refresh_from_db()
    assert not membership.user.is_active
    assert contributor.get("/groups/").status_code == 302  # their session has ended
    assert contributor.session.session_key is None or not contributor.session.exists(
        contributor.session.session_key)
    assert not Client().login(username="police", password=DEMO_PASSWORD)
    assert "Disabled" in manager.get("/people/?status=disabled").content.decode()
    manager.post(f"/people/{membership.pk}/active/", {"active": "yes"})
    assert Client().login(username="police", password=DEMO_PASSWORD)


def test_nobody_disables_themselves_nor_reaches_a_superuser(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    own = Membership.objects.get(user__username="manager")
    manager.post(f"/people/{own.pk}/active/")
    own.user.refresh_from_db()
    assert own.user.is_active
    assert "You cannot disable your own account" in manager.get("/people/").content.decode()
    root = f.member(demo, is_superuser=True, username="root")
    target = Membership.objects.get(user=root)
    manager.post(f"/people/{target.pk}/active/")
    root.refresh_from_db()
    assert root.is_active
    response = manager.post(f"/people/{target.pk}/", {"role": "board_member", "version": 0})
    assert "Only a superuser can change a superuser" in response.content.decode()


def test_another_partnerships_people_are_out_of_reach(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    stranger = f.member(f.PartnershipFactory(slug="elsewhere"), username="stranger")
    theirs = Membership.objects.get(user=stranger)
    assert "stranger" not in manager.get("/people/").content.decode()
    assert manager.get(f"/people/{theirs.pk}/").status_code == 404
    assert manager.post(f"/people/{theirs.pk}/active/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_the_people_list_filters(manager: Client, demo) -> None:  # type: ignore[no-untyped-def]
    invite(manager, demo)
    manager.get("/people/")  # reads the flash message
    invited = manager.get("/people/?status=invited").content.decode()
    assert "Sam Synthetic" in invited and ">police<" not in invited
    assert "Sam Synthetic" in manager.get("/people/?q=synth").content.decode()
    assert "Sam Synthetic" not in manager.get("/people/?q=nobody").content.decode()
    police_only = manager.get("/people/?agency=met-police").content.decode()
    assert "Sam Synthetic" in police_only


@pytest.mark.parametrize("role", ["chair", "contributor", "board_member"])
def test_only_the_business_unit_manages_people(role: str, request, demo) -> None:  # type: ignore[no-untyped-def]
    client: Client = request.getfixturevalue(role)
    membership = Membership.objects.get(user__username="manager")
    for url in ["/people/", "/people/invite/", f"/people/{membership.pk}/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/people/{membership.pk}/active/").status_code == 403
    assert client.post("/people/invite/", {"email": "x@example.org", "role": "chair",
                                           "first_name": "X", "last_name": "Y"}).status_code == 403
    assert not User.objects.filter(username="x@example.org").exists()
    assert User.objects.get(username="manager").is_active
