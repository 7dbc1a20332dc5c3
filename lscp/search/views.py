"""The site search page: one box, results grouped by register, each register only if the
user may read it and only the user's partnership's records."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of
from lscp.search.forms import SearchForm
from lscp.search.registry import PER_REGISTER
from lscp.search.registry import search as search_registers


@allowed(access.can_read)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET if "q" in request.GET else None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search_registers(request.user, partnership_of(request), query) if query else []
    return render(request, "search/search.html", {
        "form": form, "query": query, "found": found, "per_register": PER_REGISTER,
        "total": sum(f.total for f in found),
        "can_view_budget": access.can_view_budget(request.user)})
