"""The looked-after child in the CIN census: one episode open while looked after.

The episode starts with a referral before care; an entrant may have had a section 47
enquiry and a child protection plan that ends when care starts. It closes with care,
with the reason matching how care ended (adoption, SGO, CAO, transfer, adult services).
"""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.cin.census_xml import write_child
from lscp.returns.synth.cin.chain import assess, protection_plan
from lscp.returns.synth.cin.codes import ICPC_DAYS, REFERRAL_SOURCE
from lscp.returns.synth.cin.episode import Episode, cut_to_year
from lscp.returns.synth.draws import Draws
from lscp.returns.synth.ssda903.codes import CIN_CLOSURE_FOR_REC
from lscp.returns.synth.ssda903.stay import CareStay


def write_cin_record(job: Chunk, stay: CareStay) -> None:
    """The child's `<Child>` in the CIN census, with the same ID, UPN, need and ethnicity."""
    r, start = job.rnd, stay.start
    gap = 0 if r() < 0.2 else job.between(1, 400)
    referral = max(stay.dob + 1, start - gap)
    ep = Episode(referral, job.pick(REFERRAL_SOURCE), stay.need)
    assess(job, ep)
    if stay.entrant and start - referral >= 20 and r() < 0.5:
        enquiry_before_care(job, ep, start)
    if stay.end <= job.E:
        close_with_care(job, ep, stay)
    cut_to_year(ep, job.S, job.E)
    write_child(job, stay.cid, stay.upn, stay.dob, "M" if stay.sex == "1" else "F", stay.ethnicity, [ep])


def enquiry_before_care(draws: Draws, ep: Episode, start: int) -> None:
    """A section 47 enquiry before care starts; a conference held in time leads to a plan."""
    r, cal, referral, auth = draws.rnd, draws.cal, ep.referral, ep.authorised
    assert auth is not None
    s47 = referral + int(r() * min(10, auth - referral + 1))
    lo, hi = draws.pick(ICPC_DAYS)
    icpc = cal.add(s47, draws.between(lo, hi))
    if icpc < start - 1:
        ep.s47 = [s47, cal.add(s47, 15), icpc, False]
        protection_plan(draws, ep, icpc)
        assert ep.cpp is not None
        ep.cpp[1] = start  # a plan ends when the child becomes looked after
        ep.cpp[5] = [review for review in ep.cpp[5] if review <= start]
    else:
        ep.s47 = [s47, cal.add(s47, 15), None, True]


def close_with_care(draws: Draws, ep: Episode, stay: CareStay) -> None:
    """Close the episode when care ends in the year, or up to four months later."""
    r, end, rec = draws.rnd, stay.end, stay.rec
    if end == stay.adult:
        ep.close_on(end, "RC6" if rec == "E7" or r() < 0.3 else "RC7")
    elif rec in CIN_CLOSURE_FOR_REC:
        ep.close_on(end, CIN_CLOSURE_FOR_REC[rec])
    else:
        ep.close_on(min(end + int(r() * 120), stay.adult), "RC7")
