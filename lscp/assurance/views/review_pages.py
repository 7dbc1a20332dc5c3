"""A case review's pages: the review with its clocks, its milestones and its learning."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.assurance import register_services as services
from lscp.assurance import selectors
from lscp.assurance.forms import ReviewForm, TextForm
from lscp.assurance.models import CaseReview, LearningPoint
from lscp.assurance.views._common import form_page, locked, page, plain, withdraw_page
from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, today


def _review(request: HttpRequest, code: str) -> CaseReview:
    return get_object_or_404(partnership_of(request).reviews.current(), code=code)


def _detail(review: CaseReview) -> str:
    return reverse("assurance:review_detail", args=[review.code])


@allowed(access.can_read)
def review_detail(request: HttpRequest, code: str) -> HttpResponse:
    review = _review(request, code)
    clocks = [(m, m.state(today())) for m in review.milestones()]
    return page(request, "assurance/review_detail.html", {
        "review": review, "clocks": clocks, "learning": review.learning.current(),
        "can_manage": access.can_manage(request.user),
        "recommendations": selectors.recommendations_of(review)})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = ReviewForm(request.POST or None, partnership=p, taken=p.reviews.all())
    return form_page(request, form, plain(services.review_create, partnership=p,
                                          by=request.user),
                     title="Add a case review", back=reverse("assurance:reviews"), done=_detail,
                     message="Case review added")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, code: str) -> HttpResponse:
    review = _review(request, code)
    form = ReviewForm(request.POST or None, partnership=review.partnership, record=review)
    return form_page(request, form, locked(form, "review", services.review_update,
                                           review=review, by=request.user),
                     title="Edit the case review", caption=str(review), back=_detail(review),
                     done=_detail, message="Case review saved")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def review_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    review = _review(request, code)
    return withdraw_page(request, review, noun="case review", back=_detail(review),
                         done=reverse("assurance:reviews"))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def learning_new(request: HttpRequest, code: str) -> HttpResponse:
    review = _review(request, code)
    form = TextForm(request.POST or None, partnership=review.partnership,
                    label="Learning point")
    return form_page(request, form, plain(services.learning_add, review=review, by=request.user),
                     title="Add a learning point", caption=str(review), back=_detail(review),
                     done=_detail(review), message="Learning point added")


def _point(request: HttpRequest, code: str, pk: int) -> LearningPoint:
    return get_object_or_404(LearningPoint.objects.current(), pk=pk, review=_review(request, code))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def learning_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    point = _point(request, code, pk)
    form = TextForm(request.POST or None, partnership=point.review.partnership, record=point,
                    label="Learning point")
    return form_page(request, form, locked(form, "learning point", services.text_update,
                                           record=point, by=request.user),
                     title="Edit the learning point", caption=str(point.review),
                     back=_detail(point.review), done=_detail(point.review),
                     message="Learning point saved")


@allowed(access.can_manage)
@require_POST
def learning_move(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    point = _point(request, code, pk)
    services.move(record=point, by=request.user, up=request.POST.get("direction") == "up")
    return redirect(_detail(point.review) + "#learning")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def learning_withdraw(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    point = _point(request, code, pk)
    return withdraw_page(request, point, noun="learning point", back=_detail(point.review),
                         done=_detail(point.review))
