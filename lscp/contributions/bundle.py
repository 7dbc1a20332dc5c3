"""The partnership's own words in the partnership bundle (docs/bundle-format.md): statements,
calls for contributions and partners' contributions, the child's voice, case stories and the
local ways to report a concern, with each reviewed record's workflow history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lscp.contributions import models as c
from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.registry import BundlePart
from lscp.partnership.bundle.schema import (
    Column,
    FileSpec,
    choice,
    parse_bool,
    parse_code,
    parse_date,
    parse_text,
    parse_timestamp,
    parse_username,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.partnership.workflow import Status


def _year(refers_to: str = "years.csv") -> Column:
    return Column("year", parse_year, refers_to=refers_to, doc="Reporting year.")


def _markdown(name: str, doc: str, required: bool = False) -> Column:
    return Column(name, parse_text, required=required, doc=f"{doc} Markdown.")


REVIEW = (
    Column("status", choice(Status), doc="One of: " + ", ".join(Status.values) +
           "; only `approved` text goes into the report."),
    Column("return_reason", parse_text, required=False, doc="Why it was returned."),
    Column("updated", parse_timestamp, required=False,
           doc="When it last changed, like `2021-06-30T10:15:00.123456+00:00`."),
)


def _events(*key: Column) -> tuple[Column, ...]:
    return (*key,
            Column("at", parse_timestamp, doc="When it happened, with its offset from UTC."),
            Column("action", text_of(c.StatementEvent, "action"),
                   doc="What happened: submitted, approved, returned, reopened."),
            Column("by", parse_username, required=False, refers_to="users.csv",
                   doc="Username of who did it; empty when nobody signed in did."),
            Column("note", parse_text, required=False, doc="The reason kept with it."))


ILLUSTRATIVE = Column("illustrative", parse_bool, required=False,
                      doc="`yes` where it was made up for a demo, not published: the internal "
                          "edition marks it and the public edition leaves it out.")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "statements.csv", "statement", ("year", "kind"),
        (_year(), Column("kind", choice(c.StatementKind),
                         doc="One of: " + ", ".join(c.StatementKind.values) + "."),
         _markdown("text", "The text."), *REVIEW),
        doc="The chair's foreword, the key messages and what each audience needs to know.",
    ),
    FileSpec(
        "statement_events.csv", "statement event", ("year", "kind", "at"),
        _events(_year(), Column("kind", choice(c.StatementKind), doc="Kind of the statement.")),
        doc="Each statement's workflow history.",
        compound_refs=((("year", "kind"), "statements.csv"),),
    ),
    FileSpec(
        "contribution_calls.csv", "call for contributions", ("year",),
        (_year(), Column("deadline", parse_date, doc="When contributions are due."),
         Column("opened_on", parse_date, doc="When the call was opened."),
         Column("guidance", parse_text, required=False, doc="What the partners were asked.")),
        doc="The business unit's call for partners' contributions to a year's report.",
    ),
    FileSpec(
        "contributions.csv", "contribution", ("year", "agency"),
        (_year("contribution_calls.csv"),
         Column("agency", parse_code, refers_to="agencies.csv", doc="Code of the agency asked."),
         _markdown("achievements", "What the agency achieved."),
         _markdown("challenges", "What was hard."),
         _markdown("impact", "Evidence of the impact of its work."), *REVIEW),
        doc="Each agency's contribution: one subsection of the report's partners' section.",
    ),
    FileSpec(
        "contribution_events.csv", "contribution event", ("year", "agency", "at"),
        _events(_year(), Column("agency", parse_code, refers_to="agencies.csv",
                                doc="Code of the agency.")),
        doc="Each contribution's workflow history.",
        compound_refs=((("year", "agency"), "contributions.csv"),),
    ),
    FileSpec(
        "voices.csv", "participation record", ("year", "kind", "position"),
        (_year(), Column("kind", choice(c.VoiceKind),
                         doc="`participation` (an activity) or `feedback` (from children and "
                             "families)."),
         Column("position", parse_whole, doc="Order within its kind: 1, 2, 3..."),
         Column("title", text_of(c.Voice, "title"), doc="The activity or survey."),
         Column("who", text_of(c.Voice, "who"), doc="Who took part."),
         Column("children", parse_whole, required=False,
                doc="How many children and young people took part, if known."),
         Column("said", parse_text, doc="What they said."),
         Column("changed", parse_text, required=False, doc="What changed as a result."),
         ILLUSTRATIVE),
        doc="The child's voice: participation activities and feedback (\"you said, we did\").",
    ),
    FileSpec(
        "case_stories.csv", "case story", ("code",),
        (Column("code", parse_code, doc="Short unique code."), _year(),
         Column("agency", parse_code, required=False, refers_to="agencies.csv",
                doc="Code of the agency whose story it is; empty for the business unit's."),
         Column("title", text_of(c.CaseStory, "title"), doc="A title that names no one."),
         _markdown("story", "What was happening and what was done, anonymised.", True),
         Column("changed", parse_text, doc="What changed for the child."),
         *REVIEW, ILLUSTRATIVE),
        doc="Anonymised case stories: what changed for a child.",
    ),
    FileSpec(
        "case_story_events.csv", "case story event", ("story", "at"),
        _events(Column("story", parse_code, refers_to="case_stories.csv",
                       doc="Code of the story.")),
        doc="Each case story's workflow history.",
    ),
    FileSpec(
        "concern_contacts.csv", "way to report a concern", ("position",),
        (Column("position", parse_whole, doc="Order: 1, 2, 3..."),
         Column("label", text_of(c.ConcernContact, "label"), doc="Who answers."),
         Column("phone", text_of(c.ConcernContact, "phone"), doc="The phone number."),
         Column("when", text_of(c.ConcernContact, "when"), required=False,
                doc="When to call."),
         Column("email", text_of(c.ConcernContact, "email"), required=False, doc="Email."),
         ILLUSTRATIVE),
        doc="The local numbers to report a concern about a child: the front door, out of "
            "hours. The report adds the national ones (999, Childline, the NSPCC).",
    ),
)


def validate(bundle: Bundle) -> list[Problem]:
    found = []
    for name in ("statements.csv", "contributions.csv", "case_stories.csv"):
        for row in bundle.of(name):
            if row.values.get("status") == Status.RETURNED and not row.values.get("return_reason"):
                found.append(Problem(name, row.number, "return_reason",
                                     "a returned record needs the reason it was returned"))
    return found


def _review(v: dict[str, Any]) -> dict[str, Any]:
    stamp = {"updated_at": v["updated"]} if v["updated"] else {}
    return {"status": v["status"], "return_reason": v["return_reason"] or "", **stamp}


def _event(v: dict[str, Any], users: dict[str, Any]) -> dict[str, Any]:
    return {"action": v["action"], "by": users.get(v["by"]), "note": v["note"] or ""}


def import_rows(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    p, agencies, years = lookups["partnership"], lookups["agencies"], lookups["years"]
    users = lookups["users"]
    statements = {}
    for r in bundle.of("statements.csv"):
        v = r.values
        statements[(v["year"], v["kind"])] = w.upsert(
            c.Statement, {"year": years[v["year"]], "kind": v["kind"]},
            {"partnership": p, "text": v["text"] or "", **_review(v)})
    for r in bundle.of("statement_events.csv"):
        v = r.values
        w.upsert(c.StatementEvent, {"statement": statements[(v["year"], v["kind"])],
                                    "at": v["at"]}, _event(v, users))
    calls = {}
    for r in bundle.of("contribution_calls.csv"):
        v = r.values
        calls[v["year"]] = w.upsert(c.Call, {"year": years[v["year"]]}, {
            "partnership": p, "deadline": v["deadline"], "opened_on": v["opened_on"],
            "guidance": v["guidance"] or ""})
    contributions = {}
    for r in bundle.of("contributions.csv"):
        v = r.values
        contributions[(v["year"], v["agency"])] = w.upsert(
            c.Contribution, {"call": calls[v["year"]], "agency": agencies[v["agency"]]},
            {**{k: v[k] or "" for k in ("achievements", "challenges", "impact")},
             **_review(v)})
    for r in bundle.of("contribution_events.csv"):
        v = r.values
        w.upsert(c.ContributionEvent, {"contribution": contributions[(v["year"], v["agency"])],
                                       "at": v["at"]}, _event(v, users))
    _import_others(w, bundle, lookups)


def _import_others(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    p, agencies, years = lookups["partnership"], lookups["agencies"], lookups["years"]
    for r in bundle.of("voices.csv"):
        v = r.values
        w.upsert(c.Voice, {"year": years[v["year"]], "kind": v["kind"],
                           "position": v["position"]}, {
            "partnership": p, "title": v["title"], "who": v["who"], "children": v["children"],
            "said": v["said"], "changed": v["changed"] or "",
            "illustrative": bool(v["illustrative"])})
    stories = {}
    for r in bundle.of("case_stories.csv"):
        v = r.values
        stories[v["code"]] = w.upsert(c.CaseStory, {"partnership": p, "code": v["code"]}, {
            "year": years[v["year"]], "agency": agencies.get(v["agency"]), "title": v["title"],
            "story": v["story"], "changed": v["changed"], **_review(v),
            "illustrative": bool(v["illustrative"])})
    for r in bundle.of("case_story_events.csv"):
        v = r.values
        w.upsert(c.CaseStoryEvent, {"story": stories[v["story"]], "at": v["at"]},
                 _event(v, lookups["users"]))
    for r in bundle.of("concern_contacts.csv"):
        v = r.values
        w.upsert(c.ConcernContact, {"partnership": p, "position": v["position"]}, {
            "label": v["label"], "phone": v["phone"], "when": v["when"] or "",
            "email": v["email"] or "", "illustrative": bool(v["illustrative"])})


def _username(user: Any) -> str | None:
    return user.username if user is not None else None


def _reviewed(x: Any) -> dict[str, Any]:
    return {"status": x.status, "return_reason": x.return_reason, "updated": x.updated_at}


def _history(x: Any) -> dict[str, Any]:
    return {"at": x.at, "action": x.action, "by": _username(x.by), "note": x.note}


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    write("statements.csv", (
        {"year": x.year.label, "kind": x.kind, "text": x.text, **_reviewed(x)}
        for x in c.Statement.objects.filter(partnership=p).select_related("year")
        .order_by("year__label", "kind")))
    write("statement_events.csv", (
        {"year": x.statement.year.label, "kind": x.statement.kind, **_history(x)}
        for x in c.StatementEvent.objects.filter(statement__partnership=p).select_related(
            "statement__year", "by").order_by("statement__year__label", "statement__kind",
                                              "at", "pk")))
    write("contribution_calls.csv", (
        {"year": x.year.label, "deadline": x.deadline, "opened_on": x.opened_on,
         "guidance": x.guidance}
        for x in c.Call.objects.filter(partnership=p).select_related("year")
        .order_by("year__label")))
    write("contributions.csv", (
        {"year": x.call.year.label, "agency": x.agency.code, "achievements": x.achievements,
         "challenges": x.challenges, "impact": x.impact, **_reviewed(x)}
        for x in c.Contribution.objects.filter(call__partnership=p).select_related(
            "call__year", "agency").order_by("call__year__label", "agency__code")))
    write("contribution_events.csv", (
        {"year": x.contribution.call.year.label, "agency": x.contribution.agency.code,
         **_history(x)}
        for x in c.ContributionEvent.objects.filter(contribution__call__partnership=p)
        .select_related("contribution__call__year", "contribution__agency", "by")
        .order_by("contribution__call__year__label", "contribution__agency__code", "at", "pk")))
    _export_others(p, write)


def _export_others(p: Any, write: Callable[[str, Any], None]) -> None:
    write("voices.csv", (
        {"year": x.year.label, "kind": x.kind, "position": x.position, "title": x.title,
         "who": x.who, "children": x.children, "said": x.said, "changed": x.changed,
         "illustrative": x.illustrative}
        for x in c.Voice.objects.filter(partnership=p).select_related("year")
        .order_by("year__label", "kind", "position")))
    write("case_stories.csv", (
        {"code": x.code, "year": x.year.label, "agency": x.agency.code if x.agency else None,
         "title": x.title, "story": x.story, "changed": x.changed, **_reviewed(x),
         "illustrative": x.illustrative}
        for x in c.CaseStory.objects.filter(partnership=p).select_related("year", "agency")
        .order_by("code")))
    write("case_story_events.csv", (
        {"story": x.story.code, **_history(x)}
        for x in c.CaseStoryEvent.objects.filter(story__partnership=p).select_related(
            "story", "by").order_by("story__code", "at", "pk")))
    write("concern_contacts.csv", (
        {"position": x.position, "label": x.label, "phone": x.phone, "when": x.when,
         "email": x.email, "illustrative": x.illustrative}
        for x in c.ConcernContact.objects.filter(partnership=p).order_by("position")))


def referenced_users(p: Any) -> list[int | None]:
    return [
        *c.StatementEvent.objects.filter(statement__partnership=p).values_list("by", flat=True),
        *c.ContributionEvent.objects.filter(contribution__call__partnership=p).values_list(
            "by", flat=True),
        *c.CaseStoryEvent.objects.filter(story__partnership=p).values_list("by", flat=True),
    ]


PART = BundlePart("contributions", FILES, import_rows, export_rows, validate, referenced_users)
