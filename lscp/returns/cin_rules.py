"""DfE CIN census rules within one episode: the ones that decide whether a record counts.

A referral, an assessment, an enquiry, a conference or a plan is counted by its date; these
rules catch the records that would be counted wrongly: dates out of order within the episode
(an enquiry before its referral), activity on a referral with no further action (counted as
an assessment or a plan although the referral led to none), a conference recorded twice, and
an episode "closed after assessment" with no assessment, or with an enquiry or a plan after
it. The reader gathers each episode's
dates and lines into an `EpisodeFacts` and asks `check` for its problems.

Rule codes and wording are the DfE's (2024-25 rule set, as the open validator
csc-validator-be-cin carries it). A problem names the element and its line, never a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

RULES = {
    "1103": "The assessment start date cannot be before the referral date.",
    "1104": "The date of the initial child protection conference cannot be before the referral date.",
    "1105": "The child protection plan start date cannot be before the referral date.",
    "2884": "An initial child protection conference is recorded at both the S47 and CIN Details "
            "level and it should only be recorded in one.",
    "2889": "The S47 start date cannot be before the referral date.",
    "2990": "Activity is recorded against a case marked as 'Case closed after assessment, no "
            "further action' or 'case closed after assessment, referred to early help'.",
    "4000": "CIN Plan details provided for a referral with no further action.",
    "8608": "Assessment Start Date cannot be later than its End Date.",
    "8615": "Section 47 Enquiry Start Date cannot be later than the date of the initial Child "
            "Protection Conference.",
    "8630": "CIN Closure Date is before CIN Referral Date for the same CIN episode.",
    "8825Q": "Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after "
             "assessment, referred to early help) has been returned but there is no assessment "
             "present for the episode.",
    "8831": "Activity is recorded against a case marked as a referral with no further action.",
    "8832": "Child Protection details provided for a referral with no further action.",
    "8925": "Child Protection Plan End Date earlier than Start Date.",
}
NOT_ASSESSED = ("the referral did not lead to no further action, yet the episode closed with no "
                "assessment, enquiry or plan: should it be a referral with no further action?")


# A date, the line of the element that gave it (0 where absent) and the element's name; and a
# module (Assessments, Section47, ChildProtectionPlans): its two dates and its line. Plain
# tuples, as the reader makes several for every episode of a national file.
Dated = tuple[dt.date | None, int, str]
Module = tuple[Dated, Dated, int]


@dataclass(slots=True)
class EpisodeFacts:
    line: int
    referral: dt.date | None
    nfa: bool | None
    nfa_line: int
    closure: Dated
    reason: str | None
    reason_line: int
    icpc: Dated | None = None  # the episode-level DateOfInitialCPC
    assessments: list[Module] = field(default_factory=list)  # start, authorisation
    plans: list[int] = field(default_factory=list)  # CINPlanDates lines
    s47s: list[Module] = field(default_factory=list)  # start, initial conference
    cpps: list[Module] = field(default_factory=list)  # start, end


class Found(NamedTuple):
    line: int
    field: str
    message: str
    severity: str = "error"


def cite(code: str) -> str:
    return f"{RULES[code]} (DfE rule {code})"


def check(ep: EpisodeFacts, year_start: dt.date) -> list[Found]:
    """Every rule over one episode."""
    found = _in_order(ep)
    if ep.reason in ("RC8", "RC9") and (ep.plans or ep.s47s or ep.cpps or ep.icpc):
        found.append(Found(ep.reason_line, "ReasonForClosure", cite("2990")))
    if ep.nfa is True:
        found += _no_further_action(ep)
    elif ep.nfa is False and not ep.assessments:
        found += _not_assessed(ep, year_start)
    if ep.icpc is not None and ep.icpc[0] is not None and any(
            s[1][0] == ep.icpc[0] for s in ep.s47s):
        found.append(Found(ep.icpc[1], ep.icpc[2], cite("2884")))
    return found


def _in_order(ep: EpisodeFacts) -> list[Found]:
    """referral <= assessment start <= authorisation; referral <= enquiry <= conference;
    referral <= conference; referral <= plan start <= end; referral <= closure."""
    referral = ep.referral
    pairs: list[tuple[Dated, dt.date | None, str]] = [(ep.closure, referral, "8630")]
    for start, authorised, _ in ep.assessments:
        pairs += ((start, referral, "1103"), (authorised, start[0], "8608"))
    for start, icpc, _ in ep.s47s:
        pairs += ((start, referral, "2889"), (icpc, start[0], "8615"), (icpc, referral, "1104"))
    for start, end, _ in ep.cpps:
        pairs += ((start, referral, "1105"), (end, start[0], "8925"))
    return [Found(later[1], later[2], cite(code)) for later, earlier, code in pairs
            if later[0] is not None and earlier is not None and later[0] < earlier]


def _no_further_action(ep: EpisodeFacts) -> Iterator[Found]:
    """An NFA referral led to nothing: any assessment, enquiry or plan on it is counted
    although the referral is counted as one that went no further."""
    for module in ep.assessments:
        yield Found(module[2], "Assessments", cite("8831"))
    for module in ep.s47s:
        yield Found(module[2], "Section47", cite("8831"))
    if ep.icpc is not None:
        yield Found(ep.icpc[1], ep.icpc[2], cite("8831"))
    for line in ep.plans:
        yield Found(line, "CINPlanDates", cite("4000"))
    for module in ep.cpps:
        yield Found(module[2], "ChildProtectionPlans", cite("8832"))


def _not_assessed(ep: EpisodeFacts, year_start: dt.date) -> Iterator[Found]:
    """A referral that went further should have an assessment. One made before the year may
    have had it in an earlier census, so that is a query (a warning); one made in the year and
    "closed after assessment" with none is an error: a figure is wrong either way."""
    if ep.closure[0] is None:
        return
    in_year = ep.referral is not None and ep.referral >= year_start
    if ep.reason in ("RC8", "RC9"):
        yield Found(ep.reason_line, "ReasonForClosure", cite("8825Q"),
                    "error" if in_year else "warning")
    elif in_year and not (ep.plans or ep.s47s or ep.cpps or ep.icpc):
        yield Found(ep.nfa_line, "ReferralNFA", NOT_ASSESSED, "warning")
