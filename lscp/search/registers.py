"""The registers site search looks in, each scoped to one partnership. Registered in
SearchConfig.ready(); the budget is shown only to those `access` lets read it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lscp.assurance.models import Action, Audit, CaseReview, Challenge, Recommendation, Risk
from lscp.dataset.models import Indicator
from lscp.partnership import access
from lscp.partnership.models import BudgetLine, Meeting, Partnership, Priority
from lscp.search.registry import Register


def _on(day: Any) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _recommendation_url(rec: Recommendation) -> str:
    if rec.review_id:
        return reverse("assurance:review_detail", args=[rec.review.code])  # type: ignore[union-attr]
    if rec.audit_id:
        return reverse("assurance:audits")
    if rec.meeting_id:
        return _meeting_url(rec.meeting)  # type: ignore[arg-type]
    return reverse("assurance:child_deaths")


def _meeting_url(meeting: Meeting) -> str:
    return reverse("partnership:meeting_detail", args=[meeting.group.code, meeting.date.isoformat()])


def _year_page(name: str, label: str) -> str:
    return f"{reverse(name)}?year={label}"


def _reviews(p: Partnership) -> Any:
    return CaseReview.objects.filter(partnership=p)


def _recommendations(p: Partnership) -> Any:
    return Recommendation.objects.filter(partnership=p).select_related(
        "review", "audit", "meeting__group", "child_deaths__year")


def _actions(p: Partnership) -> Any:
    return Action.objects.filter(recommendation__partnership=p).select_related("owner")


REGISTERS = [
    Register("reviews", "Case reviews", _reviews,
             ("code", "pseudonym", "summary", "learning__text"),
             title=str, url=lambda r: reverse("assurance:review_detail", args=[r.code]),
             detail=lambda r: f"Completed {_on(r.completed)}" if r.completed else "In progress",
             position=10),
    Register("recommendations", "Recommendations", _recommendations, ("code", "text"),
             title=lambda r: r.text[:120], url=_recommendation_url,
             detail=lambda r: r.source if not r.review_id else r.review.get_kind_display(),
             position=20),
    Register("actions", "Actions", _actions, ("text", "evidence", "impact", "owner__name"),
             title=lambda a: a.text[:120],
             url=lambda a: reverse("assurance:action_detail", args=[a.pk]),
             detail=lambda a: f"{a.owner.name}, {a.get_status_display().lower()}"
                              + (f", due {_on(a.due)}" if a.due else ""),
             position=30),
    Register("audits", "Audits", lambda p: Audit.objects.filter(partnership=p),
             ("code", "topic", "scope", "findings__text"),
             title=lambda a: a.topic, url=lambda a: reverse("assurance:audits"),
             detail=lambda a: f"Completed {_on(a.completed)}" if a.completed else "",
             position=40),
    Register("challenges", "Challenge log",
             lambda p: Challenge.objects.filter(partnership=p).select_related("to_agency"),
             ("code", "challenge", "response", "outcome", "impact", "raised_by",
              "to_agency__name"),
             title=lambda c: c.challenge[:120], url=lambda c: reverse("assurance:challenges"),
             detail=lambda c: f"Raised {_on(c.raised_on)} by {c.raised_by}, "
                              f"{c.get_status_display().lower()}",
             position=50),
    Register("risks", "Risk register",
             lambda p: Risk.objects.filter(partnership=p).select_related("owner"),
             ("code", "title", "cause", "consequence", "controls", "owner__name"),
             title=lambda r: r.title, url=lambda r: reverse("assurance:risks"),
             detail=lambda r: f"Review by {_on(r.review_date)}", position=60),
    Register("priorities", "Priorities",
             lambda p: Priority.objects.filter(year__partnership=p).select_related("year"),
             ("code", "title", "description", "actions__text"),
             title=lambda r: r.title,
             url=lambda r: _year_page("partnership:priorities", r.year.label),
             detail=lambda r: f"Priority for {r.year.label}", position=70),
    Register("meetings", "Meetings",
             lambda p: Meeting.objects.filter(group__partnership=p).select_related("group"),
             ("group__name", "group__code", "kind"),
             title=str, url=_meeting_url, detail=lambda m: m.get_kind_display(), position=80),
    Register("indicators", "Indicators", lambda p: Indicator.objects.all(),
             ("code", "title", "definition", "theme_title"),
             title=lambda i: i.title, url=lambda i: reverse("dataset:indicator", args=[i.code]),
             detail=lambda i: i.theme_title, position=90),
    Register("budget", "Budget",
             lambda p: BudgetLine.objects.filter(year__partnership=p).select_related(
                 "year", "agency"),
             ("line", "note", "agency__name"),
             title=lambda b: b.line, url=lambda b: _year_page("partnership:budget", b.year.label),
             detail=lambda b: f"{b.get_direction_display()}, {b.year.label}",
             shown_to=access.can_view_budget, position=100),
]
