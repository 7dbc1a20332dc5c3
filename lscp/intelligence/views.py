"""Intelligence pages: the index of internal documents, the threat register of each half,
portfolios, and what is linked to each theme. Thin: access, selectors, forms, services.

The documents themselves (pack, assessment, snapshot) are pages of lscp/reports, linked by
URL name: nothing imports reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.assurance.forms import WithdrawForm
from lscp.insight.periods import Period, ended_by, parse_period
from lscp.intelligence import selectors, services
from lscp.intelligence.forms import PortfolioForm, ThemeLinksForm, ThreatForm
from lscp.intelligence.models import Portfolio, Threat
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, posted, save_or_refuse, today
from lscp.partnership.models import LIVE

INDEX = "intelligence:index"


@allowed(access.can_read_internal_documents)
def index(request: HttpRequest) -> HttpResponse:
    """Every internal document there is to open: packs by quarter, assessments by half,
    snapshots by portfolio."""
    p = partnership_of(request)
    quarters = [q for q in ended_by([y.label for y in p.years.all()], today())
                if q.kind == "quarter"]
    assessed = set(p.threats.filter(LIVE).values_list("period", flat=True))
    return render(request, "intelligence/index.html", {
        "quarters": quarters, "halves": [(h, h.key in assessed) for h in selectors.halves(p)],
        "portfolios": selectors.portfolios(p), "latest_quarter": quarters[0] if quarters else None,
        "themes": selectors.theme_titles(), "can_keep": access.can_keep_intelligence(request.user)})


def _half(request: HttpRequest, key: str | None) -> Period:
    halves = selectors.halves(partnership_of(request))
    if not halves:
        raise Http404("No reporting year has been recorded yet")
    if not key:
        ended = [h for h in halves if h.end <= today()]
        return ended[0] if ended else halves[-1]
    found = next((h for h in halves if h.key == key), None)
    if found is None:
        raise Http404("Not a half of this partnership's years")
    return found


@allowed(access.can_read_internal_documents)
def threats(request: HttpRequest, period: str | None = None) -> HttpResponse:
    p = partnership_of(request)
    half = _half(request, period or request.GET.get("period"))
    found = list(selectors.threats_of(p, half.key))
    moves = selectors.trends(p, half.key, found)
    return render(request, "intelligence/threats.html", {
        "half": half, "halves": selectors.halves(p),
        "rows": [(t, moves[t.code]) for t in found],
        "can_keep": access.can_keep_intelligence(request.user)})


def _threats_url(half: str) -> str:
    return reverse("intelligence:threats_of", args=[half])


def _earlier(request: HttpRequest, half: Period) -> dict[str, tuple[str, str]]:
    """Threats of earlier assessments not yet assessed this half: the latest title of each,
    and the half it was last assessed in."""
    p = partnership_of(request)
    done = set(p.threats.filter(period=half.key).values_list("code", flat=True))
    found: dict[str, tuple[str, str]] = {}
    for code, title, period in (p.threats.filter(LIVE, period__lt=half.key)
                                .order_by("period").values_list("code", "title", "period")):
        if code not in done:
            found[code] = (title, parse_period(period).short_label)
    return dict(sorted(found.items(), key=lambda item: item[1][0]))


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def threat_new(request: HttpRequest, period: str) -> HttpResponse:
    p = partnership_of(request)
    half = _half(request, period)
    form = ThreatForm(posted(request), partnership=p, earlier=_earlier(request, half))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        services.threat_create(partnership=p, period=half.key, by=request.user,
                               code=data.pop("code", ""), **data)
        messages.success(request, f"Threat added to the {half.short_label} assessment")
        return redirect(_threats_url(half.key))
    return _form(request, form, f"Add a threat to the {half.short_label} assessment", half)


def _threat(request: HttpRequest, period: str, code: str) -> Threat:
    return get_object_or_404(partnership_of(request).threats.filter(LIVE), period=period,
                             code=code)


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def threat_edit(request: HttpRequest, period: str, code: str) -> HttpResponse:
    threat = _threat(request, period, code)
    form = ThreatForm(posted(request), partnership=threat.partnership, record=threat)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop("version")
        data.pop("code", None)
        if save_or_refuse(form, "threat", services.threat_update, threat=threat,
                          by=request.user, seen_version=seen, **data):
            messages.success(request, "Threat saved")
            return redirect(_threats_url(period))
    return _form(request, form, "Edit the threat", parse_period(period), caption=threat.title)


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def threat_withdraw(request: HttpRequest, period: str, code: str) -> HttpResponse:
    threat = _threat(request, period, code)
    form = WithdrawForm(posted(request), initial={"version": threat.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "threat", services.threat_withdraw, threat=threat, by=request.user,
            seen_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
            today=today()):
        messages.success(request, "The threat was withdrawn")
        return redirect(_threats_url(period))
    return _form(request, form, "Withdraw this threat", parse_period(period),
                 caption=threat.title, button="Withdraw",
                 warning="The threat will leave the assessment. Its history is kept.")


def _form(request: HttpRequest, form: Any, title: str, half: Period,
          **extra: Any) -> HttpResponse:
    return render(request, "web/form.html", {"form": form, "title": title,
                                             "back": _threats_url(half.key), **extra},
                  status=400 if form.is_bound and form.errors else 200)


# Portfolios and theme links --------------------------------------------------------------


@allowed(access.can_read_internal_documents)
def portfolios(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    titles = selectors.theme_titles()
    links = selectors.links_of(p, list(titles))
    quarters = [q for q in ended_by([y.label for y in p.years.all()], today())
                if q.kind == "quarter"]
    return render(request, "intelligence/portfolios.html", {
        "rows": [(x, [titles.get(t, t) for t in x.themes]) for x in selectors.portfolios(p)],
        "latest_quarter": quarters[0] if quarters else None,
        "theme_rows": [(code, title, links[code]) for code, title in titles.items()],
        "can_keep": access.can_keep_intelligence(request.user)})


def _portfolio_page(request: HttpRequest, form: PortfolioForm, title: str) -> HttpResponse:
    return render(request, "web/form.html", {
        "form": form, "title": title, "back": reverse("intelligence:portfolios")},
        status=400 if form.is_bound and form.errors else 200)


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def portfolio_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = PortfolioForm(posted(request), partnership=p, themes=selectors.theme_titles(),
                         taken=p.portfolios.all())
    if request.method == "POST" and form.is_valid():
        services.portfolio_create(partnership=p, by=request.user, **form.cleaned_data)
        messages.success(request, "Portfolio added")
        return redirect("intelligence:portfolios")
    return _portfolio_page(request, form, "Add a portfolio")


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def portfolio_edit(request: HttpRequest, code: str) -> HttpResponse:
    portfolio: Portfolio = get_object_or_404(selectors.portfolios(partnership_of(request)),
                                             code=code)
    form = PortfolioForm(posted(request), partnership=portfolio.partnership,
                         themes=selectors.theme_titles(), record=portfolio)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop("version")
        if save_or_refuse(form, "portfolio", services.portfolio_update, portfolio=portfolio,
                          by=request.user, seen_version=seen, **data):
            messages.success(request, "Portfolio saved")
            return redirect("intelligence:portfolios")
    return _portfolio_page(request, form, "Edit the portfolio")


@allowed(access.can_keep_intelligence)
@require_http_methods(["GET", "POST"])
def theme_links(request: HttpRequest, theme: str) -> HttpResponse:
    p = partnership_of(request)
    titles = selectors.theme_titles()
    if theme not in titles:
        raise Http404("No such theme")
    form = ThemeLinksForm(posted(request), partnership=p, theme=theme)
    if request.method == "POST" and form.is_valid():
        services.theme_links_set(partnership=p, theme=theme, by=request.user,
                                 priorities=list(form.cleaned_data["priorities"]),
                                 actions=list(form.cleaned_data["actions"]))
        messages.success(request, f"What is being done about {titles[theme]} saved")
        return redirect("intelligence:portfolios")
    return render(request, "web/form.html", {
        "form": form, "title": "What is being done about this theme", "caption": titles[theme],
        "back": reverse("intelligence:portfolios"),
        "lead": "Portfolio snapshots show these under the theme's signals."})
