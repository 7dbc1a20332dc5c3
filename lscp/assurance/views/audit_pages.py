"""Audits and their findings: added, edited, reordered and withdrawn by the business unit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.assurance import register_services as services
from lscp.assurance.forms import AuditForm, TextForm
from lscp.assurance.models import Audit, AuditFinding
from lscp.assurance.views._common import form_page, locked, plain, withdraw_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of


def _audit(request: HttpRequest, code: str) -> Audit:
    return get_object_or_404(partnership_of(request).audits.current(), code=code)


def _place(audit: Audit) -> str:
    return reverse("assurance:audits") + f"#audit-{audit.code}"


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def audit_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = AuditForm(request.POST or None, partnership=p, taken=p.audits.all())
    return form_page(request, form, plain(services.audit_create, partnership=p, by=request.user),
                     title="Add an audit", back=reverse("assurance:audits"), done=_place,
                     message="Audit added")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def audit_edit(request: HttpRequest, code: str) -> HttpResponse:
    audit = _audit(request, code)
    form = AuditForm(request.POST or None, partnership=audit.partnership, record=audit)
    return form_page(request, form, locked(form, "audit", services.audit_update, audit=audit,
                                           by=request.user),
                     title="Edit the audit", caption=audit.topic, back=_place(audit),
                     done=_place, message="Audit saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def audit_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    audit = _audit(request, code)
    return withdraw_page(request, audit, noun="audit", back=_place(audit),
                         done=reverse("assurance:audits"))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def finding_new(request: HttpRequest, code: str) -> HttpResponse:
    audit = _audit(request, code)
    form = TextForm(request.POST or None, partnership=audit.partnership, label="Finding")
    return form_page(request, form, plain(services.finding_add, audit=audit, by=request.user),
                     title="Add a finding", caption=audit.topic, back=_place(audit),
                     done=_place(audit), message="Finding added")


def _finding(request: HttpRequest, code: str, pk: int) -> AuditFinding:
    return get_object_or_404(AuditFinding.objects.current(), pk=pk, audit=_audit(request, code))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    finding = _finding(request, code, pk)
    form = TextForm(request.POST or None, partnership=finding.audit.partnership, record=finding,
                    label="Finding")
    return form_page(request, form, locked(form, "finding", services.text_update,
                                           record=finding, by=request.user),
                     title="Edit the finding", caption=finding.audit.topic,
                     back=_place(finding.audit), done=_place(finding.audit),
                     message="Finding saved")


@allowed(access.can_manage)
@require_POST
def finding_move(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    finding = _finding(request, code, pk)
    services.move(record=finding, by=request.user, up=request.POST.get("direction") == "up")
    return redirect(_place(finding.audit))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def finding_withdraw(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    finding = _finding(request, code, pk)
    return withdraw_page(request, finding, noun="finding", back=_place(finding.audit),
                         done=_place(finding.audit))
