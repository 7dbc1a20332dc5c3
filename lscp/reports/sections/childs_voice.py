"""The child's voice: who took part, what they said and what changed as a result."""

from __future__ import annotations

from lscp.contributions import selectors
from lscp.contributions.models import Voice, VoiceKind
from lscp.reports.content import Paragraph, Section
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE

HEADINGS = {VoiceKind.PARTICIPATION: "Children and young people taking part",
            VoiceKind.FEEDBACK: "Feedback from children and families"}


@section("childs-voice")
def childs_voice(ctx: ReportContext) -> Section:
    """The child's voice: participation activities and feedback from children and families
    kept in the app, each with who took part, how many children and young people, what they
    said and what changed as a result ("you said, we did"). The public edition leaves out
    anything marked illustrative."""
    voices = [v for v in selectors.voices_of(ctx.year) if not (ctx.public and v.illustrative)]
    if not voices:
        return Section("childs-voice", "The child's voice", [Paragraph(
            f"No participation or feedback from children and families is recorded for "
            f"{ctx.year.label}.")])
    counted = [v.children for v in voices if v.children is not None]
    intro = (f"In {ctx.year.label} the partners heard from children, young people and families "
             f"in {len(voices)} ways")
    if counted:
        intro += (f"; the activities that counted them involved {sum(counted):,} children and "
                  "young people")
    subsections = []
    for kind, heading in HEADINGS.items():
        found = [v for v in voices if v.kind == kind]
        if found:
            subsections.append(Section(f"childs-voice-{kind}", heading, [],
                                       [_voice(v, ctx.public) for v in found]))
    blocks = [Paragraph(intro + ". For each: what they said, and what changed as a result.")]
    if not ctx.public and any(v.illustrative for v in voices):
        blocks.append(Paragraph(f"{ILLUSTRATIVE} marks a record made up for a demonstration; "
                                "the public edition leaves it out."))
    return Section("childs-voice", "The child's voice", blocks, subsections)


def _voice(v: Voice, public: bool) -> Section:
    who = v.who.rstrip(".")
    if v.children is not None:
        who += f" ({v.children:,} children and young people)"
    blocks = [Paragraph(f"Who took part: {who}."), Paragraph(f"What they said: {v.said}")]
    if v.changed:
        blocks.append(Paragraph(f"What changed as a result: {v.changed}"))
    title = f"{v.title} {ILLUSTRATIVE}" if v.illustrative and not public else v.title
    return Section(f"childs-voice-{v.kind}-{v.position}", title, blocks)
