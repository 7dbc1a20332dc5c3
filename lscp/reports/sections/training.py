"""Training and development: impact first, then reach, then what changes next year.

Every figure comes from the training records (lscp/workforce): evaluations, bookings,
e-learning completions and the partners' single-agency returns, counted by
lscp.workforce.reach and .impact.

Disclosure. The counts here are of staff and volunteers at training, not of children or
families: DfE's small-number rules (lscp.insight.suppression) protect children, and nothing
about a child can be learned from who went on a course, so the public edition suppresses no
count. Individual evaluation answers are never shown, only means and shares per course, and
the examples of changed practice (free text, which could describe a family) stay in the
internal edition.

Illustrative rows (decision 0011). Rows imported as illustrative have made-up detail behind
totals a source publishes (the demo's exports reproduce the published totals and health
share). The totals and the split by sector are shown as counted; what rests on the made-up
detail alone (agencies, the workforce they declared, places wasted and their charges,
evaluation results) is marked [i] in the internal edition and shown as [x] in the public one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import altair as alt

from lscp.insight.charts import BAR_COLOUR, FONT
from lscp.insight.figures import format_percent, format_pounds
from lscp.partnership.models import Sector
from lscp.reports.content import BulletList, Chart, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import (
    ILLUSTRATIVE_NOTE,
    NOT_AVAILABLE,
    NOT_AVAILABLE_NOTE,
    marked,
)
from lscp.reports.wording import join_names, plural
from lscp.workforce import selectors
from lscp.workforce.impact import AFTER, BEFORE, FOLLOW_UP, CourseImpact, overall
from lscp.workforce.models import Delivery, Level
from lscp.workforce.reach import YearReach, change, per_hundred, percent

SECTORS = dict(Sector.choices)
DELIVERIES = {str(k): str(v).lower() for k, v in Delivery.choices}
WORKFORCE_COLOUR = "#505a5f"  # GOV.UK dark grey: 7:1 on white


class Marks:
    """How this edition writes a figure that rests on illustrative rows."""

    def __init__(self, public: bool) -> None:
        self.public = public
        self.used = False

    def __call__(self, text: str, illustrative: bool) -> str:
        if not illustrative or text == "–":
            return text
        self.used = True
        return NOT_AVAILABLE if self.public else marked(text, True)

    def note(self) -> list[Paragraph]:
        if not self.used:
            return []
        return [Paragraph(NOT_AVAILABLE_NOTE if self.public else ILLUSTRATIVE_NOTE)]


@section("training")
def training(ctx: ReportContext) -> Section:
    """Training and development: what changed in practice (evaluations before a course,
    straight after and at a follow-up with the line manager), then the programme's reach year
    on year (live sessions, attendees, e-learning, sectors against the workforce agencies
    declare, agencies not reached), then the courses scheduled for the next year."""
    label = ctx.year.label
    found = selectors.impact_of(ctx.partnership, label)
    now, before = selectors.reach_with_previous(ctx.partnership, label)
    following, planned = selectors.planned_for_next_year(ctx.partnership, label)
    if not (found or now.attendees or now.completions or now.trained or planned):
        return Section("training", "Training and development", [Paragraph(
            f"No training, e-learning or evaluations are recorded for {label}.")])
    marks = Marks(ctx.public)
    impact = _impact(found, label, marks, ctx.public)
    reach = _reach(now, before, selectors.agency_names(ctx.partnership), marks, ctx.public)
    return Section("training", "Training and development", [*_lead(now, found, marks), *marks.note()],
                   [impact, reach, _next_year(following, planned)])


def _lead(now: YearReach, found: list[CourseImpact], marks: Marks) -> list[Paragraph]:
    words = []
    shown = [c for c in found if not (marks.public and c.illustrative)]
    changed, asked = overall(shown)
    if asked:
        text = f"{changed} of {asked}"
        words.append(f"At the follow-up six to eight weeks after a course, completed with their "
                     f"line manager, {marks(text, any(c.illustrative for c in shown))} "
                     f"practitioners said their practice had changed.")
    if now.attendees or now.completions:
        words.append(f"The partnership ran {plural(now.sessions, 'live training session')}, "
                     f"attended by {now.attendees:,} people, and practitioners completed "
                     f"{now.completions:,} e-learning courses.")
    return [Paragraph(" ".join(words))] if words else []


# Impact -----------------------------------------------------------------------------------


def _impact(found: list[CourseImpact], label: str, marks: Marks, public: bool) -> Section:
    title = "Impact on practice"
    if not found:
        return Section("training-impact", title, [Paragraph(
            f"No course evaluations are recorded for {label}.")])
    if public and any(c.illustrative for c in found):
        marks.used = True
        hidden = [c for c in found if c.illustrative]
        found = [c for c in found if not c.illustrative]
        if not found:
            return Section("training-impact", title, [Paragraph(
                f"The results of the {plural(len(hidden), 'evaluated course')} are not "
                f"available ({NOT_AVAILABLE}): the partnership holds only illustrative "
                f"evaluations for them.")])
    changed, asked = overall(found)
    made_up = any(c.illustrative for c in found)
    blocks: list[Any] = [Paragraph(
        f"{plural(len(found), 'course')} were evaluated on their own learning outcomes three "
        f"times: before the course, straight after it and at a follow-up six to eight weeks "
        f"later, completed with the line manager, which also asks whether the person's practice "
        f"has changed. Across them, {marks(f'{changed} of {asked}', made_up)} follow-ups "
        f"({marks(format_percent(percent(changed, asked)), made_up)}) reported a change in "
        f"practice.")]
    blocks.append(Table(
        caption=f"Change in practice reported at the follow-up, by course, {label}",
        head=["Course", "Replies before", "Replies straight after", "Follow-ups",
              "Reported a change in practice"],
        rows=[[c.course.title, *(marks(str(c.replies[s]), c.illustrative)
                                 for s in (BEFORE, AFTER, FOLLOW_UP)),
               marks(f"{c.changed} of {c.asked} ({format_percent(c.share_changed)})"
                     if c.asked else "–", c.illustrative)] for c in found],
        numeric=(1, 2, 3, 4)))
    blocks.append(Table(
        caption=f"Confidence in each learning outcome, from 1 (not at all) to 5 (very), {label}",
        head=["Course", "Learning outcome", "Before", "Straight after", "Follow-up",
              "Change since before"],
        rows=[[c.course.title, o.text,
               *(marks(_score(o.means[s]), c.illustrative) for s in (BEFORE, AFTER, FOLLOW_UP)),
               marks(_signed(o.change), c.illustrative)]
              for c in found for o in c.outcomes],
        numeric=(2, 3, 4, 5)))
    examples = list(dict.fromkeys(e for c in found for e in c.examples[:2]))
    if examples and not public:
        blocks.append(Paragraph("Examples of changed practice given at the follow-up "
                                "(internal edition only):"))
        blocks.append(BulletList([marks(e, made_up) for e in examples]))
    return Section("training-impact", title, blocks)


def _score(value: Decimal | None) -> str:
    return "–" if value is None else str(value)


def _signed(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)


# Reach ------------------------------------------------------------------------------------


def _reach(now: YearReach, before: YearReach, names: dict[str, str], marks: Marks,
           public: bool) -> Section:
    title = "Reach"
    if not (now.attendees or now.completions or now.trained):
        return Section("training-reach", title, [Paragraph(
            f"No training attendance or e-learning is recorded for {now.year}.")])
    blocks: list[Any] = [Paragraph(_reach_words(now, before)), _delivered(now, before, marks),
                         _by_sector(now, marks)]
    blocks += _by_agency(now, names, marks, public)
    return Section("training-reach", title, blocks)


def _reach_words(now: YearReach, before: YearReach) -> str:
    deliveries = join_names([f"{n} {DELIVERIES[d]}" + ("s" if n != 1 and d != "classroom" else "")
                             for d, n in now.sessions_by_delivery.most_common()])
    words = (f"In {now.year} the partnership ran {plural(now.sessions, 'live training session')}"
             f"{f' ({deliveries})' if deliveries else ''} and {now.attendees:,} people attended.")
    if before.attendees:
        words += (f" This compares with {before.sessions} sessions and {before.attendees:,} "
                  f"people in {before.year}.")
    words += (f" {now.completions:,} e-learning courses were completed, of "
              f"{plural(now.elearning_courses, 'different course')}")
    if before.completions:
        words += (f" ({before.completions:,} of {before.elearning_courses} in {before.year})")
    shares = [f"{SECTORS.get(s, s).lower()} ({_rounded(now.sector_share(s))})"
              for s, r in sorted(now.by_sector.items(), key=lambda i: -i[1].attendees)
              if r.attendees]
    return words + f". By sector, places went to {join_names(shares)}."


def _rounded(share: Decimal | None) -> str:
    """A share in whole per cent, as a sentence says it; "less than 1%" rather than 0%."""
    if share is not None and 0 < share < 1:
        return "less than 1%"
    return format_percent(_whole(share))


def _whole(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("1"), ROUND_HALF_UP)


def _delivered(now: YearReach, before: YearReach, marks: Marks) -> Table:
    """The year against the year before, with the change."""
    rows: list[tuple[str, int, int, bool]] = [
        ("Live sessions held", now.sessions, before.sessions, False),
        ("Places attended", now.attendees, before.attendees, False),
        ("Booked places not attended", now.did_not_attend, before.did_not_attend, True),
        ("Places cancelled late", now.late_cancellations, before.late_cancellations, True),
        ("E-learning courses with a completion", now.elearning_courses,
         before.elearning_courses, False),
        ("E-learning completions", now.completions, before.completions, False),
        ("People trained by partners' own training", now.trained, before.trained, True),
    ]
    body = [[label, marks(_count(then), detail and before.illustrative_detail),
             marks(_count(this), detail and now.illustrative_detail),
             "–" if detail and (now.illustrative_detail or before.illustrative_detail)
             else change(this, then) or "–"]
            for label, this, then, detail in rows]
    body.append(["Charges for wasted places",
                 marks(format_pounds(before.charges_pence), before.illustrative_detail),
                 marks(format_pounds(now.charges_pence), now.illustrative_detail), "–"])
    return Table(caption=f"Training delivered, {before.year} and {now.year}",
                 head=["Measure", before.year, now.year, "Change"], rows=body, numeric=(1, 2, 3))


def _count(value: int) -> str:
    return f"{value:,}" if value else "–"


def _by_sector(now: YearReach, marks: Marks) -> Chart:
    sectors = [s for s in Sector.values if s in now.by_sector]
    made_up = now.illustrative_detail
    table = Table(
        caption=f"Attendees by sector against the workforce agencies declared, {now.year}",
        head=["Sector", "Places attended", "Share of places", "Declared workforce",
              "Share of declared workforce"],
        rows=[[SECTORS[s], f"{now.by_sector[s].attendees:,}",
               format_percent(now.sector_share(s)),
               marks(_count(now.by_sector[s].workforce or 0), made_up),
               marks(format_percent(now.workforce_share(s)), made_up)] for s in sectors],
        numeric=(1, 2, 3, 4))
    show_workforce = not (made_up and marks.public) and now.workforce > 0
    spec = sector_chart([(SECTORS[s], now.sector_share(s), now.workforce_share(s)
                          if show_workforce else None) for s in sectors])
    top = max(sectors, key=lambda s: now.by_sector[s].attendees)
    summary = (f"Bar chart of the share of places attended by each sector in {now.year}"
               + (", beside each sector's share of the workforce agencies declared" if
                  show_workforce else "")
               + f". The largest share came from {SECTORS[top].lower()} "
               f"({format_percent(now.sector_share(top))}). The table below gives every value.")
    return Chart(title=table.caption, summary=summary, spec=spec, table=table)


def sector_chart(rows: list[tuple[str, Decimal | None, Decimal | None]]) -> dict[str, Any]:
    """Horizontal bars: each sector's share of places, and of the declared workforce."""
    places, workforce = "Share of places attended", "Share of declared workforce"
    values: list[dict[str, Any]] = [{"sector": name, "measure": places, "share": float(a or 0)}
                                    for name, a, _ in rows]
    values += [{"sector": name, "measure": workforce, "share": float(w)}
               for name, _, w in rows if w is not None]
    measures = [places] + ([workforce] if len(values) > len(rows) else [])
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("sector:N", sort=None, title=None, axis=alt.Axis(labelLimit=240)),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("share:Q", title="Per cent", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("measure:N", sort=measures, scale=alt.Scale(
                domain=measures, range=[BAR_COLOUR, WORKFORCE_COLOUR][:len(measures)]),
                legend=alt.Legend(title=None, orient="bottom")),
        )
        .properties(width=360, height=alt.Step(12))
        .configure_axis(labelFontSize=11, titleFontSize=12, labelColor="#0b0c0c",
                        titleColor="#0b0c0c", labelFont=FONT, titleFont=FONT)
        .configure_legend(labelFont=FONT, labelColor="#0b0c0c")
        .configure_view(stroke=None)
    )
    return chart.to_dict()


def _by_agency(now: YearReach, names: dict[str, str], marks: Marks,
               public: bool) -> list[Any]:
    rows = sorted(now.by_agency.items(), key=lambda i: names.get(i[0], i[0]))
    if public and any(r.illustrative for _, r in rows):
        marks.used = True
        return [Paragraph(f"The figures by agency are not available ({NOT_AVAILABLE}): the "
                          f"partnership holds only illustrative rows for them.")]
    table = Table(
        caption=f"Reach by agency, {now.year}",
        head=["Agency", "Places attended", "E-learning completions", "Trained by its own "
              "training", "Declared workforce", "Places and completions per 100 staff"],
        rows=[[names.get(code, code), *(marks(_count(n), r.illustrative) for n in (
            r.attendees, r.completions, r.trained, r.workforce or 0)),
            marks(str(per_hundred(r.attendees + r.completions, r.workforce) or "–"),
                  r.illustrative)] for code, r in rows],
        numeric=(1, 2, 3, 4, 5))
    found: list[Any] = [table]
    missing = [names.get(code, code) for code in now.not_reached]
    if missing:
        made_up = any(now.by_agency[c].illustrative for c in now.not_reached)
        found.append(Paragraph(marks(
            f"Not reached: {join_names(missing)} declared a workforce for {now.year} but sent "
            f"nobody to multi-agency training and completed no e-learning.", made_up)))
    return found


# Next year ---------------------------------------------------------------------------------


def _next_year(following: str, planned: list[selectors.Planned]) -> Section:
    title = "What changes next year"
    if not planned:
        return Section("training-next", title, [Paragraph(
            f"No training sessions are scheduled yet for {following}.")])
    levels = dict(Level.choices)
    new = [p for p in planned if p.new]
    return Section("training-next", title, [
        Paragraph(f"{plural(len(planned), 'course')} are scheduled for {following}, "
                  f"{len(new)} of them new to the programme."),
        Table(caption=f"Courses scheduled for {following}",
              head=["Course", "Level", "New to the programme"],
              rows=[[p.course.title, levels.get(p.course.level, "–"), "Yes" if p.new else "No"]
                    for p in planned])])
