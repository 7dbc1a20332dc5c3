"""The training programme: the overview, courses, their outcomes and sessions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lscp.partnership import access
from lscp.partnership.http import allowed, partnership_of, year_context, year_for
from lscp.workforce import selectors, services
from lscp.workforce.forms import CourseForm, OutcomeForm, SessionForm
from lscp.workforce.models import Course, LearningOutcome, TrainingSession
from lscp.workforce.overview import overview
from lscp.workforce.views._common import form_page, locked, page, plain


@allowed(access.can_read)
def index(request: HttpRequest) -> HttpResponse:
    """The year's impact and reach; an agency contributor sees its own agency's row only."""
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    found = overview(p, year.label)
    scope = access.training_figures_scope(request.user)
    agencies = [a for a in found.agencies if scope is None or a["code"] == scope.code]
    return page(request, "workforce/index.html", {
        **year_context(p, year), "o": found, "agencies": agencies, "scope": scope,
        "not_reached": found.not_reached if scope is None else []})


@allowed(access.can_read)
def courses(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    return page(request, "workforce/courses.html", {
        **year_context(p, year), "rows": selectors.courses_in_year(p, year.label)})


def _course(request: HttpRequest, code: str) -> Course:
    return get_object_or_404(Course.objects.current(), partnership=partnership_of(request),
                             code=code)


@allowed(access.can_read)
def course_detail(request: HttpRequest, code: str) -> HttpResponse:
    course = _course(request, code)
    return page(request, "workforce/course.html", {
        "course": course, "outcomes": course.outcomes.all(),
        "sessions": selectors.sessions_of(course)})


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    form = CourseForm(request.POST or None)
    return form_page(request, form, plain(services.course_create, partnership=p, by=request.user),
                     title="Add a course", back=reverse("workforce:courses"),
                     done=lambda c: reverse("workforce:course", args=[c.code]),
                     message="Course added")


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, code: str) -> HttpResponse:
    course = _course(request, code)
    back = reverse("workforce:course", args=[course.code])
    form = CourseForm(request.POST or None, instance=course)
    return form_page(request, form, locked(form, "course", services.course_update, course=course,
                                           by=request.user),
                     title="Edit the course", caption=course.title, back=back, done=back,
                     message="Course saved")


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def outcome_new(request: HttpRequest, code: str) -> HttpResponse:
    course = _course(request, code)
    back = reverse("workforce:course", args=[course.code])
    form = OutcomeForm(request.POST or None)
    return form_page(request, form, plain(services.outcome_add, course=course, by=request.user),
                     title="Add a learning outcome", caption=course.title, back=back,
                     done=back, message="Learning outcome added")


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, code: str, position: int) -> HttpResponse:
    course = _course(request, code)
    outcome = get_object_or_404(LearningOutcome, course=course, position=position)
    back = reverse("workforce:course", args=[course.code])
    form = OutcomeForm(request.POST or None, initial={"text": outcome.text})
    return form_page(request, form, plain(services.outcome_update, outcome=outcome,
                                          by=request.user),
                     title=f"Edit learning outcome {position}", caption=course.title, back=back,
                     done=back, message="Learning outcome saved")


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, code: str) -> HttpResponse:
    course = _course(request, code)
    back = reverse("workforce:course", args=[course.code])
    form = SessionForm(request.POST or None, initial={"delivery": course.delivery})
    return form_page(request, form, plain(services.session_create, course=course,
                                          by=request.user),
                     title="Add a session", caption=course.title, back=back,
                     done=lambda s: reverse("workforce:session", args=[s.pk]),
                     message="Session added")


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    return get_object_or_404(TrainingSession.objects.current().select_related("course"), pk=pk,
                             course__partnership=partnership_of(request),
                             course__withdrawn_on__isnull=True)


@allowed(access.can_read)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Who came, by agency and status; an agency contributor sees its own people only."""
    session = _session(request, pk)
    scope = access.training_figures_scope(request.user)
    return page(request, "workforce/session.html", {
        "session": session, "scope": scope,
        "register": selectors.register_of(session, scope)})


@allowed(access.can_manage_training)
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    back = reverse("workforce:session", args=[session.pk])
    form = SessionForm(request.POST or None, instance=session)
    return form_page(request, form, locked(form, "session", services.session_update,
                                           session=session, by=request.user),
                     title="Edit the session", caption=str(session), back=back, done=back,
                     message="Session saved")
