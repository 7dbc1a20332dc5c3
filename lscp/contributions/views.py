"""Pages for the partnership's own words in its yearly report. Thin: access decides, the
services change, the selectors read; the report's sections build from the same records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from lscp.contributions import selectors, services
from lscp.contributions.forms import (
    VOICE_KINDS,
    CallForm,
    CaseStoryForm,
    ContactForm,
    ContributionForm,
    DecisionForm,
    RemoveForm,
    StatementForm,
    VoiceForm,
)
from lscp.contributions.markup import to_html
from lscp.contributions.models import (
    CaseStory,
    ConcernContact,
    Contribution,
    Statement,
    StatementKind,
    Voice,
)
from lscp.partnership import access
from lscp.partnership.http import (
    allowed,
    partnership_of,
    posted,
    save_or_refuse,
    today,
    year_context,
    year_for,
)
from lscp.partnership.models import ReportingYear
from lscp.partnership.workflow import WorkflowError


def _year(request: HttpRequest, label: str | None) -> ReportingYear:
    return year_for(partnership_of(request), label)


def _index(year: ReportingYear) -> str:
    return f"{reverse('contributions:index')}?year={year.label}"


@allowed(access.can_read)
def index(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    year = _year(request, request.GET.get("year"))
    statements = selectors.statements_of(year)
    return render(request, "contributions/index.html", {
        **year_context(p, year),
        "statements": [(kind, label, statements.get(kind)) for kind, label in
                       StatementKind.choices],
        "call": selectors.call_of(year),
        "contributions": access.contributions_visible_to(
            request.user, selectors.contributions_of(year)),
        "voices": selectors.voices_of(year), "voice_kinds": VOICE_KINDS,
        "stories": access.contributions_visible_to(request.user, selectors.case_stories_of(year)),
        "contacts": selectors.contacts_of(p.pk),
        "can_manage": access.can_manage(request.user),
        "can_draft": access.can_draft_statements(request.user),
        "can_write_story": access.can_write_case_story(request.user)})


# Reviewed records: statements, contributions, case stories --------------------------------


def _page(request: HttpRequest, record: Any, *, title: str, caption: str, back: str,
          texts: list[tuple[str, str]], form: Any, decide_url: str, can_decide: bool,
          submit_label: str) -> HttpResponse:
    return render(request, "contributions/reviewed.html", {
        "record": record, "title": title, "caption": caption, "back": back, "form": form,
        "previews": [(heading, to_html(text)) for heading, text in texts if text.strip()],
        "decide_url": decide_url, "can_decide": can_decide, "submit_label": submit_label,
        "decision_form": DecisionForm(),
        "events": record.events.select_related("by") if record and record.pk else []})


def _decide(request: HttpRequest, record: Any, back: str) -> HttpResponse:
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.decide(record=record, action=request.POST.get("action", ""), by=request.user,
                        reason=form.cleaned_data.get("reason", ""))
    except WorkflowError as exc:
        messages.error(request, str(exc)[:1].upper() + str(exc)[1:])
    else:
        messages.success(request, f"{record._meta.verbose_name.capitalize()} "
                                  f"{record.get_status_display().lower()}")
    return redirect(back)


def _saved(request: HttpRequest, form: Any, noun: str, service: Any, **arguments: Any) -> bool:
    """Save (and, with the "submit" button, submit); a workflow refusal shows on the form."""
    submit = request.POST.get("action") == "submit"
    try:
        saved = save_or_refuse(form, noun, service, submit=submit, **arguments)
    except WorkflowError as exc:
        form.add_error(None, str(exc)[:1].upper() + str(exc)[1:])
        return False
    if saved:
        messages.success(request, "Submitted" if submit else "Draft saved")
    return bool(saved)


def _statement_kind(kind: str) -> StatementKind:
    try:
        return StatementKind(kind)
    except ValueError:
        raise Http404("No such statement") from None


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def statement(request: HttpRequest, year: str, kind: str) -> HttpResponse:
    found_year, found_kind = _year(request, year), _statement_kind(kind)
    record = selectors.statement(found_year, found_kind) or Statement(
        partnership=found_year.partnership, year=found_year, kind=found_kind)
    editable = access.can_draft_statements(request.user) and record.editable
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = StatementForm(posted(request), initial={"text": record.text,
                                                   "version": record.version})
    here = reverse("contributions:statement", args=[found_year.label, found_kind])
    if request.method == "POST" and form.is_valid() and _saved(
            request, form, "statement", services.statement_save, year=found_year,
            kind=found_kind, text=form.cleaned_data["text"], by=request.user,
            seen_version=form.cleaned_data["version"]):
        return redirect(here)
    return _page(request, record, title=found_kind.label, caption=found_year.label,
                 back=_index(found_year), texts=[("", record.text)],
                 form=form if editable else None,
                 decide_url=reverse("contributions:statement_decide",
                                    args=[found_year.label, found_kind]),
                 can_decide=access.can_approve_statements(request.user),
                 submit_label="Submit for the chair's approval")


@allowed(access.can_approve_statements)
@require_POST
def statement_decide(request: HttpRequest, year: str, kind: str) -> HttpResponse:
    found_year = _year(request, year)
    record = get_object_or_404(Statement, year=found_year, kind=_statement_kind(kind))
    return _decide(request, record, reverse("contributions:statement",
                                            args=[found_year.label, record.kind]))


def _contribution(request: HttpRequest, pk: int) -> Contribution:
    found = access.contributions_visible_to(request.user, Contribution.objects.filter(
        call__partnership=partnership_of(request)).select_related("agency", "call__year"))
    return get_object_or_404(found, pk=pk)


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def contribution(request: HttpRequest, pk: int) -> HttpResponse:
    record = _contribution(request, pk)
    editable = access.can_edit_contribution(request.user, record)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    fields = ("achievements", "challenges", "impact")
    form = ContributionForm(posted(request), initial={
        **{f: getattr(record, f) for f in fields}, "version": record.version})
    here = reverse("contributions:contribution", args=[record.pk])
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if _saved(request, form, "contribution", services.contribution_save,
                  contribution=record, by=request.user, seen_version=data.pop("version"), **data):
            return redirect(here)
    call = record.call
    return _page(request, record, title=f"Contribution to the {call.year.label} yearly report",
                 caption=record.agency.name, back=_index(call.year),
                 texts=[("Achievements", record.achievements), ("Challenges", record.challenges),
                        ("Evidence of impact", record.impact)],
                 form=form if editable else None,
                 decide_url=reverse("contributions:contribution_decide", args=[record.pk]),
                 can_decide=access.can_manage(request.user),
                 submit_label="Submit to the business unit")


@allowed(access.can_manage)
@require_POST
def contribution_decide(request: HttpRequest, pk: int) -> HttpResponse:
    record = _contribution(request, pk)
    return _decide(request, record, reverse("contributions:contribution", args=[record.pk]))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, year: str) -> HttpResponse:
    p, found_year = partnership_of(request), _year(request, year)
    call = selectors.call_of(found_year)
    initial = ({"deadline": call.deadline, "guidance": call.guidance, "version": call.version,
                "agencies": [c.agency for c in call.contributions.all()]} if call else
               {"version": 0})
    form = CallForm(posted(request), initial=initial, partnership=p)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        version = data.pop("version")
        if call is None:
            services.call_open(year=found_year, by=request.user, today=today(), **data)
            messages.success(request, f"Call for contributions to {found_year.label} opened")
            return redirect(_index(found_year))
        if save_or_refuse(form, "call for contributions", services.call_change, call=call,
                          by=request.user, seen_version=version, **data):
            messages.success(request, "Call for contributions saved")
            return redirect(_index(found_year))
    return render(request, "web/form.html", {
        "form": form, "caption": found_year.label, "back": _index(found_year),
        "title": "Change the call for contributions" if call else "Open a call for contributions",
        "lead": "Each agency asked writes its achievements, challenges and evidence of impact "
                "for the year; you review each one before it goes into the report.",
        "button": "Save" if call else "Open the call"})


# Case stories ------------------------------------------------------------------------------


def _story(request: HttpRequest, code: str) -> CaseStory:
    found = access.contributions_visible_to(request.user, CaseStory.objects.filter(
        partnership=partnership_of(request)).select_related("agency", "year"))
    return get_object_or_404(found, code=code)


@allowed(access.can_write_case_story)
@require_http_methods(["GET", "POST"])
def story_new(request: HttpRequest, year: str) -> HttpResponse:
    found_year = _year(request, year)
    form = CaseStoryForm(posted(request), initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        story = services.case_story_add(year=found_year, agency=access.own_agency(request.user),
                                        title=data["title"], story=data["story"],
                                        changed=data["changed"], by=request.user)
        messages.success(request, "Draft saved: submit it when it is ready")
        return redirect("contributions:story", code=story.code)
    return render(request, "web/form.html", {
        "form": form, "title": "Write a case story", "caption": found_year.label,
        "back": _index(found_year), "button": "Save draft",
        "lead": "What changed for one child. Anonymise it: no names, no dates of birth, no "
                "school, street or detail that could identify the child or the family."})


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def story(request: HttpRequest, code: str) -> HttpResponse:
    record = _story(request, code)
    editable = access.can_edit_case_story(request.user, record)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = CaseStoryForm(posted(request), initial={
        "title": record.title, "story": record.story, "changed": record.changed,
        "version": record.version})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if _saved(request, form, "case story", services.case_story_save, story=record,
                  title=data["title"], story_text=data["story"], changed=data["changed"],
                  by=request.user, seen_version=data["version"]):
            return redirect("contributions:story", code=record.code)
    return _page(request, record, title=record.title, caption=f"Case story, {record.year.label}",
                 back=_index(record.year),
                 texts=[("The story", record.story), ("What changed for the child",
                                                      record.changed)],
                 form=form if editable else None,
                 decide_url=reverse("contributions:story_decide", args=[record.code]),
                 can_decide=access.can_manage(request.user),
                 submit_label="Submit to the business unit")


@allowed(access.can_manage)
@require_POST
def story_decide(request: HttpRequest, code: str) -> HttpResponse:
    record = _story(request, code)
    return _decide(request, record, reverse("contributions:story", args=[record.code]))


# The child's voice and the ways to report a concern: the business unit's registers ----------


def _form_page(request: HttpRequest, form: Any, title: str, back: str, **extra: Any
               ) -> HttpResponse:
    return render(request, "web/form.html", {"form": form, "title": title, "back": back,
                                             **extra})


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def voice_new(request: HttpRequest, year: str, kind: str) -> HttpResponse:
    found_year = _year(request, year)
    if kind not in VOICE_KINDS:
        raise Http404("No such kind")
    form = VoiceForm(posted(request), initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.voice_add(year=found_year, kind=kind, by=request.user, **data)
        messages.success(request, f"Added: {data['title']}")
        return redirect(_index(found_year))
    return _form_page(request, form, f"Add: {VOICE_KINDS[kind].lower()}", _index(found_year),
                      caption=found_year.label)


def _voice(request: HttpRequest, pk: int) -> Voice:
    return get_object_or_404(Voice.objects.select_related("year"),
                             partnership=partnership_of(request), pk=pk)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def voice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    voice = _voice(request, pk)
    fields = ("title", "who", "children", "said", "changed")
    form = VoiceForm(posted(request), initial={**{f: getattr(voice, f) for f in fields},
                                               "version": voice.version})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "record", services.voice_update, voice=voice, by=request.user,
                          seen_version=data.pop("version"), **data):
            messages.success(request, f"Saved: {voice.title}")
            return redirect(_index(voice.year))
    return _form_page(request, form, voice.get_kind_display(), _index(voice.year),
                      caption=voice.year.label)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def voice_remove(request: HttpRequest, pk: int) -> HttpResponse:
    voice = _voice(request, pk)
    form = RemoveForm(posted(request), initial={"version": voice.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "record", services.voice_remove, voice=voice, by=request.user,
            seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Removed: {voice.title}")
        return redirect(_index(voice.year))
    return _form_page(request, form, f"Remove {voice.title}", _index(voice.year),
                      button="Remove", warning="It leaves the report; its history is kept.")


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    form = ContactForm(posted(request), initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.contact_add(partnership=partnership_of(request), by=request.user, **data)
        messages.success(request, f"Added: {data['label']}")
        return redirect("contributions:index")
    return _form_page(request, form, "Add a way to report a concern",
                      reverse("contributions:index"))


def _contact(request: HttpRequest, pk: int) -> ConcernContact:
    return get_object_or_404(ConcernContact, partnership=partnership_of(request), pk=pk)


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    fields = ("label", "phone", "when", "email")
    form = ContactForm(posted(request), initial={**{f: getattr(contact, f) for f in fields},
                                                 "version": contact.version})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        if save_or_refuse(form, "contact", services.contact_update, contact=contact,
                          by=request.user, seen_version=data.pop("version"), **data):
            messages.success(request, f"Saved: {contact.label}")
            return redirect("contributions:index")
    return _form_page(request, form, contact.label, reverse("contributions:index"))


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = RemoveForm(posted(request), initial={"version": contact.version})
    if request.method == "POST" and form.is_valid() and save_or_refuse(
            form, "contact", services.contact_remove, contact=contact, by=request.user,
            seen_version=form.cleaned_data["version"]):
        messages.success(request, f"Removed: {contact.label}")
        return redirect("contributions:index")
    return _form_page(request, form, f"Remove {contact.label}", reverse("contributions:index"),
                      button="Remove", warning="It leaves the report; its history is kept.")

