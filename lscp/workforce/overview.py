"""The training overview page's figures as rows of text, worked out once per data version.

Templates never compute: this module turns what lscp.workforce.reach and .impact counted
into the cells the page shows, and the view keeps only what the reader may see (an agency
contributor, its own agency's row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lscp.insight.figures import format_percent, format_pounds
from lscp.partnership import versioning
from lscp.partnership.models import Partnership, Sector
from lscp.workforce import selectors
from lscp.workforce.impact import AFTER, BEFORE, FOLLOW_UP
from lscp.workforce.reach import YearReach, change, per_hundred

SECTORS = dict(Sector.choices)


@dataclass
class Overview:
    year: str
    before: str
    delivered: list[list[str]] = field(default_factory=list)
    sectors: list[list[str]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)  # code, cells, illustrative
    not_reached: list[str] = field(default_factory=list)
    impact: list[dict[str, Any]] = field(default_factory=list)
    illustrative: bool = False


def overview(partnership: Partnership, label: str) -> Overview:
    """Built once per version of the partnership's records (decision 0010)."""
    return versioning.cached(partnership.pk, "training-overview", label,
                             build=lambda: _build(partnership, label))


def _build(partnership: Partnership, label: str) -> Overview:
    now, before = selectors.reach_with_previous(partnership, label)
    names = selectors.agency_names(partnership)
    found = Overview(label, before.year, illustrative=now.illustrative_detail)
    found.delivered = _delivered(now, before)
    found.sectors = [[SECTORS.get(s, s), f"{r.attendees:,}", format_percent(now.sector_share(s)),
                      f"{r.completions:,}", f"{r.workforce:,}" if r.workforce else "–",
                      format_percent(now.workforce_share(s))]
                     for s, r in sorted(now.by_sector.items(), key=lambda i: -i[1].attendees)]
    found.agencies = [
        {"code": code, "illustrative": r.illustrative,
         "cells": [names.get(code, code), f"{r.attendees:,}", f"{r.completions:,}",
                   f"{r.trained:,}", f"{r.workforce:,}" if r.workforce else "–",
                   str(per_hundred(r.attendees + r.completions, r.workforce) or "–")]}
        for code, r in sorted(now.by_agency.items(), key=lambda i: names.get(i[0], i[0]))]
    found.not_reached = [names.get(code, code) for code in now.not_reached]
    found.impact = [
        {"code": c.course.code, "title": c.course.title, "illustrative": c.illustrative,
         "replies": [str(c.replies[s]) for s in (BEFORE, AFTER, FOLLOW_UP)],
         "changed": f"{c.changed} of {c.asked} ({format_percent(c.share_changed)})"
         if c.asked else "–"}
        for c in selectors.impact_of(partnership, label)]
    return found


def _delivered(now: YearReach, before: YearReach) -> list[list[str]]:
    rows = [("Live sessions held", now.sessions, before.sessions),
            ("Places attended", now.attendees, before.attendees),
            ("Booked places not attended", now.did_not_attend, before.did_not_attend),
            ("Places cancelled late", now.late_cancellations, before.late_cancellations),
            ("E-learning courses with a completion", now.elearning_courses,
             before.elearning_courses),
            ("E-learning completions", now.completions, before.completions),
            ("People trained by partners' own training", now.trained, before.trained)]
    found = [[label, f"{then:,}", f"{this:,}", change(this, then) or "–"]
             for label, this, then in rows]
    found.append(["Charges for wasted places", format_pounds(before.charges_pence),
                  format_pounds(now.charges_pence), "–"])
    return found
