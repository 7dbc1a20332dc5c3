"""Self-assessment: which frameworks ran in the year, how many partners completed them, the
themes (the standards most often rated amber or red), the partners asked for more evidence
and whether they gave it, with moderation, challenge days and the practitioners' survey.

Every count here is of agencies or education settings, never of children: a count of 1 to 5
tells nothing about a child or a family, so the public edition suppresses none of them
(unlike the child death or dataset sections). Ratings of a cycle marked illustrative (the
demo's, chosen for the demonstration) are marked [i] in the internal edition; the public
edition publishes none of them ([x]), nor which partners were asked for more evidence, as it
publishes no illustrative figure (decision 0011).
"""

from __future__ import annotations

from lscp.reports.content import Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import (
    ILLUSTRATIVE_NOTE,
    NOT_AVAILABLE,
    NOT_AVAILABLE_NOTE,
    marked,
)
from lscp.reports.wording import join_names, long_date, plural
from lscp.selfassessment import grid, selectors
from lscp.selfassessment.models import Cycle, EvidenceRequest, ModerationOutcome

TITLE = "Self-assessment"


class _Shown:
    """How the edition writes a count from a cycle's returns: true, marked [i], or [x]."""

    def __init__(self, cycle: Cycle, public: bool) -> None:
        self.made_up, self.public = cycle.illustrative, public
        self.withheld = public and cycle.illustrative

    def __call__(self, count: int) -> str:
        return NOT_AVAILABLE if self.withheld else marked(f"{count:,}", self.made_up)


def _who(cycle: Cycle) -> str:
    return "settings" if cycle.for_settings else "partners"


def _opening(cycle: Cycle, standards: list[str], shown: _Shown, done: tuple[int, int]) -> list[object]:
    framework = cycle.framework
    when = "" if shown.withheld else (f", opened on {long_date(cycle.opened_on)} with a "
                                      f"deadline of {long_date(cycle.deadline)}")
    words = (f"The {cycle.title}{when} asked {_who(cycle)} to rate themselves against "
             f"{plural(len(standards), 'standard')}: {join_names(standards)}.")
    if framework.description:
        words += f" {framework.description}"
    return [Paragraph(words), Paragraph(
        f"{shown(done[0])} of the {shown(done[1])} {_who(cycle)} asked submitted a return.")]


def _ratings(cycle: Cycle, tallies: list[grid.Tally], shown: _Shown) -> list[object]:
    rows = [[t.standard, *(shown(t.counts.get(r, 0)) for r in grid.RATINGS)] for t in tallies]
    blocks: list[object] = [Table(
        caption=f"How {_who(cycle)} rated themselves, {cycle.title}",
        head=["Standard", "Green: fully met", "Amber: partly met", "Red: not met"],
        rows=rows, numeric=(1, 2, 3))]
    themes = grid.themes(tallies)
    if themes and not shown.withheld:
        named = [f"{t.standard.lower()} ({shown(t.concern)})" for t in themes]
        blocks.append(Paragraph(f"The standards most often rated amber or red were "
                                f"{join_names(named)}."))
    return blocks


def _evidence(cycle: Cycle, shown: _Shown) -> list[object]:
    asked = list(selectors.requests_of(cycle))
    if not asked:
        return [Paragraph(f"The business unit asked no {_who(cycle)[:-1]} for more evidence.")]
    by_partner: dict[str, list[EvidenceRequest]] = {}
    for request in asked:
        by_partner.setdefault(request.answer.assessment.respondent_name, []).append(request)
    gave = [name for name, found in by_partner.items() if all(r.replied_on for r in found)]
    blocks: list[object] = [Paragraph(
        f"The business unit wrote to the {shown(len(by_partner))} {_who(cycle)} who had not "
        "provided sufficient evidence in support of their self-assessment, asking for further "
        f"narrative and evidence; {shown(len(gave))} of them gave it.")]
    if shown.withheld:
        return blocks
    rows = [[name, "; ".join(r.answer.standard.title for r in found),
             marked(long_date(found[0].asked_on), shown.made_up),
             ("Yes, by " + marked(long_date(max(r.replied_on for r in found if r.replied_on)),
                                  shown.made_up)) if name in gave else "Not yet"]
            for name, found in by_partner.items()]
    blocks.append(Table(caption=f"Asked for more evidence, {cycle.title}",
                        head=["Partner", "Standards", "Asked", "Given"], rows=rows))
    return blocks


def _follow_up(cycle: Cycle, results: selectors.Results, shown: _Shown) -> list[object]:
    blocks: list[object] = []
    if results.previous is not None:
        change = grid.changes(results.rows)
        blocks.append(Paragraph(
            f"Compared with the {results.previous.title}, {shown(change['better'])} ratings "
            f"got better, {shown(change['worse'])} worse and {shown(change['same'])} stayed "
            "the same."))
    moderated = [m for m in cycle.moderations.all() if m.outcome]
    if moderated:
        confirmed = sum(m.outcome == ModerationOutcome.CONFIRMED for m in moderated)
        blocks.append(Paragraph(
            f"A moderator re-reviewed a sample of {shown(len(moderated))} returns and confirmed "
            f"the ratings of {shown(confirmed)}."))
    heard = {o.assessment_id for a in results.assessments for o in a.challenge_outcomes.all()}
    if heard:
        actions = sum(o.decision.actions.count() for a in results.assessments
                      for o in a.challenge_outcomes.all())
        blocks.append(Paragraph(
            f"A challenge day heard {shown(len(heard))} {_who(cycle)}; "
            f"{shown(actions)} actions were agreed and are followed in the action register."))
    survey = getattr(cycle, "survey", None)
    if survey is not None:
        replies = survey.replies.count()
        blocks.append(Paragraph(
            f"Beside it, {shown(replies)} practitioners answered an anonymous survey, to test "
            "what leaders' self-assessments claim against frontline experience."))
    return blocks


def _cycle_section(ctx: ReportContext, cycle: Cycle) -> Section:
    results = selectors.results(cycle)
    shown = _Shown(cycle, ctx.public)
    standards = [s.title for s in results.standards]
    blocks = [*_opening(cycle, standards, shown, results.completion),
              *_ratings(cycle, results.tallies, shown), *_evidence(cycle, shown),
              *_follow_up(cycle, results, shown)]
    if cycle.illustrative:
        blocks.append(Paragraph(NOT_AVAILABLE_NOTE if ctx.public else ILLUSTRATIVE_NOTE))
    return Section(f"self-assessment-{cycle.code}", cycle.title, blocks)


@section("self-assessment")
def self_assessment(ctx: ReportContext) -> Section:
    """Self-assessment: the frameworks run in the year (Section 11, schools' audits, surveys
    of partners), completion, themes, and the partners asked for more evidence."""
    cycles = list(selectors.cycles_of_year(ctx.partnership, ctx.year))
    if not cycles:
        return Section("self-assessment", TITLE, [
            Paragraph(f"No self-assessment of partners ran in {ctx.year.label}.")])
    intro = Paragraph(
        f"In {ctx.year.label} the partnership asked its partners to assess themselves in "
        f"{plural(len(cycles), 'exercise')}: {join_names([c.title for c in cycles])}.")
    return Section("self-assessment", TITLE, [intro],
                   [_cycle_section(ctx, c) for c in cycles])
