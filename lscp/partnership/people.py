"""People in the app (issue 9 § 3): the business unit's list of members, invitations, role
changes and leavers; and the invited person's page where they choose a password.

The rules (no superusers, nobody from another partnership, not yourself) live in
lscp/partnership/accounts.py; these views only ask `access` and call it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.partnership import access, accounts
from lscp.partnership.http import allowed, save_or_refuse
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.http import posted as _posted
from lscp.partnership.models import Membership
from lscp.partnership.people_forms import InviteForm, MembershipForm, PasswordForm
from lscp.partnership.register_forms import RegisterFilter

STATUSES = [("active", "Active"), ("invited", "Invited"), ("disabled", "Disabled")]


def _members(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(partnership=_partnership(request)).select_related(
        "user", "agency")


@allowed(access.can_manage_people)
def people(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    search = RegisterFilter(request.GET or None, statuses=STATUSES, partnership=p)
    found = _members(request).order_by("user__last_name", "user__username")
    if text := search.value("q"):
        found = found.filter(Q(user__first_name__icontains=text) | Q(
            user__last_name__icontains=text) | Q(user__email__icontains=text) | Q(
            user__username__icontains=text))
    if search.value("agency"):
        found = found.filter(agency__code=search.value("agency"))
    status = search.value("status")
    if status == "disabled":
        found = found.filter(user__is_active=False)
    elif status in ("active", "invited"):
        invited = Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        found = found.filter(user__is_active=True).filter(
            invited if status == "invited" else ~invited)
    return render(request, "partnership/people.html", {"members": found, "search": search})


@allowed(access.can_manage_people)
@require_http_methods(["GET", "POST"])
def person_invite(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    form = InviteForm(_posted(request), partnership=p)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = accounts.invite(
                partnership=p, by=request.user, email=data["email"], role=data["role"],
                first_name=data["first_name"], last_name=data["last_name"], agency=data["agency"])
        except accounts.Refused as exc:
            form.add_error("email", str(exc))
        else:
            uid, token = accounts.invitation_path(membership.user)
            link = request.build_absolute_uri(reverse("partnership:welcome", args=[uid, token]))
            accounts.send_invitation(membership=membership, link=link)
            messages.success(request, f"Invitation sent to {membership.user.email}")
            return redirect("partnership:people")
    return render(request, "web/form.html", {
        "form": form, "title": "Invite someone", "back": reverse("partnership:people"),
        "button": "Send invitation",
        "lead": "They get an email with a link to choose their own password."})


@allowed(access.can_manage_people)
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = _partnership(request)
    membership = get_object_or_404(_members(request), pk=pk)
    form = MembershipForm(_posted(request), partnership=p, initial={
        "role": membership.role, "agency": membership.agency, "version": membership.version})
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_refuse(form, "person's role", accounts.membership_update,
                                   membership=membership, by=request.user,
                                   seen_version=form.cleaned_data["version"],
                                   role=form.cleaned_data["role"],
                                   agency=form.cleaned_data["agency"])
        except accounts.Refused as exc:
            form.add_error("role", str(exc))
        else:
            if saved:
                messages.success(request, f"Role changed for {membership.user.get_full_name()}")
                return redirect("partnership:people")
    return render(request, "web/form.html", {
        "form": form, "title": "Change role or agency", "back": reverse("partnership:people"),
        "caption": membership.user.get_full_name() or membership.user.username,
        "button": "Save"})


@allowed(access.can_manage_people)
@require_POST
def member_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Disable a leaver (or enable them again); the list's buttons post here."""
    membership = get_object_or_404(_members(request), pk=pk)
    enable = request.POST.get("active") == "yes"
    try:
        if enable:
            accounts.member_enable(membership=membership, by=request.user)
        else:
            accounts.member_disable(membership=membership, by=request.user)
    except accounts.Refused as exc:
        messages.error(request, str(exc))
    else:
        name = membership.user.get_full_name() or membership.user.username
        messages.success(request, f"{name} can sign in again" if enable
                         else f"{name} is disabled and signed out everywhere")
    return redirect("partnership:people")


@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """The invitation link: open to anyone holding it, once, until it expires."""
    user = accounts.invited_user(uid, token)
    if user is None:
        return render(request, "partnership/welcome_expired.html", status=400)
    form = PasswordForm(_posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        accounts.accept_invitation(user=user, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in")
        return redirect("web:home")
    return render(request, "partnership/welcome.html", {
        "form": form, "user_shown": user, "membership": access.membership_of(user)})
