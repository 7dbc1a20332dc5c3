"""Dataset pages: overview, indicator, exports, and agency submissions. Thin views."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from lscp.audit.models import EventKind
from lscp.audit.services import record_request
from lscp.dataset import plausibility, selectors, spc_series, submissions
from lscp.dataset.exports import to_csv, to_xlsx
from lscp.dataset.forms import CONFIRM, SubmissionForm, UploadForm
from lscp.dataset.models import ComparatorKind, Indicator, Submission, SubmissionStatus, Unit
from lscp.dataset.spreadsheet import FIELD_COLUMN, Upload, capped, read_upload, template
from lscp.insight.charts import series_chart, to_png
from lscp.insight.periods import Period, ended_by, parse_period, previous_year
from lscp.partnership import access
from lscp.partnership.http import (
    allowed,
    file_response,
    partnership_of,
    save_or_refuse,
    stale_message,
    today,
    year_context,
    year_for,
)
from lscp.partnership.register_forms import RegisterFilter
from lscp.partnership.versioning import cached
from lscp.partnership.workflow import WorkflowError


@allowed(access.can_read)
def overview(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    return render(request, "dataset/overview.html", {
        **year_context(p, year), "themes_html": _themes_html(p, year)})


def _themes_html(p: Any, year: Any) -> str:
    """The overview's tables, laid out once per data version (decision 0010): the same for
    every reader, and laying out a hundred rows with their sparklines was most of a view."""
    html = cached(p.pk, "dataset-overview-html", year.label, build=lambda: render_to_string(
        "dataset/_themes.html", {"themes": selectors.themes(p, year.label), "year": year,
                                 "previous_label": previous_year(year.label)}))
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it was built)


def _overview_rows(request: HttpRequest) -> tuple[str, list[str], list[list[Any]]]:
    p = partnership_of(request)
    year = year_for(p, request.GET.get("year"))
    header = ["Theme", "Code", "Indicator", "Unit", year.label, "Previous year", "England",
              "Target", "Direction", "RAG", "Illustrative", "Reference period"]
    rows = []
    for theme, items in selectors.themes(p, year.label):
        for s in items:
            rows.append([theme, s.indicator.code, s.indicator.title,
                         selectors.unit_label(s.indicator), _num(s.current),
                         _num(s.previous), _dec(s.national), _dec(s.target),
                         s.movement.direction.value if s.movement else "",
                         "" if s.rag.value == "none" else s.rag.value,
                         "yes" if s.current and s.current.illustrative else "",
                         s.current.reference_period if s.current else ""])
    return f"dataset-{year.label}", header, rows


def _num(point: selectors.Point | None) -> float | None:
    return _dec(point.figure) if point else None


def _dec(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _download(name: str, fmt: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    writers = {"csv": to_csv, "xlsx": lambda h, r: to_xlsx(name, h, r)}
    if fmt not in writers:
        raise Http404("Unknown format")
    return file_response(writers[fmt](header, rows), f"{name}.{fmt}")


@allowed(access.can_read)
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    name, header, rows = _overview_rows(request)
    return _download(name, fmt, header, rows)


def _indicator_rows(p: Any, indicator: Indicator) -> tuple[list[str], list[list[Any]]]:
    header = ["Period", "Value"]
    pct = indicator.unit == Unit.PERCENTAGE
    if pct:
        header += ["Numerator", "Denominator"]
    if indicator.unit == Unit.RATE:
        header += ["Count"]
    comparators = selectors.comparator_series(p, indicator)
    header += ["Illustrative", "Reference period"]  # a made-up figure; another period
    header += [ComparatorKind(k).label for k in comparators]
    rows = []
    for point in selectors.series(p, indicator):
        row: list[Any] = [point.label, _dec(point.figure)]
        if pct:
            row += [point.numerator, point.denominator]
        if indicator.unit == Unit.RATE:
            row += [point.count]
        year = parse_period(point.period).year_key if parse_period(
            point.period).kind == "year" else None
        row += ["yes" if point.illustrative else None, point.reference_period or None]
        row += [_dec(dict(v).get(year)) if year else None for v in comparators.values()]
        rows.append(row)
    return header, rows


@allowed(access.can_read)
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    p = partnership_of(request)
    indicator = get_object_or_404(Indicator, code=code)
    figures = cached(p.pk, "indicator", indicator.code,
                     build=lambda: _indicator_figures(p, indicator))
    # A rate is never entered: its history is that of the count it is computed from.
    submitted = indicator.rate_of or indicator
    history = submitted.values.filter(partnership=p).filter(selectors.SETTLED).prefetch_related(
        "changes__changed_by").order_by("-period")[:12]
    return render(request, "dataset/indicator.html", {
        "indicator": indicator, **figures, "history": history, "submitted": submitted})


def _indicator_figures(p: Any, indicator: Indicator) -> dict[str, Any]:
    """The table, the chart (a PNG drawn by a renderer) and its summary: the costly part of
    the page, built once per data version (decision 0010). The history shows people's
    names, which are not records of the partnership's version, so it is read each time."""
    header, rows = _indicator_rows(p, indicator)
    kind, points = selectors.trend_points(p, indicator)
    chart = None
    if points:
        comparators = {
            ComparatorKind(k).label: [(parse_period(year).label, float(v)) for year, v in values]
            for k, values in selectors.comparator_series(p, indicator).items()
        } if kind == "year" else {}
        spec = series_chart(indicator.title, selectors.unit_label(indicator),
                            [(pt.label, _dec(pt.figure)) for pt in points], comparators)
        chart = "data:image/png;base64," + base64.b64encode(to_png(spec)).decode("ascii")
    return {"header": header, "rows": rows, "chart": chart,
            "summary": _chart_summary(indicator, points),
            "spc": spc_series.spc_panel(p, indicator)}  # monthly and quarterly: docs/spc.md


def _chart_summary(indicator: Indicator, points: list[selectors.Point]) -> str:
    shown = [p for p in points if p.figure is not None]
    if not shown:
        return "No figures yet."
    first, last = shown[0], shown[-1]
    high = max(shown, key=lambda p: p.figure or 0)
    return (f"Line chart of {indicator.title.lower()} over {len(shown)} periods, from "
            f"{selectors.display(indicator, first.figure)} in {first.label} to "
            f"{selectors.display(indicator, last.figure)} in {last.label}; highest "
            f"{selectors.display(indicator, high.figure)} in {high.label}. "
            "The table below gives every value.")


@allowed(access.can_read)
def indicator_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    p = partnership_of(request)
    indicator = get_object_or_404(Indicator, code=code)
    header, rows = _indicator_rows(p, indicator)
    return _download(f"{indicator.code}", fmt, header, rows)


# Submissions ---------------------------------------------------------------------------


def _submissions_visible(request: HttpRequest) -> Any:
    return access.submissions_visible_to(
        request.user, Submission.objects.select_related("agency"))


def _submissions_filter(request: HttpRequest) -> RegisterFilter:
    return RegisterFilter(request.GET or None, statuses=SubmissionStatus.choices,
                          partnership=partnership_of(request))


def _submissions_shown(request: HttpRequest, search: RegisterFilter) -> Any:
    """What the reader may see, narrowed by the list's filters (never widened by them)."""
    return selectors.submissions_matching(
        _submissions_visible(request), text=search.value("q"), status=search.value("status"),
        agency=search.value("agency"))


@allowed(access.can_read)
def submission_list(request: HttpRequest) -> HttpResponse:
    search = _submissions_filter(request)
    return render(request, "dataset/submissions.html", {
        "submissions": _submissions_shown(request, search), "search": search,
        "own_agency": access.own_agency(request.user),
        "periods": _open_periods(partnership_of(request))})


@allowed(access.can_read)
def submission_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [[s.agency.name, s.period, s.get_status_display(), s.return_reason,
             s.updated_at.strftime("%Y-%m-%d %H:%M")]
            for s in _submissions_shown(request, _submissions_filter(request))]
    return _download("dataset-submissions", fmt,
                     ["Agency", "Period", "Status", "Reason returned", "Updated"], rows)


def _open_periods(partnership: Any) -> list[Period]:
    return ended_by([y.label for y in partnership.years.all()], today())


@allowed(access.can_start_submission)
@require_POST
def submission_start(request: HttpRequest) -> HttpResponse:
    p = partnership_of(request)
    period = request.POST.get("period", "")
    if period not in {o.key for o in _open_periods(p)}:
        messages.error(request, "Choose a period that has ended: figures are submitted once "
                                "a quarter or year is over")
        return redirect("dataset:submissions")
    submission = submissions.submission_start(partnership=p, agency=access.own_agency(request.user),
                                              period=period)
    return redirect("dataset:submission_detail", pk=submission.pk)


def _submission(request: HttpRequest, pk: int) -> Submission:
    return get_object_or_404(_submissions_visible(request), pk=pk)


@allowed(access.can_read)
@require_http_methods(["GET", "POST"])
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    slot_list = submissions.slots(submission)
    entries = submissions.current_entries(submission, slot_list)
    if request.method != "POST":
        return render(request, "dataset/submission.html",
                      _submission_context(request, submission, entries, {}, []))
    if not access.can_edit_submission(request.user, submission):
        raise PermissionDenied
    form = SubmissionForm(request.POST, entries=entries,
                          previous=submissions.previous_figures(submission, slot_list),
                          references=plausibility.references(submission, slot_list))
    if form.is_valid() and save_or_refuse(
            form, "submission", submissions.submission_save, submission=submission,
            entries=form.entries(), checked=form.checked, user=request.user,
            seen_version=form.seen_version, send=form.sending):
        messages.success(request, f"Submitted {submission.period} to the business unit"
                         if form.sending else "Draft saved")
        return redirect("dataset:submission_detail", pk=submission.pk)
    return render(request, "dataset/submission.html", _submission_context(
        request, submission, form.entries(), form.slot_errors,
        [str(e) for e in form.non_field_errors()], form.warnings))


def _submission_context(request: HttpRequest, submission: Submission, entries: list[Any],
                        errors: submissions.Errors, general: list[str],
                        warnings: dict[str, str] | None = None) -> dict[str, Any]:
    """The page's rows; figures that look unusual are flagged beside their field, for the
    contributor before they submit and for the approver before they decide."""
    if warnings is None:
        warnings = submissions.flagged(submission)
    rows = []
    for entry in entries:
        rows.append({"entry": entry, "pct": entry.slot.indicator.unit == Unit.PERCENTAGE,
                     "errors": {field: msg for (key, field), msg in errors.items()
                                if key == entry.slot.key},
                     "warning": warnings.get(entry.slot.key, ""),
                     "comment_allowed": not entry.slot.category})
    summary = [(f"{key}.{field}", msg) for (key, field), msg in errors.items()]
    return {"submission": submission, "rows": rows, "error_list": summary,
            "general_errors": general, "warnings": warnings,
            "warning_keys": " ".join(warnings), "confirm_error": errors.get(CONFIRM, ""),
            "can_edit": access.can_edit_submission(request.user, submission),
            "can_manage": access.can_manage(request.user),
            "events": submission.events.select_related("by")}


@allowed(access.can_read)
def submission_template(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    entries = submissions.current_entries(submission, submissions.slots(submission))
    return file_response(template(submission, entries),
                         f"dataset-{submission.agency.code}-{submission.period}.xlsx")


@allowed(access.can_read)
@require_POST
def submission_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Uploaded figures meet the form's checks and its locked save; the version claimed is
    the one the template was made at, so a template older than a later save is refused."""
    submission = _submission(request, pk)
    if not access.can_edit_submission(request.user, submission):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    slot_list = submissions.slots(submission)
    problems: list[str] = []
    if form.is_valid():
        sheet = read_upload(form.cleaned_data["file"], form.cleaned_data["file"].size, slot_list)
        checked, problems = _sheet_problems(submission, sheet, slot_list)
        saved = not problems and save_or_refuse(
            form, "submission", submissions.submission_save, submission=submission,
            entries=sheet.entries, checked=checked, user=request.user,
            seen_version=sheet.version)
        if saved:
            messages.success(request, f"Spreadsheet uploaded: {saved.result} figures changed")
            return redirect("dataset:submission_detail", pk=submission.pk)
    problems = [*(str(e) for errors in form.errors.values() for e in errors), *problems]
    context = _submission_context(request, submission, submissions.current_entries(
        submission, slot_list), {}, [])
    context["upload_problems"] = capped(problems)
    return render(request, "dataset/submission.html", context, status=400)


def _sheet_problems(submission: Submission, sheet: Upload,
                    slot_list: list[submissions.Slot]
                    ) -> tuple[dict[str, submissions.Checked], list[str]]:
    """What is wrong with an uploaded sheet, as `Submission!F7: message`, in sheet order."""
    if sheet.problems:
        return {}, [str(p) for p in sheet.problems]
    if sheet.version != submission.version:
        return {}, [stale_message("submission") if sheet.version is not None else
                    "The spreadsheet does not say which version of the submission it was made "
                    "from: download the template again"]
    checked, errors = submissions.check(
        sheet.entries, submissions.previous_figures(submission, slot_list), complete=False)
    found = sorted((sheet.where.get(key, 0), FIELD_COLUMN[field], msg)
                   for (key, field), msg in errors.items())
    return checked, [f"Submission!{col}{row}: {msg}" for row, col, msg in found]


@allowed(access.can_manage)
@require_POST
def submission_decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            submissions.submission_approve(submission=submission, by=request.user,
                                           reason=reason)
        elif action == "return":
            submissions.submission_return(submission=submission, by=request.user, reason=reason)
        elif action == "reopen":
            submissions.submission_reopen(submission=submission, by=request.user, reason=reason)
        else:
            raise Http404("Unknown action")
    except WorkflowError as exc:
        messages.error(request, str(exc).capitalize())
    else:
        messages.success(request, f"Submission {submission.get_status_display().lower()}")
    return redirect("dataset:submission_detail", pk=submission.pk)


# Statutory returns ----------------------------------------------------------------------


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def returns_upload(request: HttpRequest) -> HttpResponse:
    from lscp.dataset.returns import load_uploads
    from lscp.returns.problems import RefusedFile

    p = partnership_of(request)
    errors: list[str] = []
    year = request.POST.get("year", "")
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not re_year(year):
            errors.append('Enter the collection year, like "2024-25"')
        if not files:
            errors.append("Choose the CIN census XML and/or the SSDA903 CSV files")
        if not errors:
            try:
                load = load_uploads(p, year, files, request.user)
            except RefusedFile as exc:
                errors.append(f"{exc.file} was refused: {exc.message}. Nothing was stored.")
            else:
                return redirect("dataset:returns_review", pk=load.pk)
    return render(request, "dataset/returns_upload.html", {
        "errors": errors, "year": year, "loads": p.return_loads.all()[:10]},
        status=400 if errors else 200)


def re_year(text: str) -> bool:
    try:
        return parse_period(text).kind == "year"
    except ValueError:
        return False


@allowed(access.can_manage)
@require_http_methods(["GET", "POST"])
def returns_review(request: HttpRequest, pk: int) -> HttpResponse:
    from lscp.dataset.returns import NotSubmittable, submit_load, submittable

    load = get_object_or_404(partnership_of(request).return_loads, pk=pk)
    if request.method == "POST":
        try:
            submission = submit_load(load, request.user)
        except WorkflowError as exc:
            messages.error(request, str(exc)[:1].upper() + str(exc)[1:])
        else:
            messages.success(request, f"Submitted as {submission.agency.name}'s {load.year} "
                                      "values, for approval")
            return redirect("dataset:submission_detail", pk=submission.pk)
    from lscp.returns.measures import load_measures

    titles = dict(Indicator.objects.values_list("code", "title"))
    measures = {m.code: m.title for m in load_measures()}  # a measure by its title, not its code
    rows = [{**r, "title": titles.get(r["indicator"] or "", ""),
             "measure_title": measures.get(r["measure"], r["measure"])} for r in load.results]
    try:
        submittable(load)
        refusal = ""
    except NotSubmittable as exc:
        refusal = str(exc)[:1].upper() + str(exc)[1:]
    return render(request, "dataset/returns_review.html",
                  {"load": load, "rows": rows, "refusal": refusal})


@allowed(access.can_manage)
def returns_report(request: HttpRequest, pk: int) -> HttpResponse:
    load = get_object_or_404(partnership_of(request).return_loads, pk=pk)
    record_request(request, EventKind.RETURNS_REPORT_DOWNLOAD,
                   f"Returns validation report {load.year} (load {pk})")
    return file_response(bytes(load.report), f"validation-{load.year}-{pk}.csv")
