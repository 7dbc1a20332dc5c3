"""The report cover page: the business unit keeps the logo and contact that reports print."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lscp.partnership import access, cover
from lscp.partnership.cover_forms import CoverContactForm, LogoForm
from lscp.partnership.http import allowed
from lscp.partnership.http import partnership_of as _partnership
from lscp.partnership.models import Logo


@allowed(access.can_edit_report_cover)
@require_http_methods(["GET", "POST"])
def report_cover(request: HttpRequest) -> HttpResponse:
    p = _partnership(request)
    action = request.POST.get("action", "")
    contact = CoverContactForm(request.POST if action == "contact" else None, instance=p)
    upload = LogoForm(request.POST if action == "logo" else None,
                      request.FILES if action == "logo" else None)
    if action == "contact" and contact.is_valid():
        cover.contact_set(partnership=p, values=contact.cleaned_data, by=request.user)
        messages.success(request, "The contact is saved: reports built from now on show it")
        return redirect("partnership:report_cover")
    if action == "logo" and upload.is_valid():
        try:
            cover.logo_set(partnership=p, data=upload.cleaned_data["file"].read(),
                           by=request.user)
        except cover.LogoRefused as refusal:
            upload.add_error("file", str(refusal))
        else:
            messages.success(request, "The logo is saved: reports built from now on show it")
            return redirect("partnership:report_cover")
    if action == "remove" and cover.logo_remove(partnership=p, by=request.user):
        messages.success(request, "The logo is removed")
        return redirect("partnership:report_cover")
    logo = Logo.objects.filter(partnership=p).only("pk", "width", "height",
                                                   "uploaded_at").first()
    return render(request, "partnership/report_cover.html", {
        "contact": contact, "upload": upload, "logo": logo, "partnership": p})


@allowed(access.can_edit_report_cover)
def report_cover_logo(request: HttpRequest) -> HttpResponse:
    """The logo as kept (PNG), for the page's preview."""
    logo = Logo.objects.filter(partnership=_partnership(request)).first()
    if logo is None:
        raise Http404("No logo")
    return HttpResponse(bytes(logo.image), content_type="image/png")
