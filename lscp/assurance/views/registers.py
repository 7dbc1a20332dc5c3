"""The learning registers as lists, each with the same filter (assurance/filters.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from lscp.assurance import selectors
from lscp.assurance.filters import RegisterFilterForm
from lscp.assurance.models import OPEN_ACTION_STATUSES, ChallengeStatus, risk_band
from lscp.assurance.views._common import page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, today, year_context, year_for


def _filters(request: HttpRequest, register: str) -> RegisterFilterForm:
    return RegisterFilterForm(request.GET or None, partnership=partnership_of(request),
                              register=register)


@allowed(access.can_read)
def index(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    open_list = selectors.open_actions(p, today())
    rows = selectors.review_register(p, today())
    risk_list = list(p.risks.current())
    return page(request, "assurance/index.html", {
        "today": today(), "open_count": len(open_list),
        "overdue_count": sum(a.is_overdue(today()) for a in open_list),
        "due_next": [r for r in rows if r.next_due][:5],
        "open_challenges": p.challenges.current().filter(status=ChallengeStatus.OPEN).count(),
        "risk_count": len(risk_list),
        "high_risks": sum(risk_band(r.score_after) == "high" for r in risk_list),
        "risk_reviews_overdue": sum(r.review_overdue(today()) for r in risk_list)})


@allowed(access.can_read)
def reviews(request: HttpRequest) -> HttpResponse:
    p, filters = partnership_of(request), _filters(request, "reviews")
    return page(request, "assurance/reviews.html", {
        "rows": selectors.review_register(p, today(), filters.apply(p.reviews.current())),
        "today": today(), "filters": filters, "can_manage": access.can_manage(request.user)})


@allowed(access.can_read)
def actions(request: HttpRequest) -> HttpResponse:
    """Open actions by default; any status (accepted ones too) when the filter asks."""
    p, filters = partnership_of(request), _filters(request, "actions")
    live = selectors.live_actions()
    asked = filters.is_bound and filters.is_valid() and filters.cleaned_data.get("status")
    chosen = filters.apply(live if asked else live.filter(
        status__in=OPEN_ACTION_STATUSES))
    return page(request, "assurance/actions.html", {
        "groups": selectors.actions_by_agency(p, today(), actions=chosen), "today": today(),
        "filters": filters, "can_manage": access.can_manage(request.user)})


@allowed(access.can_read)
def audits(request: HttpRequest) -> HttpResponse:
    p, filters = partnership_of(request), _filters(request, "audits")
    found = filters.apply(p.audits.current()).prefetch_related(
        selectors.live_findings(), "agencies", selectors.live_recommendations())
    return page(request, "assurance/audits.html", {
        "audits": found, "filters": filters, "can_manage": access.can_manage(request.user)})


@allowed(access.can_read)
def challenges(request: HttpRequest) -> HttpResponse:
    p, filters = partnership_of(request), _filters(request, "challenges")
    user = request.user
    rows = [(c, access.can_answer_challenge(user, c))
            for c in filters.apply(selectors.challenges_open_first(p))]
    return page(request, "assurance/challenges.html", {
        "rows": rows, "challenges": [c for c, _ in rows], "filters": filters,
        "can_raise": access.can_raise_challenges(user), "can_manage": access.can_manage(user)})


@allowed(access.can_read)
def risks(request: HttpRequest) -> HttpResponse:
    p, filters = partnership_of(request), _filters(request, "risks")
    risk_list = list(filters.apply(p.risks.current()).select_related("owner"))
    maps = [(caption, _heat_grid(selectors.risk_heat_map(risk_list, after_controls=after)))
            for caption, after in (("after controls (residual risk)", True),
                                   ("before controls (inherent risk)", False))]
    rows = [(r, r.review_overdue(today())) for r in risk_list]
    return page(request, "assurance/risks.html", {
        "rows": rows, "maps": maps, "filters": filters,
        "can_manage": access.can_manage(request.user)})


def _heat_grid(heat: dict[tuple[int, int], int]) -> list[tuple[int, list[tuple[int, int, int, str]]]]:
    """Rows from likelihood 5 down to 1; cells (impact, risks, score, band) for impact 1 to 5."""
    return [(likelihood, [(impact, heat.get((likelihood, impact), 0), likelihood * impact,
                           risk_band(likelihood * impact)) for impact in range(1, 6)])
            for likelihood in range(5, 0, -1)]


@allowed(access.can_read)
def child_deaths(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    cdop = getattr(year, "cdop", None)
    return page(request, "assurance/child_deaths.html", {
        **year_context(p, year), "cdop": cdop, "can_manage": access.can_manage(request.user),
        "recommendations": selectors.recommendations_of(cdop) if cdop else []})
