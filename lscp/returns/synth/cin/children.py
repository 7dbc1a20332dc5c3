"""Children in need who are not looked after: their episodes in the year, written to the XML."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.cin.census_xml import write_child
from lscp.returns.synth.cin.chain import earlier_episode, referral_episode
from lscp.returns.synth.cin.codes import CIN_AGE, CIN_SEX
from lscp.returns.synth.cin.episode import Episode, cut_to_year
from lscp.returns.synth.dates import birthday
from lscp.returns.synth.draws import Draws
from lscp.returns.synth.identity import ETHNICITY, upn
from lscp.returns.synth.rates import CARRIED_IN, RE_REFERRAL


def cin_child(job: Chunk, number: int) -> None:
    """A child in need: an episode carried in from before 1 April or referred in the year."""
    r, S, E = job.rnd, job.S, job.E
    dob = job.dob_for(job.pick(CIN_AGE))
    adult = birthday(dob, 18)
    if r() < CARRIED_IN and dob < S - 60:
        episodes = [carried_in_episode(job, dob, adult)]
    else:
        episodes = in_year_episodes(job, dob, adult)
    for ep in episodes:
        cut_to_year(ep, S, E)
    sex = job.pick(CIN_SEX)
    child_upn = upn(job) if r() < (0.96 if E - dob >= 5 * 365 else 0.25) else None
    write_child(job, f"SYN{number:07d}", child_upn, dob, sex, job.pick(ETHNICITY), episodes)


def carried_in_episode(draws: Draws, dob: int, adult: int) -> Episode:
    """An episode referred before 1 April and still open on it."""
    r, S, E = draws.rnd, draws.S, draws.E
    ep = None
    # Rejection sampling: a referral date before 1 April, kept only if the case it starts
    # is still open on 1 April, so long cases are as common as they are in a real caseload.
    for _ in range(16):
        gap = draws.between(1, 1460)
        referral = max(S - gap, dob + 1)
        ep = referral_episode(draws, referral, long_only=True)
        if adult <= E and (ep.close is None or ep.close > adult):
            ep.close_on(adult, "RC6" if r() < 0.3 else "RC7")
        if ep.close is None or ep.close >= S:
            break
    assert ep is not None
    if ep.close is not None and ep.close < S:
        ep.close_on(min(max(S + int(r() * 90), ep.latest()), adult), "RC7")
    return ep


def in_year_episodes(draws: Draws, dob: int, adult: int) -> list[Episode]:
    """A referral in the year, after an earlier closed episode for some re-referred children."""
    r, S, E = draws.rnd, draws.S, draws.E
    episodes: list[Episode] = []
    first = max(S, dob + 1)
    referral = draws.between(first, max(first, min(E, adult - 1)))
    if referral > S + 30 and r() < RE_REFERRAL:
        earlier = max(referral - draws.between(14, 365), dob + 1)
        if earlier < referral - 1:
            closed = draws.between(max(S, earlier), referral - 1)
            episodes.append(earlier_episode(draws, earlier, closed))
    ep = referral_episode(draws, referral, long_only=False)
    if adult <= E and (ep.close is None or ep.close > adult):
        ep.close_on(adult, "RC6" if r() < 0.3 else "RC7")
    episodes.append(ep)
    return episodes
