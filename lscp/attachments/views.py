"""Uploading, downloading and withdrawing attachments. A file is served only here, to a
member of its partnership, never from a static or media URL, and never cached."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from lscp.attachments import files, services
from lscp.attachments.forms import AttachmentForm, WithdrawForm
from lscp.attachments.models import Attachment
from lscp.attachments.targets import Target, target
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, save_or_refuse, today


def _target(field: str) -> Target:
    found = target(field)
    if found is None:
        raise Http404("Files cannot be attached to that")
    return found


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest, field: str, pk: int) -> HttpResponse:
    p, kind = partnership_of(request), _target(field)
    record = get_object_or_404(kind.records(p), pk=pk)
    if not services.may_attach(request.user, p, kind, record):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attached = services.attach(partnership=p, target=kind, record=record,
                                       upload=form.cleaned_data["file"], by=request.user)
        except files.Refused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"{attached.filename} attached")
            return redirect(kind.url(record))
    return render(request, "attachments/new.html", {
        "form": form, "record": record, "target": kind, "back": kind.url(record)})


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.current().select_related("partnership"),
                             pk=pk, partnership=partnership_of(request))


@allowed(access.can_read)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """A file is read by whoever may read its record: for most records every member of the
    partnership, for a self-assessment answer only some (`Target.readable`). The download
    is kept in the audit trail."""
    attachment = _attachment(request, pk)
    if not _target(attachment.target_field).readable(request.user, attachment.record):
        raise Http404("No such file")
    try:
        body = files.read(attachment.stored_name)
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    services.record_download(request, attachment)
    response = HttpResponse(body, content_type=files.CONTENT_TYPES[attachment.kind])
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    patch_cache_control(response, no_store=True, private=True)
    return response


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    kind = _target(attachment.target_field)
    record = attachment.record
    if not services.may_attach(request.user, attachment.partnership, kind, record):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None, initial={"version": attachment.version})
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        if save_or_refuse(form, "file", services.withdraw, attachment=attachment, target=kind,
                          by=request.user, reason=data["reason"],
                          seen_version=data["version"], today=today()):
            messages.success(request, f"{attachment.filename} withdrawn")
            return redirect(kind.url(record))
    return render(request, "attachments/withdraw.html", {
        "form": form, "attachment": attachment, "back": kind.url(record)})
