"""Importing exports (a real file upload, read in memory and never kept), the mappings that
say how each source is read, and the charges policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, posted
from lscp.workforce import services
from lscp.workforce.forms import MappingForm, PolicyForm, UploadForm
from lscp.workforce.importer import import_export
from lscp.workforce.models import ImportMapping, TrainingPolicy
from lscp.workforce.views._common import form_page, locked, page, plain


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    """Upload an export: checked whole, stored only if every row is right."""
    p = partnership_of(request)
    form = UploadForm(posted(request), request.FILES or None, partnership=p)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read()  # into memory; Django deletes any temporary file it made
        finally:
            upload.close()
        result = import_export(p, year=form.cleaned_data["year"],
                               source=form.cleaned_data["source"], name=upload.name, data=data,
                               by=request.user)
        if result.ok:
            messages.success(request, f"{upload.name} imported: {result.summary()}")
            return redirect("workforce:imports")
        problems = result.listed_problems()
    return page(request, "workforce/imports.html", {
        "form": form, "problems": problems,
        "mappings": p.training_mappings.all(), "recent": p.training_imports.all()[:10]},
        status=400 if problems or form.errors else 200)


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, source: str | None = None) -> HttpResponse:
    p = partnership_of(request)
    mapping = get_object_or_404(ImportMapping, partnership=p, source=source) if source else None
    form = MappingForm(request.POST or None, mapping=mapping)
    back = reverse("workforce:imports")
    if mapping is None:
        save = plain(services.mapping_save, partnership=p, by=request.user)
    else:
        save = locked(form, "mapping", services.mapping_save, partnership=p, by=request.user)
    return form_page(request, form, save, title="Edit the mapping" if mapping else
                     "Add a mapping", caption=source or "", back=back, done=back,
                     message="Mapping saved")


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def policy(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    found = TrainingPolicy.objects.filter(partnership=p).first()
    form = PolicyForm(request.POST or None, policy=found)
    back = reverse("workforce:index")
    return form_page(request, form, locked(form, "policy", services.policy_save, partnership=p,
                                           by=request.user),
                     title="Charges for wasted places", back=back, done=back,
                     message="Charges saved", lead="Charged to the agency when a booked place "
                     "is not attended or is cancelled late. New charges apply to bookings "
                     "imported from now on.")
