"""What needs a member's attention: the rules that pick, group and order it for each audience.

The items come from the expectations registry (lscp/partnership/expectations.py), which each
app fills with its own sources; this module never learns where an item came from, only its
kind and state. Each audience (the business unit, the chair, an agency's contributor, a Board
member) sees the groups of work that are theirs to do, in the order they should do them.

No views here: the home page reads `attention_for` through the page cache (decision 0010).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from lscp.partnership.expectations import Expected


class Audience(StrEnum):
    BUSINESS_UNIT = "business unit"
    CHAIR = "chair"
    AGENCY = "agency"
    BOARD = "board"


Rule = Callable[[Expected], bool]


@dataclass(frozen=True)
class GroupRule:
    key: str  # used for the page's ids and in tests
    title: str
    chosen: Rule
    empty: str  # what to say when nothing is in it


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    items: tuple[Expected, ...]
    empty: str

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Attention:
    audience: Audience
    groups: tuple[Group, ...] = ()
    headlines: tuple[Headline, ...] = ()
    exceptions: tuple[Flagged, ...] = ()
    year: str = ""  # the year a Board member's figures are for
    # Emerging risk: current special-cause signals, newest first (lscp/dataset/spc_series.py
    # IndicatorSignal), for the business unit and the Board; not a group, so not counted.
    signals: tuple[Any, ...] = ()

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    def counts(self) -> dict[str, int]:
        return {g.key: g.count for g in self.groups}


def _kind(kind: str, *states: str) -> Rule:
    return lambda e: e.kind == kind and (not states or e.state in states)


def _submission_late(e: Expected) -> bool:
    return e.kind == "submission" and e.overdue and e.state != "awaiting approval"


def _submission_coming(e: Expected) -> bool:
    return e.kind == "submission" and not e.overdue and e.state in ("not started", "draft")


RULES: dict[Audience, tuple[GroupRule, ...]] = {
    Audience.BUSINESS_UNIT: (
        GroupRule("submissions-awaiting-approval", "Submissions awaiting your approval",
                  _kind("submission", "awaiting approval"), "No submission is waiting."),
        GroupRule("submissions-overdue", "Submissions overdue", _submission_late,
                  "No agency is late with its figures."),
        GroupRule("submissions-not-started", "Submissions not started, not yet due",
                  lambda e: _submission_coming(e) and e.state == "not started",
                  "Every agency has started the figures due next."),
        GroupRule("clocks", "Statutory clocks overdue or due within 5 working days",
                  _kind("clock"), "No case review clock is overdue or due soon."),
        GroupRule("actions-overdue", "Actions overdue", lambda e: e.kind == "action" and e.overdue,
                  "No action is overdue."),
        GroupRule("actions-evidence", "Actions awaiting acceptance of their evidence",
                  _kind("action", "awaiting evidence acceptance"),
                  "No evidence is waiting to be accepted."),
        GroupRule("challenges", "Challenges awaiting a response", _kind("challenge"),
                  "Every open challenge has a response."),
        GroupRule("risks", "Risks past their review date", _kind("risk"),
                  "Every risk has been reviewed on time."),
        GroupRule("report-gaps", "What the yearly report still lacks", _kind("report gap"),
                  "The yearly report covers everything Working Together asks for."),
        GroupRule("contributions-review", "Partners' words for the yearly report awaiting your "
                  "review", lambda e: e.kind in ("contribution", "case story")
                  and e.state == "awaiting review",
                  "No contribution or case story is waiting."),
        GroupRule("self-assessments", "Self-assessments to review, or late",
                  lambda e: e.kind == "self-assessment" and (e.agency is None or e.overdue),
                  "No self-assessment is waiting for you or late."),
    ),
    Audience.CHAIR: (
        GroupRule("sign-off", "Awaiting your sign-off", _kind("report"),
                  "Nothing is waiting for your sign-off."),
        GroupRule("statements", "The report's foreword and messages awaiting your approval",
                  _kind("statement", "awaiting approval"),
                  "No foreword or message is waiting for your approval."),
        GroupRule("challenges-overdue", "Challenges overdue a response",
                  lambda e: e.kind == "challenge" and e.overdue, "No challenge is overdue."),
        GroupRule("challenges-open", "Open challenges awaiting a response",
                  lambda e: e.kind == "challenge" and not e.overdue,
                  "No other challenge is waiting."),
        GroupRule("clocks-overdue", "Statutory clocks overdue",
                  lambda e: e.kind == "clock" and e.overdue, "No case review clock is overdue."),
    ),
    Audience.AGENCY: (
        GroupRule("submissions-returned", "Submissions returned to you",
                  _kind("submission", "returned"), "None of your submissions was returned."),
        GroupRule("submissions-overdue", "Submissions overdue",
                  lambda e: _submission_late(e) and e.state != "returned",
                  "None of your submissions is overdue."),
        GroupRule("submissions-due", "Submissions due", _submission_coming,
                  "No figures are due from you yet."),
        GroupRule("actions-overdue", "Your actions overdue",
                  lambda e: e.kind == "action" and e.overdue, "None of your actions is overdue."),
        GroupRule("actions-due", "Your actions due within 10 working days",
                  lambda e: e.kind == "action" and e.soon, "No action is due soon."),
        GroupRule("contributions", "Your contribution to the yearly report",
                  lambda e: e.kind in ("contribution", "case story")
                  and e.state != "awaiting review",
                  "Nothing is asked of you for the yearly report."),
        GroupRule("self-assessments", "Your self-assessments", _kind("self-assessment"),
                  "No self-assessment is asked of you."),
    ),
    Audience.BOARD: (),
}


def grouped(audience: Audience, items: Iterable[Expected]) -> tuple[Group, ...]:
    """The audience's groups, in the order of RULES, each item in the registry's order
    (overdue first, then by date). An item may fall in one group of an audience at most."""
    remaining = list(items)
    groups = []
    for rule in RULES[audience]:
        chosen = tuple(e for e in remaining if rule.chosen(e))
        remaining = [e for e in remaining if not rule.chosen(e)]
        groups.append(Group(rule.key, rule.title, chosen, rule.empty))
    return tuple(groups)


# Board members: headline figures -----------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One indicator's year figure as the Board reads it: RAG against its target (or England)
    and movement against the year before, judged by its polarity."""

    theme: str
    code: str
    title: str
    shown: str
    previous: str
    rag: str  # green, amber, red, none
    direction: str  # up, down, same, or "" with no previous year
    judgement: str  # better, worse, similar, not judged, or ""


@dataclass(frozen=True)
class Headline:
    theme: str
    figures: int
    red: int
    amber: int
    green: int
    better: int
    worse: int


@dataclass(frozen=True)
class Flagged:
    figure: Figure
    reasons: tuple[str, ...] = field(default=())


def figure_of(summary: Any) -> Figure:
    """A Figure from the dataset's Summary of an indicator's year (lscp/dataset/selectors.py)."""
    move = summary.movement
    return Figure(summary.indicator.theme_title, summary.indicator.code, summary.indicator.title,
                  summary.shown, summary.previous_shown, str(summary.rag),
                  str(move.direction) if move else "", str(move.judgement) if move else "")


def headlines(figures: Iterable[Figure]) -> tuple[Headline, ...]:
    """Per theme, how many figures there are and how they stand: RAG and movement counts."""
    by_theme: dict[str, list[Figure]] = {}
    for f in figures:
        by_theme.setdefault(f.theme, []).append(f)
    return tuple(Headline(
        theme, len(found), *(sum(f.rag == r for f in found) for r in ("red", "amber", "green")),
        *(sum(f.judgement == j for f in found) for j in ("better", "worse")))
        for theme, found in by_theme.items())


def exceptions(figures: Iterable[Figure]) -> tuple[Flagged, ...]:
    """Figures the Board should ask about: red against their benchmark, or moving the wrong
    way; red ones first."""
    found = []
    for f in figures:
        reasons = tuple(r for r, hit in (("red", f.rag == "red"), ("worse", f.judgement == "worse"))
                        if hit)
        if reasons:
            found.append(Flagged(f, reasons))
    return tuple(sorted(found, key=lambda x: ("red" not in x.reasons, x.figure.theme)))


def board_attention(figures: list[Figure], year: str) -> Attention:
    """The Board reads the last finished year's figures: how each theme stands, and the
    exceptions to ask about."""
    return Attention(Audience.BOARD, headlines=headlines(figures),
                     exceptions=exceptions(figures), year=year)


def attention_for(audience: Audience, items: Iterable[Expected]) -> Attention:
    return Attention(audience, groups=grouped(audience, items))


SIGNALS_FOR = (Audience.BUSINESS_UNIT, Audience.BOARD)  # who sees emerging risks at home


def with_signals(attention: Attention, signals: Iterable[Any]) -> Attention:
    """The audience's attention with the current special-cause signals, where it sees them."""
    if attention.audience not in SIGNALS_FOR:
        return attention
    return replace(attention, signals=tuple(signals))


def due_phrase(item: Expected, today: dt.date) -> str:
    """"Due 30 July 2021", "Overdue since 30 May 2021", or "" for an undated item."""
    if item.due is None:
        return ""
    when = f"{item.due:%-d %B %Y}"
    return f"Overdue since {when}" if item.overdue and item.due < today else f"Due {when}"
