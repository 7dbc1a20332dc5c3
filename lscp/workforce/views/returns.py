"""Single-agency training returns: each partner's workforce and its own training, kept by
the agency's contributor (or the business unit for an agency with no one signed up)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, save_or_refuse, year_context, year_for
from lscp.partnership.models import Agency, ReportingYear
from lscp.workforce import selectors, services
from lscp.workforce.forms import ReturnForm, ReturnLineForm
from lscp.workforce.models import SingleAgencyCourse, TrainingReturn
from lscp.workforce.views._common import form_page, page, plain


@allowed(access.can_read)
def returns(request: HttpRequest) -> HttpResponse:
    """Every agency's return for the year, with a link to the ones this reader may edit."""
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    sent = {r.agency_id: r for r in selectors.returns_in_year(year)}
    rows = [{"agency": a, "return": sent.get(a.pk),
             "editable": access.can_edit_training_return(request.user, a)}
            for a in p.agencies.all()]
    return page(request, "workforce/returns.html", {**year_context(p, year), "rows": rows})


def _editable(request: HttpRequest, label: str, code: str) -> tuple[ReportingYear, Agency]:
    p = partnership_of(request)
    year = get_object_or_404(p.years, label=label)
    agency = get_object_or_404(p.agencies, code=code)
    if not access.can_edit_training_return(request.user, agency):
        raise PermissionDenied
    return year, agency


def _back(year: ReportingYear, agency: Agency) -> str:
    return reverse("workforce:return", args=[year.label, agency.code])


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def return_edit(request: HttpRequest, label: str, code: str) -> HttpResponse:
    """The return's workforce and note, and the list of the agency's own training."""
    year, agency = _editable(request, label, code)
    found = TrainingReturn.objects.filter(year=year, agency=agency).first()
    form = ReturnForm(request.POST or None,
                      instance=found or TrainingReturn(year=year, agency=agency))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop("version", None)
        if save_or_refuse(form, "return", services.return_save, year=year, agency=agency,
                          by=request.user, seen_version=(seen or 0) if found else None, **data):
            messages.success(request, "Return saved")
            return redirect(_back(year, agency))
    return page(request, "workforce/return.html", {
        "form": form, "year": year, "agency": agency,
        "back": reverse("workforce:returns") + f"?year={year.label}",
        "lines": found.lines.all() if found else []}, status=400 if form.errors else 200)


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def line_new(request: HttpRequest, label: str, code: str) -> HttpResponse:
    year, agency = _editable(request, label, code)
    found = TrainingReturn.objects.filter(year=year, agency=agency).first()
    if found is None:
        messages.error(request, "Save the return's workforce first, then add its training")
        return redirect(_back(year, agency))
    form = ReturnLineForm(request.POST or None)
    return form_page(request, form, plain(services.return_line_add, training_return=found,
                                          by=request.user),
                     title="Add training", caption=agency.name, back=_back(year, agency),
                     done=_back(year, agency), message="Training added")


def _line(request: HttpRequest, label: str, code: str, position: int) -> SingleAgencyCourse:
    year, agency = _editable(request, label, code)
    return get_object_or_404(SingleAgencyCourse, training_return__year=year,
                             training_return__agency=agency, position=position)


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, label: str, code: str, position: int) -> HttpResponse:
    line = _line(request, label, code, position)
    back = _back(line.training_return.year, line.training_return.agency)
    form = ReturnLineForm(request.POST or None, instance=line)
    return form_page(request, form, plain(services.return_line_update, line=line,
                                          by=request.user),
                     title="Edit training", caption=line.training_return.agency.name, back=back,
                     done=back, message="Training saved")


@allowed(access.can_read)
@require_POST
def line_remove(request: HttpRequest, label: str, code: str, position: int) -> HttpResponse:
    line = _line(request, label, code, position)
    back = _back(line.training_return.year, line.training_return.agency)
    services.return_line_remove(line=line, by=request.user)
    messages.success(request, "Training removed")
    return redirect(back)
