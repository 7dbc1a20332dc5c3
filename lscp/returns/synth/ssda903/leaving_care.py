"""Leaving care in the year, other than at 18 or by adoption, and the reason care ended (REC)."""

from __future__ import annotations

from lscp.returns.synth.draws import Draws
from lscp.returns.synth.ssda903.codes import LEAVE, LEAVE_16_PLUS, LEAVE_UASC
from lscp.returns.synth.ssda903.stay import CareStay


def leave_care(draws: Draws, stay: CareStay) -> None:
    """Some children not on the adoption track leave care during the year."""
    if stay.end <= draws.E:  # care already ends in the year (NEVER is later than any day)
        return
    leave = (0.4 if stay.first_ls == "V2" else 0.2) if stay.entrant else 0.08
    if stay.uasc:
        leave = 0.3
    if not stay.adopt_track and draws.rnd() < leave:
        day = draws.between(max(stay.decom + 1, draws.S), draws.E)
        if day < stay.end:
            stay.end = day
            age = stay.age_at(day)
            stay.rec = draws.pick(LEAVE_UASC if stay.uasc else LEAVE_16_PLUS if age >= 16 else LEAVE)
            if stay.rec == "E9" and age < 10:
                stay.rec = "E8"
