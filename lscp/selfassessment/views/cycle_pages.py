"""The cycles: the list, opening one, its results grid, exports, closing and reminders."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.partnership import access
from lscp.partnership.http import allowed, file_response, partnership_of, posted, today
from lscp.selfassessment import exports, grid, links, selectors, services
from lscp.selfassessment.forms import CycleForm, VersionForm
from lscp.selfassessment.views._common import cycle_of, done, form_page, require, saved


@allowed(access.can_read)
def index(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    found = selectors.cycles_for(request.user, p)
    own = {c.pk: selectors.own_assessment(request.user, c) for c in found}
    return render(request, "selfassessment/index.html", {
        "cycles": [(c, own[c.pk]) for c in found],
        "can_run": access.can_run_self_assessment(request.user),
        "settings_count": p.education_settings.count()})


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def cycle_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = CycleForm(posted(request), partnership=p, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cycle = saved(request, form, "cycle", services.cycle_open, partnership=p,
                      by=request.user, framework=data["framework"], title=data["title"],
                      year=data["year"], opened_on=data["opened_on"], deadline=data["deadline"],
                      agencies=list(data["agencies"]), settings=list(data.get("settings", [])),
                      lead_agency=data["lead_agency"],
                      survey_closes_on=data["survey_closes_on"])
        if cycle is not None:
            return done(request, f"{cycle.title} opened", reverse("selfassessment:cycle",
                                                                   args=[cycle.code]))
    return form_page(request, form, title="Open a self-assessment cycle",
                     back=reverse("selfassessment:index"), button="Open the cycle",
                     lead="Each agency's contributors are told; each starts from its answers and "
                          "evidence of the last cycle of the same framework.")


@allowed(access.can_read)
def cycle(request: HttpRequest, code: str) -> HttpResponse:
    """The cross-agency grid for those who read results; an agency goes to its own return."""
    found = cycle_of(request, code)
    if not access.can_read_self_assessment_results(request.user, found):
        own = selectors.own_assessment(request.user, found)
        require(own is not None)
        assert own is not None
        return redirect("selfassessment:assessment", found.code, own.respondent_code)
    results = selectors.results(found)
    can_run = access.can_run_self_assessment(request.user)
    return render(request, "selfassessment/cycle.html", {
        "cycle": found, "results": results, "tallies": results.tallies,
        "submitted": results.completion[0], "asked": results.completion[1],
        "rows": [(row, a, links.link_url(a.link) if can_run and a.setting_id else "")
                 for row, a in zip(results.rows, results.assessments, strict=True)],
        "open_requests": list(selectors.open_requests(found)),
        "moderations": list(found.moderations.select_related("assessment__agency",
                                                             "assessment__setting")),
        "can_run": can_run, "survey": getattr(found, "survey", None),
        "changes": grid.changes(results.rows),
        "close_form": VersionForm(initial={"version": found.version})})


@allowed(access.can_read)
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    found = cycle_of(request, code)
    require(access.can_read_self_assessment_results(request.user, found))
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    body = exports.grid_file(selectors.results(found), fmt)
    return file_response(body, f"{found.code}.{fmt}")


@allowed(access.can_run_self_assessment)
@require_POST
def cycle_close(request: HttpRequest, code: str) -> HttpResponse:
    found = cycle_of(request, code)
    form = VersionForm(request.POST)
    url = reverse("selfassessment:cycle", args=[found.code])
    if form.is_valid() and saved(request, form, "cycle", services.cycle_close, cycle=found,
                                 by=request.user, seen_version=form.cleaned_data["version"] or 0,
                                 today=today()):
        return done(request, f"{found.title} closed", url)
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or "The cycle was not closed")
    return redirect(url)


@allowed(access.can_run_self_assessment)
@require_POST
def remind(request: HttpRequest, code: str) -> HttpResponse:
    found = cycle_of(request, code)
    url = reverse("selfassessment:cycle", args=[found.code]) + "#settings"
    try:
        sent = links.remind_settings(cycle=found, by=request.user, today=today())
    except services.Refused as exc:
        messages.error(request, str(exc)[:1].upper() + str(exc)[1:])
        return redirect(url)
    text = f"{sent.sent} reminder(s) emailed"
    if sent.no_address:
        text += f"; {len(sent.no_address)} setting(s) have no contact address"
    return done(request, text, url)
