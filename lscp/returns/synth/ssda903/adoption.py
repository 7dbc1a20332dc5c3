"""Adoption: the decision to place, reversals, placement, match and order; ad1 and placed rows."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.dates import NEVER
from lscp.returns.synth.draws import Draws
from lscp.returns.synth.ssda903.codes import ADOPTERS, REASON_REVERSED
from lscp.returns.synth.ssda903.stay import CareStay


def plan_adoption(draws: Draws, stay: CareStay) -> None:
    """For a child on a placement order (E1) still in care: reversal, or placement and adoption."""
    if stay.ls != "E1" or stay.end != NEVER:
        return
    r, S = draws.rnd, draws.S
    stay.decision = max(stay.start, stay.ls_start - int(r() * 90))
    if r() < 0.08:
        stay.reversed_on = max(stay.ls_start + draws.between(60, 360), S + int(r() * 30))
        stay.reversed_reason = draws.pick(REASON_REVERSED)
        stay.legal.append((stay.reversed_on, "C2"))
        return
    placed = place_for_adoption(draws, stay)  # may bring the decision forward
    assert stay.decision is not None
    stay.adoption_placed = placed
    stay.matched = max(stay.decision, placed - draws.between(7, 60))
    adopted = placed + draws.between(70, 420)
    if adopted <= S:  # still looked after on 1 April, so adopted later than planned
        adopted = S + draws.between(1, 540)
    stay.adopted = adopted
    if adopted < stay.end:
        stay.end, stay.rec = adopted, "E11" if r() < 0.55 else "E12"


def place_for_adoption(draws: Draws, stay: CareStay) -> int:
    """The day the child is placed for adoption (A5 with the foster carer, or A6)."""
    r, S, decom = draws.rnd, draws.S, stay.decom
    if not stay.entrant and decom > stay.start and S - decom <= 400 and r() < 0.4:  # already placed
        same_carer = r() < 0.25
        stay.place = "A5" if same_carer else "A6"
        stay.rne = "U" if same_carer else "P"
        stay.ls_start = min(stay.ls_start, max(stay.start, decom - draws.between(60, 300)))
        stay.decision = max(stay.start, stay.ls_start - int(r() * 90))
        return decom
    # An order made years ago is not followed by a placement years ago and
    # an adoption only now: the placement comes at most eight months before 1 April.
    placed = max(stay.ls_start + draws.between(60, 330), decom + 1, S - draws.between(0, 240))
    same_carer = r() < 0.25
    stay.moves.append((placed, "A5" if same_carer else "A6", "U" if same_carer else "P"))
    return placed


def write_adoption(job: Chunk, stay: CareStay) -> None:
    """placed_for_adoption.csv while a placement order was in force; ad1.csv for an adoption."""
    E, dob_uk = job.E, job.uk(stay.dob)
    decision, reversed_on = stay.decision, stay.reversed_on
    if decision is not None and stay.ls_start < stay.end and stay.ls_start <= E:
        if reversed_on is not None and reversed_on > min(stay.end, E):
            reversed_on = None  # the decision still stands at the end of care or of the year
        job.row("placed_for_adoption", (
            stay.cid, dob_uk, job.uk(decision), job.uk(reversed_on) if reversed_on is not None else "",
            stay.reversed_reason if reversed_on is not None else ""))
    if stay.adopted is not None and stay.adopted == stay.end and stay.end <= E:
        assert stay.matched is not None and decision is not None
        count, sexes, status = job.pick(ADOPTERS)
        foster_carer = stay.place == "A5" or any(place == "A5" for _, place, _ in stay.moves)
        job.row("ad1", (stay.cid, dob_uk, job.uk(decision), job.uk(stay.matched),
                        "1" if foster_carer else "0", count, sexes, status))
