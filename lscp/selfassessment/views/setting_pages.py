"""Education settings: the list (the schools' view for the education lead) and adding one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, posted
from lscp.selfassessment import selectors, services
from lscp.selfassessment.forms import SettingForm
from lscp.selfassessment.models import Audience
from lscp.selfassessment.views._common import done, form_page, saved


@allowed(access.can_read)
def settings_list(request: HttpRequest) -> HttpResponse:
    """Every setting, and how far each got in the schools' audits the user may read."""
    p = partnership_of(request)
    audits = [c for c in selectors.cycles(p).filter(framework__audience=Audience.SETTINGS)
              if access.can_read_self_assessment_results(request.user, c)]
    status = {(a.cycle_id, a.setting_id): a for c in audits
              for a in c.assessments.select_related("setting")}
    rows = [(s, [status.get((c.pk, s.pk)) for c in audits])
            for s in selectors.education_settings(p, request.GET.get("q", "").strip())]
    return render(request, "selfassessment/settings.html", {
        "audits": audits, "rows": rows if audits or access.can_run_self_assessment(
            request.user) else [],
        "can_run": access.can_run_self_assessment(request.user),
        "query": request.GET.get("q", "")})


@allowed(access.can_run_self_assessment)
@require_http_methods(["GET", "POST"])
def setting_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = SettingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(request, form, "setting", services.setting_add, partnership=p, by=request.user,
                 name=data["name"], phase=data["phase"], contact_email=data["contact_email"]):
            return done(request, f"{data['name']} added",
                        reverse("selfassessment:settings"))
    return form_page(request, form, title="Add an education setting",
                     back=reverse("selfassessment:settings"))
