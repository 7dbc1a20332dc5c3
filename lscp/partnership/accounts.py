"""People in the app (issue 9 § 3): the business unit invites, changes roles, disables leavers.

An invitation is an account with no usable password and a one-time link: the token is
Django's password-reset token under our own salt, so it expires after
PASSWORD_RESET_TIMEOUT and stops working once a password is set (the token hashes the
password). Nobody here can make a superuser or staff account, reach another partnership's
people, or disable their own account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from lscp.audit.history import acts_as
from lscp.partnership.locking import claim_and_save
from lscp.partnership.models import Agency, Membership, Partnership, Role


class Refused(Exception):
    """The change is not allowed; the message says why, for the form."""


class InvitationTokens(PasswordResetTokenGenerator):
    key_salt = "lscp.partnership.accounts.InvitationTokens"


tokens = InvitationTokens()


def _check_role(partnership: Partnership, role: str, agency: Agency | None) -> None:
    if role not in Role.values:
        raise Refused("Select a role")
    if role == Role.AGENCY_CONTRIBUTOR and agency is None:
        raise Refused("Select the agency whose data an agency contributor edits")
    if agency is not None and agency.partnership_id != partnership.pk:
        raise Refused("Select one of your partnership's agencies")


@transaction.atomic
@acts_as("by")
def invite(*, partnership: Partnership, by: Any, email: str, first_name: str, last_name: str,
           role: str, agency: Agency | None) -> Membership:
    """A new member of `partnership`, who cannot sign in until they set a password."""
    _check_role(partnership, role, agency)
    email = email.strip().lower()
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or users.filter(email__iexact=email).exists():
        raise Refused(f"{email} already has an account")
    user = users.create_user(username=email, email=email, first_name=first_name,
                             last_name=last_name, is_staff=False, is_superuser=False)
    user.set_unusable_password()
    user.save()
    return Membership.objects.create(user=user, partnership=partnership, role=role,
                                     agency=agency if role == Role.AGENCY_CONTRIBUTOR else None)


def invitation_path(user: Any) -> tuple[str, str]:
    """The two parts of a user's one-time link: their id, encoded, and the token."""
    return urlsafe_base64_encode(force_bytes(user.pk)), tokens.make_token(user)


def send_invitation(*, membership: Membership, link: str) -> None:
    partnership = membership.partnership
    send_mail(
        subject=f"You are invited to {partnership.name} on LSCP Insight",
        message=(f"You have been invited to {partnership.name} on LSCP Insight as "
                 f"{membership.get_role_display().lower()}.\n\n"
                 f"Choose your password here:\n{link}\n\n"
                 "The link works once and expires in a few days. If it has expired, ask "
                 "the partnership's business unit to send a new invitation."),
        from_email=None, recipient_list=[membership.user.email])


def invited_user(uid: str, token: str) -> Any | None:
    """The active user the link was made for, if the token is still good."""
    try:
        pk = force_str(urlsafe_base64_decode(uid))
        user = get_user_model().objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if tokens.check_token(user, token) else None


@transaction.atomic
@acts_as("user")
def accept_invitation(*, user: Any, password: str) -> Any:
    """Set the invited user's password (already checked by the validators)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _own(membership: Membership, by: Any) -> None:
    if membership.user.is_superuser:
        raise Refused("Only a superuser can change a superuser's account")
    by_membership = getattr(by, "membership", None)
    if by_membership is None or by_membership.partnership_id != membership.partnership_id:
        raise Refused("That person is not in your partnership")


@transaction.atomic
@acts_as("by")
def membership_update(*, membership: Membership, seen_version: int, by: Any, role: str,
                      agency: Agency | None) -> Membership:
    _own(membership, by)
    _check_role(membership.partnership, role, agency)
    if membership.user_id == by.pk and role != membership.role:
        raise Refused("You cannot change your own role: ask another member of the business unit")
    return claim_and_save(membership, seen_version, role=role,
                          agency=agency if role == Role.AGENCY_CONTRIBUTOR else None)


@transaction.atomic
@acts_as("by")
def member_disable(*, membership: Membership, by: Any) -> Membership:
    """A leaver: the account cannot sign in and every session it has is ended now."""
    _own(membership, by)
    if membership.user_id == by.pk:
        raise Refused("You cannot disable your own account")
    user = membership.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user)
    return membership


@transaction.atomic
@acts_as("by")
def member_enable(*, membership: Membership, by: Any) -> Membership:
    _own(membership, by)
    membership.user.is_active = True
    membership.user.save(update_fields=["is_active"])
    return membership


def end_sessions(user: Any) -> int:
    """Delete every unexpired session signed in as `user`; returns how many."""
    ended = [s.pk for s in Session.objects.filter(expire_date__gt=timezone.now())
             if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
