"""How the dataset's figures came to be, in the bundle: agencies' submissions and their
workflow events, each value's history of changes, and the statutory return loads with their
results and validation reports (docs/bundle-format.md).

These are records of the partnership, so they move with it; who acted is named by username
(users.csv). Times are kept to the microsecond, with their offset from UTC: they are what a
history row is matched on when a bundle is imported again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from lscp.dataset import models as d
from lscp.insight.periods import parse_period
from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.schema import (
    CellError,
    Column,
    FileSpec,
    choice,
    parse_code,
    parse_json,
    parse_text,
    parse_timestamp,
    parse_username,
    parse_whole,
    parse_year,
    text_of,
)

REPORTS = "return_reports"  # the folder of the loads' validation reports, beside the tables
_REPORT_PATH = re.compile(rf"^{REPORTS}/[A-Za-z0-9][A-Za-z0-9._-]*\.csv$")


def parse_period_key(raw: str) -> str:
    try:
        return parse_period(raw).key
    except ValueError as exc:
        raise CellError(str(exc)) from None


def parse_report_path(raw: str) -> str:
    value = raw.strip()
    if not _REPORT_PATH.match(value):
        raise CellError(f'"{value}" is not a report file: use {REPORTS}/NAME.csv')
    return value


def _by(name: str, doc: str) -> Column:
    return Column(name, parse_username, required=False, refers_to="users.csv", doc=doc)


def _submission_of(doc: str) -> tuple[Column, Column]:
    return (Column("submission_agency", parse_code, required=False, refers_to="agencies.csv",
                   doc=doc),
            Column("submission_period", parse_period_key, required=False,
                   doc="The period of that submission (a quarter's holds its months)."))


SUBMISSION_REF = (("submission_agency", "submission_period"), "submissions.csv")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "submissions.csv", "submission", ("agency", "period"),
        (
            Column("agency", parse_code, refers_to="agencies.csv",
                   doc="Code of the agency that submits."),
            Column("period", parse_period_key, doc="`2020-21-Q1` (quarter) or `2020-21` (year)."),
            Column("status", choice(d.SubmissionStatus),
                   doc="One of: " + ", ".join(d.SubmissionStatus.values) + "."),
            Column("return_reason", parse_text, required=False,
                   doc="Why it was returned, for the agency to read."),
            Column("updated", parse_timestamp, required=False,
                   doc="When it last changed, like `2021-06-30T10:15:00.123456+00:00`."),
        ),
        doc="Agencies' submissions of figures and where each is in its review.",
    ),
    FileSpec(
        "submission_events.csv", "submission event", ("agency", "period", "at"),
        (
            Column("agency", parse_code, refers_to="agencies.csv", doc="Code of the agency."),
            Column("period", parse_period_key, doc="Period of the submission."),
            Column("at", parse_timestamp, doc="When it happened, with its offset from UTC."),
            Column("action", text_of(d.SubmissionEvent, "action"),
                   doc="What happened: submitted, approved, returned, reopened."),
            _by("by", "Username of who did it; empty when nobody signed in did (an import)."),
            Column("note", parse_text, required=False, doc="The reason or note kept with it."),
        ),
        doc="Each submission's workflow history.",
        compound_refs=((("agency", "period"), "submissions.csv"),),
    ),
    FileSpec(
        "value_changes.csv", "value change", ("indicator", "period", "category", "at"),
        (
            Column("indicator", parse_code, doc="Code of the indicator in the catalogue."),
            Column("period", parse_period_key, doc="Period of the value."),
            Column("category", parse_code, required=False, doc="Its category; empty for the total."),
            Column("at", parse_timestamp, doc="When it changed, with its offset from UTC."),
            _by("by", "Username of who changed it; empty for an import or a return."),
            Column("old", text_of(d.ValueChange, "old"), required=False, doc="The value before."),
            Column("new", text_of(d.ValueChange, "new"), required=False, doc="The value after."),
            Column("note", text_of(d.ValueChange, "note"), required=False,
                   doc="Where the change came from."),
        ),
        doc="Every change to every value: who, when, old and new.",
        compound_refs=((("indicator", "period", "category"), "dataset_values.csv"),),
    ),
    FileSpec(
        "return_loads.csv", "return load", ("year", "loaded_at"),
        (
            Column("year", parse_year, doc="The collection year of the returns."),
            Column("loaded_at", parse_timestamp, doc="When they were read."),
            _by("loaded_by", "Username of who loaded them."),
            Column("files", parse_json, doc="The files read, as JSON: name, sha256 and size."),
            Column("rows", parse_json, doc="Rows stored per table, as JSON."),
            Column("results", parse_json, doc="The computed measures, as JSON."),
            Column("tables", parse_json, doc="The tables the files fed, as JSON."),
            Column("skipped", parse_json, doc="Measures not computed and why, as JSON."),
            Column("errors", parse_whole, doc="Number of errors found."),
            Column("warnings", parse_whole, doc="Number of warnings."),
            Column("report", parse_report_path, required=False,
                   doc=f"The validation report's file in the bundle, `{REPORTS}/NAME.csv`: "
                       "where and what, never a value from the returns."),
            Column("provenance", parse_text, doc="Where the figures came from."),
            *_submission_of("The agency whose submission the load became, if any."),
        ),
        doc="Statutory return loads: results and validation reports, no child-level records.",
        compound_refs=(SUBMISSION_REF,),
    ),
)


def validate(bundle: Bundle) -> list[Problem]:
    found = []
    for name in ("dataset_values.csv", "return_loads.csv"):
        for row in bundle.of(name):
            given = [row.values.get(c) is not None for c in SUBMISSION_REF[0]]
            if any(given) and not all(given):
                found.append(Problem(name, row.number, "submission_period",
                                     "give both submission_agency and submission_period"))
    for row in bundle.of("return_loads.csv"):
        path = row.values.get("report")
        if path and bundle.folder is not None and not (bundle.folder / path).is_file():
            found.append(Problem("return_loads.csv", row.number, "report",
                                 f"{path} is not in the bundle"))
    return found


def import_submissions(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> dict[Any, Any]:
    """The submissions, by (agency, period): values and loads name theirs."""
    p, agencies = lookups["partnership"], lookups["agencies"]
    for r in bundle.of("submissions.csv"):
        v = r.values
        stamp = {"updated_at": v["updated"]} if v["updated"] else {}
        w.upsert(d.Submission, {"partnership": p, "agency": agencies[v["agency"]],
                                "period": v["period"]},
                 {"status": v["status"], "return_reason": v["return_reason"] or "", **stamp})
    return {(s.agency.code, s.period): s for s in
            d.Submission.objects.filter(partnership=p).select_related("agency")}


def import_history(w: Any, bundle: Bundle, lookups: dict[str, Any],
                   submissions: dict[Any, Any]) -> None:
    """Events, value changes and loads, matched on their time: a re-import adds none twice."""
    p, users = lookups["partnership"], lookups["users"]
    for r in bundle.of("submission_events.csv"):
        v = r.values
        w.upsert(d.SubmissionEvent, {"submission": submissions[(v["agency"], v["period"])],
                                     "at": v["at"]},
                 {"action": v["action"], "by": users.get(v["by"]), "note": v["note"] or ""})
    values = {(x.indicator.code, x.period, x.category): x for x in
              d.Value.objects.filter(partnership=p).select_related("indicator")}
    for r in bundle.of("value_changes.csv"):
        v = r.values
        w.upsert(d.ValueChange, {"value": values[(v["indicator"], v["period"],
                                                  v["category"] or "")], "changed_at": v["at"]},
                 {"changed_by": users.get(v["by"]), "old": v["old"] or "",
                  "new": v["new"] or "", "note": v["note"] or ""})
    for r in bundle.of("return_loads.csv"):
        _import_load(w, bundle, r.values, lookups, submissions)


def _import_load(w: Any, bundle: Bundle, v: dict[str, Any], lookups: dict[str, Any],
                 submissions: dict[Any, Any]) -> None:
    report = (bundle.folder / v["report"]).read_bytes() if v["report"] and bundle.folder else b""
    submission = submissions.get((v["submission_agency"], v["submission_period"]))
    w.upsert(d.ReturnLoad, {"partnership": lookups["partnership"], "year": v["year"],
                            "loaded_at": v["loaded_at"]},
             {"loaded_by": lookups["users"].get(v["loaded_by"]), "report": report,
              **{k: v[k] for k in ("files", "rows", "results", "tables", "skipped", "errors",
                                   "warnings", "provenance")},
              "submission": submission})


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _username(user: Any) -> str | None:
    return user.username if user is not None else None


def _report_name(load: d.ReturnLoad) -> str:
    """Named by the load's key, so the same load gets the same name on every export."""
    return f"{REPORTS}/{load.year}-{load.loaded_at.astimezone(dt.UTC):%Y%m%dT%H%M%S%f}Z.csv"


def export_history(p: Any, write: Callable[[str, Any], None],
                   attach: Callable[[str, bytes], None]) -> None:
    submissions = d.Submission.objects.filter(partnership=p).select_related("agency")
    write("submissions.csv", (
        {"agency": x.agency.code, "period": x.period, "status": x.status,
         "return_reason": x.return_reason, "updated": x.updated_at}
        for x in submissions.order_by("agency__code", "period")))
    events = d.SubmissionEvent.objects.filter(submission__partnership=p).select_related(
        "submission__agency", "by")
    write("submission_events.csv", (
        {"agency": x.submission.agency.code, "period": x.submission.period, "at": x.at,
         "action": x.action, "by": _username(x.by), "note": x.note}
        for x in events.order_by("submission__agency__code", "submission__period", "at", "pk")))
    changes = d.ValueChange.objects.filter(value__partnership=p).select_related(
        "value__indicator", "changed_by")
    write("value_changes.csv", (
        {"indicator": x.value.indicator.code, "period": x.value.period,
         "category": x.value.category, "at": x.changed_at, "by": _username(x.changed_by),
         "old": x.old, "new": x.new, "note": x.note}
        for x in changes.order_by("value__indicator__position", "value__period",
                                  "value__category", "changed_at", "pk")))
    write("return_loads.csv", _loads(p, attach))


def _loads(p: Any, attach: Callable[[str, bytes], None]) -> Iterable[dict[str, Any]]:
    loads = d.ReturnLoad.objects.filter(partnership=p).select_related(
        "loaded_by", "submission__agency").order_by("year", "loaded_at", "pk")
    for x in loads:
        name = _report_name(x)
        attach(name, bytes(x.report))
        yield {"year": x.year, "loaded_at": x.loaded_at, "loaded_by": _username(x.loaded_by),
               **{k: _json(getattr(x, k)) for k in ("files", "rows", "results", "tables",
                                                     "skipped")},
               "errors": x.errors, "warnings": x.warnings, "report": name,
               "provenance": x.provenance,
               "submission_agency": x.submission.agency.code if x.submission else None,
               "submission_period": x.submission.period if x.submission else None}


def referenced_users(p: Any) -> list[int | None]:
    """Who the history names: they travel in users.csv even when not members."""
    return [
        *d.SubmissionEvent.objects.filter(submission__partnership=p).values_list("by", flat=True),
        *d.ValueChange.objects.filter(value__partnership=p).values_list("changed_by", flat=True),
        *d.ReturnLoad.objects.filter(partnership=p).values_list("loaded_by", flat=True),
    ]
