"""Entering care: who the child is, when care started, and the first episode open in the year."""

from __future__ import annotations

from lscp.returns.synth.dates import birthday
from lscp.returns.synth.draws import Draws
from lscp.returns.synth.identity import HOME_AREAS, postcode
from lscp.returns.synth.rates import LAC_ENTRANT, UASC
from lscp.returns.synth.ssda903.codes import (
    AGED_OUT,
    CURRENT_LS,
    CURRENT_LS_OLDER,
    CURRENT_LS_YOUNG,
    ENTRY_LS,
    ENTRY_LS_YOUNG,
    LAC_AGE,
    LATER_RNE,
)
from lscp.returns.synth.ssda903.placements import place_for
from lscp.returns.synth.ssda903.stay import CareStay


def enter_care(draws: Draws, number: int) -> CareStay:
    """A looked-after child: the period of care and the first episode open during the year."""
    r = draws.rnd
    stay = looked_after_child(draws, number)
    if stay.entrant:
        first_episode_of_entrant(draws, stay)
    else:
        first_episode_in_year(draws, stay)
    stay.place = place_for(draws, stay.age_at(stay.decom), stay.uasc)
    stay.adopt_track = not stay.uasc and (stay.ls == "E1" or (
        stay.ls in ("C1", "L1", "L2") and stay.age_at(stay.decom) < 4 and r() < 0.3))
    # An episode that began with a placement move alone (RNE P) has an older legal status.
    decom = stay.decom
    stay.ls_start = decom if stay.rne in ("S", "L", "T") else max(stay.start, decom - int(r() * 300))
    stay.first_ls = stay.ls
    if stay.adult <= draws.E:
        stay.end, stay.rec = stay.adult, draws.pick(AGED_OUT)
    return stay


def looked_after_child(draws: Draws, number: int) -> CareStay:
    """Sex, date of birth, UASC or not, and the start of the period of care."""
    r, S, E = draws.rnd, draws.S, draws.E
    uasc = r() < UASC
    if uasc:
        sex = "1" if r() < 0.93 else "2"
        dob = draws.dob_for((15.0, 18.9))
    else:
        sex = "1" if r() < 0.53 else "2"
        dob = draws.dob_for(draws.pick(LAC_AGE))
    adult = birthday(dob, 18)
    floor = max(dob + 1, birthday(dob, 14)) if uasc else dob + 1
    entrant = floor >= S or r() < (0.45 if uasc else LAC_ENTRANT)
    if entrant:
        first = max(S, floor)
        start = draws.between(first, max(first, min(E, adult - 1)))
    else:
        span = S - floor
        start = S - 1 - int((span - 1) * r() ** 1.4)  # skewed towards recent entries
    return CareStay(f"SYN{number:07d}", uasc, sex, dob, adult, entrant, start, postcode(draws, HOME_AREAS))


def first_episode_of_entrant(draws: Draws, stay: CareStay) -> None:
    """A child who starts care in the year: the legal status at entry."""
    young = stay.age_at(stay.start) < 5
    stay.decom, stay.rne = stay.start, "S"
    stay.ls = "V2" if stay.uasc else draws.pick(ENTRY_LS_YOUNG if young else ENTRY_LS)
    if stay.ls.startswith("J") and stay.age_at(stay.start) < 10:
        stay.ls = "V2"


def first_episode_in_year(draws: Draws, stay: CareStay) -> None:
    """A child already looked after on 1 April: the episode open then, which may be the first."""
    r, S, start = draws.rnd, draws.S, stay.start
    decom = start if r() < 0.3 else max(start, S - 1 - int(r() * 700))
    rne = "S" if decom == start else draws.pick(LATER_RNE)
    age = stay.age_at(decom)
    ls = "V2" if stay.uasc else draws.pick(
        CURRENT_LS_YOUNG if age < 5 else CURRENT_LS_OLDER if age >= 16 else CURRENT_LS)
    if ls == "E1" and age >= 9:
        ls = "C2"
    if ls == "E1" and decom == start:
        # Nobody enters care on a placement order: it follows a care order, months in.
        if S - start > 200:
            decom = max(start + draws.between(150, min(450, S - start - 1)), S - draws.between(30, 700))
            rne = "L"
            if stay.age_at(decom) >= 9:
                ls = "C2"
        else:
            ls = "C1"
    stay.decom, stay.rne, stay.ls = decom, rne, ls
