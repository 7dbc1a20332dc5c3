"""The self-assessment part of the partnership bundle (docs/bundle-format.md).

A cycle names its framework by code. The framework travels in the bundle
(`self_assessment_frameworks.csv` and `self_assessment_standards.csv`, as an export writes
them), or, when the bundle leaves it out, comes from the app's own files
(lscp/selfassessment/frameworks/): the demo bundle does that. The secret links of settings
and practitioners never travel: an import makes new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    parse_username,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.selfassessment import catalogue
from lscp.selfassessment import models as s
from lscp.selfassessment.bundle_import import import_rows

FRAMEWORKS, STANDARDS = "self_assessment_frameworks.csv", "self_assessment_standards.csv"
SETTINGS, CYCLES = "education_settings.csv", "self_assessment_cycles.csv"
ASSESSMENTS, ANSWERS = "self_assessments.csv", "self_assessment_answers.csv"
REQUESTS, MODERATIONS = "evidence_requests.csv", "moderations.csv"
OUTCOMES, SURVEYS = "challenge_outcomes.csv", "practitioner_surveys.csv"
REPLIES, SCORES = "survey_replies.csv", "survey_scores.csv"


def _opt(name: str, parse: Callable[[str], Any], doc: str, **kw: Any) -> Column:
    return Column(name, parse, required=False, doc=doc, **kw)


def _choices(options: Any) -> str:
    return "One of: " + ", ".join(str(v) for v in options.values) + "."


CYCLE = Column("cycle", parse_code, refers_to=CYCLES, doc="Code of the cycle.")
RESPONDENT = Column("respondent", parse_code,
                    doc="Code of the agency (or, in a schools' cycle, the education setting).")
STANDARD = Column("standard", parse_code, doc="Code of the standard in the cycle's framework.")
WHO = "The username of who did it; empty when imported."

FILES: tuple[FileSpec, ...] = (
    FileSpec(FRAMEWORKS, "framework", ("code",), (
        Column("code", parse_code, doc="Short unique code, e.g. `section-11`."),
        Column("title", text_of(s.Framework, "title"), doc="Its name."),
        Column("kind", choice(s.FrameworkKind), doc=_choices(s.FrameworkKind)),
        Column("audience", choice(s.Audience), doc=_choices(s.Audience)),
        _opt("cycle_months", parse_whole, "How often it runs, in months; empty for a one-off."),
        _opt("description", parse_text, "What it is for."),
        _opt("source", parse_text, "Where its standards come from."),
    ), doc="Self-assessment frameworks. Leave out a framework of the app's own "
           "(lscp/selfassessment/frameworks/) to take it from there."),
    FileSpec(STANDARDS, "standard", ("framework", "code"), (
        Column("framework", parse_code, refers_to=FRAMEWORKS, doc="Code of the framework."),
        Column("code", parse_code, doc="Short code, unique in the framework."),
        Column("position", parse_whole, doc="Order: 1, 2, 3..."),
        Column("title", text_of(s.Standard, "title"), doc="The standard."),
        _opt("guidance", parse_text, "What meeting it looks like."),
        _opt("evidence", parse_text, "The evidence it expects, one item a line."),
        _opt("statement", parse_text, "What practitioners are asked to agree with."),
    ), doc="The standards of each framework in self_assessment_frameworks.csv."),
    FileSpec(SETTINGS, "education setting", ("code",), (
        Column("code", parse_code, doc="Short unique code."),
        Column("name", text_of(s.EducationSetting, "name"), doc="The setting's name."),
        Column("phase", choice(s.Phase), doc=_choices(s.Phase)),
        _opt("contact_email", text_of(s.EducationSetting, "contact_email"),
             "The designated safeguarding lead's address, for links and reminders."),
    ), doc="Schools, colleges and early years settings, which answer schools' audits "
           "through their own links."),
    FileSpec(CYCLES, "self-assessment cycle", ("code",), (
        Column("code", parse_code, doc="Short unique code."),
        Column("framework", parse_code, doc="Code of its framework (in "
               "self_assessment_frameworks.csv, or one of the app's own)."),
        Column("title", text_of(s.Cycle, "title"), doc="Its name."),
        Column("year", parse_year, refers_to="years.csv", doc="The reporting year it counts in."),
        Column("opened_on", parse_date, doc="When it opened."),
        Column("deadline", parse_date, doc="When returns are due."),
        _opt("closed_on", parse_date, "When it closed; empty while open."),
        _opt("lead_agency", parse_code, "Code of the agency leading it.",
             refers_to="agencies.csv"),
        _opt("opened_by", parse_username, "The username of who opened it; empty when "
             "imported.", refers_to="users.csv"),
        _opt("illustrative", parse_bool, "`yes` where ratings and dates were chosen for a "
             "demo, not published."),
    ), doc="Self-assessment cycles: a framework put to a set of agencies or settings."),
    FileSpec(ASSESSMENTS, "self-assessment", ("cycle", "respondent"), (
        CYCLE, RESPONDENT,
        Column("status", choice(s.AssessmentStatus), doc=_choices(s.AssessmentStatus)),
        _opt("submitted_on", parse_date, "When it was submitted."),
        _opt("carried_from", parse_code, "Code of the earlier cycle its answers were carried "
             "from.", refers_to=CYCLES),
    ), doc="Each respondent's return in a cycle."),
    FileSpec(ANSWERS, "self-assessment answer", ("cycle", "respondent", "standard"), (
        CYCLE, RESPONDENT, STANDARD,
        _opt("rating", choice(s.Rating), _choices(s.Rating) + " Empty when not rated."),
        _opt("narrative", parse_text, "How the standard is met."),
        _opt("evidence_note", parse_text, "The evidence held, in words."),
        Column("evidence_status", choice(s.EvidenceStatus), doc=_choices(s.EvidenceStatus)),
        _opt("reviewed_on", parse_date, "When the business unit last reviewed it."),
        _opt("carried_forward", parse_bool, "`yes` while an answer carried from the last "
             "cycle is unchecked."),
    ), doc="A rating against each standard.",
        compound_refs=((("cycle", "respondent"), ASSESSMENTS),)),
    FileSpec(REQUESTS, "request for more evidence",
             ("cycle", "respondent", "standard", "position"), (
        CYCLE, RESPONDENT, STANDARD,
        Column("position", parse_whole, doc="Order: 1, 2, 3... on the answer."),
        Column("message", parse_text, doc="What more is asked for."),
        Column("asked_on", parse_date, doc="When it was asked."),
        _opt("asked_by", parse_username, WHO, refers_to="users.csv"),
        _opt("due", parse_date, "When the reply is due."),
        _opt("reply", parse_text, "The reply."),
        _opt("replied_on", parse_date, "When it was given; empty while it is not."),
    ), doc="The business unit's requests for more narrative or evidence, and the replies.",
        compound_refs=((("cycle", "respondent", "standard"), ANSWERS),)),
    FileSpec(MODERATIONS, "moderation", ("cycle", "respondent"), (
        CYCLE, RESPONDENT,
        Column("position", parse_whole, doc="Order in which it was drawn."),
        Column("drawn_on", parse_date, doc="When it was drawn into the sample."),
        _opt("outcome", choice(s.ModerationOutcome), _choices(s.ModerationOutcome)),
        _opt("conclusion", parse_text, "The moderator's conclusion."),
        _opt("moderated_on", parse_date, "When it was moderated."),
        _opt("moderated_by", parse_username, WHO, refers_to="users.csv"),
    ), doc="Returns drawn into a cycle's moderation sample.",
        compound_refs=((("cycle", "respondent"), ASSESSMENTS),)),
    FileSpec(OUTCOMES, "challenge day outcome", ("recommendation",), (
        Column("recommendation", parse_code, refers_to="recommendations.csv",
               doc="Code of the meeting's decision that records the panel's conclusion."),
        CYCLE, RESPONDENT,
    ), doc="A challenge day's conclusion on a return: a decision of the day's meeting, whose "
           "actions are in actions.csv.",
        compound_refs=((("cycle", "respondent"), ASSESSMENTS),)),
    FileSpec(SURVEYS, "practitioner survey", ("cycle",), (
        CYCLE, Column("closes_on", parse_date, doc="When it closes."),
    ), doc="Practitioner surveys beside cycles."),
    FileSpec(REPLIES, "survey reply", ("cycle", "agency", "number"), (
        Column("cycle", parse_code, refers_to=SURVEYS, doc="Code of the cycle."),
        Column("agency", parse_code, refers_to="agencies.csv", doc="Code of the agency."),
        Column("number", parse_whole, doc="1, 2, 3... per agency."),
        Column("received_on", parse_date, doc="The day it came; never who sent it."),
    ), doc="Anonymous replies to a practitioner survey."),
    FileSpec(SCORES, "survey score", ("cycle", "agency", "number", "standard"), (
        Column("cycle", parse_code, doc="Code of the cycle."),
        Column("agency", parse_code, doc="Code of the agency."),
        Column("number", parse_whole, doc="The reply's number."),
        STANDARD,
        Column("score", parse_whole, doc="1 strongly disagree, 2 disagree, 3 agree, 4 strongly "
               "agree."),
    ), doc="Each reply's answers.",
        compound_refs=((("cycle", "agency", "number"), REPLIES),)),
)


def _standards_by_framework(bundle: Bundle) -> dict[str, tuple[str, set[str]]]:
    """framework code -> (audience, standard codes): the bundle's own, else the app's."""
    found = {code: (spec.audience, {st.code for st in spec.standards})
             for code, spec in catalogue.catalogue().items()}
    own: dict[str, tuple[str, set[str]]] = {
        r.values["code"]: (r.values["audience"], set()) for r in bundle.of(FRAMEWORKS)
           if r.values.get("code")}
    for r in bundle.of(STANDARDS):
        if r.values.get("framework") in own:
            own[r.values["framework"]][1].add(r.values["code"])
    return {**found, **own}


def validate(bundle: Bundle) -> list[Problem]:
    known = _standards_by_framework(bundle)
    agencies = {r.values.get("code") for r in bundle.of("agencies.csv")}
    settings = {r.values.get("code") for r in bundle.of(SETTINGS)}
    frameworks: dict[str, str] = {}
    found: list[Problem] = []
    for r in bundle.of(CYCLES):
        v = r.values
        if v.get("framework") and v["framework"] not in known:
            found.append(Problem(CYCLES, r.number, "framework",
                                 f'unknown framework "{v["framework"]}" (not in {FRAMEWORKS} '
                                 "nor one of the app's own)"))
        elif v.get("framework"):
            frameworks[v["code"]] = v["framework"]
        if v.get("opened_on") and v.get("deadline") and v["deadline"] < v["opened_on"]:
            found.append(Problem(CYCLES, r.number, "deadline",
                                 "the deadline is before the cycle opened"))
    for r in bundle.of(ASSESSMENTS):
        framework = frameworks.get(r.values.get("cycle") or "")
        if framework is None:
            continue
        pool, noun = ((settings, SETTINGS) if known[framework][0] == s.Audience.SETTINGS
                      else (agencies, "agencies.csv"))
        if r.values.get("respondent") not in pool:
            found.append(Problem(ASSESSMENTS, r.number, "respondent",
                                 f'unknown respondent "{r.values.get("respondent")}" '
                                 f"(not in {noun})"))
    for name in (ANSWERS, SCORES):
        for r in bundle.of(name):
            framework = frameworks.get(r.values.get("cycle") or "")
            if framework and r.values.get("standard") not in known[framework][1]:
                found.append(Problem(name, r.number, "standard",
                                     f'unknown standard "{r.values.get("standard")}" of the '
                                     f"framework {framework}"))
    for r in bundle.of(SCORES):
        if r.values.get("score") is not None and not 1 <= r.values["score"] <= 4:
            found.append(Problem(SCORES, r.number, "score", "a score is 1, 2, 3 or 4"))
    return found


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    from lscp.selfassessment.bundle_export import export_rows as export

    export(p, write, attach)


def referenced_users(p: Any) -> list[int | None]:
    return [*s.Cycle.objects.filter(partnership=p).values_list("opened_by", flat=True),
            *s.EvidenceRequest.objects.filter(answer__assessment__cycle__partnership=p)
            .values_list("asked_by", flat=True),
            *s.Moderation.objects.filter(cycle__partnership=p)
            .values_list("moderated_by", flat=True)]


PART = BundlePart("selfassessment", FILES, import_rows, export_rows, validate,
                  referenced_users)
