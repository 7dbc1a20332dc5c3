"""Two-step sign-in (TOTP, django-otp) for the business unit and the chair.

Optional for each person unless LSCP_TWO_STEP_REQUIRED is set: whoever has set up an
authenticator app is asked for its code after their password on every sign-in, and no page
opens until it is given. The code's check is throttled by django-otp itself.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lscp.partnership import access
from lscp.partnership.http import allowed
from lscp.partnership.text_limits import LimitedForm

OPEN_PATHS = ("/sign-in/", "/sign-out/", "/static/", "/public/", "/health/")


class CodeForm(LimitedForm):
    code = forms.RegexField(regex=r"^\s*\d{6}\s*$", label="Code from your authenticator app",
                            error_messages={"invalid": "Enter the 6-digit code",
                                            "required": "Enter the 6-digit code"})


HAS_DEVICE = "lscp_two_step_device"


def _has_device(request: HttpRequest) -> bool:
    """Whether the account has an authenticator, asked of the database once per session
    (and again when one is set up) rather than on every page view."""
    if HAS_DEVICE not in request.session:
        request.session[HAS_DEVICE] = user_has_device(request.user)
    return bool(request.session[HAS_DEVICE])


def needs_code(request: HttpRequest) -> bool:
    """Signed in with a password, has an authenticator set up, not yet given its code."""
    user = request.user
    return bool(user.is_authenticated and _has_device(request)
                and not user.is_verified())  # type: ignore[union-attr,attr-defined]


def needs_setup(request: HttpRequest) -> bool:
    return bool(getattr(settings, "LSCP_TWO_STEP_REQUIRED", False)
                and request.user.is_authenticated and access.can_use_two_step(request.user)
                and not _has_device(request))


def two_step_required(get_response: Any) -> Any:
    """No page but signing in, out and the published report until the code is given (and,
    where required, until an authenticator is set up)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PATHS):
            if needs_code(request):
                return redirect(f"{reverse('web:two_step_verify')}?next={request.path}")
            if needs_setup(request) and request.path != reverse("web:two_step"):
                return redirect("web:two_step")
        return get_response(request)  # type: ignore[no-any-return]

    return middleware


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in."""
    if not needs_code(request):
        return redirect("web:home")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _confirmed_device(request.user)
        if device is not None and device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", "That code is not right, or it has expired: enter the code "
                               "your app shows now")
    return render(request, "registration/two_step_verify.html", {"form": form})


@allowed(access.can_use_two_step)
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) an authenticator app: the secret to type or scan, then a code to
    prove it works. Until confirmed, the new device does nothing."""
    if user_has_device(request.user) and request.POST.get("action") != "replace":
        return render(request, "registration/two_step.html", {"active": True})
    device = _pending_device(request.user)
    form = CodeForm(request.POST if request.POST.get("action") == "confirm" else None)
    if form.is_bound and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[HAS_DEVICE] = True
            messages.success(request, "Two-step sign-in is on: you will be asked for a code "
                                      "from your app each time you sign in")
            return redirect("web:two_step")
        form.add_error("code", "That code is not right: check the app shows LSCP Insight and "
                               "enter the code it shows now")
    return render(request, "registration/two_step.html", {
        "active": False, "form": form, "secret": _base32(device), "url": device.config_url})


def _confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _pending_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app",
                                               confirmed=False)


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def _safe_next(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("web:home")
