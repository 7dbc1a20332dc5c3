"""The threat assessment's body: each threat with its pathway to harm, intelligence, data
signals for the half, confidence, intelligence gaps and recommendations."""

from __future__ import annotations

from lscp.intelligence.trend import lines
from lscp.reports.content import BulletList, Paragraph, Section, Table
from lscp.reports.registry import ReportContext, section
from lscp.reports.sections._figures import ILLUSTRATIVE
from lscp.reports.sections._pack import period_of
from lscp.reports.sections._threats import Assessed, assessed


def _signals(a: Assessed, half: str) -> list[object]:
    if not a.readings:
        return [Paragraph("No dataset indicator is attached to this threat.")]
    sentences = [f.text for r in a.readings for _, f in r.signals]
    blocks: list[object] = [
        BulletList(sentences) if sentences else Paragraph(
            f"No special-cause signal in its indicators in {half}."),
        Table(caption=f"{a.threat.title}: its indicators", head=[
            "Indicator", "Period", "Latest figure", "Variation", "Assurance"],
            rows=[[r.indicator.title, r.covers or "–", r.shown, r.variation, r.assurance]
                  for r in a.readings], numeric=(2,))]
    return blocks


def _threat(a: Assessed, half: str) -> Section:
    t = a.threat
    title = f"{t.title} {ILLUSTRATIVE}" if t.illustrative else t.title
    blocks: list[object] = [
        Paragraph(f"Level: {t.get_level_display().lower()}. Confidence: "
                  f"{t.get_confidence_display().lower()}. {a.trend.text}")]
    subsections = [Section(f"threat-{t.code}-pathway", "Pathway to harm",
                           [Paragraph(t.pathway)])]
    if t.intelligence:
        subsections.append(Section(f"threat-{t.code}-intelligence", "Intelligence",
                                   [Paragraph(p) for p in t.intelligence.split("\n\n")]))
    subsections.append(Section(f"threat-{t.code}-signals", "Data signals", _signals(a, half)))
    gaps, recommendations = lines(t.gaps), lines(t.recommendations)
    subsections.append(Section(f"threat-{t.code}-gaps", "Intelligence gaps", [
        BulletList(gaps) if gaps else Paragraph("None recorded.")]))
    subsections.append(Section(f"threat-{t.code}-recommendations", "Recommendations", [
        BulletList(recommendations) if recommendations else Paragraph("None recorded.")]))
    return Section(f"threat-{t.code}", title, blocks, subsections)


@section("threats")
def threats(ctx: ReportContext) -> Section:
    """Each threat of the half, highest level first: level and confidence with their
    movement since the last assessment, the pathway to harm, the intelligence, the
    special-cause signals of its chosen indicators in the half (statistical process
    control), the intelligence gaps and the recommendations."""
    half = period_of(ctx)
    words = half.label
    found = assessed(ctx)
    return Section("threats", "Threats", [] if found else [
        Paragraph(f"No threats are recorded for {words}.")],
        [_threat(a, words) for a in found])
