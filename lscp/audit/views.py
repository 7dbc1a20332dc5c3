"""The audit trail page: who changed what and when, and who signed in, published or
downloaded, for the business unit and the chair of one partnership."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lscp.audit.forms import TrailFilterForm
from lscp.audit.selectors import trail_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of


@allowed(access.can_read_audit)
def trail(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = TrailFilterForm(request.GET or None, partnership=p)
    page, entries = trail_page(p, form.trail_filter(), request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/trail.html", {
        "form": form, "page": page, "entries": entries, "query": query.urlencode(),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2,
                                                           on_ends=1)})
