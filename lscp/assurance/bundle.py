"""The learning-and-improvement part of the partnership bundle (docs/bundle-format.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lscp.assurance import models as a
from lscp.assurance.selectors import LIVE_ACTION
from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.registry import BundlePart
from lscp.partnership.bundle.schema import (
    Column,
    FileSpec,
    choice,
    parse_bool,
    parse_code,
    parse_codes,
    parse_date,
    parse_score,
    parse_text,
    parse_username,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.partnership.models import Meeting


def _code(doc: str = "Short unique code.") -> Column:
    return Column("code", parse_code, doc=doc)


def _date(name: str, doc: str) -> Column:
    return Column(name, parse_date, required=False, doc=doc)


ILLUSTRATIVE = Column("illustrative", parse_bool, required=False,
                      doc="`yes` where dates or details were chosen for a demo, not published.")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "reviews.csv", "case review", ("code",),
        (
            _code(),
            Column("pseudonym", text_of(a.CaseReview, "pseudonym"),
                   doc="The name the review is known by; never a real name."),
            Column("kind", choice(a.ReviewKind), doc="One of: " + ", ".join(a.ReviewKind.values) + "."),
            Column("summary", parse_text, required=False, doc="What happened, in brief."),
            Column("agencies", parse_codes, required=False, refers_to="agencies.csv",
                   doc="Codes of the agencies involved, separated by semicolons."),
            _date("became_aware", "When the partnership became aware of the incident."),
            _date("notification_sent", "Serious incident notification sent."),
            _date("rapid_review_held", "Rapid review meeting held."),
            _date("rapid_review_sent", "Rapid review sent to the national panel."),
            _date("panel_decision", "The national panel's decision received."),
            _date("decision_to_review", "Decision to hold a local review (review commissioned)."),
            _date("completed", "Review completed."),
            _date("published", "Review published."),
            ILLUSTRATIVE,
        ),
        doc="Case reviews: notifications, rapid reviews, practice and learning reviews, "
            "table-top reviews and contributions to DHRs and SARs.",
    ),
    FileSpec(
        "learning_points.csv", "learning point", ("review", "position"),
        (
            Column("review", parse_code, refers_to="reviews.csv", doc="Code of the review."),
            Column("position", parse_whole, doc="Order: 1, 2, 3..."),
            Column("text", parse_text, doc="The learning."),
        ),
        doc="Key learning from each review.",
    ),
    FileSpec(
        "audits.csv", "audit", ("code",),
        (
            _code(),
            Column("topic", text_of(a.Audit, "topic"), doc="What was audited."),
            Column("scope", parse_text, required=False, doc="What the audit looked at."),
            Column("cases_sampled", parse_whole, required=False, doc="Number of cases sampled."),
            Column("agencies", parse_codes, required=False, refers_to="agencies.csv",
                   doc="Codes of the agencies taking part, separated by semicolons."),
            _date("completed", "When the audit was completed."),
            ILLUSTRATIVE,
        ),
        doc="Multi-agency audits.",
    ),
    FileSpec(
        "audit_findings.csv", "audit finding", ("audit", "position"),
        (
            Column("audit", parse_code, refers_to="audits.csv", doc="Code of the audit."),
            Column("position", parse_whole, doc="Order: 1, 2, 3..."),
            Column("text", parse_text, doc="The finding."),
        ),
        doc="Findings of each audit.",
    ),
    FileSpec(
        "child_deaths.csv", "child death overview year", ("year",),
        (
            Column("year", parse_year, refers_to="years.csv", doc="Reporting year."),
            Column("neonatal_deaths", parse_whole, doc="Deaths in the first month of life."),
            Column("expected_deaths", parse_whole, doc="Expected deaths."),
            Column("unexpected_deaths", parse_whole, doc="Unexpected deaths."),
            Column("joint_agency_responses", parse_whole, doc="Joint agency responses."),
            Column("ndop_meetings", parse_whole, doc="Neonatal death overview panel meetings."),
            Column("cdop_meetings", parse_whole, doc="Child death overview panel meetings."),
            Column("cases_signed_off", parse_whole, doc="Cases signed off."),
            Column("cases_carried_over", parse_whole, doc="Cases carried over."),
        ),
        doc="Child death overview aggregates: counts only, never child-level records.",
    ),
    FileSpec(
        "recommendations.csv", "recommendation", ("code",),
        (
            _code(),
            Column("review", parse_code, required=False, refers_to="reviews.csv",
                   doc="Code of the review it comes from, or"),
            Column("audit", parse_code, required=False, refers_to="audits.csv",
                   doc="code of the audit it comes from, or"),
            Column("child_deaths", parse_year, required=False, refers_to="child_deaths.csv",
                   doc="the year of the child death overview panel it comes from, or"),
            Column("meeting_group", parse_code, required=False, refers_to="groups.csv",
                   doc="for a meeting's decision, the code of the group that met"),
            Column("meeting_date", parse_date, required=False,
                   doc="and the date of the meeting (exactly one source)."),
            Column("text", parse_text, doc="The recommendation."),
        ),
        doc="Recommendations of reviews, audits and the child death overview panel, and "
            "decisions of meetings.",
        compound_refs=((("meeting_group", "meeting_date"), "meetings.csv"),),
    ),
    FileSpec(
        "actions.csv", "action", ("recommendation", "position"),
        (
            Column("recommendation", parse_code, refers_to="recommendations.csv",
                   doc="Code of the recommendation."),
            Column("position", parse_whole, doc="Order within the recommendation."),
            Column("text", parse_text, doc="The action."),
            Column("owner", parse_code, refers_to="agencies.csv", doc="Code of the owning agency."),
            _date("due", "When it is due."),
            Column("status", choice(a.ActionStatus),
                   doc="One of: " + ", ".join(a.ActionStatus.values) + "."),
            Column("evidence", parse_text, required=False, doc="Evidence of completion."),
            Column("impact", parse_text, required=False, doc="The impact observed."),
            _date("completed_on", "When it was done."),
            ILLUSTRATIVE,
        ),
        doc="Actions on recommendations, each owned by one agency.",
    ),
    FileSpec(
        "challenges.csv", "challenge", ("code",),
        (
            _code(),
            Column("raised_by", text_of(a.Challenge, "raised_by"),
                   doc="Who raised it: the Independent Chair, a partner."),
            Column("raised_by_user", parse_username, required=False, refers_to="users.csv",
                   doc="The username of who recorded it; empty for an imported challenge."),
            Column("to_agency", parse_code, required=False, refers_to="agencies.csv",
                   doc="Code of the agency challenged; empty for the whole partnership."),
            Column("raised_on", parse_date, doc="When it was raised."),
            Column("challenge", parse_text, doc="The challenge."),
            Column("response", parse_text, required=False, doc="The response."),
            Column("outcome", parse_text, required=False, doc="The outcome."),
            Column("impact", parse_text, required=False, doc="Its impact."),
            Column("status", choice(a.ChallengeStatus), doc="`open` or `closed`."),
            _date("closed_on", "When it was closed."),
            ILLUSTRATIVE,
        ),
        doc="The challenge (impact) log.",
    ),
    FileSpec(
        "risks.csv", "risk", ("code",),
        (
            _code(),
            Column("title", text_of(a.Risk, "title"), doc="The risk."),
            Column("cause", parse_text, required=False, doc="Its cause."),
            Column("consequence", parse_text, required=False, doc="Its consequence."),
            Column("owner", parse_code, required=False, refers_to="agencies.csv",
                   doc="Code of the owning agency."),
            Column("likelihood_before", parse_score, doc="1 to 5, before controls."),
            Column("impact_before", parse_score, doc="1 to 5, before controls."),
            Column("controls", parse_text, required=False, doc="The controls in place."),
            Column("likelihood_after", parse_score, doc="1 to 5, after controls."),
            Column("impact_after", parse_score, doc="1 to 5, after controls."),
            Column("review_date", parse_date, doc="When the risk is next reviewed."),
            ILLUSTRATIVE,
        ),
        doc="The risk register.",
    ),
)


def validate(bundle: Bundle) -> list[Problem]:
    found = []
    for row in bundle.of("recommendations.csv"):
        sources = [k for k in ("review", "audit", "child_deaths", "meeting_group")
                   if row.values.get(k)]
        if len(sources) != 1:
            found.append(Problem("recommendations.csv", row.number, "review",
                                 "give exactly one of review, audit, child_deaths or "
                                 "meeting_group"))
        elif bool(row.values.get("meeting_group")) != bool(row.values.get("meeting_date")):
            found.append(Problem("recommendations.csv", row.number, "meeting_date",
                                 "a meeting's decision needs both meeting_group and "
                                 "meeting_date"))
    for row in bundle.of("challenges.csv"):
        if row.values.get("status") == "closed" and not row.values.get("closed_on"):
            found.append(Problem("challenges.csv", row.number, "closed_on",
                                 "a closed challenge needs the date it closed"))
    return found


def _set_many(w: Any, obj: Any, field: str, wanted: list[Any]) -> None:
    manager = getattr(obj, field)
    if {x.pk for x in manager.all()} != {x.pk for x in wanted}:
        manager.set(wanted)
        if w.last == "unchanged":
            w.result.unchanged[w.last_name] -= 1
            w.result.updated[w.last_name] += 1


def import_rows(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    p, agencies, years = lookups["partnership"], lookups["agencies"], lookups["years"]
    flag = lambda v: bool(v.get("illustrative"))  # noqa: E731
    reviews = {}
    for r in bundle.of("reviews.csv"):
        v = r.values
        fields = {k: v[k] for k in ("pseudonym", "kind", "became_aware", "notification_sent",
                                    "rapid_review_held", "rapid_review_sent", "panel_decision",
                                    "decision_to_review", "completed", "published")}
        review = w.upsert(a.CaseReview, {"partnership": p, "code": v["code"]},
                          {**fields, "summary": v["summary"] or "", "illustrative": flag(v)})
        _set_many(w, review, "agencies", [agencies[c] for c in v["agencies"] or ()])
        reviews[v["code"]] = review
    for r in bundle.of("learning_points.csv"):
        v = r.values
        w.upsert(a.LearningPoint, {"review": reviews[v["review"]], "position": v["position"]},
                 {"text": v["text"]})
    audits = {}
    for r in bundle.of("audits.csv"):
        v = r.values
        audit = w.upsert(a.Audit, {"partnership": p, "code": v["code"]}, {
            "topic": v["topic"], "scope": v["scope"] or "", "cases_sampled": v["cases_sampled"],
            "completed": v["completed"], "illustrative": flag(v)})
        _set_many(w, audit, "agencies", [agencies[c] for c in v["agencies"] or ()])
        audits[v["code"]] = audit
    for r in bundle.of("audit_findings.csv"):
        v = r.values
        w.upsert(a.AuditFinding, {"audit": audits[v["audit"]], "position": v["position"]},
                 {"text": v["text"]})
    deaths = {}
    for r in bundle.of("child_deaths.csv"):
        v = dict(r.values)
        year = years[v.pop("year")]
        deaths[year.label] = w.upsert(a.ChildDeathYear, {"year": year}, v)
    recommendations = {}
    meetings = {(x.group.code, x.date): x for x in Meeting.objects.filter(
        group__partnership=p).select_related("group")}
    for r in bundle.of("recommendations.csv"):
        v = r.values
        recommendations[v["code"]] = w.upsert(a.Recommendation, {"partnership": p, "code": v["code"]}, {
            "review": reviews.get(v["review"]), "audit": audits.get(v["audit"]),
            "child_deaths": deaths.get(v["child_deaths"]),
            "meeting": meetings.get((v["meeting_group"], v["meeting_date"])), "text": v["text"]})
    for r in bundle.of("actions.csv"):
        v = r.values
        w.upsert(a.Action, {"recommendation": recommendations[v["recommendation"]],
                            "position": v["position"]}, {
            "text": v["text"], "owner": agencies[v["owner"]], "due": v["due"],
            "status": v["status"], "evidence": v["evidence"] or "", "impact": v["impact"] or "",
            "completed_on": v["completed_on"], "illustrative": flag(v)})
    users = lookups["users"]
    for r in bundle.of("challenges.csv"):
        v = r.values
        w.upsert(a.Challenge, {"partnership": p, "code": v["code"]}, {
            "raised_by": v["raised_by"], "raised_by_user": users.get(v["raised_by_user"]),
            "to_agency": agencies.get(v["to_agency"]),
            "raised_on": v["raised_on"], "challenge": v["challenge"],
            **{k: v[k] or "" for k in ("response", "outcome", "impact")},
            "status": v["status"], "closed_on": v["closed_on"], "illustrative": flag(v)})
    for r in bundle.of("risks.csv"):
        v = r.values
        w.upsert(a.Risk, {"partnership": p, "code": v["code"]}, {
            "title": v["title"], **{k: v[k] or "" for k in ("cause", "consequence", "controls")},
            "owner": agencies.get(v["owner"]),
            **{k: v[k] for k in ("likelihood_before", "impact_before", "likelihood_after",
                                 "impact_after", "review_date")},
            "illustrative": flag(v)})


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    """Withdrawn records stay out of the bundle (a backup keeps them, with their history)."""
    code = lambda obj: obj.code if obj else None  # noqa: E731
    reviews = a.CaseReview.objects.current().filter(partnership=p).prefetch_related("agencies").order_by("pk")
    write("reviews.csv", (
        {"code": r.code, "pseudonym": r.pseudonym, "kind": r.kind, "summary": r.summary,
         "agencies": sorted(x.code for x in r.agencies.all()),
         **{k: getattr(r, k) for k in ("became_aware", "notification_sent", "rapid_review_held",
                                       "rapid_review_sent", "panel_decision",
                                       "decision_to_review", "completed", "published")},
         "illustrative": r.illustrative} for r in reviews))
    write("learning_points.csv", (
        {"review": x.review.code, "position": x.position, "text": x.text}
        for x in a.LearningPoint.objects.current().filter(review__partnership=p,
                                                    review__withdrawn_on__isnull=True).select_related("review")
        .order_by("review__pk", "position")))
    audits = a.Audit.objects.current().filter(partnership=p).prefetch_related("agencies").order_by("pk")
    write("audits.csv", (
        {"code": x.code, "topic": x.topic, "scope": x.scope, "cases_sampled": x.cases_sampled,
         "agencies": sorted(g.code for g in x.agencies.all()), "completed": x.completed,
         "illustrative": x.illustrative} for x in audits))
    write("audit_findings.csv", (
        {"audit": x.audit.code, "position": x.position, "text": x.text}
        for x in a.AuditFinding.objects.current().filter(audit__partnership=p,
                                                   audit__withdrawn_on__isnull=True).select_related("audit")
        .order_by("audit__pk", "position")))
    counts = [f.name for f in a.ChildDeathYear._meta.fields if f.name not in ("id", "year", "version")]
    write("child_deaths.csv", (
        {"year": x.year.label, **{k: getattr(x, k) for k in counts}}
        for x in a.ChildDeathYear.objects.filter(year__partnership=p).select_related("year")
        .order_by("year__label")))
    recommendations = a.Recommendation.objects.current().filter(
        partnership=p, review__withdrawn_on__isnull=True, audit__withdrawn_on__isnull=True).select_related(
        "review", "audit", "child_deaths__year", "meeting__group").order_by("pk")
    write("recommendations.csv", (
        {"code": x.code, "review": code(x.review), "audit": code(x.audit),
         "child_deaths": x.child_deaths.year.label if x.child_deaths else None,
         "meeting_group": x.meeting.group.code if x.meeting else None,
         "meeting_date": x.meeting.date if x.meeting else None, "text": x.text}
        for x in recommendations))
    actions = a.Action.objects.filter(LIVE_ACTION, recommendation__partnership=p).select_related(
        "recommendation", "owner").order_by("recommendation__pk", "position")
    write("actions.csv", (
        {"recommendation": x.recommendation.code, "position": x.position, "text": x.text,
         "owner": x.owner.code, "due": x.due, "status": x.status, "evidence": x.evidence,
         "impact": x.impact, "completed_on": x.completed_on, "illustrative": x.illustrative}
        for x in actions))
    write("challenges.csv", (
        {"code": x.code, "raised_by": x.raised_by,
         "raised_by_user": x.raised_by_user.username if x.raised_by_user else None,
         "to_agency": code(x.to_agency),
         "raised_on": x.raised_on, "challenge": x.challenge, "response": x.response,
         "outcome": x.outcome, "impact": x.impact, "status": x.status,
         "closed_on": x.closed_on, "illustrative": x.illustrative}
        for x in a.Challenge.objects.current().filter(partnership=p).select_related(
            "to_agency", "raised_by_user").order_by("pk")))
    write("risks.csv", (
        {"code": x.code, "title": x.title, "cause": x.cause, "consequence": x.consequence,
         "owner": code(x.owner), "likelihood_before": x.likelihood_before,
         "impact_before": x.impact_before, "controls": x.controls,
         "likelihood_after": x.likelihood_after, "impact_after": x.impact_after,
         "review_date": x.review_date, "illustrative": x.illustrative}
        for x in a.Risk.objects.current().filter(partnership=p).select_related("owner").order_by("pk")))


def referenced_users(p: Any) -> Any:
    return a.Challenge.objects.current().filter(partnership=p).values_list("raised_by_user", flat=True)


PART = BundlePart("assurance", FILES, import_rows, export_rows, validate, referenced_users)
