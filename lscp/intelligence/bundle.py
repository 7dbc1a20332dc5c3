"""The intelligence part of the partnership bundle: threats by half-year, portfolios and the
priorities and actions linked to each theme (docs/bundle-format.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from lscp.assurance.models import Action
from lscp.assurance.selectors import live_actions
from lscp.dataset.catalogue import read_catalogue
from lscp.dataset.models import Indicator
from lscp.dataset.services import sync_catalogue
from lscp.insight.periods import parse_period
from lscp.intelligence import models as i
from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.registry import BundlePart
from lscp.partnership.bundle.schema import (
    WITHDRAWAL,
    CellError,
    Column,
    FileSpec,
    choice,
    parse_bool,
    parse_code,
    parse_codes,
    parse_text,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.partnership.models import Priority


def parse_half(raw: str) -> str:
    """A half of a reporting year: 2020-21-H1 (April to September) or 2020-21-H2."""
    value = raw.strip()
    try:
        kind = parse_period(value).kind
    except ValueError as exc:
        raise CellError(str(exc)) from None
    if kind != "half":
        raise CellError(f'"{value}" is not a half-year: use 2020-21-H1 or 2020-21-H2')
    return value


ILLUSTRATIVE = Column("illustrative", parse_bool, required=False,
                      doc="`yes` where the details were chosen for a demo, not published.")

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "threats.csv", "threat", ("period", "code"),
        (
            Column("period", parse_half, doc="The half-year assessed, e.g. `2020-21-H2`."),
            Column("code", parse_code,
                   doc="The threat's code: the same in every half it is assessed, so each "
                       "assessment can say how it moved since the last."),
            Column("title", text_of(i.Threat, "title"), doc="The threat, e.g. `Online harm`."),
            Column("level", choice(i.Level), doc="One of: " + ", ".join(i.Level.values) + "."),
            Column("confidence", choice(i.Confidence),
                   doc="One of: " + ", ".join(i.Confidence.values) + "."),
            Column("pathway", parse_text, doc="The pathway to harm."),
            Column("intelligence", parse_text, required=False,
                   doc="What partners know, and from which sources."),
            Column("gaps", parse_text, required=False,
                   doc="Intelligence gaps, one a line."),
            Column("recommendations", parse_text, required=False,
                   doc="Recommendations, one a line."),
            Column("indicators", parse_codes, required=False,
                   doc="Codes of catalogue indicators whose signals bear on the threat, "
                       "separated by semicolons."),
            ILLUSTRATIVE,
            *WITHDRAWAL,
        ),
        doc="The strategic threat assessment: each threat as assessed for a half-year.",
    ),
    FileSpec(
        "portfolios.csv", "portfolio", ("code",),
        (
            Column("code", parse_code, doc="Short unique code, e.g. `children-portfolio`."),
            Column("name", text_of(i.Portfolio, "name"), doc="The portfolio's name."),
            Column("audience", text_of(i.Portfolio, "audience"), required=False,
                   doc="Who reads its snapshot."),
            Column("themes", parse_codes,
                   doc="Codes of catalogue themes, separated by semicolons, in order."),
            *WITHDRAWAL,
        ),
        doc="Portfolios that snapshots are written for, and the themes each covers.",
    ),
    FileSpec(
        "theme_links.csv", "theme link", ("theme", "year", "priority", "recommendation",
                                          "position"),
        (
            Column("theme", parse_code, doc="Code of a catalogue theme."),
            Column("year", parse_year, required=False, refers_to="years.csv",
                   doc="For a priority: its reporting year,"),
            Column("priority", parse_code, required=False, doc="and its code; or"),
            Column("recommendation", parse_code, required=False,
                   refers_to="recommendations.csv",
                   doc="for an action: the code of its recommendation,"),
            Column("position", parse_whole, required=False,
                   doc="and its position (exactly one of priority or action)."),
        ),
        doc="What the partnership is doing about each theme: its linked business-plan "
            "priorities and actions. Portfolio snapshots show them.",
        compound_refs=((("year", "priority"), "priorities.csv"),
                       (("recommendation", "position"), "actions.csv")),
    ),
)


def validate(bundle: Bundle) -> list[Problem]:
    catalogue, _ = read_catalogue()
    codes = {spec.code for spec in catalogue.indicators}
    found: list[Problem] = []
    for row in bundle.of("threats.csv"):
        for code in row.values.get("indicators") or ():
            if code not in codes:
                found.append(Problem("threats.csv", row.number, "indicators",
                                     f'unknown indicator "{code}" (not in the catalogue)'))
    for row in bundle.of("portfolios.csv"):
        for theme in row.values.get("themes") or ():
            if theme not in catalogue.themes:
                found.append(Problem("portfolios.csv", row.number, "themes",
                                     f'unknown theme "{theme}" (not in the catalogue)'))
    for row in bundle.of("theme_links.csv"):
        v = row.values
        if v.get("theme") and v["theme"] not in catalogue.themes:
            found.append(Problem("theme_links.csv", row.number, "theme",
                                 f'unknown theme "{v["theme"]}" (not in the catalogue)'))
        priority = v.get("year") is not None or v.get("priority") is not None
        action = v.get("recommendation") is not None or v.get("position") is not None
        if priority == action:
            found.append(Problem("theme_links.csv", row.number, "priority",
                                 "give a priority (year and priority) or an action "
                                 "(recommendation and position), not both"))
    return found


def import_rows(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    if not any(bundle.of(f.name) for f in FILES):
        return
    p = lookups["partnership"]
    if any(r.values.get("indicators") for r in bundle.of("threats.csv")):
        sync_catalogue()
    indicators = {x.code: x for x in Indicator.objects.all()}
    for r in bundle.of("threats.csv"):
        v = r.values
        threat = w.upsert(i.Threat, {"partnership": p, "period": v["period"], "code": v["code"]},
                          {"title": v["title"], "level": v["level"],
                           "confidence": v["confidence"], "pathway": v["pathway"],
                           **{k: v[k] or "" for k in ("intelligence", "gaps", "recommendations",
                                                      "withdrawn_reason")},
                           "withdrawn_on": v["withdrawn_on"],
                           "illustrative": bool(v["illustrative"])})
        _set_many(w, threat, [indicators[c] for c in v["indicators"] or ()])
    for r in bundle.of("portfolios.csv"):
        v = r.values
        w.upsert(i.Portfolio, {"partnership": p, "code": v["code"]}, {
            "name": v["name"], "audience": v["audience"] or "", "themes": list(v["themes"]),
            "withdrawn_on": v["withdrawn_on"], "withdrawn_reason": v["withdrawn_reason"] or ""})
    for r in bundle.of("theme_links.csv"):
        v = r.values
        target: dict[str, Any] = {"priority": None, "action": None}
        if v["priority"]:
            target["priority"] = Priority.objects.get(year__partnership=p, year__label=v["year"],
                                                      code=v["priority"])
        else:
            target["action"] = Action.objects.get(recommendation__partnership=p,
                                                  recommendation__code=v["recommendation"],
                                                  position=v["position"])
        w.upsert(i.ThemeLink, {"partnership": p, "theme": v["theme"], **target}, {})


def _set_many(w: Any, threat: i.Threat, wanted: list[Indicator]) -> None:
    if {x.pk for x in threat.indicators.all()} != {x.pk for x in wanted}:
        threat.indicators.set(wanted)
        if w.last == "unchanged":
            w.result.unchanged[w.last_name] -= 1
            w.result.updated[w.last_name] += 1


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    """Withdrawn threats and portfolios keep their rows, marked, so a restore does not bring
    them back to life."""
    threats = (i.Threat.objects.filter(partnership=p).prefetch_related("indicators")
               .order_by("period", "pk"))
    write("threats.csv", (
        {"period": t.period, "code": t.code, "title": t.title, "level": t.level,
         "confidence": t.confidence, "pathway": t.pathway, "intelligence": t.intelligence,
         "gaps": t.gaps, "recommendations": t.recommendations,
         "indicators": sorted(x.code for x in t.indicators.all()),
         "illustrative": t.illustrative, "withdrawn_on": t.withdrawn_on,
         "withdrawn_reason": t.withdrawn_reason} for t in threats))
    write("portfolios.csv", (
        {"code": x.code, "name": x.name, "audience": x.audience, "themes": x.themes,
         "withdrawn_on": x.withdrawn_on, "withdrawn_reason": x.withdrawn_reason}
        for x in i.Portfolio.objects.filter(partnership=p).order_by("pk")))
    # An action withdrawn leaves the bundle (lscp/assurance/bundle.py), and its links with it.
    links = i.ThemeLink.objects.filter(
        Q(action__isnull=True) | Q(action__in=live_actions()), partnership=p).select_related(
        "priority__year", "action__recommendation").order_by("theme", "pk")
    write("theme_links.csv", (
        {"theme": x.theme, "year": x.priority.year.label if x.priority else None,
         "priority": x.priority.code if x.priority else None,
         "recommendation": x.action.recommendation.code if x.action else None,
         "position": x.action.position if x.action else None} for x in links))


PART = BundlePart("intelligence", FILES, import_rows, export_rows, validate)
