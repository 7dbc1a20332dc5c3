"""The CIN event chain: referral, assessment, section 47, initial conference, plans, closure.

Each function fills in an `Episode` (dates not yet cut at the year's end). The order of the
draws is part of the output: keep it when changing anything here.
"""

from __future__ import annotations

import math

from lscp.returns.synth.cin.codes import (
    CATEGORY,
    CLOSURE,
    CPP_DAYS,
    FACTOR_COUNT,
    FACTOR_PICK,
    ICPC_DAYS,
    NOT_IN_NEED_CLOSURE,
    PREVIOUS_CPP,
    PRIMARY_NEED,
    REFERRAL_SOURCE,
    START_DELAY,
)
from lscp.returns.synth.cin.episode import Episode
from lscp.returns.synth.draws import Draws
from lscp.returns.synth.rates import (
    ASSESSED_IN_45,
    CPP_AFTER_ICPC,
    ICPC_AFTER_S47,
    NFA_AT_REFERRAL,
    NOT_IN_NEED,
    NOT_IN_NEED_AFTER_S47,
    SECOND_CPP,
    SECTION_47,
)


def referral_episode(draws: Draws, referral: int, long_only: bool) -> Episode:
    """The chain that follows one referral (not yet cut at the year's end).

    `long_only` leaves out the outcomes that close a case within weeks (no further action,
    not in need), for referrals made before the year whose case must still be open on 1 April.
    """
    ep = Episode(referral, draws.pick(REFERRAL_SOURCE), draws.pick(PRIMARY_NEED))
    if not long_only and draws.rnd() < NFA_AT_REFERRAL:
        ep.need, ep.nfa = "N0", True
        ep.close, ep.reason = referral, "RC8"
        return ep
    if ep.need == "N0":
        ep.need = "N1"
    assess(draws, ep)
    follow_up(draws, ep, long_only)
    assert ep.close is not None
    latest = ep.latest()
    if ep.close < latest:  # the assessment outlasted a short plan
        ep.close = latest + int(draws.rnd() * 10)
    return ep


def assess(draws: Draws, ep: Episode, days_cap: int | None = None) -> None:
    """Assessment started within days of the referral, authorised in working days."""
    if draws.rnd() < ASSESSED_IN_45:
        days = int(draws.rng.triangular(1, 45.999, 32))
    else:
        days = 46 + min(int(draws.rng.expovariate(1 / 18)), 150)
    if days_cap is not None:
        days = min(days, days_cap)
    ep.authorised = draws.cal.add(ep.referral, days)
    ep.assessment = min(ep.referral + draws.pick(START_DELAY), ep.authorised)
    factors: list[str] = []
    for _ in range(draws.pick(FACTOR_COUNT)):
        code = draws.pick(FACTOR_PICK)
        if code not in factors:
            factors.append(code)
    ep.factors = factors


def follow_up(draws: Draws, ep: Episode, long_only: bool) -> None:
    """What follows the assessment: enquiry, conference, plans, and the closure."""
    r, cal = draws.rnd, draws.cal
    referral, auth = ep.referral, ep.authorised
    assert auth is not None
    if r() < SECTION_47:
        s47 = referral + int(r() * min(10, auth - referral + 1))
        ep.s47 = [s47, cal.add(s47, 15), None, False]
        if r() < ICPC_AFTER_S47:
            conference(draws, ep, s47, auth)
            return
        ep.s47[3] = True
        if not long_only and r() < NOT_IN_NEED_AFTER_S47:
            # Not RC8/RC9 ("closed after assessment"): an enquiry followed it (DfE rule 2990).
            ep.close, ep.reason = auth + int(r() * 10), draws.pick(NOT_IN_NEED_CLOSURE)
            ep.reason = "RC7"
            return
    elif not long_only and r() < NOT_IN_NEED:
        ep.close, ep.reason = auth + int(r() * 10), draws.pick(NOT_IN_NEED_CLOSURE)
        return
    if r() < 0.8:
        end = cin_plan(draws, ep, auth + int(r() * 10), 200)
    else:  # services without a plan (for example a disabled child's short breaks)
        end = auth + max(14, int(draws.rng.lognormvariate(math.log(150), 0.7)))
    ep.close, ep.reason = end + int(r() * 20), draws.pick(CLOSURE)


def conference(draws: Draws, ep: Episode, s47: int, auth: int) -> None:
    """An initial conference after the enquiry, then a protection or CIN plan, then closure."""
    r = draws.rnd
    assert ep.s47 is not None
    lo, hi = draws.pick(ICPC_DAYS)
    icpc = draws.cal.add(s47, draws.between(lo, hi))
    ep.s47[2] = icpc
    if r() < CPP_AFTER_ICPC:
        end = protection_plan(draws, ep, icpc)
        if r() < 0.65:
            end = cin_plan(draws, ep, end + 1, 150)
    else:
        end = cin_plan(draws, ep, max(icpc + int(r() * 7), auth), 200)
    ep.close, ep.reason = end + int(r() * 20), draws.pick(CLOSURE)


def protection_plan(draws: Draws, ep: Episode, start: int) -> int:
    """A child protection plan from `start`; returns its end date."""
    r = draws.rnd
    lo, hi = draws.pick(CPP_DAYS)
    end = start + draws.between(lo, hi)
    reviews, review = [], start + 91 - int(r() * 14)
    while review < end:
        reviews.append(review + (draws.between(1, 30) if r() < 0.06 else 0))
        review += 182 - int(r() * 20)
    if reviews and end - reviews[-1] <= 30 and r() < 0.7:  # plans often end at a review conference
        end = reviews[-1]
    reviews = sorted(day for day in reviews if start < day <= end)
    initial = draws.pick(CATEGORY)
    latest = initial if r() < 0.9 else draws.pick(CATEGORY)
    ep.cpp = [start, end, initial, latest, draws.pick(PREVIOUS_CPP) if r() < SECOND_CPP else 0, reviews]
    return end


def cin_plan(draws: Draws, ep: Episode, start: int, median: float) -> int:
    """A CIN plan from `start` with a lognormal length; returns its end date."""
    end = start + max(14, int(draws.rng.lognormvariate(math.log(median), 0.6)))
    ep.plans.append([start, end])
    return end


def earlier_episode(draws: Draws, referral: int, closed: int) -> Episode:
    """A short episode closed before the child's re-referral."""
    ep = Episode(referral, draws.pick(REFERRAL_SOURCE), draws.pick(PRIMARY_NEED))
    if ep.need == "N0":
        ep.need = "N5"
    if closed - referral <= 3 and referral >= draws.S:
        ep.need, ep.nfa = "N0", True
        ep.close, ep.reason = referral, "RC8"
        return ep
    assess(draws, ep, days_cap=max(1, draws.cal.between(referral, closed)))
    auth = min(ep.authorised or closed, closed)
    ep.authorised = auth
    ep.assessment = min(ep.assessment or auth, auth)
    if closed - auth > 30 and draws.rnd() < 0.5:
        ep.plans.append([auth + 1, closed])
        ep.close, ep.reason = closed, draws.pick(CLOSURE)
    else:
        ep.close, ep.reason = closed, draws.pick(NOT_IN_NEED_CLOSURE)
        if closed - auth > 10 or auth < draws.S:
            # "Closed after assessment" soon after it, with the assessment in this census
            # (DfE rule 8825Q); a later closure is services ceasing.
            ep.reason = "RC7"
    return ep
